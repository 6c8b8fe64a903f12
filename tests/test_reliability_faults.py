"""Faults through the stand-in: a dropped gateway, rate limits, server errors and slow work.

- The gateway drops mid-session: the bot resumes (or, when the session cannot be resumed, identifies
  again) and answers the next question; a question sent while it was away is replayed and answered.
- REST answers 429 with a retry-after: the reply is delivered once the wait is over.
- One REST 503 or 500: logged, and the bot keeps serving the next question.
- Slow work behind an interaction: the bot defers inside Discord's 3-second window, before the work ends.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, TypeVar

import discord
import pytest

from bot.discord_adapter.notices import APOLOGY
from tests.reliability import (
    AS_MODERATOR,
    DEFERRED,
    assert_fits_discord,
    command_payload,
    sample_options,
    walk_commands,
)
from tests.standin import payloads
from tests.standin.payloads import CHANNEL_ID, Payload
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    CALLBACK,
    FOLLOWUP,
    MESSAGES,
    TROOPS_QUESTION,
    TROOPS_QUOTE,
    embed_text,
    mention,
    reply_to,
    story_bot,
)

T = TypeVar("T")
RESUME = 6
IDENTIFY = 2
INVALID_SESSION = 9
RETRY_AFTER = 0.4
DISCORD_RESPONSE_WINDOW = 3.0
# Every job the bot hands to a thread takes this long in the slow-work test.
SLOW_SECONDS = 0.6


def _answered(sent: Payload) -> bool:
    return TROOPS_QUOTE in embed_text(sent)


# -- the gateway ---------------------------------------------------------------------------------------------------


async def test_dropped_gateway_resumes_and_answers_the_next_question(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        before = await reply_to(standin, mention(TROOPS_QUESTION))
        await standin.drop_connection()
        await standin.wait_for_frame(RESUME)
        after = await reply_to(standin, mention(TROOPS_QUESTION))

    assert _answered(before.json) and _answered(after.json)
    assert [frame["op"] for frame in standin.gateway_frames].count(IDENTIFY) == 1, "resumed, not a new session"


async def test_question_sent_while_the_gateway_is_down_is_answered_after_resuming(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path):
        await standin.drop_connection()
        # Discord keeps what happens meanwhile and replays it on RESUME.
        question = mention(TROOPS_QUESTION)
        await standin.dispatch("MESSAGE_CREATE", question)
        resume = await standin.wait_for_frame(RESUME)
        answer = await standin.wait_for_request("POST", MESSAGES)

    assert resume["d"]["seq"] >= 1
    assert str(answer.json["message_reference"]["message_id"]) == question["id"]
    assert _answered(answer.json)


async def test_session_that_cannot_be_resumed_identifies_again_and_answers(
    standin: StandInDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def session_expired(ws: Any, data: Payload) -> None:
        await ws.send_json({"op": INVALID_SESSION, "d": False})  # as Discord says of a session it dropped

    async with story_bot(standin, tmp_path) as bot:
        monkeypatch.setattr(standin, "_resume", session_expired)
        # discord.py waits 5 s before identifying again, for Discord's identify limit; the stand-in has none.
        monkeypatch.setattr(bot, "before_identify_hook", _no_wait)
        await standin.drop_connection()
        await standin.wait_for_frame(RESUME)
        await standin.wait_for_frame(IDENTIFY)  # the first IDENTIFY, at start-up
        await standin.wait_for_frame(IDENTIFY)  # a fresh session
        after = await reply_to(standin, mention(TROOPS_QUESTION))

    assert _answered(after.json)


async def _no_wait(shard_id: int | None, *, initial: bool = False) -> None:
    return None


# -- REST faults -----------------------------------------------------------------------------------------------------


async def test_rate_limited_reply_is_delivered_after_the_wait(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        standin.fail_next("POST", MESSAGES, 429, retry_after=RETRY_AFTER)
        question = mention(TROOPS_QUESTION)
        await standin.dispatch("MESSAGE_CREATE", question)
        limited = await standin.wait_for_request("POST", MESSAGES)
        delivered = await standin.wait_for_request("POST", MESSAGES)

    assert limited.status == 429
    assert delivered.status == 200 and _answered(delivered.json)
    assert str(delivered.json["message_reference"]["message_id"]) == question["id"]
    assert delivered.time - limited.time >= RETRY_AFTER


async def test_rate_limited_interaction_response_is_delivered_after_the_wait(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path):
        standin.fail_next("POST", CALLBACK, 429, retry_after=RETRY_AFTER)
        interaction = payloads.command_interaction("ask", [payloads.option("question", TROOPS_QUESTION)])
        await standin.dispatch("INTERACTION_CREATE", interaction)
        limited = await standin.wait_for_request("POST", CALLBACK)
        delivered = await standin.wait_for_request("POST", CALLBACK)

    assert limited.status == 429 and delivered.status == 200
    assert _answered(delivered.json["data"])
    assert RETRY_AFTER <= delivered.time - limited.time < DISCORD_RESPONSE_WINDOW


@pytest.mark.parametrize(
    ("status", "logged_by"),
    [(503, "bot.discord_adapter.respond"), (403, "bot.discord_adapter.respond")],
    ids=["503-service-unavailable", "403-missing-permissions"],
)
async def test_failed_reply_is_logged_and_the_next_question_is_answered(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, status: int, logged_by: str
) -> None:
    async with story_bot(standin, tmp_path):
        standin.fail_next("POST", MESSAGES, status)
        with caplog.at_level(logging.INFO, logger="bot"):
            await standin.dispatch("MESSAGE_CREATE", mention(TROOPS_QUESTION))
            failed = await standin.wait_for_request("POST", MESSAGES)
            following = await reply_to(standin, mention(TROOPS_QUESTION))

    assert failed.status == status
    assert _answered(following.json)
    logged = [r for r in caplog.records if r.name == logged_by and str(CHANNEL_ID) in r.getMessage()]
    assert logged, caplog.text


async def test_one_server_error_500_is_retried_logged_and_the_bot_keeps_serving(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # discord.py itself retries a 500 after a second; the reply still arrives, and the next one too.
    async with story_bot(standin, tmp_path):
        standin.fail_next("POST", MESSAGES, 500)
        with caplog.at_level(logging.DEBUG, logger="discord.http"):
            question = mention(TROOPS_QUESTION)
            await standin.dispatch("MESSAGE_CREATE", question)
            failed = await standin.wait_for_request("POST", MESSAGES)
            retried = await standin.wait_for_request("POST", MESSAGES)
        following = await reply_to(standin, mention(TROOPS_QUESTION))

    assert failed.status == 500 and retried.status == 200
    assert str(retried.json["message_reference"]["message_id"]) == question["id"]
    assert _answered(retried.json) and _answered(following.json)
    assert any("has returned 500" in record.getMessage() for record in caplog.records), "the 500 is logged"


async def test_refused_interaction_response_is_logged_apologised_for_and_the_next_one_served(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # discord.py retries a 5xx on an interaction response itself (as for a 500 above); a 4xx surfaces at once.
    async with story_bot(standin, tmp_path):
        standin.fail_next("POST", CALLBACK, 400, code=50035)
        ask = [payloads.option("question", TROOPS_QUESTION)]
        with caplog.at_level(logging.INFO, logger="bot"):
            await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction("ask", ask))
            failed = await standin.wait_for_request("POST", CALLBACK)
            apology = await standin.wait_for_request("POST", CALLBACK)
        await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction("ask", ask))
        following = await standin.wait_for_request("POST", CALLBACK)

    assert failed.status == 400
    assert apology.json["data"]["content"] == APOLOGY
    assert _answered(following.json["data"])
    assert any(r.levelno >= logging.ERROR and "/ask" in r.getMessage() for r in caplog.records), caplog.text


# -- slow work ---------------------------------------------------------------------------------------------------------


class SlowThreads:
    """Makes every job the bot hands to a thread (file reads, reloads, database work) take SLOW_SECONDS."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.run_in_executor = loop.run_in_executor
        self.finished: list[float] = []

    def __call__(self, executor: Executor | None, work: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        def slowly() -> T:
            time.sleep(SLOW_SECONDS)
            try:
                return work(*args)
            finally:
                self.finished.append(time.monotonic())

        return self.run_in_executor(executor, slowly)


async def test_every_command_answers_or_defers_within_discords_window_however_slow_the_work(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        loop = asyncio.get_running_loop()
        slow = SlowThreads(loop)
        command_of: dict[str, str] = {}  # interaction token -> command
        sent_at: dict[str, float] = {}
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loop, "run_in_executor", slow)
            for slash_command in walk_commands(bot):
                options, attachments = sample_options(slash_command, standin, optional=False)
                name, nested, context = command_payload(slash_command, options, attachments=attachments, **AS_MODERATOR)
                interaction = payloads.command_interaction(name, nested, **context)
                command_of[interaction["token"]] = slash_command.qualified_name
                sent_at[interaction["token"]] = time.monotonic()
                await standin.dispatch("INTERACTION_CREATE", interaction)
            callbacks = {}
            for _ in command_of:
                callback = await standin.wait_for_request("POST", CALLBACK)
                callbacks[command_of[callback.path.split("/")[3]]] = callback
            deferred = [callback for callback in callbacks.values() if callback.json["type"] == DEFERRED]
            followups = [await standin.wait_for_request("POST", FOLLOWUP, timeout=10 * SLOW_SECONDS) for _ in deferred]

    assert slow.finished, "some command handed work to a thread"
    slow_work_ends = min(slow.finished)
    for name, callback in callbacks.items():
        token = callback.path.split("/")[3]
        assert callback.time - sent_at[token] < SLOW_SECONDS / 2 < DISCORD_RESPONSE_WINDOW, name
        assert callback.time < slow_work_ends, f"/{name} waited for slow work before its first response"
    assert {"reload", "unanswered", "stats"} & set(callbacks) <= {
        name for name, callback in callbacks.items() if callback.json["type"] == DEFERRED
    }, "the commands that read files or the database defer"
    for followup in followups:
        assert_fits_discord(followup.json)
        assert followup.time >= slow_work_ends


async def test_slow_upload_download_is_deferred_before_it_finishes(
    standin: StandInDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = discord.Attachment.read
    finished: list[float] = []

    async def slow_read(self: discord.Attachment, *, use_cached: bool = False) -> bytes:
        await asyncio.sleep(SLOW_SECONDS)
        try:
            return await read(self, use_cached=use_cached)
        finally:
            finished.append(time.monotonic())

    monkeypatch.setattr(discord.Attachment, "read", slow_read)
    async with story_bot(standin, tmp_path) as bot:
        attachment = standin.register_attachment("story.toml", bot.store.path.read_bytes())
        option = payloads.option("file", attachment["id"], type=11)
        sent = time.monotonic()
        interaction = payloads.command_interaction("reload", [option], attachments=[attachment], **AS_MODERATOR)
        await standin.dispatch("INTERACTION_CREATE", interaction)
        deferral = await standin.wait_for_request("POST", CALLBACK)
        report = await standin.wait_for_request("POST", FOLLOWUP, timeout=5 + SLOW_SECONDS)

    assert deferral.json["type"] == DEFERRED
    assert deferral.time - sent < SLOW_SECONDS / 2 < DISCORD_RESPONSE_WINDOW
    assert deferral.time < finished[0] <= report.time
    assert "Knowledge reloaded" in embed_text(report.json)
