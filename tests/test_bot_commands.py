"""Slash commands, their autocomplete, their sync and their shared error handler, through the stand-in."""

from __future__ import annotations

import logging
from pathlib import Path

import discord
import pytest

from bot.discord_adapter.client import StoryBot
from bot.discord_adapter.notices import APOLOGY
from tests.standin import payloads
from tests.standin.payloads import APP_ID, BOT_PERMISSIONS, EPHEMERAL, GUILD_ID
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    CALLBACK,
    COMMANDS,
    MODERATOR_COMMANDS,
    TROOPS_QUESTION,
    TROOPS_QUOTE,
    VAGUE_QUESTION,
    command,
    embed_text,
    story_bot,
)


async def test_commands_are_synced_to_guild_ids_at_start(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        put = await standin.wait_for_request("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")

    synced = {c["name"]: c for c in put.json}
    assert set(synced) == COMMANDS
    assert {c["name"] for c in standin.commands[GUILD_ID]} == COMMANDS
    assert None not in standin.commands  # nothing synced globally at start-up
    manage_guild = discord.Permissions(manage_guild=True).value
    for name in MODERATOR_COMMANDS:
        assert int(synced[name]["default_member_permissions"]) == manage_guild, name
        assert synced[name]["contexts"] == [0], name  # guild only
    assert all(c["description"] and c["description"] != "…" for c in put.json)
    assert all(option["description"] != "…" for c in put.json for option in c.get("options", []))


async def test_ask_answers_publicly_with_the_quote(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        callback = await command(standin, "ask", payloads.option("question", TROOPS_QUESTION))

    assert callback.json["type"] == 4
    data = callback.json["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    assert TROOPS_QUOTE in embed_text(data)
    assert data["allowed_mentions"] == {"parse": []}


async def test_ask_privately_with_suggestions(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        options = [payloads.option("question", VAGUE_QUESTION), payloads.option("private", True)]
        callback = await command(standin, "ask", *options)

    data = callback.json["data"]
    assert data["flags"] & EPHEMERAL
    assert "I don't know" in embed_text(data)
    assert len(payloads.custom_ids(data)) == 3


async def test_ask_with_small_talk_gets_a_private_hint(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        callback = await command(standin, "ask", payloads.option("question", "thanks!"))

    data = callback.json["data"]
    assert data["flags"] & EPHEMERAL
    assert data["content"].startswith("Ask me anything about")


async def test_ask_in_plain_text_without_embed_links(standin: StandInDiscord, tmp_path: Path) -> None:
    no_embeds = BOT_PERMISSIONS & ~discord.Permissions(embed_links=True).value
    async with story_bot(standin, tmp_path):
        callback = await command(
            standin, "ask", payloads.option("question", TROOPS_QUESTION), app_permissions=no_embeds
        )

    data = callback.json["data"]
    assert data["embeds"] == []
    assert f"> {TROOPS_QUOTE}" in data["content"]


async def test_ask_shares_the_cooldown_and_reports_it_privately(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path, COOLDOWN_QUESTIONS=1, COOLDOWN_SECONDS=30):
        await command(standin, "ask", payloads.option("question", TROOPS_QUESTION))
        refused = await command(standin, "ask", payloads.option("question", TROOPS_QUESTION))

    assert refused.json["data"]["flags"] & EPHEMERAL
    assert refused.json["data"]["content"] == "You're asking quickly: try again in 30 s."


async def test_facts_lists_key_facts_with_sources(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        callback = await command(standin, "facts")
        key_facts = bot.store.knowledge.key_entries

    [embed] = callback.json["data"]["embeds"]
    assert embed["title"].startswith("Key facts: ")
    lines = embed["description"].splitlines()
    assert len(lines) == len(key_facts)
    assert lines[0].startswith(f"- {key_facts[0].answer} (")


async def test_fact_autocomplete_offers_topics_and_entries(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        typing = payloads.autocomplete_interaction("fact", [payloads.option("topic", "", focused=True)])
        await standin.dispatch("INTERACTION_CREATE", typing)
        everything = await standin.wait_for_request("POST", CALLBACK)
        typing = payloads.autocomplete_interaction("fact", [payloads.option("topic", "numbrs", focused=True)])
        await standin.dispatch("INTERACTION_CREATE", typing)
        narrowed = await standin.wait_for_request("POST", CALLBACK)

    assert everything.json["type"] == 8
    choices = everything.json["data"]["choices"]
    assert len(choices) == 25  # Discord's maximum, though there are more topics and entries
    assert choices[0] == {"name": "Topic: Confirmation", "value": "topic:Confirmation"}
    assert narrowed.json["data"]["choices"][0]["value"] == "topic:Numbers and losses"


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("topic:Numbers and losses", "Numbers and losses"),  # a topic from the list: its facts
        ("troop-count", "How many North Korean troops were sent to Russia?"),  # an entry: its answer
        ("numbers and loses", "Numbers and losses"),  # typed by hand, with a typo
    ],
)
async def test_fact_shows_a_topic_or_an_entry(
    standin: StandInDiscord, tmp_path: Path, topic: str, expected: str
) -> None:
    async with story_bot(standin, tmp_path):
        callback = await command(standin, "fact", payloads.option("topic", topic))

    assert callback.json["data"]["embeds"][0]["title"] == expected


async def test_fact_with_no_match_quotes_the_topic_back_escaped(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        callback = await command(standin, "fact", payloads.option("topic", "@everyone **zzzz**"))

    data = callback.json["data"]
    assert data["flags"] & EPHEMERAL
    assert "@\u200beveryone" in data["content"] and "\\*\\*zzzz\\*\\*" in data["content"]


async def test_sources_lists_published_sources_with_links(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        callback = await command(standin, "sources")

    description = callback.json["data"]["embeds"][0]["description"]
    assert "- [Putin thanks North Korea" in description
    assert "(https://t.co/7nejek4blU) (Military.com)" in description
    assert "Seoul labels North Korea’s role in Ukraine war" in description


async def test_about_says_what_the_bot_knows(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        callback = await command(standin, "about")
        knowledge = bot.store.knowledge

    [embed] = callback.json["data"]["embeds"]
    assert embed["title"] == knowledge.data.story.title
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Questions"] == str(len(knowledge.entries))
    assert fields["Loaded"].startswith("<t:")


async def test_unexpected_error_is_logged_and_the_user_gets_an_apology(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(question: str) -> None:
        raise RuntimeError("engine exploded")

    async with story_bot(standin, tmp_path) as bot:
        assert isinstance(bot, StoryBot)
        monkeypatch.setattr(bot.store.engine, "ask", broken)
        with caplog.at_level(logging.ERROR, logger="bot"):
            callback = await command(standin, "ask", payloads.option("question", TROOPS_QUESTION))

    data = callback.json["data"]
    assert (data["content"], data["flags"], data["allowed_mentions"]) == (APOLOGY, EPHEMERAL, {"parse": []})
    [record] = [r for r in caplog.records if r.name == "bot.discord_adapter.errors"]
    assert record.exc_info is not None
    assert "engine exploded" in str(record.exc_info[1].__cause__ if record.exc_info[1] else None)
