"""Abuse: hypothesis throws hostile text at the engine and at the real bot's handlers through the stand-in.

Arbitrary unicode, control characters, right-to-left overrides, zero-width characters, zalgo, 4,000-character
messages, mentions and markdown: nothing raises, every reply is one Discord accepts (2,000 characters of
content, embed and component limits), no reply can ping (`allowed_mentions` parses nothing on every body),
and user text quoted back is escaped so it can neither format nor ping.

The stand-in tests share one running bot across examples, so they keep to 50 examples each.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.engine import MAX_SUGGESTIONS, AnswerEngine
from bot.core.loader import load_knowledge
from bot.core.normalise import fold_typography
from bot.discord_adapter.cards import answer_card
from bot.discord_adapter.client import StoryBot
from bot.discord_adapter.exts.story import QUOTED_CHARS
from bot.discord_adapter.limits import user_text
from bot.discord_adapter.notices import NO_SUCH_TOPIC
from bot.discord_adapter.views import reply_view
from tests.reliability import AS_MODERATOR, NO_PINGS, assert_fits_discord, assert_inert, markup_of, message_body
from tests.standin import payloads
from tests.standin.payloads import BOT_ID, CHANNEL_ID, DM_CHANNEL_ID, MOD_ROLE_ID, MOD_USER_ID, USER_ID, Payload
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    ANSWER_CHANNEL_ID,
    CALLBACK,
    SHIPPED,
    TROOPS_QUESTION,
    eventually,
    mention,
    recorded_totals,
    story_bot,
)

RTL_AND_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad"
COMBINING_MARKS = st.characters(min_codepoint=0x300, max_codepoint=0x36F)
MENTIONS = (
    "@everyone",
    "@here",
    f"<@{USER_ID}>",
    f"<@!{MOD_USER_ID}>",
    f"<@&{MOD_ROLE_ID}>",
    f"<@{BOT_ID}>",
    f"<#{CHANNEL_ID}>",
    "@\u200beveryone",
)
MARKDOWN = (
    "*",
    "**",
    "_",
    "__",
    "~~",
    "||",
    "`",
    "```",
    "\\",
    "> ",
    ">>> ",
    "# ",
    "-# ",
    "- ",
    "[link](https://example.com)",
    "<https://example.com>",
    "https://example.com/*a*_b_",
    "\n",
    "\r\n",
    "[",
    "](",
    ")",
)
QUESTIONS = (TROOPS_QUESTION, "how many died", "kursk", "what did putin say", "is it legal")
MESSAGE_CHARS_WITH_NITRO = 4_000


def _zalgo(base: str, marks: list[str]) -> str:
    return base + "".join(marks)


PIECES = st.one_of(
    st.text(max_size=20),  # arbitrary unicode (no lone surrogates: Discord's UTF-8 JSON cannot carry them)
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=8),  # control and format characters
    st.text(st.sampled_from(RTL_AND_BIDI + ZERO_WIDTH), min_size=1, max_size=6),
    st.builds(_zalgo, st.characters(categories=["Ll", "Lu"]), st.lists(COMBINING_MARKS, min_size=3, max_size=30)),
    st.sampled_from(MENTIONS),
    st.sampled_from(MARKDOWN),
    st.sampled_from(QUESTIONS),
)
HOSTILE = st.lists(PIECES, max_size=25).map("".join)
FOUR_THOUSAND = HOSTILE.filter(bool).map(lambda text: (text * (MESSAGE_CHARS_WITH_NITRO // len(text) + 1))[:4_000])
MESSAGES = st.one_of(HOSTILE, FOUR_THOUSAND)

STAND_IN_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@cache
def engine() -> AnswerEngine:
    return AnswerEngine(load_knowledge(SHIPPED / "story.toml"))


# -- the engine and the cards it is rendered into ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(text=MESSAGES)
def test_engine_answers_or_abstains_on_any_text(text: str) -> None:
    reply = engine().ask(text)

    assert 0.0 <= reply.score <= 100.0
    if reply.answered:
        article = fold_typography(engine().knowledge.article)
        assert reply.citations and all(fold_typography(c.quote) in article for c in reply.citations)
    else:
        assert not reply.citations and len(reply.suggestions) <= MAX_SUGGESTIONS
    card = answer_card(reply)
    view = reply_view(reply, asker=2**64 - 1)
    components = view.to_components() if view is not None else []
    for embeds_allowed in (True, False):
        content, embeds = card.parts(embeds_allowed=embeds_allowed)
        body: Payload = {
            "content": content,
            "embeds": [embed.to_dict() for embed in embeds],
            "components": components,
            "allowed_mentions": NO_PINGS,
        }
        assert_fits_discord(body)


@settings(max_examples=300, deadline=None)
@given(text=MESSAGES)
def test_user_text_quoted_back_can_neither_ping_nor_format(text: str) -> None:
    shown = user_text(text, QUOTED_CHARS)

    assert len(shown) <= QUOTED_CHARS
    assert_inert(shown)


@pytest.mark.parametrize(
    "text",
    [
        "**bold** __underline__ ~~strike~~ ||spoiler|| `code`",
        "```py\nprint('escaped')\n```",
        "[click me](https://evil.example) and <https://evil.example>",
        "[a](https://example.com) [b](https://evil.example)",
        "[a](https://example.com) *[b](https://example.com) *[c](https://example.com)",
        "\\**still bold?**",
        "@everyone @here <@123456789012345678> <@!123456789012345678> <@&123456789012345678>",
        "# heading\n> quote\n- list\n-# small",
        "a\u202eevil\u202c b\u200bc" + "e\u0301\u0302\u0303" * 50,
    ],
    ids=[
        "markup",
        "code-block",
        "links",
        "two-links",
        "stars-between-links",
        "escaped-escape",
        "mentions",
        "line-starts",
        "bidi-zalgo",
    ],
)
def test_user_text_quoted_back_examples(text: str) -> None:
    assert_inert(user_text(text, QUOTED_CHARS))


def test_the_inert_check_catches_what_discord_would_format() -> None:
    for raw in ("**bold**", "a `code` b", "@everyone", "<@123456789012345678>", "[x](https://e.com)", "a\nb"):
        with pytest.raises(AssertionError):
            assert_inert(raw)
    assert markup_of(r"\*\*a\*\*") == "\0\0a\0\0"


# -- the message handler, through the stand-in --------------------------------------------------------------------


class HandlerErrors(logging.Handler):
    """Collects errors logged by discord.py and the bot while examples run: a handler must never raise."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def assert_none(self) -> None:
        assert not self.records, [record.getMessage() for record in self.records]


@dataclass(frozen=True)
class World:
    standin: StandInDiscord
    bot: StoryBot
    errors: HandlerErrors


@pytest.fixture
async def world(standin: StandInDiscord, tmp_path: Path) -> AsyncIterator[World]:
    errors = HandlerErrors()
    loggers = [logging.getLogger("discord"), logging.getLogger("bot")]
    for logger in loggers:
        logger.addHandler(errors)
    try:
        # A generous budget: these examples test what is said, not the cooldown.
        async with story_bot(standin, tmp_path, COOLDOWN_QUESTIONS=1_000, COOLDOWN_SECONDS=1) as bot:
            yield World(standin, bot, errors)
    finally:
        for logger in loggers:
            logger.removeHandler(errors)


def _replies_to(standin: StandInDiscord, message: Payload, since: int) -> list[Payload]:
    return [
        request.json
        for request in standin.requests[since:]
        if request.method == "POST"
        and isinstance(request.json, dict)
        and str((request.json.get("message_reference") or {}).get("message_id")) == message["id"]
    ]


async def _reply_arrives(standin: StandInDiscord, message: Payload, channel_id: int) -> None:
    """Wait for the bot's reply to `message` in `channel_id` (replies to other messages stay unclaimed)."""
    while True:
        request = await standin.wait_for_request("POST", rf"/channels/{channel_id}/messages")
        if str((request.json.get("message_reference") or {}).get("message_id")) == message["id"]:
            return


def _assert_every_body_is_safe(standin: StandInDiscord, since: int) -> None:
    for request in standin.requests[since:]:
        body = message_body(request)
        if body is not None:
            assert_fits_discord(body)
            shown = (body.get("content") or "") + str(body.get("embeds") or "")
            assert "@everyone" not in shown and "@here" not in shown and f"<@{USER_ID}>" not in shown


@STAND_IN_SETTINGS
@given(text=MESSAGES, where=st.sampled_from(["mention", "dm", "answer-channel"]))
async def test_message_handler_replies_safely_to_any_text(world: World, text: str, where: str) -> None:
    standin = world.standin
    since = len(standin.requests)
    if where == "mention":
        message, channel_id = mention(text), CHANNEL_ID
    elif where == "dm":
        message, channel_id = payloads.message_create(text, guild_id=None), DM_CHANNEL_ID
    else:
        message, channel_id = payloads.message_create(text, channel_id=ANSWER_CHANNEL_ID), ANSWER_CHANNEL_ID
    await standin.dispatch("MESSAGE_CREATE", message)
    if where == "answer-channel":
        # The bot may rightly say nothing: a question to the bot in the same channel marks the end.
        barrier = mention(TROOPS_QUESTION, channel_id=ANSWER_CHANNEL_ID)
        await standin.dispatch("MESSAGE_CREATE", barrier)
        await _reply_arrives(standin, barrier, channel_id)
        assert len(_replies_to(standin, message, since)) <= 1
    else:
        await _reply_arrives(standin, message, channel_id)  # addressed: always one reply
        assert len(_replies_to(standin, message, since)) == 1

    _assert_every_body_is_safe(standin, since)
    world.errors.assert_none()


def _quoted_topic(content: str) -> str:
    prefix, suffix = NO_SUCH_TOPIC.split("{topic}")
    assert content.startswith(prefix) and content.endswith(suffix), content
    return content[len(prefix) : len(content) - len(suffix)]


@STAND_IN_SETTINGS
@given(text=MESSAGES, name=st.sampled_from(["ask", "fact"]))
async def test_slash_commands_reply_safely_to_any_text(world: World, text: str, name: str) -> None:
    standin = world.standin
    since = len(standin.requests)
    option = "question" if name == "ask" else "topic"
    await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction(name, [payloads.option(option, text)]))
    callback = await standin.wait_for_request("POST", CALLBACK)

    body = message_body(callback)
    assert body is not None, callback.json
    assert_fits_discord(body)
    content = body.get("content") or ""
    if name == "fact" and content.startswith(NO_SUCH_TOPIC.split("{")[0]):
        quoted = _quoted_topic(content)
        assert quoted == user_text(text, QUOTED_CHARS)
        assert_inert(quoted)
    _assert_every_body_is_safe(standin, since)
    world.errors.assert_none()


@STAND_IN_SETTINGS
@given(text=MESSAGES)
async def test_autocomplete_offers_valid_choices_for_any_text(world: World, text: str) -> None:
    standin = world.standin
    interaction = payloads.autocomplete_interaction("fact", [payloads.option("topic", text, focused=True)])
    await standin.dispatch("INTERACTION_CREATE", interaction)
    callback = await standin.wait_for_request("POST", CALLBACK)

    assert callback.json["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    choices = callback.json["data"]["choices"]
    assert len(choices) <= 25
    assert all(1 <= len(choice["name"]) <= 100 and 1 <= len(choice["value"]) <= 100 for choice in choices)
    world.errors.assert_none()


async def test_unanswered_report_keeps_hostile_questions_in_their_code_block(world: World) -> None:
    standin = world.standin
    hostile = [
        "``` @everyone **escape the fence** ```",
        "what about <@&1100000000000000300> and ||spoilers|| ?",
        "\u202eevil bidi question about the weather\u202c",
        "z\u0301\u0302\u0303\u0304 zalgo " * 20,
    ]
    for text in hostile:
        message = mention(text)
        await standin.dispatch("MESSAGE_CREATE", message)
        await _reply_arrives(standin, message, CHANNEL_ID)

    async def all_recorded() -> bool:
        return (await recorded_totals(world.bot)).asked == len(hostile)

    await eventually(all_recorded)
    since = len(standin.requests)
    await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction("unanswered", [], **AS_MODERATOR))
    await standin.wait_for_request("POST", CALLBACK)
    followup = await standin.wait_for_request("POST", r"/webhooks/\d+/[^/]+")

    body = followup.json
    assert_fits_discord(body)
    description = body["embeds"][0]["description"]
    assert description.startswith("```") and description.endswith("```")
    assert description.count("```") == 2, "a question cannot close the code block early"
    assert "escape the fence" in description, "the questions are listed"
    _assert_every_body_is_safe(standin, since)
    world.errors.assert_none()
