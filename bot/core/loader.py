"""Read a knowledge file, validate it fully, and cross-check it against its article."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.core.draft import TODO
from bot.core.errors import KnowledgeError, Problem
from bot.core.model import Entry, KnowledgeFile, Source
from bot.core.normalise import ACTORS, Analyser, country_of, fold_typography, meaningful, words_of

# A knowledge file for one article is tens of kilobytes; a cap stops a runaway upload or a wrong path
# (a log file, a binary) from being read into memory whole.
MAX_FILE_BYTES = 1_000_000
MAX_ARTICLE_BYTES = 1_000_000

# Why a path cannot be followed when Path.resolve() raises RuntimeError (Python 3.11 and 3.12): a link loop.
LINK_LOOP = "it is a link that leads back to itself"

_ENTRY_HEADER = re.compile(r"^\s*\[\[\s*entries\s*\]\]", re.MULTILINE)
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Knowledge:
    """A validated knowledge file, its article, and when it was loaded."""

    data: KnowledgeFile
    article: str
    path: Path
    digest: str
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Each text of the file as the cross-checks read it (synonyms mapped, no typo fixed), so that the index
    # need not read them again.
    sequences: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Published sources by id."""
        return {source.id: source for source in self.data.sources}

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Entries by id, in file order."""
        return {entry.id: entry for entry in self.data.entries}

    @cached_property
    def topics(self) -> list[str]:
        """Topics in the order they first appear."""
        return list(dict.fromkeys(entry.topic for entry in self.data.entries))

    @property
    def key_entries(self) -> list[Entry]:
        """Entries flagged as key facts."""
        return [entry for entry in self.data.entries if entry.key]


def load_knowledge(path: Path, *, root: Path | None = None) -> Knowledge:
    """Load and validate the knowledge file at `path`; raise one KnowledgeError listing every problem.

    With `root`, the file (after following links) must lie inside that folder.
    """
    return parse_knowledge(read_knowledge_bytes(path, root=root), path)


def read_knowledge_bytes(path: Path, *, root: Path | None = None) -> bytes:
    """Read the knowledge file at `path` (inside `root`, if given); a KnowledgeError says why it cannot be."""
    name = str(path)
    try:
        target = path
        if root is not None:
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                message = f"the file must be inside the knowledge folder {root.name!r}, not a link out of it"
                raise KnowledgeError([Problem(name, message)])
        data = _read_capped(target, MAX_FILE_BYTES + 1, follow_links=root is None)
    except FileNotFoundError:
        raise KnowledgeError([Problem(name, "file not found")]) from None
    except OSError as exc:
        # ELOOP: opened without following a link that was swapped in. EINVAL: resolving the path read a
        # link that was replaced by a plain file in between (os.path.realpath does not catch that race).
        if exc.errno in (errno.ELOOP, errno.EINVAL):
            raise KnowledgeError(
                [Problem(name, "the file was replaced by a link while being read; try again")]
            ) from None
        raise KnowledgeError([Problem(name, f"cannot read the file: {exc.strerror or exc}")]) from exc
    except RuntimeError:  # from resolving the path: a link loop (its message names the path)
        raise KnowledgeError([Problem(name, f"cannot read the file: {LINK_LOOP}")]) from None
    except ValueError:  # from resolving the path: a NUL byte
        raise KnowledgeError([Problem(name, "cannot read the file: not a path that can be read")]) from None
    return data


def _read_capped(path: Path, limit: int, *, follow_links: bool) -> bytes:
    """Read at most `limit` bytes; without `follow_links`, refuse (ELOOP) a path that is now a link.

    The caller checked where the resolved path lies; not following links when opening it closes the gap
    between that check and the read, in which a link out of the folder could be swapped in.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        return handle.read(limit)


def parse_knowledge(data: bytes, path: Path) -> Knowledge:
    """Validate knowledge file bytes as if they were stored at `path` (the article is found beside it)."""
    name = str(path)
    if len(data) > MAX_FILE_BYTES:
        raise KnowledgeError([Problem(name, f"file is larger than {MAX_FILE_BYTES:,} bytes")])
    # A byte order mark, as Windows editors may save "UTF-8", is no TOML statement: read past it ("Invalid statement").
    mark = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if not data[mark:].strip():
        raise KnowledgeError([Problem(name, "file is empty")])
    try:
        text = data[mark:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KnowledgeError([Problem(name, f"not UTF-8 text (byte {mark + exc.start})")]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _TOML_LINE.search(str(exc))
        raise KnowledgeError(
            [Problem(name, f"TOML syntax error: {exc}", line=int(line[1]) if line else None)]
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise KnowledgeError([Problem(name, "TOML syntax error: arrays or tables nested too deep")]) from None
    except ValueError:  # not a TOMLDecodeError: int() refuses a number of more than 4,300 digits
        raise KnowledgeError([Problem(name, "TOML syntax error: a number with too many digits")]) from None
    locator = _Locator(name, text, raw)
    try:
        knowledge_file = KnowledgeFile.model_validate(raw)
    except ValidationError as exc:
        raise KnowledgeError([locator.problem_at(error["loc"], error["msg"]) for error in exc.errors()]) from None
    article = _read_article(knowledge_file, path, locator)
    sequences = _read_texts(knowledge_file)
    problems = list(_cross_check(knowledge_file, article, sequences, locator))
    if problems:
        raise KnowledgeError(problems)
    return Knowledge(knowledge_file, article, path, hashlib.sha256(data).hexdigest(), sequences=sequences)


def restore_knowledge(knowledge_file: KnowledgeFile, path: Path, digest: str, article_sha256: str) -> Knowledge | None:
    """Return the Knowledge that the file at `path` was validated into before, or None if its article changed.

    For a cache: `knowledge_file` is what the file's bytes (SHA-256 `digest`) were validated into, and
    `article_sha256` the hash of the article the cross-checks saw. Unchanged bytes checked by unchanged
    code pass the checks again.
    """
    try:
        article = _read_article(knowledge_file, path, _Locator(str(path), "", {}))
    except KnowledgeError:
        return None
    if hashlib.sha256(article.encode("utf-8")).hexdigest() != article_sha256:
        return None
    return Knowledge(knowledge_file, article, path, digest)


def _read_article(knowledge_file: KnowledgeFile, path: Path, locator: _Locator) -> str:
    try:
        folder = path.parent.resolve()
        article_path = (folder / knowledge_file.story.article).resolve()
        itself = path.resolve()
    except (RuntimeError, ValueError):  # a link loop, a NUL byte
        raise KnowledgeError([locator.problem_at(("story", "article"), "not a path that can be read")]) from None
    if not article_path.is_relative_to(folder):
        raise KnowledgeError([locator.problem_at(("story", "article"), "the article must be beside the file")])
    if article_path == itself:  # every quote would be found in it: the file would vouch for itself
        message = "the article must be a text of its own, not the knowledge file"
        raise KnowledgeError([locator.problem_at(("story", "article"), message)])
    try:
        data = _read_capped(article_path, MAX_ARTICLE_BYTES + 1, follow_links=False)
        if len(data) > MAX_ARTICLE_BYTES:  # refused whole: a cut article would make its last quotes "not found"
            message = f"the article is larger than {MAX_ARTICLE_BYTES:,} bytes"
            raise KnowledgeError([locator.problem_at(("story", "article"), message)])
        return data.decode("utf-8")
    except OSError as exc:  # named as the file names it: the server's folders are no business of the reader's
        message = f"cannot read {knowledge_file.story.article!r}: {exc.strerror or 'unreadable'}"
        raise KnowledgeError([locator.problem_at(("story", "article"), message)]) from None
    except UnicodeDecodeError:
        raise KnowledgeError([locator.problem_at(("story", "article"), "the article is not UTF-8")]) from None


def _read_texts(knowledge_file: KnowledgeFile) -> dict[str, tuple[str, ...]]:
    """Read every text of the file into tokens, as the index reads them: synonyms mapped, no typo fixed."""
    analyser = Analyser(knowledge_file.synonyms, (), ())  # words to fix typos into only matter to questions
    texts = [knowledge_file.story.title]
    for entry in knowledge_file.entries:
        texts += [entry.question, *entry.phrasings, entry.answer, *(e.quote for e in entry.evidence)]
        texts += entry.near_misses
    return {text: analyser.read(text, fix_typos=False) for text in texts}


def _cross_check(
    knowledge_file: KnowledgeFile, article: str, sequences: Mapping[str, tuple[str, ...]], locator: _Locator
) -> Iterator[Problem]:
    """Yield what pydantic cannot see: references, verbatim quotes, duplicates across entries."""
    if knowledge_file.draft:
        yield locator.problem_at(("draft",), "this is a draft: write the questions and answers, then remove it")
    yield from _unwritten(knowledge_file, locator)
    yield from _duplicate_ids(knowledge_file, locator)
    yield from _evidence_problems(knowledge_file, article, locator)
    yield from _shared_phrasings(knowledge_file, locator)
    yield from _phrasing_problems(knowledge_file, sequences, locator)
    yield from _ambiguous_synonyms(knowledge_file, locator)


def _unwritten(knowledge_file: KnowledgeFile, locator: _Locator) -> Iterator[Problem]:
    """Texts a draft left for a person to write."""
    if knowledge_file.story.summary.startswith(TODO):
        yield locator.problem_at(("story", "summary"), "still to be written (TODO)")
    for index, entry in enumerate(knowledge_file.entries):
        for name, text in (("question", entry.question), ("answer", entry.answer)):
            if text.startswith(TODO):
                yield locator.problem_at(("entries", index, name), "still to be written (TODO)")


def _duplicate_ids(knowledge_file: KnowledgeFile, locator: _Locator) -> Iterator[Problem]:
    sections = {
        "sources": [source.id for source in knowledge_file.sources],
        "entries": [entry.id for entry in knowledge_file.entries],
    }
    for section, ids in sections.items():
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                yield locator.problem_at((section, index, "id"), f"duplicate id {item_id!r}")
            seen.add(item_id)


def _evidence_problems(knowledge_file: KnowledgeFile, article: str, locator: _Locator) -> Iterator[Problem]:
    # Verbatim: only white space, curly quotes and dashes are folded (and an accent typed apart from its letter).
    # Not NFKC, which would take "12,0001" for the article's "12,000¹" and show a number the article never states.
    folded_article = fold_typography(article, form="NFC")
    source_ids = {source.id for source in knowledge_file.sources}
    for index, entry in enumerate(knowledge_file.entries):
        for number, evidence in enumerate(entry.evidence):
            where = ("entries", index, "evidence", number)
            if evidence.source not in source_ids:
                yield locator.problem_at((*where, "source"), f"unknown source {evidence.source!r}")
            if fold_typography(evidence.quote, form="NFC") not in folded_article:
                message = f"quote not found in the article: {evidence.quote[:80]!r}"
                yield locator.problem_at((*where, "quote"), message)


def _shared_phrasings(knowledge_file: KnowledgeFile, locator: _Locator) -> Iterator[Problem]:
    """Two entries answering the same words would make the answer depend on file order."""
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in knowledge_file.entries:
        for phrasing in {" ".join(words_of(text)) for text in (entry.question, *entry.phrasings)}:
            if phrasing and entry.id not in owners[phrasing]:
                owners[phrasing].append(entry.id)
    for index, entry in enumerate(knowledge_file.entries):
        for phrasing in (entry.question, *entry.phrasings):
            others = [owner for owner in owners[" ".join(words_of(phrasing))] if owner != entry.id]
            if others and entry.id < others[0]:
                message = f"phrasing {phrasing!r} is also used by entry {others[0]!r}"
                yield locator.problem_at(("entries", index, "phrasings"), message)


def _phrasing_problems(
    knowledge_file: KnowledgeFile, sequences: Mapping[str, tuple[str, ...]], locator: _Locator
) -> Iterator[Problem]:
    """Yield phrasings that name someone the entry never does, and near misses that read as a phrasing or the headline.

    An actor or place a question names must be one its entry is asked about, so a phrasing naming one that the
    answer, the evidence and the headline never name ("i have relatives in sumy, where are they fighting") would
    let the entry answer about it. An entry cannot both answer a question and refuse it: "how many battalions were
    sent" reads as "how many troops were sent" when "battalions" is a synonym of troops. Nor can a near miss made
    only of the headline's words ("are us troops fighting in ukraine", when "us" is the pronoun) tell any question
    of the story apart.
    """

    def reading(text: str) -> frozenset[str]:
        return frozenset(meaningful(sequences[text]))

    def named(words: frozenset[str]) -> set[str]:
        return {country_of(word) for word in words & ACTORS}

    headline = reading(knowledge_file.story.title)
    framing = named(headline)
    for index, entry in enumerate(knowledge_file.entries):
        told = framing.union(*(named(reading(e.quote)) for e in entry.evidence), named(reading(entry.answer)))
        asked: dict[frozenset[str], str] = {}
        for text in (entry.question, *entry.phrasings):
            if not words_of(text):  # "???" or emoji alone: no question can ever match it
                yield locator.problem_at(("entries", index, "phrasings"), f"phrasing {text!r} has no words")
            words = reading(text)
            asked.setdefault(words, text)
            strangers = named(words) - told
            if strangers:
                message = (
                    f"phrasing {text!r} names {', '.join(sorted(strangers))}, which its answer, evidence and the "
                    "headline never name: the entry would answer questions about it"
                )
                yield locator.problem_at(("entries", index, "phrasings"), message)
        for near_miss in entry.near_misses:
            words = reading(near_miss)
            phrasing = asked.get(words)
            if phrasing is not None:
                message = f"near miss {near_miss!r} reads as its phrasing {phrasing!r}"
                yield locator.problem_at(("entries", index, "near_misses"), message)
            elif words <= headline:
                message = f"near miss {near_miss!r} reads as the headline's words only: it refuses the story itself"
                yield locator.problem_at(("entries", index, "near_misses"), message)


def _ambiguous_synonyms(knowledge_file: KnowledgeFile, locator: _Locator) -> Iterator[Problem]:
    canonical_of: dict[str, str] = {}
    for canonical, variants in knowledge_file.synonyms.items():
        for text in (canonical, *variants):
            if not words_of(text):  # "!!!" would map its variants to an empty word, or match nothing
                yield locator.problem_at(("synonyms", canonical), f"{text!r} has no words")
        for variant in variants:
            key = " ".join(words_of(variant))
            previous = canonical_of.setdefault(key, canonical)
            if words_of(previous) != words_of(canonical):
                yield locator.problem_at(("synonyms", canonical), f"{variant!r} is also a synonym of {previous!r}")


class _Locator:
    """Turns a pydantic location into a Problem naming the entry id, the field and the line."""

    def __init__(self, name: str, text: str, raw: dict[str, Any]) -> None:
        self.name = name
        self.raw = raw
        self.entry_lines = [text.count("\n", 0, match.start()) + 1 for match in _ENTRY_HEADER.finditer(text)]

    def problem_at(self, loc: tuple[int | str, ...], message: str) -> Problem:
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            index = loc[1]
            entries = self.raw.get("entries")
            entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            label = entry_id if isinstance(entry_id, str) else f"#{index + 1}"
            line = self.entry_lines[index] if index < len(self.entry_lines) else None
            return Problem(self.name, message, entry=label, field=_dotted(loc[2:]) or None, line=line)
        return Problem(self.name, message, field=_dotted(loc) or None)


def _dotted(loc: tuple[int | str, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")
