"""Background upkeep through the stand-in: the knowledge file watcher and the purge of old records."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.discord_adapter.client import StoryBot
from bot.records.database import Records
from tests.standin.payloads import USER_ID
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    NEW_ANSWER,
    OLD_ANSWER,
    RECORDS_FILE,
    answer_to_troops_question,
    broken_text,
    changed_text,
    eventually,
    story_bot,
)

WATCHING = {"WATCH_KNOWLEDGE": True, "WATCH_SECONDS": 0.02}
# Ten watch intervals: long enough for a watcher that is on to have reloaded.
IDLE_SECONDS = 0.2


def troop_answer(bot: StoryBot) -> str:
    return bot.store.knowledge.entries["troop-count"].answer


async def test_the_watcher_serves_a_changed_file(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot"):
        async with story_bot(standin, tmp_path, **WATCHING) as bot:
            path = bot.store.path
            path.write_text(changed_text(path), encoding="utf-8")

            async def reloaded() -> bool:
                return troop_answer(bot).startswith(NEW_ANSWER)

            await eventually(reloaded)
            answer = await answer_to_troops_question(standin)

    assert answer.startswith(NEW_ANSWER)
    reloads = [m for m in caplog.messages if m.startswith("reload by the knowledge file watcher")]
    assert reloads == [reloads[0]] and "changed 1: troop-count" in reloads[0]  # once, with what changed


async def test_the_watcher_refuses_a_broken_file_and_takes_the_fixed_one(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot"):
        async with story_bot(standin, tmp_path, **WATCHING) as bot:
            path = bot.store.path
            good = changed_text(path)
            path.write_text(broken_text(path), encoding="utf-8")

            async def refused() -> bool:
                return any(m.startswith("reload by the knowledge file watcher refused") for m in caplog.messages)

            await eventually(refused)
            while_broken = await answer_to_troops_question(standin)
            path.write_text(good, encoding="utf-8")

            async def fixed() -> bool:
                return troop_answer(bot).startswith(NEW_ANSWER)

            await eventually(fixed)

    assert while_broken.startswith(OLD_ANSWER)
    [refusal] = [m for m in caplog.messages if "refused" in m]
    assert "refused (2 problems, first: " in refusal
    assert refusal.endswith("previous knowledge kept")


async def test_the_watcher_outlives_an_unexpected_failure(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    with caplog.at_level(logging.INFO, logger="bot"):
        async with story_bot(standin, tmp_path, **WATCHING) as bot:
            path = bot.store.path
            good = changed_text(path)
            reload = bot.store.reload

            def fails_once() -> object:
                monkeypatch.setattr(bot.store, "reload", reload)
                raise RuntimeError("a bug the store did not foresee")

            monkeypatch.setattr(bot.store, "reload", fails_once)
            path.write_text(good + "\n# the first save, whose reload fails\n", encoding="utf-8")

            async def failed() -> bool:
                return any(m.startswith("reload by the knowledge file watcher failed") for m in caplog.messages)

            await eventually(failed)
            path.write_text(good, encoding="utf-8")

            async def reloaded() -> bool:
                return troop_answer(bot).startswith(NEW_ANSWER)

            await eventually(reloaded)


async def test_the_watcher_is_off_by_default(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path, WATCH_SECONDS=WATCHING["WATCH_SECONDS"]) as bot:
        path = bot.store.path
        path.write_text(changed_text(path), encoding="utf-8")
        await asyncio.sleep(IDLE_SECONDS)
        answer = await answer_to_troops_question(standin)

    assert answer.startswith(OLD_ANSWER)


async def test_old_records_are_purged_at_start(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "knowledge" / RECORDS_FILE
    path.parent.mkdir()
    records = Records(path, retention_days=30)
    for text in ("old question", "recent question"):
        records.record_question(text, USER_ID, None, 0.0)
    records.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE questions SET asked_at = '2000-01-01T00:00:00+00:00' WHERE text = 'old question'")

    with caplog.at_level(logging.INFO, logger="bot"):
        async with story_bot(standin, tmp_path, RETENTION_DAYS=30):

            async def purged() -> bool:
                return "purged 1 records older than 30 days" in caplog.messages

            await eventually(purged)

    with sqlite3.connect(path) as db:
        assert db.execute("SELECT text FROM questions").fetchall() == [("recent question",)]
