"""Browsing by topic: autocomplete choices and loose /fact arguments."""

from __future__ import annotations

from bot.core.catalog import TOPIC_PREFIX, choices, complete, entries_for
from bot.core.loader import load_knowledge
from tests.helpers import SHIPPED

KNOWLEDGE = load_knowledge(SHIPPED)
DISCORD_MAX_CHOICES = 25


def test_choices_list_topics_first_then_entries() -> None:
    options = choices(KNOWLEDGE)
    topics = [o for o in options if o.value.startswith(TOPIC_PREFIX)]
    assert len(topics) == len(KNOWLEDGE.topics)
    assert options[: len(topics)] == topics
    assert all(len(o.label) <= 100 and len(o.value) <= 100 for o in options)


def test_complete_respects_the_limit_and_ranks_matches() -> None:
    assert len(complete(KNOWLEDGE, "", DISCORD_MAX_CHOICES)) == DISCORD_MAX_CHOICES
    assert complete(KNOWLEDGE, "numbrs", 5)[0].value == TOPIC_PREFIX + "Numbers and losses"
    assert complete(KNOWLEDGE, "monument", 5)[0].value == "monument"


def test_entries_for_topic_entry_and_nonsense() -> None:
    numbers = entries_for(KNOWLEDGE, TOPIC_PREFIX + "Numbers and losses")
    assert numbers and all(e.topic == "Numbers and losses" for e in numbers)
    assert [e.id for e in entries_for(KNOWLEDGE, "monument")] == ["monument"]
    assert entries_for(KNOWLEDGE, "condemnaton")[0].topic == "Condemnation"
    assert entries_for(KNOWLEDGE, "qqqqzzzz") == []
