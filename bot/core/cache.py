"""A disk cache of prepared knowledge, so that a one-shot `storybot ask` starts without preparing it again.

Preparing a knowledge file (parsing the TOML, the cross-checks, reading every text into tokens) is most
of a cold start, and its result depends only on the file's bytes, its article and this code. So the
result is kept as JSON (never pickle) in $XDG_CACHE_HOME/storybot (by default ~/.cache/storybot), under
the file's SHA-256 and a fingerprint of the code. Each entry starts with the SHA-256 of the JSON that
follows it, so an entry damaged on disk (a flipped byte that is still valid JSON) is a miss rather than a
wrong answer. On a hit pydantic validates the data again and the article must be unchanged; any
difference is a miss, and a cache that cannot be read or written is simply not used. `storybot validate`
and the bot's reloads never use it: they always check in full.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

import pydantic
import Stemmer
from pydantic import BaseModel, ValidationError

from bot.core.atomic import replace_atomically
from bot.core.engine import AnswerEngine
from bot.core.index import Claims, Readings
from bot.core.loader import Knowledge, parse_knowledge, read_knowledge_bytes, restore_knowledge
from bot.core.model import KnowledgeFile

CACHE_FORMAT = 3
# One entry per version of a knowledge file; older ones are removed past this many.
MAX_CACHED_FILES = 8
_CODE_FOLDER = Path(__file__).parent


class _Stored(BaseModel):
    """One cache entry, validated as a whole when read: a damaged or foreign file is a miss."""

    code: str
    digest: str  # the SHA-256 of the knowledge file's bytes, which names the entry: a file under another name is a miss
    article_sha256: str
    knowledge: KnowledgeFile
    asked_words: frozenset[str]
    known_words: frozenset[str]
    sequences: dict[str, tuple[str, ...]]
    claims: dict[str, Claims]


def cache_directory() -> Path | None:
    """Return where prepared knowledge is kept, or None when there is no home to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory
            return None
    return Path(base) / "storybot"


@cache
def code_fingerprint() -> str:
    """Return a hash of everything that prepares knowledge: this package's code and the libraries it uses."""
    digest = hashlib.sha256(f"{CACHE_FORMAT} {sys.version} {pydantic.VERSION} {Stemmer.version()}".encode())
    for name in sorted(os.listdir(_CODE_FOLDER)):
        if name.endswith(".py"):
            digest.update((_CODE_FOLDER / name).read_bytes())
    return digest.hexdigest()


def cached_engine(path: Path, directory: Path | None = None) -> AnswerEngine:
    """Return an engine for the knowledge file at `path`, prepared from the cache when it can be.

    Raises KnowledgeError as `load_knowledge` does; a broken file is never cached, so it is always
    reported in full.
    """
    directory = directory or cache_directory()
    data = read_knowledge_bytes(path)
    key = hashlib.sha256(data).hexdigest()
    stored = _read(directory / f"{key}.json", key) if directory else None
    if stored is not None:
        knowledge = restore_knowledge(stored.knowledge, path, key, stored.article_sha256)
        if knowledge is not None:
            readings = Readings(stored.asked_words, stored.known_words, stored.sequences, stored.claims)
            return AnswerEngine(knowledge, readings)
    engine = AnswerEngine(parse_knowledge(data, path))
    if directory:
        _write(directory, key, engine.knowledge, engine.index.readings)
    return engine


def _read(file: Path, key: str) -> _Stored | None:
    try:
        checksum, _, body = file.read_bytes().partition(b"\n")
        if checksum != _checksum(body):
            return None  # damaged: pydantic would take a changed letter of an answer for a valid entry
        stored = _Stored.model_validate_json(body)
    except (OSError, ValidationError):
        return None
    return stored if stored.code == code_fingerprint() and stored.digest == key else None


def _checksum(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode("ascii")


def _write(directory: Path, key: str, knowledge: Knowledge, readings: Readings) -> None:
    """Store the prepared knowledge atomically, then drop the oldest entries; failures only skip the cache."""
    stored = _Stored(
        code=code_fingerprint(),
        digest=key,
        article_sha256=hashlib.sha256(knowledge.article.encode("utf-8")).hexdigest(),
        knowledge=knowledge.data,
        asked_words=readings.asked_words,
        known_words=readings.known_words,
        sequences=dict(readings.sequences),
        claims=dict(readings.claims),
    )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        body = stored.model_dump_json().encode("utf-8")
        replace_atomically(directory / f"{key}.json", _checksum(body) + b"\n" + body)
        entries = sorted(directory.glob("*.json"), key=lambda file: file.stat().st_mtime, reverse=True)
        for old in entries[MAX_CACHED_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the next start prepares the file again
