"""The search index over one knowledge: entry and phrasing postings, word weights, candidates.

Built once per knowledge. Every curated phrasing becomes a set of tokens; words are weighted by
inverse document frequency (a word few entries use tells them apart), and posting lists take a
question straight to the entries and phrasings that share its words, so the cost of a question
grows with its words' posting lists, not with the size of the knowledge.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from bot.core.loader import Knowledge
from bot.core.model import Entry, Source
from bot.core.normalise import (
    WORDS_ASKED,
    Analyser,
    asks_identity,
    claimants_in,
    destinations_in,
    doers_in,
    is_figure,
    meaningful,
    raw_words,
    role_of,
    senders,
)

# A word no entry uses weighs this share of a word used by a single entry: an unknown word is
# likely to change the question, but may be a harmless paraphrase (calibrated on the dev split).
UNKNOWN_WORD_IDF_SHARE = 0.6
# Only this many entries, those sharing the most telling words with the question, are scored in full
# (10 answer as all 46 shipped entries do on all but one of the 869 tuning questions, where 10 abstain and
# 46 give a wrong entry, in a fraction of the time).
MAX_CANDIDATES = 10
# How an answer opens a verbatim quote of someone's words.
QUOTE_MARK = "\u201c"
# A word used by more entries than this (a share of all entries, at least the floor) is too common to
# pick candidates by; it still counts in every score.
COMMON_WORD_SHARE = 0.1
COMMON_WORD_MIN_ENTRIES = 64


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from the article and the published source that reports it."""

    quote: str
    source: Source


@dataclass(frozen=True)
class IndexedEntry:
    """An entry, its citations, and its tokens: those it is asked with, those its answer and evidence tell, and all."""

    entry: Entry
    citations: tuple[Citation, ...]
    asked: frozenset[str]
    told: frozenset[str]
    tokens: frozenset[str]
    claimants: frozenset[str]
    doers: frozenset[str]  # deed:country, who does what ("send:north_korea")
    deeds: frozenset[str]  # the deeds it has anyone doing ("send")
    gives_figure: bool  # its answer gives a figure ("11,000-12,000"), which corrects one a question checks
    quotes: bool  # its answer quotes someone's words verbatim


class Claims(NamedTuple):
    """What one entry's texts have people doing: who says, gains or loses, who does a deed, where troops go."""

    claimants: frozenset[str]
    doers: frozenset[str]
    destinations: frozenset[str]


@dataclass(frozen=True)
class Readings:
    """What building an index reads from a knowledge's texts, kept so that a cache can skip reading them."""

    asked_words: frozenset[str]  # every word of the questions and phrasings, as typed
    known_words: frozenset[str]  # every word of the answers and evidence, as typed
    sequences: Mapping[str, tuple[str, ...]]  # each text read into tokens, without fixing typos
    claims: Mapping[str, Claims]  # per entry id


@dataclass(frozen=True)
class _EntryReading:
    """One entry read for the index."""

    indexed: IndexedEntry
    phrasings: list[frozenset[str]]  # distinct once normalised ("nk troops?", "NK troops")
    near_misses: list[frozenset[str]]
    destinations: frozenset[str]  # where it sends troops
    core_words: frozenset[str]  # words it is both asked with and tells about


class KnowledgeIndex:
    """Postings and weights for one knowledge; read-only once built.

    `readings`, when given, must come from an index of the same knowledge built by the same code.
    """

    def __init__(self, knowledge: Knowledge, readings: Readings | None = None) -> None:
        entries = knowledge.data.entries
        if readings is None:
            readings = _first_readings(knowledge)
        self.analyser = Analyser(knowledge.data.synonyms, readings.asked_words, readings.known_words)
        self._sequences = dict(readings.sequences)
        self._claims = dict(readings.claims)
        self.headline = frozenset(meaningful(self._read(knowledge.data.story.title)))
        self.entries: list[IndexedEntry] = []
        self.by_id: dict[str, IndexedEntry] = {}
        # Per phrasing: its entry's position and whether it is a near miss, the groups a fit is kept by.
        self.phrasing_group: list[tuple[int, bool]] = []
        self.phrasing_text: list[str] = []  # tokens in sorted order, as rapidfuzz compares them
        self.phrasing_tokens: list[frozenset[str]] = []
        # Every curated phrasing's words -> the entries asked so, to know a question asked word for word.
        self.asked_exactly: dict[frozenset[str], list[int]] = {}
        self.entry_phrasings: list[range] = []
        destinations: set[str] = set()
        doers: set[str] = set()
        core_words: set[str] = set()
        for position, entry in enumerate(entries):
            reading = self._index_entry(entry, knowledge)
            indexed, phrasings, near_misses = reading.indexed, reading.phrasings, reading.near_misses
            destinations.update(reading.destinations)
            doers.update(indexed.doers)
            core_words.update(reading.core_words)
            self.entries.append(indexed)
            self.by_id[entry.id] = indexed
            first = len(self.phrasing_tokens)
            self.entry_phrasings.append(range(first, first + len(phrasings) + len(near_misses)))
            for phrasing, is_near_miss in [(p, False) for p in phrasings] + [(p, True) for p in near_misses]:
                self.phrasing_group.append((position, is_near_miss))
                self.phrasing_text.append(" ".join(sorted(phrasing)))
                self.phrasing_tokens.append(phrasing)
                if not is_near_miss:
                    self.asked_exactly.setdefault(phrasing, []).append(position)
        # Where the story's troops go ("sent troops to russia"): troops sent anywhere else are another story.
        self.destinations = frozenset(destinations)
        # Who sends, supplies or supports anything in the story: anyone else doing so is another story ("did
        # ukraine send troops").
        self.senders = senders(doers)
        # Entries asked with a word come first in its list, those only told it after: when entries tie on the words
        # they share with a question, the first ones listed become candidates ("does the article cite anything"
        # shares its two words with most entries; the one asked so is meant).
        asked = _postings(indexed.asked for indexed in self.entries)
        told_only = _postings(indexed.tokens - indexed.asked for indexed in self.entries)
        self.entry_postings = {token: asked.get(token, []) + told_only.get(token, []) for token in asked | told_only}
        # Per entry: word -> the entry's phrasings that use it, numbered from the entry's first.
        self.phrasing_postings = [
            _postings(self.phrasing_tokens[phrasing] for phrasing in phrasings) for phrasings in self.entry_phrasings
        ]
        # A question word of this vocabulary that an entry never mentions points at another entry. Words
        # only a paraphrase uses ("never made it back") point nowhere: the question merely words it alike.
        self.core_vocabulary = frozenset(core_words)
        count = len(self.entries)
        self.idf = {token: math.log(1 + count / len(owners)) for token, owners in self.entry_postings.items()}
        self.unknown_idf = math.log(1 + count) * UNKNOWN_WORD_IDF_SHARE
        # Exactly rounded, so the same in every process whatever the order of the set (see engine.py).
        totals = (math.fsum(self.weight(token) for token in tokens) for tokens in self.phrasing_tokens)
        self.phrasing_inverse_total = [1 / total if total else 0.0 for total in totals]
        self._common_cutoff = max(COMMON_WORD_MIN_ENTRIES, count * COMMON_WORD_SHARE)
        self.readings = Readings(readings.asked_words, readings.known_words, self._sequences, self._claims)

    def _index_entry(self, entry: Entry, knowledge: Knowledge) -> _EntryReading:
        """Read one entry's texts."""
        asked_texts = (entry.question, *entry.phrasings)
        told_texts = (entry.answer, *(e.quote for e in entry.evidence))
        sequences = [self._read(text) for text in asked_texts + told_texts]
        claimants, doers, destinations = self._claims_of(entry.id, sequences)
        text_tokens = [meaningful(sequence) for sequence in sequences]
        # Phrasings that read the same once normalised ("nk troops?", "NK troops") are compared once.
        phrasings = list(dict.fromkeys(frozenset(tokens) for tokens in text_tokens[: len(asked_texts)]))
        asked = frozenset().union(*phrasings)
        if not asks_identity(sequences[0]):
            asked |= {WORDS_ASKED}
        told = frozenset().union(*text_tokens[len(asked_texts) :])
        citations = tuple(Citation(e.quote, knowledge.sources[e.source]) for e in entry.evidence)
        deeds = frozenset(map(role_of, doers))
        gives_figure = any(map(is_figure, text_tokens[len(asked_texts)]))  # the answer, not the evidence
        quotes = QUOTE_MARK in entry.answer
        indexed = IndexedEntry(
            entry, citations, asked, told, asked | told, claimants, doers, deeds, gives_figure, quotes
        )
        # Near misses only ever veto: their words are neither asked nor told.
        near_misses = list(dict.fromkeys(frozenset(meaningful(self._read(text))) for text in entry.near_misses))
        # Words an entry is both asked with and tells about are what it is about ("killed", "treaty").
        return _EntryReading(indexed, phrasings, near_misses, destinations, asked & told)

    def _claims_of(self, entry_id: str, sequences: list[tuple[str, ...]]) -> Claims:
        """Return what the entry's read texts have people doing, from the readings when they hold it."""
        claims = self._claims.get(entry_id)
        if claims is None:
            claims = self._claims[entry_id] = Claims(
                frozenset().union(*map(claimants_in, sequences)),
                frozenset().union(*map(doers_in, sequences)),
                frozenset().union(*map(destinations_in, sequences)),
            )
        return claims

    def _read(self, text: str) -> tuple[str, ...]:
        sequence = self._sequences.get(text)
        if sequence is None:
            sequence = self._sequences[text] = self.analyser.read(text, fix_typos=False)
        return sequence

    def weight(self, token: str) -> float:
        """Return how much a word tells entries apart (its idf; unknown words have a fixed weight)."""
        return self.idf.get(token, self.unknown_idf)

    def candidates(self, tokens: frozenset[str]) -> list[int]:
        """Return the entries worth scoring in full: the best few by the weight of telling words shared.

        Words that most entries use ("north korea" in a story about North Korea) tell entries apart
        least and have the longest posting lists, so they only pick candidates when nothing rarer does.
        """
        postings = [(token, self.entry_postings[token]) for token in tokens if token in self.entry_postings]
        if not postings:
            return []
        telling = [(token, owners) for token, owners in postings if len(owners) <= self._common_cutoff]
        shared: dict[int, float] = defaultdict(float)
        # In word order: the words come from a set, whose order (and so the order of `shared`, which breaks ties,
        # and the last bits of its sums) would otherwise depend on the hash seed.
        for token, owners in sorted(telling) or [min(postings, key=lambda posting: (len(posting[1]), posting[0]))]:
            for position in owners:
                shared[position] += self.idf[token]
        best = heapq.nlargest(MAX_CANDIDATES, shared, key=shared.__getitem__)
        # An entry asked in these very words is always a candidate, however many others share them.
        return best + [owner for owner in self.asked_exactly.get(tokens, ()) if owner not in best]

    def phrasing_overlap(
        self, weights: dict[str, float], candidates: Iterable[int], enough: Sequence[Sequence[float]]
    ) -> tuple[list[int], list[float]]:
        """Return the phrasings of the candidates that share enough weight with the question, and what each shares.

        `enough[candidate]` holds, for each of its phrasings in order, the weight it must share. Each candidate's
        own postings are walked, for the question's words it has: the work grows with the few candidates, never
        with the size of the knowledge. Sums go in a list per candidate and are compared in one pass: most
        phrasings share too little to count.
        """
        question = weights.keys()
        phrasings: list[int] = []
        shares: list[float] = []
        for position in candidates:
            postings = self.phrasing_postings[position]
            # In word order: the sums' last bits depend on the order they are added in (see engine.py).
            words = sorted(question & postings.keys())
            if not words:
                continue
            needed = enough[position]
            shared = [0.0] * len(needed)
            for token in words:
                weight = weights[token]
                for phrasing in postings[token]:
                    shared[phrasing] += weight
            counted = list(map(operator.ge, shared, needed))
            phrasings += itertools.compress(self.entry_phrasings[position], counted)
            shares += itertools.compress(shared, counted)
        return phrasings, shares


def _postings(token_sets: Iterable[frozenset[str]]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for position, tokens in enumerate(token_sets):
        for token in tokens:
            postings[token].append(position)
    return dict(postings)


def _first_readings(knowledge: Knowledge) -> Readings:
    """Return readings holding the words as typed and the texts the loader read."""
    asked: set[str] = set()
    known: set[str] = set()
    for entry in knowledge.data.entries:
        asked.update(*(raw_words(text) for text in (entry.question, *entry.phrasings)))
        known.update(*(raw_words(text) for text in (entry.answer, *(e.quote for e in entry.evidence))))
    return Readings(frozenset(asked), frozenset(known), knowledge.sequences, {})
