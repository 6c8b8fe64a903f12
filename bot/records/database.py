"""The records database: questions the bot could not answer, answers given, and votes on them.

Privacy by design: question text is stored only for unanswered questions (moderators need it to grow
the knowledge), user ids only as keyed hashes (to count one vote per person without knowing who), and
rows older than the retention limit are purged. A locked, full or corrupted database never stops the
bot: every operation logs one line and carries on.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from bot.core.atomic import replace_atomically

log = logging.getLogger(__name__)

T = TypeVar("T")

SCHEMA_VERSION = 1
MIGRATIONS = (
    # version 1
    """
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL,
        answered INTEGER NOT NULL,
        entry_id TEXT,
        score REAL NOT NULL,
        text TEXT,
        user_hash TEXT NOT NULL
    );
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE TABLE votes (
        message_id INTEGER NOT NULL,
        user_hash TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        voted_at TEXT NOT NULL,
        PRIMARY KEY (message_id, user_hash)
    );
    CREATE INDEX votes_voted_at ON votes (voted_at);
    """,
)
# Seconds to wait for a lock held by another process before giving up on one write.
BUSY_TIMEOUT_SECONDS = 2.0
KEY_BYTES = 32


@dataclass(frozen=True)
class Unanswered:
    """An unanswered question as asked, and when."""

    text: str
    asked_at: datetime


@dataclass(frozen=True)
class Totals:
    """Counts over a period: questions, answers per entry, votes per entry."""

    asked: int
    answered: int
    by_entry: dict[str, int]
    votes: dict[str, tuple[int, int]]  # entry id -> (helpful, not helpful)


class Records:
    """One SQLite file. Use it from one thread (the adapter runs it in a worker thread)."""

    def __init__(self, path: Path, retention_days: int, hash_key: bytes | None = None) -> None:
        self.path = path
        self.retention = timedelta(days=retention_days)
        self._key = hash_key
        self._connection: sqlite3.Connection | None = None

    def user_hash(self, user_id: int) -> str:
        """Return a keyed hash of a user id: stable for counting, useless for finding the person."""
        if self._key is None:
            self._key = _load_or_create_key(self.path.with_suffix(self.path.suffix + ".key"))
        return hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def record_question(self, text: str, user_id: int, entry_id: str | None, score: float) -> None:
        """Record one question; its text only if it went unanswered."""
        row = (_now(), entry_id is not None, entry_id, score, None if entry_id else text)
        self._run(
            "record a question",
            lambda db: db.execute(
                "INSERT INTO questions (asked_at, answered, entry_id, score, text, user_hash) VALUES (?,?,?,?,?,?)",
                (*row, self.user_hash(user_id)),
            ),
        )

    def record_vote(self, message_id: int, user_id: int, entry_id: str, *, helpful: bool) -> None:
        """Record a vote on an answer; a person's second vote on the same answer replaces the first."""
        self._run(
            "record a vote",
            lambda db: db.execute(
                "INSERT INTO votes (message_id, user_hash, entry_id, helpful, voted_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT (message_id, user_hash) DO UPDATE SET helpful = excluded.helpful, "
                "voted_at = excluded.voted_at",
                (message_id, self.user_hash(user_id), entry_id, helpful, _now()),
            ),
        )

    def purge(self) -> int:
        """Delete rows older than the retention limit; return how many went."""
        cutoff = (datetime.now(UTC) - self.retention).isoformat()

        def delete(db: sqlite3.Connection) -> int:
            gone = db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
            return gone + db.execute("DELETE FROM votes WHERE voted_at < ?", (cutoff,)).rowcount

        return self._run("purge old rows", delete) or 0

    def unanswered(self, since: datetime) -> list[Unanswered]:
        """Unanswered questions asked since `since`, newest first."""
        rows = self._run(
            "read unanswered questions",
            lambda db: db.execute(
                "SELECT text, asked_at FROM questions WHERE answered = 0 AND asked_at >= ? ORDER BY asked_at DESC",
                (since.isoformat(),),
            ).fetchall(),
        )
        return [Unanswered(text, datetime.fromisoformat(at)) for text, at in rows or []]

    def totals(self, since: datetime) -> Totals:
        """Questions, answers per entry and votes per entry since `since`."""

        def read(db: sqlite3.Connection) -> Totals:
            start = (since.isoformat(),)
            asked, answered = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM questions WHERE asked_at >= ?", start
            ).fetchone()
            by_entry = db.execute(
                "SELECT entry_id, COUNT(*) FROM questions WHERE answered = 1 AND asked_at >= ? "
                "GROUP BY entry_id ORDER BY COUNT(*) DESC, entry_id",
                start,
            ).fetchall()
            votes = db.execute(
                "SELECT entry_id, SUM(helpful), SUM(1 - helpful) FROM votes WHERE voted_at >= ? "
                "GROUP BY entry_id ORDER BY entry_id",
                start,
            ).fetchall()
            return Totals(asked, answered, dict(by_entry), {entry: (up, down) for entry, up, down in votes})

        return self._run("read totals", read) or Totals(0, 0, {}, {})

    def close(self) -> None:
        """Close the connection (a later call reopens it)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _run(self, action: str, operation: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run one operation in a transaction; on any database problem log one line and return None."""
        try:
            with self._transaction() as db:
                return operation(db)
        except (sqlite3.Error, OSError) as exc:
            log.warning("records database %s: could not %s (%s); carrying on without it", self.path, action, exc)
            self.close()  # a fresh connection next time: the file may have been repaired or replaced
            return None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection or self._connect()
        with db:
            yield db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema version {version} is newer than this storybot's")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                db.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
            db.isolation_level = "DEFERRED"
        except BaseException:
            db.close()
            raise
        self._connection = db
        return db


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _load_or_create_key(path: Path) -> bytes:
    """Read the hashing key beside the database; create it (readable by the owner only) when absent or damaged.

    A key of another size is a write cut short: empty, it would make every hash reversible again, so it is
    replaced (votes cast before then no longer match their voters).
    """
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    else:
        if len(key) == KEY_BYTES:
            return key
        log.warning("records key %s is damaged (%d bytes): replacing it", path, len(key))
    key = secrets.token_bytes(KEY_BYTES)
    replace_atomically(path, key)
    return key
