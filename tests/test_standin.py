"""The Discord stand-in drives a real discord.py client end to end."""

from __future__ import annotations

import asyncio

import aiohttp
import discord
import discord.gateway
import discord.http
import pytest
import yarl
from discord import app_commands
from discord.ext import commands

from tests.standin import payloads
from tests.standin.fixtures import running_bot
from tests.standin.payloads import APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, MOD_ROLE_ID, USER_ID
from tests.standin.server import StandInDiscord

MESSAGES = r"/channels/\d+/messages"
CALLBACK = r"/interactions/\d+/[^/]+/callback"


def make_bot(intents: discord.Intents | None = None) -> commands.Bot:
    if intents is None:
        intents = discord.Intents.default()
        intents.message_content = True
    # on_ready fires guild_ready_timeout after the last GUILD_CREATE; the default 2 s would dominate every test.
    return commands.Bot(
        command_prefix="!",
        intents=intents,
        guild_ready_timeout=0.05,
        allowed_mentions=discord.AllowedMentions.none(),
    )


def text_channel(bot: discord.Client) -> discord.TextChannel:
    channel = bot.get_channel(CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    return channel


def test_discord_py_still_has_the_redirect_points() -> None:
    # The fixture redirects discord.py through these class attributes; an upgrade that moves them must fail here.
    assert "BASE" in vars(discord.http.Route)
    assert discord.http.Route.BASE.endswith("/api/v10")
    assert discord.http.INTERNAL_API_VERSION == 10
    assert isinstance(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY, yarl.URL)


async def test_route_base_is_read_per_route(standin: StandInDiscord) -> None:
    assert discord.http.Route("GET", "/users/@me").url == standin.api_base + "/users/@me"


async def test_bot_logs_in_and_caches_the_guild(standin: StandInDiscord) -> None:
    intents = discord.Intents.default()
    intents.members = True
    bot = make_bot(intents)
    async with running_bot(bot, standin):
        assert bot.user is not None and bot.user.id == BOT_ID
        assert bot.application_id == APP_ID
        guild = bot.get_guild(GUILD_ID)
        assert guild is not None and guild.chunked
        assert {r.id for r in guild.roles} >= {GUILD_ID, MOD_ROLE_ID}
        channel = text_channel(bot)
        assert channel.permissions_for(guild.me).send_messages
        assert not channel.permissions_for(guild.me).manage_messages

        identify = await standin.wait_for_frame(2)
        assert identify["d"]["intents"] == intents.value
        assert identify["d"]["token"] == "stand-in-token"

        # Member requests are answered with GUILD_MEMBERS_CHUNK.
        found = await guild.query_members(user_ids=[USER_ID])
        assert [m.id for m in found] == [USER_ID]


async def test_privileged_intents_refusal_surfaces(standin: StandInDiscord) -> None:
    standin.identify_close_code = 4014
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with running_bot(make_bot(), standin):
            pass


async def test_auto_sharded_bot_asks_for_the_shard_count(standin: StandInDiscord) -> None:
    bot = commands.AutoShardedBot(command_prefix="!", intents=discord.Intents.default(), guild_ready_timeout=0.05)
    async with running_bot(bot, standin):
        assert bot.shard_count == 1
        assert bot.get_guild(GUILD_ID) is not None

    await standin.wait_for_request("GET", "/gateway/bot")
    identify = await standin.wait_for_frame(2)
    assert identify["d"]["shard"] == [0, 1]


async def test_wrong_token_fails_login(standin: StandInDiscord) -> None:
    with pytest.raises(discord.LoginFailure):
        async with running_bot(make_bot(), standin, token="not-the-token"):
            pass


async def test_tree_sync_to_a_guild_lands_on_the_standin(standin: StandInDiscord) -> None:
    bot = make_bot()

    @bot.tree.command(description="Ask about the story")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.send_message(question)

    async with running_bot(bot, standin):
        guild = discord.Object(GUILD_ID)
        bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
        resynced = await bot.tree.sync(guild=guild)
        fetched = await bot.tree.fetch_commands(guild=guild)
        await bot.tree.sync()
        fetched_global = await bot.tree.fetch_commands()

    put = await standin.wait_for_request("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    assert [c["name"] for c in put.json] == ["ask"]
    assert [c.name for c in synced] == ["ask"]
    assert synced[0].id == int(standin.commands[GUILD_ID][0]["id"])
    assert synced[0].guild_id == GUILD_ID
    assert resynced[0].id == fetched[0].id == synced[0].id  # overwriting keeps ids, as on Discord
    assert [c.name for c in fetched_global] == ["ask"] and fetched_global[0].guild_id is None


async def test_mention_and_dm_get_replies(standin: StandInDiscord) -> None:
    bot = make_bot()

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        if bot.user in message.mentions or message.guild is None:
            await message.reply(f"hello {message.author.display_name}")

    async with running_bot(bot, standin):
        question = payloads.message_create(f"<@{BOT_ID}> what happened?", mentions=[payloads.bot_user()])
        await standin.dispatch("MESSAGE_CREATE", question)
        reply = await standin.wait_for_request("POST", rf"/channels/{CHANNEL_ID}/messages")

        await standin.dispatch("MESSAGE_CREATE", payloads.message_create("hi in private", guild_id=None))
        dm_reply = await standin.wait_for_request("POST", rf"/channels/{payloads.DM_CHANNEL_ID}/messages")

    assert reply.json["content"] == "hello reader"
    # The bot-wide AllowedMentions.none() reaches the wire: nobody is pinged, not even the author.
    assert reply.json["allowed_mentions"] == {"parse": []}
    assert str(reply.json["message_reference"]["message_id"]) == question["id"]
    assert reply.response["type"] == 19
    assert reply.response["referenced_message"]["id"] == question["id"]
    assert dm_reply.json["content"] == "hello reader"
    assert [r.response["id"] for r in standin.sent_messages] == [reply.response["id"], dm_reply.response["id"]]


async def test_slash_command_gets_a_callback_in_guild_and_dm(standin: StandInDiscord) -> None:
    bot = make_bot()
    responses: list[discord.InteractionCallbackResponse[discord.Client]] = []

    @bot.tree.command(description="Ask about the story")
    async def ask(interaction: discord.Interaction, question: str, detail: int = 1) -> None:
        where = "guild" if interaction.guild else "dm"
        perms = interaction.permissions.send_messages, interaction.app_permissions.embed_links
        callback = await interaction.response.send_message(f"{where} {question} {detail} {perms}", ephemeral=True)
        responses.append(callback)

    async with running_bot(bot, standin):
        options = [payloads.option("question", "who?"), payloads.option("detail", 2)]
        await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction("ask", options))
        guild_callback = await standin.wait_for_request("POST", CALLBACK)

        dm = payloads.command_interaction("ask", [payloads.option("question", "why?")], guild_id=None)
        await standin.dispatch("INTERACTION_CREATE", dm)
        dm_callback = await standin.wait_for_request("POST", CALLBACK)

    assert guild_callback.json["type"] == 4
    assert guild_callback.json["data"]["content"] == "guild who? 2 (True, True)"
    assert guild_callback.json["data"]["flags"] == 64
    assert dm_callback.json["data"]["content"] == "dm why? 1 (False, True)"
    assert standin.interaction_responses == [guild_callback, dm_callback]
    # discord.py parsed the with_response body into the created message.
    assert responses[0].message_id == int(guild_callback.response["resource"]["message"]["id"])
    assert responses[0].is_ephemeral()


async def test_subcommand_with_attachment_defers_and_follows_up(standin: StandInDiscord) -> None:
    bot = make_bot()
    story = app_commands.Group(name="story", description="Story tools")
    bot.tree.add_command(story, guild=discord.Object(GUILD_ID))

    @story.command(description="Summarize a file")
    async def summarize(interaction: discord.Interaction, file: discord.Attachment) -> None:
        await interaction.response.defer(thinking=True)
        text = (await file.read()).decode()
        followup = await interaction.followup.send(f"extra: {len(text)} chars", wait=True)
        await followup.edit(content="extra (edited)")
        assert (await interaction.followup.fetch_message(followup.id)).content == "extra (edited)"
        await followup.delete()
        await interaction.edit_original_response(content=f"summary of {file.filename}: {text}")
        original = await interaction.original_response()
        assert original.content.startswith("summary")
        await interaction.delete_original_response()

    async with running_bot(bot, standin):
        notes = standin.register_attachment("notes.txt", b"the river flooded")
        interaction = payloads.command_interaction(
            "story",
            [payloads.subcommand("summarize", payloads.option("file", notes["id"], type=11))],
            attachments=[notes],
            command_guild_id=GUILD_ID,
        )
        await standin.dispatch("INTERACTION_CREATE", interaction)
        deferred = await standin.wait_for_request("POST", CALLBACK)
        await standin.wait_for_request("GET", r"/attachments/\d+/notes\.txt")
        followup = await standin.wait_for_request("POST", rf"/webhooks/{APP_ID}/[^/]+")
        await standin.wait_for_request("PATCH", rf"/webhooks/{APP_ID}/[^/]+/messages/\d+")
        await standin.wait_for_request("GET", rf"/webhooks/{APP_ID}/[^/]+/messages/\d+")
        await standin.wait_for_request("DELETE", rf"/webhooks/{APP_ID}/[^/]+/messages/\d+")
        edit = await standin.wait_for_request("PATCH", rf"/webhooks/{APP_ID}/[^/]+/messages/@original")
        await standin.wait_for_request("GET", rf"/webhooks/{APP_ID}/[^/]+/messages/@original")
        await standin.wait_for_request("DELETE", rf"/webhooks/{APP_ID}/[^/]+/messages/@original")

    assert deferred.json == {"type": 5}
    assert followup.json["content"] == "extra: 17 chars"
    assert standin.followups == [followup]
    assert edit.json["content"] == "summary of notes.txt: the river flooded"
    assert edit.response["flags"] == 0  # the edit resolved the "thinking" state


async def test_autocomplete_gets_choices(standin: StandInDiscord) -> None:
    bot = make_bot()

    async def topics(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=t, value=t) for t in ("flood", "fire", "election") if t.startswith(current)]

    @bot.tree.command(description="Ask about the story")
    @app_commands.autocomplete(topic=topics)
    async def ask(interaction: discord.Interaction, topic: str) -> None:
        await interaction.response.send_message(topic)

    async with running_bot(bot, standin):
        typing = payloads.autocomplete_interaction("ask", [payloads.option("topic", "f", focused=True)])
        await standin.dispatch("INTERACTION_CREATE", typing)
        callback = await standin.wait_for_request("POST", CALLBACK)

    assert callback.json == {
        "type": 8,
        "data": {"choices": [{"name": "flood", "value": "flood"}, {"name": "fire", "value": "fire"}]},
    }


async def test_followup_before_responding_is_rejected(standin: StandInDiscord) -> None:
    bot = make_bot()
    errors: list[discord.HTTPException] = []

    @bot.tree.command(description="Ask about the story")
    async def ask(interaction: discord.Interaction) -> None:
        try:
            await interaction.followup.send("too early")
        except discord.NotFound as exc:
            errors.append(exc)
        await interaction.response.send_message("ok")

    async with running_bot(bot, standin):
        await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction("ask"))
        await standin.wait_for_request("POST", CALLBACK)

    assert [e.code for e in errors] == [10015]  # Unknown Webhook, as Discord answers
    assert standin.followups == []


async def test_handler_errors_fail_the_block(standin: StandInDiscord) -> None:
    bot = make_bot()
    handled = asyncio.Event()

    @bot.event
    async def on_message(message: discord.Message) -> None:
        try:
            raise ValueError("handler bug")
        finally:
            # discord.py logs the error before this task yields, so the test sees it once woken.
            handled.set()

    with pytest.raises(ExceptionGroup) as raised:
        async with running_bot(bot, standin):
            await standin.dispatch("MESSAGE_CREATE", payloads.message_create("trigger"))
            await asyncio.wait_for(handled.wait(), 5)

    assert [str(e) for e in raised.value.exceptions] == ["handler bug"]


class Confirm(discord.ui.View):
    def __init__(self, *, timeout: float | None) -> None:
        super().__init__(timeout=timeout)
        self.clicked_by: list[int] = []

    @discord.ui.button(label="Confirm", custom_id="story:confirm")
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button[Confirm]) -> None:
        self.clicked_by.append(interaction.user.id)
        await interaction.response.edit_message(content="confirmed", view=None)


async def test_button_reaches_a_persistent_view(standin: StandInDiscord) -> None:
    bot = make_bot()
    view = Confirm(timeout=None)
    bot.add_view(view)

    async with running_bot(bot, standin):
        # A message sent before a restart: only the custom_id ties it to the view.
        old = payloads.message("Confirm?", author=payloads.bot_user(), components=view.to_components())
        await standin.dispatch("INTERACTION_CREATE", payloads.component_interaction("story:confirm", old))
        callback = await standin.wait_for_request("POST", CALLBACK)

    assert view.clicked_by == [USER_ID]
    assert callback.json["type"] == 7
    assert callback.json["data"]["content"] == "confirmed"
    assert callback.json["data"]["components"] == []  # view=None strips the buttons
    assert standin.messages[int(old["id"])]["content"] == "confirmed"


async def test_button_reaches_a_view_on_a_sent_message(standin: StandInDiscord) -> None:
    bot = make_bot()
    clicks: list[str] = []

    class Vote(discord.ui.View):
        @discord.ui.button(label="Useful")
        async def useful(self, interaction: discord.Interaction, button: discord.ui.Button[Vote]) -> None:
            clicks.append(str(interaction.message.id if interaction.message else None))
            await interaction.response.send_message("thanks", ephemeral=True)

    async with running_bot(bot, standin):
        await text_channel(bot).send("Was this useful?", view=Vote(timeout=30))
        sent = (await standin.wait_for_request("POST", MESSAGES)).response
        click = payloads.component_interaction(payloads.custom_ids(sent)[0], sent)
        await standin.dispatch("INTERACTION_CREATE", click)
        callback = await standin.wait_for_request("POST", CALLBACK)

    assert clicks == [sent["id"]]
    assert callback.json["data"]["content"] == "thanks"


async def test_dropped_gateway_resumes_and_replays(standin: StandInDiscord) -> None:
    bot = make_bot()
    resumed: list[bool] = []

    @bot.event
    async def on_resumed() -> None:
        resumed.append(True)

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if not message.author.bot:
            await message.channel.send(f"echo {message.content}")

    async with running_bot(bot, standin):
        await standin.drop_connection()
        # Sent while the bot is away: Discord (and the stand-in) replay it after RESUME.
        await standin.dispatch("MESSAGE_CREATE", payloads.message_create("are you there?"))
        resume = await standin.wait_for_frame(6)
        reply = await standin.wait_for_request("POST", MESSAGES)

    assert resume["d"]["seq"] >= 2  # READY + GUILD_CREATE were seen before the drop
    assert reply.json["content"] == "echo are you there?"
    assert resumed == [True]
    assert [f["op"] for f in standin.gateway_frames].count(2) == 1  # resumed, not re-identified


async def test_rate_limited_send_is_retried_and_delivered(standin: StandInDiscord) -> None:
    standin.fail_next("POST", MESSAGES, 429, retry_after=0.2)
    bot = make_bot()
    async with running_bot(bot, standin):
        message = await text_channel(bot).send("after the limit")

    limited = await standin.wait_for_request("POST", MESSAGES)
    delivered = await standin.wait_for_request("POST", MESSAGES)
    assert limited.status == 429 and limited.response["retry_after"] == 0.2
    assert delivered.status == 200
    assert delivered.time - limited.time >= 0.2
    assert message.id == int(delivered.response["id"])


async def test_server_errors(standin: StandInDiscord) -> None:
    bot = make_bot()
    async with running_bot(bot, standin):
        channel = text_channel(bot)
        # discord.py retries a 500 itself after 1 s, so a single one never reaches the bot.
        standin.fail_next("POST", MESSAGES, 500)
        await channel.send("survives a 500")
        # 503 is not retried: it surfaces at once.
        standin.fail_next("POST", MESSAGES, 503)
        with pytest.raises(discord.DiscordServerError) as server_error:
            await channel.send("lost")
        standin.fail_next("POST", MESSAGES, 403, code=50013)
        with pytest.raises(discord.Forbidden) as forbidden:
            await channel.send("forbidden")

    assert isinstance(server_error.value, discord.HTTPException) and server_error.value.status == 503
    assert forbidden.value.code == 50013
    assert [r.status for r in standin.requests if r.path.endswith("/messages")] == [500, 200, 503, 403]


async def test_rest_routes_round_trip(standin: StandInDiscord) -> None:
    bot = make_bot()
    async with running_bot(bot, standin):
        channel = text_channel(bot)
        async with channel.typing():
            message = await channel.send("draft", file=discord.File(__file__, filename="source.py"))
        await message.add_reaction("\N{THUMBS UP SIGN}")
        await message.remove_reaction("\N{THUMBS UP SIGN}", discord.Object(USER_ID))
        edited = await message.edit(content="final")
        fetched = await channel.fetch_message(message.id)
        fetched_channel = await bot.fetch_channel(CHANNEL_ID)
        await message.delete()
        user = await bot.fetch_user(USER_ID)
        await user.send("a private note")
        app = await bot.http.request(discord.http.Route("GET", "/applications/@me"))
        gone = discord.MessageReference(message_id=message.id, channel_id=CHANNEL_ID)
        with pytest.raises(discord.HTTPException) as unknown_reference:
            await channel.send("reply to a deleted message", reference=gone)
        gone.fail_if_not_exists = False
        unreferenced = await channel.send("sent anyway", reference=gone)
        with pytest.raises(discord.NotFound):
            await bot.get_guild(GUILD_ID).fetch_ban(discord.Object(USER_ID))  # type: ignore[union-attr]

    assert app["id"] == str(APP_ID)
    assert unknown_reference.value.status == 400 and unknown_reference.value.code == 50035
    assert unreferenced.reference is None
    upload = standin.sent_messages[0]
    assert upload.files[0].filename == "source.py" and upload.files[0].data.startswith(b'"""')
    assert upload.json["attachments"] == [{"id": 0, "filename": "source.py"}]
    assert edited.content == fetched.content == "final"
    assert edited.attachments[0].filename == "source.py"
    assert fetched_channel.id == CHANNEL_ID
    dm = standin.dm_channels[USER_ID]
    assert standin.sent_messages[1].response["channel_id"] == dm["id"]
    assert [str(r) for r in standin.unhandled] == [f"GET /guilds/{GUILD_ID}/bans/{USER_ID} -> 404"]
    assert {r.path for r in standin.requests if r.method in ("PUT", "DELETE")} == {
        f"/channels/{CHANNEL_ID}/messages/{message.id}/reactions/\N{THUMBS UP SIGN}/@me",
        f"/channels/{CHANNEL_ID}/messages/{message.id}/reactions/\N{THUMBS UP SIGN}/{USER_ID}",
        f"/channels/{CHANNEL_ID}/messages/{message.id}",
    }
    assert any(r.path == f"/channels/{CHANNEL_ID}/typing" for r in standin.requests)


async def test_attachment_route_serves_registered_bytes(standin: StandInDiscord) -> None:
    attachment = standin.register_attachment("article.md", b"# Flood\n", content_type="text/markdown")
    async with aiohttp.ClientSession() as session:
        async with session.get(attachment["url"]) as response:
            assert response.status == 200
            assert response.content_type == "text/markdown"
            assert await response.read() == b"# Flood\n"
        async with session.get(f"{standin.url}/attachments/1/missing.txt") as missing:
            assert missing.status == 404
    assert attachment["size"] == 8 and attachment["filename"] == "article.md"
