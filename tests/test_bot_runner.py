"""Start-up and shutdown: the intent fallback, signals, global sync, a refused token, sharding."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

import discord
import pytest

from bot.core.loader import load_knowledge
from bot.discord_adapter import runner
from bot.discord_adapter.client import ShardedStoryBot
from bot.discord_adapter.runner import INTENT_HELP, serve, sync_commands
from tests.standin.payloads import GUILD_ID
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    COMMANDS,
    GUILD_READY_TIMEOUT,
    MESSAGE_CONTENT_INTENT,
    TROOPS_QUESTION,
    TROOPS_QUOTE,
    bot_settings,
    command,
    embed_text,
    knowledge_copy,
    mention,
    refuse_message_content,
    reply_to,
    story_bot,
    story_store,
)


async def test_refused_message_content_intent_falls_back_and_sigterm_stops_cleanly(
    standin: StandInDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    refuse_message_content(standin, monkeypatch)
    path = knowledge_copy(tmp_path)
    with caplog.at_level(logging.INFO, logger="bot"):
        serving = asyncio.create_task(
            serve(bot_settings(path), story_store(path), guild_ready_timeout=GUILD_READY_TIMEOUT)
        )
        refused, accepted = await standin.wait_for_frame(2), await standin.wait_for_frame(2)
        about = await command(standin, "about")
        answer = await reply_to(standin, mention(TROOPS_QUESTION))  # Discord still sends a mention's content
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None), "the bot must handle SIGTERM"
        os.kill(os.getpid(), signal.SIGTERM)
        exit_code = await asyncio.wait_for(serving, timeout=5)

    assert refused["d"]["intents"] & MESSAGE_CONTENT_INTENT
    assert not accepted["d"]["intents"] & MESSAGE_CONTENT_INTENT
    assert about.json["type"] == 4 and about.json["data"]["embeds"]
    assert TROOPS_QUOTE in embed_text(answer.json)
    assert caplog.messages.count(INTENT_HELP) == 1
    assert exit_code == runner.EXIT_OK
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handlers removed once stopped
    # Commands are synced once, not again on the reconnect.
    assert len([r for r in standin.requests if r.method == "PUT"]) == 1


async def test_storybot_sync_registers_the_commands_globally_only(standin: StandInDiscord, tmp_path: Path) -> None:
    path = knowledge_copy(tmp_path)
    exit_code = await sync_commands(bot_settings(path), story_store(path))

    assert exit_code == runner.EXIT_OK
    assert {c["name"] for c in standin.commands[None]} == COMMANDS
    assert GUILD_ID not in standin.commands
    assert not standin.gateway_frames  # no gateway connection needed


async def test_run_bot_syncs_with_the_configured_log_level(
    standin: StandInDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    levels: list[int] = []
    monkeypatch.setattr(discord.utils, "setup_logging", lambda level, root: levels.append(level))
    path = knowledge_copy(tmp_path)
    settings = bot_settings(path, LOG_LEVEL="warning")
    exit_code = await asyncio.to_thread(runner.run_bot, settings, load_knowledge(path), sync_globally=True)

    assert exit_code == runner.EXIT_OK
    assert levels == [logging.WARNING]
    assert {c["name"] for c in standin.commands[None]} == COMMANDS


async def test_a_refused_token_is_one_log_line_and_a_failed_exit(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "not-the-token-s3cr3t"
    path = knowledge_copy(tmp_path)
    with caplog.at_level(logging.INFO):
        exit_code = await serve(bot_settings(path, DISCORD_TOKEN=secret), story_store(path))

    assert exit_code == runner.EXIT_FAILED
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        "Discord refused the token: copy it again from Bot > Token in the developer portal into DISCORD_TOKEN"
    ]
    assert secret not in caplog.text


@pytest.mark.parametrize("shards", ["auto", 1])
async def test_shard_count_runs_the_bot_sharded(standin: StandInDiscord, tmp_path: Path, shards: object) -> None:
    async with story_bot(standin, tmp_path, SHARD_COUNT=shards) as bot:
        callback = await command(standin, "about")
        assert isinstance(bot, ShardedStoryBot)
        assert bot.shard_count == 1

    identify = await standin.wait_for_frame(2)
    assert identify["d"]["shard"] == [0, 1]
    assert callback.json["data"]["embeds"]
