"""Browse the knowledge by topic: what /fact and its autocomplete (and the console's /fact) offer."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.loader import Knowledge
from bot.core.model import Entry

# Below this WRatio a typed topic is not taken to mean any topic or entry (calibrated by hand on
# typos of the shipped topics: "numbrs" scores 83, unrelated words stay under 60).
TOPIC_MATCH_CUTOFF = 70.0
TOPIC_PREFIX = "topic:"


@dataclass(frozen=True)
class Choice:
    """One autocomplete choice: what people see and the value the command receives."""

    label: str
    value: str


def choices(knowledge: Knowledge) -> list[Choice]:
    """Every topic, then every entry, as choices."""
    topics = [Choice(f"Topic: {topic}", TOPIC_PREFIX + topic) for topic in knowledge.topics]
    return topics + [Choice(entry.question, entry.id) for entry in knowledge.data.entries]


def complete(knowledge: Knowledge, typed: str, limit: int) -> list[Choice]:
    """Return up to `limit` choices that fit what has been typed so far, best first."""
    options = choices(knowledge)
    if not typed.strip():
        return options[:limit]
    # Match on what people see and on the entry id, so "monument" finds the entry whose question
    # is "How will North Korea honour its fallen soldiers?".
    searchable = [f"{option.label} {option.value}" for option in options]
    matches = process.extract(typed, searchable, scorer=fuzz.WRatio, processor=str.casefold, limit=limit)
    return [options[index] for _, _, index in matches]


def entries_for(knowledge: Knowledge, wanted: str) -> list[Entry]:
    """Return the entries a /fact argument means: a choice value, a topic name or an entry, typed loosely."""
    wanted = wanted.strip()
    if wanted.startswith(TOPIC_PREFIX):
        wanted = wanted.removeprefix(TOPIC_PREFIX)
    if wanted in knowledge.entries:
        return [knowledge.entries[wanted]]
    options = choices(knowledge)
    labels = [
        option.value.removeprefix(TOPIC_PREFIX) if option.value.startswith(TOPIC_PREFIX) else option.label
        for option in options
    ]
    match = process.extractOne(
        wanted, labels, scorer=fuzz.WRatio, processor=str.casefold, score_cutoff=TOPIC_MATCH_CUTOFF
    )
    if match is None:
        return []
    option = options[match[2]]
    if option.value.startswith(TOPIC_PREFIX):
        topic = option.value.removeprefix(TOPIC_PREFIX)
        return [entry for entry in knowledge.data.entries if entry.topic == topic]
    return [knowledge.entries[option.value]]
