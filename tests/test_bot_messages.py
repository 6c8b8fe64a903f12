"""Questions in channels, answered by the real bot through the stand-in Discord."""

from __future__ import annotations

import json
from pathlib import Path

import discord

from bot.discord_adapter.views import CUSTOM_ID_PREFIX
from tests.standin import payloads
from tests.standin.payloads import BOT_ID, BOT_ROLE_ID, CHANNEL_ID, DM_CHANNEL_ID, EPHEMERAL, MOD_ROLE_ID
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    ANSWER_CHANNEL_ID,
    CALLBACK,
    TROOPS_QUESTION,
    TROOPS_QUOTE,
    VAGUE_QUESTION,
    assert_silent,
    embed_text,
    eventually,
    mention,
    recorded_totals,
    reply_to,
    story_bot,
)


async def test_mention_gets_an_answer_embed_with_the_verbatim_quote(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        question = mention(TROOPS_QUESTION)
        sent = await reply_to(standin, question)

    body = sent.json
    assert body["allowed_mentions"] == {"parse": []}
    assert str(body["message_reference"]["message_id"]) == question["id"]
    [embed] = body["embeds"]
    assert embed["title"] == "How many North Korean troops were sent to Russia?"
    assert embed["description"].startswith("Between 11,000 and 12,000.")
    assert f"> {TROOPS_QUOTE}" in [field["value"] for field in embed["fields"]]
    assert embed["fields"][0]["name"] == "N Korea confirms it sent troops to fight for Russia in Ukraine war"
    assert embed["footer"]["text"].startswith("troop-count · match ")
    assert not body.get("content")


async def test_source_link_is_shown_when_the_article_gives_one(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        sent = await reply_to(standin, mention("what did putin say about the troops?"))

    fields = [f for f in sent.json["embeds"][0]["fields"] if f["name"].endswith("(Military.com)")]
    assert fields and all("(https://t.co/7nejek4blU)" in f["value"] for f in fields)


async def test_chatter_and_unanswerable_questions_in_an_answer_channel_get_silence(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path):
        too_long = (TROOPS_QUESTION + " ") * 60
        for text in ["lol same", "what is the weather like in paris today?", too_long[:2_000]]:
            await assert_silent(standin, payloads.message_create(text, channel_id=ANSWER_CHANNEL_ID))
        answered = await reply_to(
            standin, payloads.message_create(TROOPS_QUESTION, channel_id=ANSWER_CHANNEL_ID), ANSWER_CHANNEL_ID
        )

    assert TROOPS_QUOTE in embed_text(answered.json)


async def test_questions_outside_answer_channels_need_a_mention(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        await assert_silent(standin, payloads.message_create(TROOPS_QUESTION, channel_id=CHANNEL_ID))


async def test_dm_gets_an_answer(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        sent = await reply_to(standin, payloads.message_create(TROOPS_QUESTION, guild_id=None), DM_CHANNEL_ID)

    assert TROOPS_QUOTE in embed_text(sent.json)
    assert sent.json["allowed_mentions"] == {"parse": []}


async def test_reply_to_an_answer_is_a_question(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        first = await reply_to(standin, mention(TROOPS_QUESTION))
        follow_up = payloads.message_create("and how many of them died?", referenced_message=first.response)
        second = await reply_to(standin, follow_up)

    assert second.json["embeds"][0]["footer"]["text"].startswith("casualties ")


async def test_mentioning_the_bots_role_addresses_it(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        question = payloads.message_create(f"<@&{BOT_ROLE_ID}> {TROOPS_QUESTION}", mention_roles=[BOT_ROLE_ID])
        sent = await reply_to(standin, question)

    assert TROOPS_QUOTE in embed_text(sent.json)


async def test_unknown_question_offers_suggestion_buttons_that_answer_in_place(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path):
        sent = await reply_to(standin, mention(VAGUE_QUESTION))
        buttons = payloads.custom_ids(sent.response)
        click = payloads.component_interaction(buttons[0], sent.response)
        await standin.dispatch("INTERACTION_CREATE", click)
        callback = await standin.wait_for_request("POST", CALLBACK)

    assert "I don't know" in sent.json["embeds"][0]["description"]
    assert len(buttons) == 3 and all(b.startswith(CUSTOM_ID_PREFIX) for b in buttons)
    assert callback.json["type"] == 7  # UPDATE_MESSAGE: the answer replaces the "I don't know"
    data = callback.json["data"]
    entry_id = buttons[0].removeprefix(CUSTOM_ID_PREFIX).split(":")[0]
    assert data["content"] is None
    assert data["embeds"][0]["footer"]["text"].startswith(entry_id + " ")
    assert payloads.custom_ids(data) == [f"storybot:vote:up:{entry_id}", f"storybot:vote:down:{entry_id}"]
    assert data["allowed_mentions"] == {"parse": []}


async def test_a_suggestion_clicked_by_someone_else_answers_them_alone(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        sent = await reply_to(standin, mention(VAGUE_QUESTION))
        button = payloads.custom_ids(sent.response)[0]
        other = payloads.component_interaction(button, sent.response, user_payload=payloads.moderator_user())
        await standin.dispatch("INTERACTION_CREATE", other)
        private = await standin.wait_for_request("POST", CALLBACK)
        # A button sent before the asker was written in it still turns the message, whoever clicks.
        old, asker = button.rsplit(":", 1)
        before = json.loads(json.dumps(sent.response).replace(f":{asker}", ""))
        await standin.dispatch("INTERACTION_CREATE", payloads.component_interaction(old, before))
        in_place = await standin.wait_for_request("POST", CALLBACK)

    assert private.json["type"] == 4 and private.json["data"]["flags"] & EPHEMERAL  # the asker's message stays
    entry_id = old.removeprefix(CUSTOM_ID_PREFIX)
    assert private.json["data"]["embeds"][0]["footer"]["text"].startswith(entry_id + " ")
    assert payloads.custom_ids(private.json["data"]) == [
        f"storybot:vote:up:{entry_id}",
        f"storybot:vote:down:{entry_id}",
    ]
    assert in_place.json["type"] == 7


async def test_cooldown_limits_questions_per_user(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path, COOLDOWN_QUESTIONS=2, COOLDOWN_SECONDS=60):
        replies = [await reply_to(standin, mention(TROOPS_QUESTION)) for _ in range(3)]
        other_user = payloads.user(payloads.MOD_USER_ID, "moderator")
        other = await reply_to(standin, mention(TROOPS_QUESTION, author=other_user))

    assert [bool(r.json.get("embeds")) for r in replies] == [True, True, False]
    assert "try again in 60 s" in replies[2].json["content"]
    assert other.json["embeds"]  # the budget is per user


async def test_a_2000_character_message_is_refused_politely(standin: StandInDiscord, tmp_path: Path) -> None:
    text = ("how many troops did north korea send " * 60)[: 2_000 - len(f"<@{BOT_ID}> ")]
    question = mention(text)
    assert len(question["content"]) == 2_000  # Discord's longest message
    async with story_bot(standin, tmp_path):
        sent = await reply_to(standin, question)

    assert sent.json["content"] == "That's a long one: please ask in under 500 characters."
    assert sent.json["allowed_mentions"] == {"parse": []}


async def test_everyone_and_role_mentions_ping_no_one(standin: StandInDiscord, tmp_path: Path) -> None:
    text = f"@everyone <@&{MOD_ROLE_ID}> {TROOPS_QUESTION}"
    async with story_bot(standin, tmp_path):
        question = mention(text, mention_everyone=True, mention_roles=[MOD_ROLE_ID])
        answer = await reply_to(standin, question)
        hint = await reply_to(standin, mention("@everyone", mention_everyone=True))

    for sent in (answer, hint):
        assert sent.json["allowed_mentions"] == {"parse": []}
        assert "@everyone" not in json.dumps(sent.json)
        assert f"<@&{MOD_ROLE_ID}>" not in json.dumps(sent.json)
    assert TROOPS_QUOTE in embed_text(answer.json)
    assert hint.json["content"].startswith("Ask me anything about")


async def test_small_talk_gets_a_hint_and_is_not_recorded(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        sent = await reply_to(standin, mention("thanks bot!"))
        await reply_to(standin, mention(TROOPS_QUESTION))  # a barrier: recorded after the hint would be

        async def question_recorded() -> bool:
            return (await recorded_totals(bot)).asked >= 1

        await eventually(question_recorded)
        totals = await recorded_totals(bot)

    assert sent.json["content"].startswith("Ask me anything about")
    assert not sent.json.get("embeds")
    assert totals.asked == 1


async def test_plain_text_fallback_without_embed_links(standin: StandInDiscord, tmp_path: Path) -> None:
    no_embeds = {
        "id": str(BOT_ROLE_ID),
        "type": 0,
        "allow": "0",
        "deny": str(discord.Permissions(embed_links=True).value),
    }
    channel = payloads.text_channel(overwrites=[no_embeds])
    standin.guilds = [payloads.guild(channels=[channel])]
    async with story_bot(standin, tmp_path):
        sent = await reply_to(standin, mention(TROOPS_QUESTION))

    assert sent.json["embeds"] == []
    content = sent.json["content"]
    assert content.startswith("Between 11,000 and 12,000.")
    assert f"> {TROOPS_QUOTE}" in content
    assert "[troop-count · match" in content
    assert len(content) <= 2_000


async def test_other_bots_and_system_messages_are_ignored(standin: StandInDiscord, tmp_path: Path) -> None:
    other_bot = payloads.user(payloads.new_id(), "otherbot", bot=True)
    async with story_bot(standin, tmp_path):
        await assert_silent(standin, mention(TROOPS_QUESTION, author=other_bot))
        pinned = mention(TROOPS_QUESTION)
        pinned["type"] = 6  # "pinned a message"
        await assert_silent(standin, pinned)
