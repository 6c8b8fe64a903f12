"""The answer engine: match a question to an entry, or abstain and suggest what was maybe meant.

How a question is scored against an entry:
1. Guards first. A question that names an actor, a place, a number, a time or a specific outcome
   ("wounded"), that asks who/where/why/how many, or asks for an opinion, is about something else
   when the entry never mentions that word ("Ukrainian losses" vs North Korean ones, "China" vs
   North Korea, "when" where no date is given): that entry may not answer, however similar the rest.
2. Coverage: how much of the question (words weighted by how rare they are across entries) the entry's
   phrasings, answer and evidence account for. An important word no entry knows drags it down.
3. Phrasing fit: how much of the best-matching curated phrasing the question contains, and rapidfuzz's
   token-sort similarity between the two.
The score (0-100) blends these; the engine answers only above a cut-off calibrated on the tuning
questions, so a near miss abstains instead of answering confidently.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TypedDict

from rapidfuzz import fuzz, process

from bot.core.intent import question_parts
from bot.core.loader import Knowledge
from bot.core.model import Entry, Source
from bot.core.normalise import ACTORS, CHATTER, OPINIONS, SPECIFICS, TIMES, Analyser, lexicon_tokens, raw_words

# Weights of the blended score; calibrated on the dev split of tests/data/questions.jsonl.
COVERAGE_WEIGHT = 0.4
RECALL_WEIGHT = 0.3
FUZZY_WEIGHT = 0.3
# Floors each measure must reach on its own, whatever the blend: a question must be mostly explained
# by the entry, and must contain a good part of one curated phrasing.
MIN_COVERAGE = 0.5
MIN_RECALL = 0.5
# The words shared with the entry must weigh at least this much (idf): "troops" alone, a word most
# entries use (~1.0), is not a question; "kursk" (~1.9) or "sources" (~3) is.
MIN_MATCHED_WEIGHT = 1.2
FUZZY_FLOOR = 30.0
# Only this many entries, those sharing the most telling words with the question, are scored in full.
MAX_CANDIDATES = 50
# A word used by more entries than this (a share of all entries, at least the floor) is too common to
# pick candidates by; it still counts in every score.
COMMON_WORD_SHARE = 0.1
COMMON_WORD_MIN_ENTRIES = 64
# Longer input is cut before matching: no real question needs more, and matching stays fast.
MAX_QUESTION_CHARS = 1_000
# A word no entry uses weighs as much as a word used by a single entry: an unknown word is as likely
# to change the question as the rarest known one.
UNKNOWN_WORD_IDF_SHARE = 0.6
# Answer at or above this score; offer an entry as a suggestion at or above the lower one.
ANSWER_THRESHOLD = 60.0
SUGGEST_THRESHOLD = 35.0
MAX_SUGGESTIONS = 3


class SourceJson(TypedDict):
    """One supporting quote in the JSON contract."""

    quote: str
    source: str
    url: str | None


class SuggestionJson(TypedDict):
    """One suggestion in the JSON contract."""

    entry: str
    question: str


class ReplyJson(TypedDict):
    """The stable JSON contract of `storybot ask --json` (documented in the README)."""

    question: str
    answered: bool
    answer: str | None
    entry: str | None
    score: float
    sources: list[SourceJson]
    suggestions: list[SuggestionJson]


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from the article and the published source that reports it."""

    quote: str
    source: Source


@dataclass(frozen=True)
class Suggestion:
    """A question the person may have meant."""

    entry_id: str
    question: str


@dataclass(frozen=True)
class Reply:
    """The engine's verdict on one question: an entry with its evidence, or an abstention."""

    question: str
    entry: Entry | None
    score: float
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def answered(self) -> bool:
        """Whether the engine answers (it always has evidence when it does)."""
        return self.entry is not None

    def to_json(self) -> ReplyJson:
        """Return the documented JSON contract of `storybot ask --json`."""
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.entry.answer if self.entry else None,
            "entry": self.entry.id if self.entry else None,
            "score": round(self.score, 1),
            "sources": [
                {"quote": citation.quote, "source": citation.source.title, "url": citation.source.url}
                for citation in self.citations
            ],
            "suggestions": [{"entry": s.entry_id, "question": s.question} for s in self.suggestions],
        }


@dataclass(frozen=True)
class _Indexed:
    """An entry's tokens, prepared once when the knowledge is loaded."""

    entry: Entry
    citations: tuple[Citation, ...]
    asked: frozenset[str]
    tokens: frozenset[str]
    phrasings: tuple[frozenset[str], ...]

    @cached_property
    def phrasing_texts(self) -> tuple[str, ...]:
        """Each phrasing's tokens in sorted order, as rapidfuzz compares them."""
        return tuple(" ".join(sorted(phrasing)) for phrasing in self.phrasings)


@dataclass(frozen=True)
class Scored:
    """How well one entry fits one question, and which guarded words of the question it lacks."""

    entry: Entry
    coverage: float
    recall: float
    fuzzy: float
    matched: float
    blocked_by: frozenset[str]

    @property
    def score(self) -> float:
        """Blend the three measures into 0-100."""
        blend = COVERAGE_WEIGHT * self.coverage + RECALL_WEIGHT * self.recall + FUZZY_WEIGHT * self.fuzzy / 100
        return min(100.0, 100 * blend / (COVERAGE_WEIGHT + RECALL_WEIGHT + FUZZY_WEIGHT))

    @property
    def confident(self) -> bool:
        """Whether this fit is good enough to answer with."""
        return (
            not self.blocked_by
            and self.coverage >= MIN_COVERAGE
            and self.recall >= MIN_RECALL
            and self.matched >= MIN_MATCHED_WEIGHT
            and self.score >= ANSWER_THRESHOLD
        )


class AnswerEngine:
    """Answers questions from one Knowledge; build a new engine to serve new knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        data = knowledge.data
        self.analyser = Analyser(data.synonyms, _raw_vocabulary(data.entries))
        self._indexed = [self._index(entry) for entry in data.entries]
        self._by_id = {indexed.entry.id: indexed for indexed in self._indexed}
        self._postings: dict[str, list[int]] = defaultdict(list)
        for position, indexed in enumerate(self._indexed):
            for token in indexed.tokens:
                self._postings[token].append(position)
        count = len(self._indexed)
        self._idf = {token: math.log(1 + count / len(owners)) for token, owners in self._postings.items()}
        self._unknown_idf = math.log(1 + count) * UNKNOWN_WORD_IDF_SHARE
        self._common_cutoff = max(COMMON_WORD_MIN_ENTRIES, count * COMMON_WORD_SHARE)

    def _index(self, entry: Entry) -> _Indexed:
        phrasings = tuple(
            frozenset(self.analyser.tokens(text, fix_typos=False)) for text in (entry.question, *entry.phrasings)
        )
        asked = frozenset().union(*phrasings)
        known_side = [entry.answer, *(evidence.quote for evidence in entry.evidence)]
        tokens = asked.union(*(self.analyser.tokens(text, fix_typos=False) for text in known_side))
        citations = tuple(
            Citation(evidence.quote, self.knowledge.sources[evidence.source]) for evidence in entry.evidence
        )
        return _Indexed(entry, citations, asked, tokens, phrasings)

    def _weight(self, token: str) -> float:
        return self._idf.get(token, self._unknown_idf)

    def score_all(self, question: str) -> list[Scored]:
        """Score the entries that share the most telling words with the question, best first."""
        tokens = frozenset(self.analyser.tokens(question[:MAX_QUESTION_CHARS]))
        # Opinion words ("you", "think", "will") only guard: they must not make "nobody asked you" look
        # like a question about the entry that mentions "your sources".
        content = tokens - OPINIONS
        if content <= CHATTER:
            return []
        total = sum(self._weight(token) for token in content)
        guarded = frozenset(token for token in tokens if _is_guarded(token))
        asking = tokens & ASKING_WORDS
        candidates = self._candidates(tokens)
        fuzzy_best = self._fuzzy_scores(" ".join(sorted(tokens)), candidates)
        scored = []
        for position in candidates:
            indexed = self._indexed[position]
            matched = sum(self._weight(token) for token in content & indexed.tokens)
            scored.append(
                Scored(
                    entry=indexed.entry,
                    coverage=matched / total,
                    recall=max(self._recall(content, phrasing) for phrasing in indexed.phrasings),
                    fuzzy=fuzzy_best.get(position, 0.0),
                    matched=matched,
                    blocked_by=(guarded - indexed.tokens) | (asking - indexed.asked),
                )
            )
        scored.sort(key=lambda item: item.score, reverse=True)
        return scored

    def _candidates(self, tokens: frozenset[str]) -> list[int]:
        """Entries worth scoring in full: the best few by the weight of the telling words they share.

        Words that most entries use ("north korea" in a story about North Korea) tell entries apart
        least and have the longest posting lists, so they only pick candidates when nothing rarer does.
        """
        postings = [self._postings[token] for token in tokens if token in self._postings]
        if not postings:
            return []
        telling = [owners for owners in postings if len(owners) <= self._common_cutoff]
        shared: dict[int, float] = defaultdict(float)
        for owners in telling or [min(postings, key=len)]:
            weight = self._idf_of_postings(owners)
            for position in owners:
                shared[position] += weight
        return heapq.nlargest(MAX_CANDIDATES, shared, key=shared.__getitem__)

    def _idf_of_postings(self, owners: list[int]) -> float:
        return math.log(1 + len(self._indexed) / len(owners))

    def _recall(self, tokens: frozenset[str], phrasing: frozenset[str]) -> float:
        """Share of a phrasing's weight that the question contains."""
        weight = sum(self._weight(token) for token in phrasing)
        return sum(self._weight(token) for token in phrasing & tokens) / weight if weight else 0.0

    def _fuzzy_scores(self, query: str, candidates: list[int]) -> dict[int, float]:
        """Best token-sort similarity per candidate, all their phrasings scored in one rapidfuzz call."""
        texts: list[str] = []
        owners: list[int] = []
        for position in candidates:
            phrasings = self._indexed[position].phrasing_texts
            texts += phrasings
            owners += [position] * len(phrasings)
        best: dict[int, float] = {}
        matches = process.extract(query, texts, scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=FUZZY_FLOOR)
        for _, similarity, index in matches:
            owner = owners[index]
            best[owner] = max(similarity, best.get(owner, 0.0))
        return best

    def ask(self, question: str) -> Reply:
        """Answer `question` with an entry and its evidence, or abstain with suggestions.

        A message asking two questions at once is answered by the first part the engine is sure of.
        """
        reply = self._ask_one(question)
        if reply.answered:
            return reply
        parts = question_parts(question[:MAX_QUESTION_CHARS])
        for part in parts if len(parts) > 1 else ():
            part_reply = self._ask_one(part)
            if part_reply.answered:
                return replace(part_reply, question=question)
        return reply

    def _ask_one(self, question: str) -> Reply:
        scored = self.score_all(question)
        confident = [item for item in scored if item.confident]
        if confident:
            best = confident[0]
            return Reply(question, best.entry, best.score, self._by_id[best.entry.id].citations)
        suggestions = tuple(
            Suggestion(item.entry.id, item.entry.question) for item in scored if item.score >= SUGGEST_THRESHOLD
        )[:MAX_SUGGESTIONS]
        top = scored[0].score if scored else 0.0
        return Reply(question, None, min(top, ANSWER_THRESHOLD), suggestions=suggestions)

    def reply_for(self, entry_id: str) -> Reply:
        """Return the answer of one entry, as if it had been asked its canonical question."""
        indexed = self._by_id[entry_id]
        return Reply(indexed.entry.question, indexed.entry, 100.0, indexed.citations)


# Question words that change what is asked; an entry answers one only if its phrasings ask it.
ASKING_WORDS = lexicon_tokens(["who", "whom", "whose", "where", "why", "when", "many", "much", "long"])


def _is_guarded(token: str) -> bool:
    return token.isdigit() or any(token in words for words in (ACTORS, TIMES, OPINIONS, SPECIFICS))


def _raw_vocabulary(entries: Iterable[Entry]) -> set[str]:
    """Every word the knowledge uses, as written (typos are fixed against these)."""
    vocabulary: set[str] = set()
    for entry in entries:
        for text in (entry.question, *entry.phrasings, entry.answer, *(e.quote for e in entry.evidence)):
            vocabulary.update(raw_words(text))
    return vocabulary
