"""Moderators' reports: unanswered questions grouped by meaning, and usage statistics."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from rapidfuzz import fuzz, process

from bot.core.normalise import ACTORS, SPECIFICS, TIMES, words_of
from bot.records.database import Records, Totals, Unanswered

# Two unanswered questions whose normalised words score at least this (token_set_ratio) are one group:
# "how many wounded?" and "how many nk soldiers were wounded" group; different questions stay apart.
GROUP_SIMILARITY = 80.0
# token_set_ratio scores a question whose words all lie in another 100: the shorter must also have at least this
# share of the longer's words, or "china?" would swallow every question that names China.
MIN_WORDS_SHARE = 0.5
# Near-duplicates are looked for among this many distinct questions, the most recent: each is compared with
# every group so far, so the cost grows with the square of it (about 0.1 s here). Older ones are only counted
# with their exact repeats.
MAX_COMPARED = 500
# Words that make a question another one, as they make the engine's guards refuse an entry: an actor, a time, a
# specific outcome or a number that one of two questions names in place of another word keeps them apart ("did
# china send troops" is not "did iran send troops", "how many tanks" not "how many planes").
_TELLING = ACTORS | TIMES | SPECIFICS
# Prefixes that turn a word into its opposite: "is it illegal" asks the other thing than "is it legal", though
# their letters are alike enough to group.
_NEGATING_PREFIXES = ("non", "dis", "un", "in", "im", "il", "ir")
# What must remain of a word without its prefix to be a word it negates: "un" in "kim jong un" negates nothing.
MIN_NEGATED_ROOT = 3
TOP_ENTRIES = 10
# Embeddings, overrides and isolates: each reorders the text after it, up to the end of the line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass
class Group:
    """Near-duplicate unanswered questions: how often, an example, and when last asked."""

    example: str
    count: int
    last_asked: datetime


def group_unanswered(questions: list[Unanswered], limit: int) -> list[Group]:
    """Group near-duplicates (newest question first in, so its wording is the example); most asked first."""
    repeats: dict[str, Group] = {}  # the same words, newest first
    for question in sorted(questions, key=lambda q: q.asked_at, reverse=True):
        key = " ".join(words_of(question.text)) or question.text.casefold()
        if key in repeats:
            repeats[key].count += 1
        else:
            repeats[key] = Group(question.text, 1, question.asked_at)
    distinct = list(repeats.items())
    groups: list[Group] = []
    keys: list[str] = []
    for key, repeated in distinct[:MAX_COMPARED]:
        alike = _alike(key, keys)
        if alike is None:
            keys.append(key)
            groups.append(repeated)
        else:
            groups[alike].count += repeated.count
    groups += [repeated for _, repeated in distinct[MAX_COMPARED:]]
    groups.sort(key=lambda group: (-group.count, -group.last_asked.timestamp()))
    return groups[:limit]


def _alike(key: str, keys: list[str]) -> int | None:
    """Return the position of the key most like `key` among those worded alike, if any."""
    words = key.split()
    for _, _, position in process.extract(
        key, keys, scorer=fuzz.token_set_ratio, score_cutoff=GROUP_SIMILARITY, limit=None
    ):
        other = keys[position].split()
        if min(len(words), len(other)) < MIN_WORDS_SHARE * max(len(words), len(other)):
            continue
        if not _names_something_else(set(words), set(other)):
            return position
    return None


def _names_something_else(words: set[str], other: set[str]) -> bool:
    """Whether one question puts a telling word, or a word's opposite, where the other has another word.

    "china" for "iran" is another actor, "illegal" for "legal" the opposite question; words one of them only adds
    ("kim jong un" for "kim") make no other question.
    """
    only, other_only = words - other, other - words
    if not (only and other_only):
        return False
    if any(word in _TELLING or word.isdigit() for word in only | other_only):
        return True
    return any(_negates(word, another) or _negates(another, word) for word in only for another in other_only)


def _negates(word: str, other: str) -> bool:
    """Whether the stem `word` is `other` with a negating prefix ("unoffici" for "offici").

    Stems may end apart ("illeg" for "legal", "imposs" for "possibl"): one root need only begin the other. A word
    that merely begins like a negation ("income", "display") keeps two questions apart at worst, never merges them.
    """
    for prefix in _NEGATING_PREFIXES:
        root = word.removeprefix(prefix)
        if root != word and min(len(root), len(other)) >= MIN_NEGATED_ROOT:
            return root.startswith(other) or other.startswith(root)
    return False


def unanswered_text(groups: list[Group], days: int) -> str:
    """Render the unanswered report as plain text."""
    if not groups:
        return f"No unanswered questions in the last {days} days."
    lines = [f"Most asked unanswered questions, last {days} days:"]
    lines += [f"{group.count:>4} x  {_one_line(group.example)}  (last {group.last_asked:%Y-%m-%d})" for group in groups]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """Return a question as typed, but on one line and without control characters.

    A question is people's text: its line breaks would start what reads as another row of the report ("  42 x
    ..."), and a terminal would obey its escape sequences (`storybot report`). Each line break shows as a space;
    other control characters, and the bidi controls that reorder the rest of the line, show as U+FFFD.
    """
    return "".join(_shown(char) for char in text)


def _shown(char: str) -> str:
    if char == "\t" or (unicodedata.category(char) not in ("Cc", "Zl", "Zp") and char not in _BIDI_CONTROLS):
        return char
    return " " if char.isspace() else "\ufffd"


def stats_text(totals: Totals, days: int) -> str:
    """Render usage statistics as plain text."""
    share = totals.answered / totals.asked if totals.asked else 0.0
    lines = [f"Last {days} days: {totals.asked} questions, {share:.0%} answered."]
    if totals.by_entry:
        lines.append("Top entries:")
        lines += [f"{count:>4}  {entry}" for entry, count in list(totals.by_entry.items())[:TOP_ENTRIES]]
    if totals.votes:
        lines.append("Feedback (helpful / not helpful):")
        lines += [f"{up:>4} / {down:<4} {entry}" for entry, (up, down) in totals.votes.items()]
    return "\n".join(lines)


def unanswered_report(records: Records, days: int, limit: int) -> str:
    """Read the unanswered questions of the last `days` days and render the `limit` most asked groups."""
    return unanswered_text(group_unanswered(records.unanswered(_since(days)), limit), days)


def stats_report(records: Records, days: int) -> str:
    """Read and render the usage statistics of the last `days` days."""
    return stats_text(records.totals(_since(days)), days)


def _since(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)
