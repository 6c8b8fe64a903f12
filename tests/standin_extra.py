"""What the bot's tests need on top of the stand-in: the bot on a copy of the knowledge, and small waits.

Kept apart from tests/standin/ (a general Discord stand-in) because everything here knows storybot.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.core.engine import AnswerEngine
from bot.core.loader import load_knowledge
from bot.core.store import KnowledgeStore
from bot.discord_adapter.client import StoryBot, build_bot
from bot.records.database import Totals
from bot.settings import Settings
from tests.standin import payloads
from tests.standin.fixtures import running_bot
from tests.standin.payloads import (
    BOT_ID,
    CHANNEL_ID,
    GUILD_ID,
    MOD_PERMISSIONS,
    MOD_ROLE_ID,
    OTHER_CHANNEL_ID,
    Payload,
)
from tests.standin.server import RecordedRequest, StandInDiscord

SHIPPED = Path(__file__).resolve().parents[1] / "knowledge"
TOKEN = "stand-in-token"
RECORDS_FILE = "records.sqlite3"
MODERATOR_COMMANDS = {"reload", "unanswered", "stats"}
COMMANDS = {"ask", "facts", "fact", "sources", "about"} | MODERATOR_COMMANDS
# Interaction context for a member holding the moderator role.
MODERATOR = {"user_payload": payloads.moderator_user(), "roles": [MOD_ROLE_ID], "permissions": MOD_PERMISSIONS}
ANSWER_CHANNEL_ID = OTHER_CHANNEL_ID
MESSAGES = r"/channels/\d+/messages"
CALLBACK = r"/interactions/\d+/[^/]+/callback"
FOLLOWUP = r"/webhooks/\d+/[^/]+"
# on_ready fires this long after the last GUILD_CREATE; discord.py's default (2 s) would dominate every test.
GUILD_READY_TIMEOUT = 0.05
MESSAGE_CONTENT_INTENT = discord.Intents(message_content=True).value
# How often `eventually` looks again: work the bot does after replying lands within milliseconds.
POLL_SECONDS = 0.01

TROOPS_QUESTION = "how many troops did north korea send?"
TROOPS_QUOTE = (
    "North Korea has publicly acknowledged deploying 11,000-12,000 troops to support Russian forces in Ukraine, "
    "marking its first official admission of direct military involvement."
)
VAGUE_QUESTION = "troops"  # no answer, three suggestions
# The shipped answer to TROOPS_QUESTION, and the one `changed_text` gives it.
OLD_ANSWER = "Between 11,000 and 12,000."
NEW_ANSWER = "Roughly 11,000 to 12,000."


def knowledge_copy(folder: Path) -> Path:
    """Copy the shipped knowledge file and its article into `folder`; return the copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("story.toml", "article.txt"):
        shutil.copy(SHIPPED / name, folder / name)
    return folder / "story.toml"


@cache
def _shipped_engine() -> AnswerEngine:
    # Built once per test run: the engine is immutable, and building it is the slow part of a bot's start.
    return AnswerEngine(load_knowledge(SHIPPED / "story.toml"))


def bot_settings(knowledge_file: Path, **overrides: Any) -> Settings:
    """Settings for the stand-in's world: its guild synced, its #news an answer channel, its moderator role.

    The records database sits beside the knowledge copy, never in the working directory.
    """
    values: dict[str, Any] = {
        "DISCORD_TOKEN": TOKEN,
        "KNOWLEDGE_FILE": knowledge_file,
        "DATABASE_FILE": knowledge_file.parent / RECORDS_FILE,
        "GUILD_IDS": [GUILD_ID],
        "ANSWER_CHANNEL_IDS": [ANSWER_CHANNEL_ID],
        "MODERATOR_ROLE_IDS": [MOD_ROLE_ID],
    }
    return Settings.model_validate(values | overrides)


def changed_text(path: Path) -> str:
    """The knowledge file at `path` with one entry changed: troop-count's answer."""
    return path.read_text(encoding="utf-8").replace(OLD_ANSWER, NEW_ANSWER)


def broken_text(path: Path) -> str:
    """Two problems: an entry id that breaks the pattern, and a misspelt field in another entry."""
    text = path.read_text(encoding="utf-8").replace('id = "troop-count"', 'id = "Troop Count!"')
    return text.replace("\nkey = true", '\nkey = "maybe"', 1)


def story_store(knowledge_file: Path) -> KnowledgeStore:
    """A store serving the shipped knowledge, reading and writing `knowledge_file` on reload."""
    return KnowledgeStore(knowledge_file, _shipped_engine())


@asynccontextmanager
async def story_bot(standin: StandInDiscord, tmp_path: Path, **overrides: Any) -> AsyncIterator[StoryBot]:
    """Run the real bot against the stand-in, on a copy of the knowledge in `tmp_path`."""
    knowledge_file = knowledge_copy(tmp_path / "knowledge")
    settings = bot_settings(knowledge_file, **overrides)
    bot = build_bot(settings, story_store(knowledge_file), guild_ready_timeout=GUILD_READY_TIMEOUT)
    async with running_bot(bot, standin, TOKEN) as running:
        yield running


def mention(text: str, **context: Any) -> Payload:
    """A guild message that mentions the bot, then says `text`."""
    return payloads.message_create(f"<@{BOT_ID}> {text}", mentions=[payloads.bot_user()], **context)


async def reply_to(standin: StandInDiscord, message: Payload, channel_id: int = CHANNEL_ID) -> RecordedRequest:
    """Dispatch a MESSAGE_CREATE and return the bot's message in `channel_id`."""
    await standin.dispatch("MESSAGE_CREATE", message)
    return await standin.wait_for_request("POST", rf"/channels/{channel_id}/messages")


async def command(standin: StandInDiscord, name: str, *options: Payload, **context: Any) -> RecordedRequest:
    """Run a slash command and return the interaction callback."""
    await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction(name, options, **context))
    return await standin.wait_for_request("POST", CALLBACK)


async def deferred_command(standin: StandInDiscord, name: str, *options: Payload, **context: Any) -> Payload:
    """Run a slash command that defers, and return the body of its follow-up."""
    deferral = await command(standin, name, *options, **context)
    assert deferral.json["type"] == 5, deferral.json
    followup = await standin.wait_for_request("POST", FOLLOWUP)
    body: Payload = followup.json
    return body


async def answer_to_troops_question(standin: StandInDiscord) -> str:
    """Ask TROOPS_QUESTION with a mention and return the answer's text."""
    sent = await reply_to(standin, mention(TROOPS_QUESTION))
    return str(sent.json["embeds"][0]["description"])


async def assert_silent(standin: StandInDiscord, event: Payload) -> None:
    """Dispatch `event`, then a question the bot must answer: the answer must be the only message sent."""
    before = len(standin.sent_messages)
    await standin.dispatch("MESSAGE_CREATE", event)
    barrier = mention(TROOPS_QUESTION)
    await reply_to(standin, barrier)
    sent = standin.sent_messages[before:]
    assert [str(r.json["message_reference"]["message_id"]) for r in sent] == [barrier["id"]]


def refuse_message_content(standin: StandInDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the stand-in close with 4014, as Discord does, when IDENTIFY asks for message content."""
    identify: Callable[[Any, Payload], Awaitable[None]] = standin._identify

    async def strict_identify(ws: Any, data: Payload) -> None:
        if data["intents"] & MESSAGE_CONTENT_INTENT:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        await identify(ws, data)

    monkeypatch.setattr(standin, "_identify", strict_identify)


def embed_text(body: Payload) -> str:
    """Every string of a message body's embeds, joined: what a reader sees in them."""
    parts: list[str] = []
    for embed in body.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{field['name']}\n{field['value']}" for field in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(parts)


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 2.0) -> None:  # noqa: ASYNC109
    """Wait until `check()` holds: for what the bot does after it has replied (records, reloads)."""
    async with asyncio.timeout(timeout):
        # Polling: the bot signals nothing when its after-reply work is done, and tests must not wait on sleeps.
        while not await check():  # noqa: ASYNC110
            await asyncio.sleep(POLL_SECONDS)


async def recorded_totals(bot: StoryBot) -> Totals:
    """What the bot has recorded today, read in its records thread."""
    worker = bot.records
    return await worker.call(worker.records.totals, datetime.now(UTC) - timedelta(days=1))
