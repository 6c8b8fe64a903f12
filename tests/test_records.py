"""The records database and the moderators' reports built on it."""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import random
import sqlite3
import stat
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.records import database
from bot.records.database import SCHEMA_VERSION, Records, Unanswered
from bot.records.reports import MAX_COMPARED, group_unanswered, stats_text, unanswered_text
from bot.records.worker import RecordsWorker

SINCE = datetime.now(UTC) - timedelta(days=1)


@pytest.fixture
def records(tmp_path: Path) -> Records:
    return Records(tmp_path / "records.sqlite3", retention_days=30)


def test_created_on_first_use_with_a_versioned_schema(records: Records) -> None:
    assert not records.path.exists()
    records.record_question("hello?", 1, None, 10.0)
    assert records.path.exists()
    with sqlite3.connect(records.path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_text_is_kept_only_for_unanswered_questions_and_users_are_hashed(records: Records) -> None:
    records.record_question("how many troops", 42, "troop-count", 90.0)
    records.record_question("how many wounded", 42, None, 30.0)
    with sqlite3.connect(records.path) as db:
        rows = db.execute("SELECT text, user_hash FROM questions ORDER BY id").fetchall()
    assert [text for text, _ in rows] == [None, "how many wounded"]
    assert all(len(user) == 32 and user != "42" for _, user in rows)
    assert rows[0][1] == rows[1][1] == records.user_hash(42) != records.user_hash(43)
    key_file = records.path.with_suffix(".sqlite3.key")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_damaged_key_is_replaced_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An empty key, left by a write cut short, would make every hash an HMAC anyone can compute."""
    path = tmp_path / "records.sqlite3"
    key_file = path.with_suffix(".sqlite3.key")
    key_file.write_bytes(b"")
    user_hash = Records(path, retention_days=30).user_hash(42)
    assert len(key_file.read_bytes()) == database.KEY_BYTES
    assert user_hash != hmac.new(b"", b"42", hashlib.sha256).hexdigest()[:32]
    assert user_hash == Records(path, retention_days=30).user_hash(42)  # the new key is kept
    assert "is damaged (0 bytes)" in caplog.text


def test_a_key_that_cannot_be_written_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    records = Records(tmp_path / "records.sqlite3", retention_days=30)
    records.record_question("how many wounded", 42, None, 30.0)  # logged and lost, as documented
    assert [path.name for path in tmp_path.iterdir() if "key" in path.name] == []


def test_one_vote_per_person_per_answer_changeable(records: Records) -> None:
    records.record_vote(100, 1, "casualties", helpful=True)
    records.record_vote(100, 1, "casualties", helpful=False)
    records.record_vote(100, 2, "casualties", helpful=True)
    records.record_vote(200, 1, "monument", helpful=True)
    assert records.totals(SINCE).votes == {"casualties": (1, 1), "monument": (1, 0)}


def test_totals(records: Records) -> None:
    for entry in ("casualties", "casualties", "monument", None):
        records.record_question("q", 1, entry, 50.0)
    totals = records.totals(SINCE)
    assert (totals.asked, totals.answered) == (4, 3)
    assert totals.by_entry == {"casualties": 2, "monument": 1}


def test_retention_purges_old_rows(records: Records) -> None:
    records.record_question("old question", 1, None, 1.0)
    records.record_vote(1, 1, "monument", helpful=True)
    with sqlite3.connect(records.path) as db:
        old = (datetime.now(UTC) - timedelta(days=31)).isoformat()
        db.execute("UPDATE questions SET asked_at = ?", (old,))
        db.execute("UPDATE votes SET voted_at = ?", (old,))
    records.record_question("new question", 1, None, 1.0)
    assert records.purge() == 2
    assert [q.text for q in records.unanswered(SINCE - timedelta(days=60))] == ["new question"]


@pytest.mark.parametrize("damage", ["garbage", "directory"])
def test_a_broken_database_never_raises(tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "records.sqlite3"
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        path.mkdir()
    records = Records(path, retention_days=30)
    records.record_question("lost", 1, None, 1.0)
    records.record_vote(1, 1, "e", helpful=True)
    assert records.unanswered(SINCE) == []
    assert records.totals(SINCE).asked == 0
    assert records.purge() == 0
    assert "carrying on without it" in caplog.text


def test_a_locked_database_loses_the_write_not_the_bot(
    records: Records, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    records.record_question("first", 1, None, 1.0)
    records.close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    blocker = sqlite3.connect(records.path)
    blocker.execute("BEGIN EXCLUSIVE")
    records.record_question("second", 1, None, 1.0)
    assert "database is locked" in caplog.text
    blocker.rollback()
    blocker.close()
    records.record_question("third", 1, None, 1.0)
    assert [q.text for q in records.unanswered(SINCE)] == ["third", "first"]


async def test_worker_runs_off_the_event_loop(records: Records) -> None:
    worker = RecordsWorker(records)
    await worker.call(records.record_question, "async?", 1, None, 1.0)
    assert [q.text for q in await worker.call(records.unanswered, SINCE)] == ["async?"]
    worker.close()


def test_near_duplicates_are_grouped() -> None:
    now = datetime.now(UTC)
    questions = [
        Unanswered("how many nk soldiers were wounded", now - timedelta(hours=3)),
        Unanswered("How many NK soldiers were wounded?", now - timedelta(hours=2)),
        Unanswered("how many north korean soldiers wounded", now - timedelta(hours=1)),
        Unanswered("what is the weather", now),
    ]
    groups = group_unanswered(questions, limit=10)
    assert (groups[0].count, groups[0].example) == (3, "how many north korean soldiers wounded")
    assert groups[1].count == 1
    assert "3 x  how many north korean" in unanswered_text(groups, 7)
    assert unanswered_text([], 7) == "No unanswered questions in the last 7 days."


def test_a_short_question_does_not_swallow_longer_ones() -> None:
    now = datetime.now(UTC)
    texts = ["what did china say about it", "is china sending troops too", "will china sanction pyongyang", "china?"]
    questions = [Unanswered(text, now - timedelta(hours=len(texts) - age)) for age, text in enumerate(texts)]
    assert [group.count for group in group_unanswered(questions, limit=10)] == [1, 1, 1, 1]


def test_only_the_most_recent_distinct_questions_are_compared() -> None:
    """Each is compared with every group so far: past MAX_COMPARED, questions are only counted with their repeats."""
    now = datetime.now(UTC)
    letters = random.Random(7)
    recent = [
        Unanswered("".join(letters.choices(string.ascii_lowercase, k=12)), now - timedelta(seconds=second))
        for second in range(MAX_COMPARED)
    ]
    older = [
        Unanswered(text, now - timedelta(days=1, hours=hours))
        for hours, text in enumerate(
            ["how many nk soldiers were wounded", "How many NK soldiers were wounded?", "how many soldiers wounded"]
        )
    ]
    counts = {group.example: group.count for group in group_unanswered(recent + older, limit=MAX_COMPARED + 3)}
    assert counts["how many nk soldiers were wounded"] == 2  # the same words: counted together
    assert counts["how many soldiers wounded"] == 1  # alike, but past the questions compared


def test_stats_text(records: Records) -> None:
    records.record_question("q", 1, "monument", 80.0)
    records.record_question("q", 1, None, 20.0)
    records.record_vote(5, 1, "monument", helpful=False)
    text = stats_text(records.totals(SINCE), 7)
    assert "2 questions, 50% answered" in text and "monument" in text and "0 / 1" in text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("did china send troops", "did iran send troops"),  # another actor
        ("how many tanks", "how many planes"),  # a specific outcome or means
        ("how many died in march", "how many died in april"),  # another time
        ("were 5000 killed", "were 6000 killed"),  # another number
    ],
)
def test_questions_naming_something_else_stay_apart(first: str, second: str) -> None:
    now = datetime.now(UTC)
    questions = [Unanswered(first, now - timedelta(hours=1)), Unanswered(second, now)]
    assert [group.count for group in group_unanswered(questions, limit=10)] == [1, 1]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("is it legal", "is it illegal"),
        ("was the announcement official", "was the announcement unofficial"),
        ("are the reports confirmed", "are the reports unconfirmed"),
        ("is a ceasefire possible", "is a ceasefire impossible"),
        ("did seoul agree", "did seoul disagree"),
    ],
)
def test_a_word_and_its_negation_stay_apart(first: str, second: str) -> None:
    # Alike by their letters (token_set_ratio 82-95), opposite by their meaning.
    now = datetime.now(UTC)
    questions = [Unanswered(first, now - timedelta(hours=1)), Unanswered(second, now)]
    assert [group.count for group in group_unanswered(questions, limit=10)] == [1, 1]


def test_a_name_said_in_full_is_the_same_question() -> None:
    now = datetime.now(UTC)
    questions = [
        Unanswered("is kim on tiktok", now - timedelta(hours=1)),
        Unanswered("Is Kim Jong Un on TikTok??", now),
    ]
    assert [group.count for group in group_unanswered(questions, limit=10)] == [2]
