"""Secrets: a sentinel token never appears in logs, error messages or tracebacks.

Every log record of a whole session is captured at DEBUG, from the bot, discord.py (its gateway IDENTIFY and
RESUME logging, every REST call) and aiohttp, and formatted as production formats it, tracebacks included.
The session is made to log as much as it can: answers, a crashing handler, a crashing command, a refused
REST call, a dropped gateway, a refused reload. Positive checks prove the sentinel really was the token in use.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import traceback
from pathlib import Path

import discord.http
import pytest

from bot.core.engine import AnswerEngine, Reply
from bot.discord_adapter import runner
from bot.discord_adapter.runner import serve
from bot.settings import Settings, SettingsError, load_settings
from tests.reliability import AS_MODERATOR, closed_port
from tests.standin import payloads
from tests.standin.payloads import Payload
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    CALLBACK,
    FOLLOWUP,
    GUILD_READY_TIMEOUT,
    MESSAGES,
    TROOPS_QUESTION,
    bot_settings,
    knowledge_copy,
    mention,
    reply_to,
    story_store,
)

# Shaped like a real token (user id . timestamp . HMAC); each part is checked on its own too.
SENTINEL = "MTEwMDAwMDAwMDAwMDAwMDAwMg.GsEnTl.c2VudGluZWwtdG9rZW4tbmV2ZXItbG9nLW1lLTlmOGU3ZA"
SECRET_PARTS = (SENTINEL, *SENTINEL.split("."))
CRASH = "please crash the handler now"
IDENTIFY, RESUME = 2, 6
# discord.utils.setup_logging's format, which `storybot run` uses.
PRODUCTION_FORMAT = logging.Formatter("[{asctime}] [{levelname:<8}] {name}: {message}", style="{")


def assert_no_secret(text: str, where: str) -> None:
    for part in SECRET_PARTS:
        assert part not in text, f"the token (or part of it) appears in {where}: {text[:500]!r}"


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Each record as production prints it, with its traceback, its raw arguments and its stack."""
    lines = []
    for record in caplog.records:
        lines.append(PRODUCTION_FORMAT.format(record))
        lines.append(repr(record.args))
        if record.exc_info and record.exc_info[1] is not None:
            lines.extend(traceback.format_exception(record.exc_info[1]))
    return "\n".join(lines)


def _crash_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    ask = AnswerEngine.ask

    def ask_or_crash(self: AnswerEngine, question: str) -> Reply:
        if CRASH in question:
            raise RuntimeError("a handler crashed")
        return ask(self, question)

    monkeypatch.setattr(AnswerEngine, "ask", ask_or_crash)


async def test_the_token_never_appears_in_a_whole_session_logged_at_debug(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin.token = SENTINEL
    path = knowledge_copy(tmp_path / "knowledge")
    settings = bot_settings(path, DISCORD_TOKEN=SENTINEL, LOG_LEVEL="DEBUG")
    _crash_on_request(monkeypatch)
    caplog.set_level(logging.DEBUG)  # the root logger: the bot, discord.py, aiohttp, asyncio

    serving = asyncio.create_task(
        serve(settings, story_store(path), guild_ready_timeout=GUILD_READY_TIMEOUT, enable_debug_events=True)
    )
    answer = await reply_to(standin, mention(TROOPS_QUESTION))
    await standin.dispatch("MESSAGE_CREATE", mention(CRASH))  # discord.py logs the traceback
    ask_crash = payloads.command_interaction("ask", [payloads.option("question", CRASH)])
    await standin.dispatch("INTERACTION_CREATE", ask_crash)  # the tree's error handler logs it
    apology = await standin.wait_for_request("POST", CALLBACK)
    standin.fail_next("POST", MESSAGES, 401)
    await standin.dispatch("MESSAGE_CREATE", mention(TROOPS_QUESTION))
    refused_send = await standin.wait_for_request("POST", MESSAGES)
    await standin.drop_connection()
    resume = await standin.wait_for_frame(RESUME)
    path.write_text("not = [valid", encoding="utf-8")
    await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction("reload", [], **AS_MODERATOR))
    refused_reload = await standin.wait_for_request("POST", FOLLOWUP)
    after = await reply_to(standin, mention(TROOPS_QUESTION))
    os.kill(os.getpid(), signal.SIGTERM)
    exit_code = await asyncio.wait_for(serving, timeout=5)

    # The sentinel was the token in use, and the session logged what it should have.
    identify = standin.gateway_frames[[frame["op"] for frame in standin.gateway_frames].index(IDENTIFY)]
    assert identify["d"]["token"] == SENTINEL and resume["d"]["token"] == SENTINEL
    assert any(r.headers.get("Authorization") == f"Bot {SENTINEL}" for r in standin.requests)
    assert answer.status == after.status == 200 and refused_send.status == 401
    assert exit_code == runner.EXIT_OK
    messages = [record.getMessage() for record in caplog.records]
    assert any("has sent the IDENTIFY payload" in message for message in messages)
    assert any("has sent the RESUME payload" in message for message in messages)
    assert any(record.exc_info for record in caplog.records), "a traceback was logged"
    assert any(record.levelno == logging.DEBUG and record.name.startswith("discord.http") for record in caplog.records)

    assert_no_secret(everything_logged(caplog), "the logs")
    for request in standin.requests:
        assert_no_secret(json.dumps(request.json), f"what the bot sent to {request.path}")
    assert_no_secret(json.dumps(apology.json) + json.dumps(refused_reload.json), "a message to a user")


async def test_a_refused_token_is_never_echoed_at_debug(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    standin.token = "the-token-discord-expects"
    path = knowledge_copy(tmp_path)
    with caplog.at_level(logging.DEBUG):
        exit_code = await serve(bot_settings(path, DISCORD_TOKEN=SENTINEL), story_store(path))

    assert exit_code == runner.EXIT_FAILED
    assert runner.REFUSED_TOKEN in caplog.messages
    assert_no_secret(everything_logged(caplog), "the logs")


async def test_an_unreachable_discord_error_is_logged_without_the_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port()}/api/v10")
    path = knowledge_copy(tmp_path)
    with caplog.at_level(logging.DEBUG):
        exit_code = await serve(bot_settings(path, DISCORD_TOKEN=SENTINEL), story_store(path))

    assert exit_code == runner.EXIT_FAILED
    assert any(message.startswith("cannot reach Discord") for message in caplog.messages)
    assert_no_secret(everything_logged(caplog), "the logs")


def test_settings_never_show_the_token() -> None:
    settings = Settings.model_validate({"DISCORD_TOKEN": SENTINEL})

    assert settings.DISCORD_TOKEN is not None and settings.DISCORD_TOKEN.get_secret_value() == SENTINEL
    shown = [repr(settings), str(settings), str(settings.model_dump()), settings.model_dump_json(), f"{settings!r}"]
    assert_no_secret("\n".join(shown), "the settings as printed")


@pytest.mark.parametrize(
    "name",
    ["GUILD_IDS", "ANSWER_CHANNEL_IDS", "MODERATOR_ROLE_IDS", "COOLDOWN_QUESTIONS", "SHARD_COUNT", "LOG_LEVEL"],
)
def test_a_token_pasted_into_the_wrong_setting_is_never_echoed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in Settings.model_fields:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DISCORD_TOKEN", SENTINEL)
    monkeypatch.setenv(name, SENTINEL)

    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)

    error = caught.value
    assert name in str(error)
    assert_no_secret(str(error) + repr(error), "the error message")
    assert_no_secret("".join(traceback.format_exception(error)), "the traceback")


def test_a_failed_body_check_never_carries_the_token() -> None:
    # The stand-in's recorded bodies are what the bot told Discord; the check itself must see a token if sent.
    body: Payload = {"content": f"token {SENTINEL}"}
    with pytest.raises(AssertionError):
        assert_no_secret(json.dumps(body), "a body")
