"""The answer engine: match a question to an entry, or abstain and suggest what was maybe meant.

How a question is scored against an entry:
1. Guards first. A question that names an actor, a place, a number, a time or a specific outcome
   ("wounded"), that asks who/which/where/why/how many, or asks for an opinion, is about something else
   when the entry never mentions that word ("Ukrainian losses" vs North Korean ones, "China" vs
   North Korea, "when" where no date is given): that entry may not answer, however similar the rest.
   An actor the question names must be one the entry is asked about, not one its evidence names in passing.
   The headline's actors (North Korea, Russia, Ukraine) frame every question and guard nothing, nor do
   their nationalities unless they say whose people are meant ("alongside the russians", not "russian
   losses"). Troops sent where the story never sends them ("has russia sent troops to north korea"), or by
   someone it never has sending anything ("how many troops did ukraine send"), block every entry; an actor
   the question has speaking, gaining or losing ("does ukraine say", "what does russia get") must do so in
   the entry, and one sending, building or commanding must do so in an entry that has anyone doing it.
   "Still" asks about now, which only an entry that says "still" answers.
2. Coverage: how much of the question (words weighted by how rare they are across entries) the entry's
   phrasings, answer and evidence account for. An important word no entry knows drags it down, and a
   telling word that another entry is both asked with and tells about, but this one never mentions,
   vetoes it.
3. Phrasing fit: how much of the best-matching curated phrasing the question contains, and rapidfuzz's
   token-sort similarity between the two. A question that contains a whole near miss of the entry and
   is more alike to it than to any phrasing gets no answer from it.
The score (0-100) blends these; the engine answers only above a cut-off calibrated on the tuning
questions, so a near miss abstains instead of answering confidently. A message that fails as a whole is
tried as two questions, then clause by clause (a question wrapped in chatter, abuse or an injection).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple, TypedDict

from rapidfuzz import fuzz, process

from bot.core.index import Citation, IndexedEntry, KnowledgeIndex, Readings
from bot.core.intent import clauses, opens_as_question, question_parts, run_on_question
from bot.core.loader import Knowledge
from bot.core.model import Entry
from bot.core.normalise import (
    ACTORS,
    CHATTER,
    COUNTRY_OF,
    FILLER,
    MANY,
    OPINIONS,
    PERSONS,
    PRECISE,
    QUESTIONS,
    SPECIFICS,
    TIMES,
    WAR_PLACES,
    WORDS_ASKED,
    actor_guessed,
    actor_of,
    asks_for_words,
    compound_token,
    country_of,
    is_count,
    is_figure,
    kinds_asked,
    lexicon_tokens,
    role_of,
    senders,
    whose_people,
)

# Weights, floors and cut-off: a grid search on the dev split of tests/data/questions.jsonl maximising
# answered-right + 2 x abstained-right (a confident wrong answer is the worst failure).
COVERAGE_WEIGHT = 0.4
RECALL_WEIGHT = 0.3
FUZZY_WEIGHT = 0.3
# Floors each measure must reach on its own, whatever the blend: a question must be mostly explained
# by the entry, and must contain a good part of one curated phrasing.
MIN_COVERAGE = 0.75
MIN_RECALL = 0.6
# The words shared with the entry must weigh at least this much (idf): "troops" alone, a word most
# entries use (~1.0), is not a question; "kursk" (~1.9) or "sources" (~3) is.
MIN_MATCHED_WEIGHT = 1.2
# A question word that another entry is asked with and tells about, but that this entry never mentions,
# points at that entry: weighing this much (idf; a word in 1 of 6 entries weighs ~1.9) it vetoes the
# match, so "how many died fighting for russia" is not answered with the number sent.
MAX_FOREIGN_WEIGHT = 1.8
# rapidfuzz similarities below this are not worth returning: they never decide an answer.
FUZZY_FLOOR = 30.0
# A phrasing the question shares less than this of (by weight) is not compared at all: it could
# neither pass MIN_RECALL nor lift a suggestion.
RECALL_FLOOR = 0.3
# Longer input is cut before matching: no real question needs more, and matching stays fast.
MAX_QUESTION_CHARS = 1_000
# At most this many clauses of a message are asked alone, the last ones: the question usually comes
# after the chatter, and the cost stays bounded.
MAX_CLAUSES = 3
# A clause must carry this much known weight (idf) to be asked alone: "is it legal" (2.8) does, a
# fragment such as "confirm." (1.4) or "russians?" (1.3) does not.
MIN_CLAUSE_WEIGHT = 2.0
# Unknown strings this short ("hw", "k") are noise, not words that change the question.
NOISE_CHARS = 2

# A figure is checked by a question, or by a check typed or dictated without its question mark: "true or false:
# 5,000 were killed", "is it true nk sent 50k", "was it 11k", "is it like 50k or what", "so they sent 50k right".
_CHECKS = re.compile(
    r"\btrue or false\b|\b(?:is|was) (?:it|that|this) (?:true|right|correct|accurate)\b"
    r"|^\W*(?:(?:so|um|uh|like|ok|okay|wait|hey)\W+)*(?:was|were)\b"
    r"|\bor (?:what|not|nah|no)\W*$|\b(?:right|correct|true|innit|yeah)\W*$",
    re.IGNORECASE,
)

__all__ = ["AnswerEngine", "Citation", "Reply", "ReplyJson", "Scored", "Suggestion"]
# Answer at or above this score; offer an entry as a suggestion at or above the lower one.
ANSWER_THRESHOLD = 60.0
SUGGEST_THRESHOLD = 35.0
MAX_SUGGESTIONS = 3
# Suggestions for a question no entry can answer are fitted on this many of its most telling words.
SUGGESTION_WORDS = 8


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


class Scored(NamedTuple):
    """How well one entry fits one question, and which guarded words of the question it lacks.

    A named tuple: a question builds a score for each of its candidates, twice, and tuples build fastest.
    """

    entry: Entry
    coverage: float
    recall: float
    fuzzy: float
    matched: float  # the weight of the words shared with the entry, opinion words it is asked with included
    blocked_by: frozenset[str]
    foreign: float
    near_miss: bool = False

    @property
    def score(self) -> float:
        """Blend the three measures into 0-100."""
        blend = COVERAGE_WEIGHT * self.coverage + RECALL_WEIGHT * self.recall + FUZZY_WEIGHT * self.fuzzy / 100
        return min(100.0, 100 * blend / (COVERAGE_WEIGHT + RECALL_WEIGHT + FUZZY_WEIGHT))

    @property
    def vetoed(self) -> bool:
        """Whether the question asks about something this entry never mentions (a guard or a foreign word)."""
        return bool(self.blocked_by) or self.foreign >= MAX_FOREIGN_WEIGHT

    @property
    def covered(self) -> bool:
        """Whether the entry clears the floors that do not depend on its phrasings."""
        return not self.vetoed and self.coverage >= MIN_COVERAGE and self.matched >= MIN_MATCHED_WEIGHT

    @property
    def confident(self) -> bool:
        """Whether this fit is good enough to answer with."""
        return self.covered and not self.near_miss and self.recall >= MIN_RECALL and self.score >= ANSWER_THRESHOLD


@dataclass(frozen=True)
class _Guards:
    """What a question names, asks and has people do, that an entry must have too."""

    guarded: frozenset[str]  # actors, times, numbers, opinions, specifics
    named: frozenset[str]  # actors the question itself names
    asking: frozenset[str]  # who, which, where, why, how many...
    kinds: frozenset[str]  # what "which" asks to pick: a ministry, a treaty...
    figures: frozenset[str]  # figures it checks ("were 50,000 sent?")
    places: frozenset[str]  # places of the war it checks ("were they first seen in the donbas?")
    exactly: frozenset[str]  # asking for someone's exact words ("what exactly did he say")
    speakers: frozenset[str]  # the people whose words are asked for ("what did kim say"): the entry must tell of them
    guessed: frozenset[str]  # who the question guesses said it ("was it china that first reported it")
    claimants: frozenset[str]  # who says, gains or loses ("say:russia")
    doers: frozenset[str]  # who sends, builds or commands ("send:ukrain")
    elsewhere: frozenset[str]  # what no entry can answer: troops sent elsewhere, or by someone else
    choices: frozenset[frozenset[str]]  # either-or pairs with a guarded word ("kursk or donbas")

    def granted(self, indexed: IndexedEntry) -> frozenset[str]:
        """Return the words of the question `indexed` answers without having them.

        An entry giving a figure answers a check of another ("were 50,000 sent?"): its answer corrects it, as one
        asked where corrects a place of the war ("were they first seen in the donbas?"). One
        quoting someone verbatim gives their exact words, and one asked who answers a guess at who said it.
        """
        granted = self.figures if indexed.gives_figure else _NOTHING
        if self.places and _WHERE in indexed.asked:
            granted |= self.places
        if self.guessed and _WHO in indexed.asked:
            granted |= self.guessed
        return granted | self.exactly if indexed.quotes else granted

    def blocking(self, indexed: IndexedEntry, granted: frozenset[str]) -> frozenset[str]:
        """Return the guarded words of the question that `indexed` lacks: any one vetoes it."""
        blocked = (self.guarded - indexed.tokens - granted) | self.elsewhere
        if self.speakers:
            # Told of, not only asked of: "did kim admit it" asks about North Korea's admission, which never names Kim.
            blocked |= self.speakers - indexed.told
        if self.named:
            # Who plays a role the entry has too may be named, such as its own source ("say:western").
            blocked |= (
                self.named - indexed.asked - granted - frozenset(map(actor_of, self.claimants & indexed.claimants))
            )
        if self.asking:
            blocked |= self.asking - indexed.asked
        if self.kinds:
            # "which clause of the treaty" asks for a clause, which an entry asked "which treaty" never names.
            blocked |= self.kinds - indexed.tokens
        if self.claimants:
            blocked |= self.claimants - indexed.claimants
        if self.doers:
            # A deed the entry has nobody doing ("what does the us think of it") does not mind who.
            blocked |= {doer for doer in self.doers - indexed.doers if role_of(doer) in indexed.deeds}
        if self.choices:
            blocked -= _answered_choices(self.choices, indexed)
        return blocked


# A candidate's phrasings, or its near misses: (its position in the index, whether near misses).
_Fit = tuple[int, bool]


@dataclass(frozen=True)
class _Reading:
    """A question read against the index: its word weights, its candidates scored without phrasings."""

    weights: dict[str, float]
    query: str  # its tokens in sorted order, as phrasings are stored for rapidfuzz
    candidates: list[int]
    unfitted: list[Scored]  # recall and fuzzy still 0

    @property
    def answerable(self) -> bool:
        """Whether a candidate clears the floors that do not depend on phrasings."""
        return any(item.covered for item in self.unfitted)

    def most_telling(self) -> _Reading:
        """Keep the words that weigh most, enough to suggest from."""
        if len(self.weights) <= SUGGESTION_WORDS:
            return self
        # Ties by name: the words come from a set, whose order depends on the hash seed.
        kept = sorted(self.weights, key=lambda token: (-self.weights[token], token))[:SUGGESTION_WORDS]
        return replace(self, weights={token: self.weights[token] for token in kept})


class AnswerEngine:
    """Answers questions from one Knowledge; build a new engine to serve new knowledge."""

    def __init__(self, knowledge: Knowledge, readings: Readings | None = None) -> None:
        self.knowledge = knowledge
        self.index = KnowledgeIndex(knowledge, readings)
        self.analyser = self.index.analyser
        # Per entry, the weight a question must share with each of its phrasings for it to be compared at all.
        totals = self.index.phrasing_inverse_total
        self._enough_shared = [
            [RECALL_FLOOR / inverse if inverse else math.inf for inverse in totals[entry.start : entry.stop]]
            for entry in self.index.entry_phrasings
        ]

    def score_all(self, question: str, context: str = "") -> list[Scored]:
        """Score the entries that share the most telling words with the question, best first.

        The guarded words of `context`, the message a clause was taken from, guard too, except its
        opinion words ("you" in "you useless bot, is it legal" belongs to the abuse, not the question),
        its counts and its spans of time.
        """
        return self._fitted(self._read(question, context))

    def _read(self, question: str, context: str = "") -> _Reading:
        """Weigh the question's words and score its candidates on everything but the phrasings."""
        index = self.index
        text = question[:MAX_QUESTION_CHARS]
        tokens = frozenset(self.analyser.tokens(text))
        content = self._content(tokens)
        if content <= (CHATTER if context else _ASKS_NOTHING):
            return _Reading({}, "", [], [])
        weights = {token: index.weight(token) for token in content}
        # math.fsum, exactly rounded whatever the order: the words come from a set, whose order depends on the hash
        # seed, and plain sums differ in their last bits with it (a score of 96.25 printed as 96.2 or 96.3).
        total = math.fsum(weights.values())
        # Counts and spans of time elsewhere in the message are chatter ("he said like 100k", "offline all
        # week"); a year or a date there still scopes the question ("back in 1950, how many were sent").
        around = frozenset(
            t for t in self.analyser.tokens(context[:MAX_QUESTION_CHARS]) if not is_count(t) and t not in _SPANS
        )
        doers = self.analyser.doers(text)
        guarded = self._guarded(tokens | (around - OPINIONS), text, context)
        sequence = self.analyser.read(text)
        choices = _choices(sequence, guarded)
        # Only a question checks a figure: "say the casualties were 50000" dictates one.
        checks = "?" in text or _CHECKS.search(text) is not None
        figures = frozenset(filter(_is_checked_count, guarded)) if checks else _NOTHING
        if figures and tokens.isdisjoint(_PART_OF_A_SPAN):
            # The span a checked figure is given over is checked with it: "did 1,000 die in three weeks?", but not a
            # part of the span ("did 2,000 die in the first week?").
            figures |= guarded & _SPANS
        asking_words = asks_for_words(sequence)
        # "Was it china that first reported it" asks who first reported it, and guesses.
        claimants = said = self.analyser.claimants(text)
        guessed = actor_guessed(sequence)
        if guessed:
            speaker = COUNTRY_OF.get(guessed, guessed)
            claimants = frozenset(claim for claim in claimants if actor_of(claim) != speaker)
        guards = _Guards(
            guarded=guarded,
            # An actor the question itself names must be one the entry is asked about, not one its evidence
            # mentions in passing ("how did south korea react" is not the US reaction that names Seoul).
            named=guarded & tokens & ACTORS,
            asking=(tokens & ASKING_WORDS)
            | ({WORDS_ASKED} if asking_words else set())
            | ({_WHO} if guessed else set()),
            kinds=kinds_asked(sequence),
            figures=figures,
            # Only where they were first: one place, which the entry's answer corrects. Where they fight now may be
            # more places than the article names ("have they fought in donetsk too?"), and Kursk with the place
            # checked sets them apart ("in kursk first, before moving on to the donbas?").
            places=guarded & WAR_PLACES if checks and _FIRST in tokens and _KURSK not in tokens else _NOTHING,
            exactly=guarded & _EXACTLY if asking_words else _NOTHING,
            # "Putin praised them, but what did Kim say": the whole message asks for Kim's words.
            speakers=(_people_speaking(said) if asking_words else _NOTHING)
            | (self._speakers(context[:MAX_QUESTION_CHARS]) if context else _NOTHING),
            guessed=frozenset({guessed}) if guessed else _NOTHING,
            # "According to North Korea" frames every clause of its message ("according to north korea, how many
            # died"); other claims in the rest of the message are chatter around the question.
            claimants=claimants | self.analyser.attributions(context[:MAX_QUESTION_CHARS]),
            doers=doers,
            # Troops sent somewhere the story never sends them ("has russia sent troops to north korea"), or
            # by someone it never has sending anything.
            elsewhere=(self.analyser.destinations(text) - index.destinations) | (senders(doers) - index.senders),
            choices=frozenset(choice for choice in choices if not choice.isdisjoint(guarded)),
        )
        # A checked figure does not choose the candidates: "were only 1,000 sent" may be the number sent.
        candidates = index.candidates(tokens - figures if figures else tokens)
        asked_elsewhere = content & index.core_vocabulary
        opinions = tokens & OPINIONS
        opinion_weights = {token: index.idf.get(token, 0.0) for token in opinions} if opinions else {}
        unfitted = []
        for position in candidates:
            indexed = index.entries[position]
            granted = guards.granted(indexed)
            shared = content & indexed.tokens
            if granted:
                shared |= content & granted
            matched = math.fsum(weights[token] for token in shared)
            elsewhere = asked_elsewhere - indexed.tokens
            if elsewhere and choices:
                # The choice an entry declines is no word of another entry's ("the defense or the unification
                # ministry").
                elsewhere -= _answered_choices(choices, indexed)
            foreign = max((weights[t] for t in elsewhere), default=0.0)
            # An opinion word the entry is asked with tells, though it never covers: "can this make the war worse".
            telling = matched + math.fsum(opinion_weights[t] for t in opinions & indexed.asked) if opinions else matched
            unfitted.append(
                Scored(indexed.entry, matched / total, 0.0, 0.0, telling, guards.blocking(indexed, granted), foreign)
            )
        # Asking about the future ("will they stay") is part of a phrasing's fit, though it never covers; so is
        # any opinion word of a question that is a curated phrasing word for word ("are they any good").
        fitting = OPINIONS if tokens in index.asked_exactly else _FUTURE
        fit_weights = weights | {token: index.idf[token] for token in tokens & fitting if token in index.idf}
        if figures and MANY in index.idf:
            # Checking a figure asks how many: "were 50,000 sent?" fits "how many were sent".
            fit_weights[MANY] = index.idf[MANY]
        return _Reading(fit_weights, " ".join(sorted(tokens)), candidates, unfitted)

    def _fitted(self, reading: _Reading, *, only: Literal["allowed", "vetoed"] | None = None) -> list[Scored]:
        """Complete each candidate's score with its fit to the curated phrasings, best first.

        `only="allowed"` fits only the candidates no guard vetoes, all an answer needs (most candidates are
        vetoed); suggestions need them all, and `only="vetoed"` fits the rest.
        """
        pairs = [
            (position, item)
            for position, item in zip(reading.candidates, reading.unfitted, strict=True)
            if only is None or item.vetoed == (only == "vetoed")
        ]
        recall, fuzzy = self._phrasing_fit(reading.weights, reading.query, [position for position, _ in pairs])
        scored = []
        for position, item in pairs:
            fit = (recall.get((position, False), 0.0), fuzzy.get((position, False), 0.0))
            near_fit = (recall.get((position, True), 0.0), fuzzy.get((position, True), 0.0))
            # Containing a whole near miss ("how many troops does ukraine have") and closer to it than to any
            # phrasing: the article does not answer it. Part of one is not enough, its telling word may be
            # the part missing.
            missed = near_fit[0] >= 1.0 and near_fit[1] > fit[1]
            scored.append(Scored(item.entry, item.coverage, *fit, item.matched, item.blocked_by, item.foreign, missed))
        scored.sort(key=lambda item: item.score, reverse=True)
        return scored

    def is_small_talk(self, message: str) -> bool:
        """Whether a message asks nothing to look up: empty, greetings, thanks, reactions ("thanks!", "lol")."""
        return self._content(frozenset(self.analyser.tokens(message[:MAX_QUESTION_CHARS]))) <= CHATTER

    def _content(self, tokens: frozenset[str]) -> frozenset[str]:
        """Return the words of a question that can match an entry."""
        # Opinion words ("you", "think", "will") only guard: they must not make "nobody asked you" look
        # like a question about the entry that mentions "your sources".
        return frozenset(t for t in tokens - OPINIONS if len(t) > NOISE_CHARS or t in self.index.idf)

    def _speakers(self, text: str) -> frozenset[str]:
        """Return the people whose words `text` asks for ("what did kim say")."""
        if not asks_for_words(self.analyser.read(text)):
            return _NOTHING
        return _people_speaking(self.analyser.claimants(text))

    def _telling(self, text: str) -> float:
        """Return the weight of the words of `text` the knowledge knows, but for whom it attributes them to.

        "according to the US" frames a question and asks nothing; nor does a clause of actors alone, the
        choice another clause asks about ("who's the better leader, putin or kim"), nor one that asks what the
        article says of the rest of its message ("they are just young lads sent to die. what does the article say?").
        """
        idf = self.index.idf
        framing = {actor_of(claim) for claim in self.analyser.attributions(text)}
        words = set(self.analyser.tokens(text)) - framing
        if words <= ACTORS or (words & _THE_ARTICLE and words <= _WHAT_THE_ARTICLE_SAYS):
            return 0.0
        return math.fsum(idf.get(token, 0.0) for token in words)

    def _guarded(self, tokens: frozenset[str], *texts: str) -> frozenset[str]:
        # The headline's actors (North Korea, Russia, Ukraine) frame every entry: naming them guards nothing, nor
        # does their leader ("kim's soldiers") or their nationality unless it says whose people are meant ("on the
        # russian side", not "russian troops").
        headline = self.index.headline
        framing = frozenset(token for token in tokens - headline if country_of(token) in headline)
        if framing:
            framing -= frozenset().union(*(whose_people(self.analyser.read(text)) for text in texts))
        return frozenset(token for token in tokens if _is_guarded(token)) - headline - framing

    def _phrasing_fit(
        self, weights: dict[str, float], query: str, candidates: list[int]
    ) -> tuple[dict[_Fit, float], dict[_Fit, float]]:
        """Return each candidate's best recall of one phrasing and best similarity to one, near misses apart.

        Both are keyed by (candidate, near misses or not).

        Only phrasings that share enough of their weight with the question are compared, in one rapidfuzz call.
        """
        index = self.index
        best: dict[_Fit, float] = {}
        texts: list[str] = []
        owners: list[_Fit] = []
        group_of, inverse_total, text_of = index.phrasing_group, index.phrasing_inverse_total, index.phrasing_text
        for phrasing, shared in zip(*index.phrasing_overlap(weights, candidates, self._enough_shared), strict=True):
            share = shared * inverse_total[phrasing]
            owner = group_of[phrasing]
            if share > best.get(owner, 0.0):
                best[owner] = share
            texts.append(text_of[phrasing])
            owners.append(owner)
        # Rounded: the sums' last bits depend on the order words were added in, and a question that contains a
        # whole phrasing and a whole near miss must tie the same way in every process.
        recall = {owner: round(share, 9) for owner, share in best.items()}
        fuzzy: dict[_Fit, float] = {}
        # Texts and query are already in sorted token order, so plain ratio is token-sort similarity. The
        # results come best first, so an entry's first result is its best.
        for _, similarity, position in process.extract(
            query, texts, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_FLOOR
        ):
            fuzzy.setdefault(owners[position], similarity)
        return recall, fuzzy

    def ask(self, question: str) -> Reply:
        """Answer `question` with an entry and its evidence, or abstain with suggestions.

        A message asking two questions at once is answered by the first part the engine is sure of. A
        question wrapped in chatter or abuse ("useless bot, who condemned it") is answered by its best
        clause, still held to the guards of the whole message.
        """
        text = question[:MAX_QUESTION_CHARS]
        parts = question_parts(text)
        others = parts if len(parts) > 1 else []
        if others and all(map(opens_as_question, others)):
            # Of two questions, the first is answered when it can be ("how many were sent? also how many died"):
            # the whole message would get whichever entry covers more of both. Not when a part only narrows
            # another ("how many were killed? ukrainians i mean").
            first = self._ask_alone(others.pop(0))
            if first.answered:
                return replace(first, question=question)
        whole = self._read(question)
        allowed: list[Scored] = []
        if whole.answerable:
            allowed = self._fitted(whole, only="allowed")
            reply = self._verdict(question, allowed)
            if reply.answered:
                return reply
        for part in others:
            part_reply = self._ask_alone(part)
            if part_reply.answered:
                return replace(part_reply, question=question)
        pieces = clauses(text)
        # A clause that runs on into a question ("so im driving how many died") is asked from the question on.
        questions = [run_on_question(piece) for piece in pieces]
        if len(pieces) > 1 or questions != pieces:  # one clause is the whole message, already asked
            questions = [clause for clause in questions if self._telling(clause) >= MIN_CLAUSE_WEIGHT]
            asked = (self._ask_alone(clause, text) for clause in questions[-MAX_CLAUSES:])
            sure = [piece for piece in asked if piece.answered]
            if sure:
                return replace(max(sure, key=lambda piece: piece.score), question=question)
        # Unanswered: the whole message's suggestions need every candidate's fit (a vetoed entry may be what was
        # meant), computed only now and only for those not fitted already; for a message no entry can answer, on
        # its most telling words (a long message's many words would each walk every phrasing that uses them).
        if not whole.answerable:
            return self._verdict(question, self._fitted(whole.most_telling()))
        order = {item.entry.id: at for at, item in enumerate(whole.unfitted)}
        scored = allowed + self._fitted(whole, only="vetoed")
        # As if all were fitted at once: best first, ties in candidate order.
        return self._verdict(question, sorted(scored, key=lambda item: (-item.score, order[item.entry.id])))

    def _ask_alone(self, piece: str, context: str = "") -> Reply:
        """Ask one part or clause of a message; no suggestions, so no phrasing fit when none can answer."""
        reading = self._read(piece, context)
        return self._verdict(piece, self._fitted(reading, only="allowed") if reading.answerable else [])

    def _verdict(self, question: str, scored: list[Scored]) -> Reply:
        # Only the best-fitting entry the guards allow may answer: when it falls short, a lower entry
        # that clears the floors is a worse fit, not a safer one.
        best = next((item for item in scored if not item.vetoed), None)
        if best is not None and best.confident:
            return Reply(question, best.entry, best.score, self.index.by_id[best.entry.id].citations)
        suggestions = tuple(
            Suggestion(item.entry.id, item.entry.question) for item in scored if item.score >= SUGGEST_THRESHOLD
        )[:MAX_SUGGESTIONS]
        top = scored[0].score if scored else 0.0
        return Reply(question, None, min(top, ANSWER_THRESHOLD), suggestions=suggestions)

    def reply_for(self, entry_id: str) -> Reply:
        """Return the answer of one entry, as if it had been asked its canonical question."""
        indexed = self.index.by_id[entry_id]
        return Reply(indexed.entry.question, indexed.entry, 100.0, indexed.citations)


# Question words that change what is asked; an entry answers one only if its phrasings ask it.
# ("how" alone is too vague: "how did Russia react".)
ASKING_WORDS = QUESTIONS - lexicon_tokens(["how"])
_WHO = compound_token("who")
_WHERE = compound_token("where")
_FIRST = compound_token("first")
_KURSK = compound_token("kursk")


# Chatter, or question words alone ("why?", "and how many?"): a follow-up to talk the bot cannot see, about nothing
# it could look up.
_ASKS_NOTHING = CHATTER | QUESTIONS
_GUARD_WORDS = ACTORS | TIMES | OPINIONS | SPECIFICS
# Time words that name a span, not a date: around a question they are chatter ("offline all week").
_SPANS = lexicon_tokens("day days week weeks month months year years night nights".split())


_FUTURE = lexicon_tokens(["will", "wont"])
_PART_OF_A_SPAN = lexicon_tokens(["first", "last", "past"])
# What a clause is made of that only asks what the article says ("is that what the article says?").
_THE_ARTICLE = lexicon_tokens("article articles piece story report".split())
_WHAT_THE_ARTICLE_SAYS = _THE_ARTICLE | lexicon_tokens("say says said claim claims".split())
_EXACTLY = frozenset({PRECISE})
_NOTHING: frozenset[str] = frozenset()


_OR = "or"
# How far from "or" each choice may stand ("the unification ministry or the defense ministry").
CHOICE_REACH = 3
MAX_CHECKED_COUNT = 1_000_000


def _choices(sequence: tuple[str, ...], guarded: frozenset[str]) -> frozenset[frozenset[str]]:
    """Return the pairs of words a question offers as either-or ("soviet tactics or western").

    On each side of "or", the nearest guarded word but an opinion is the choice, else the nearest meaningful word.
    """
    if _OR not in sequence:
        return frozenset()
    # An opinion is no alternative offered: "who is worse, kim or putin" offers kim.
    offered = guarded - OPINIONS
    choices = set()
    for at, token in enumerate(sequence):
        if token == _OR:
            before = [word for word in sequence[max(0, at - CHOICE_REACH) : at] if word not in FILLER]
            after = [word for word in sequence[at + 1 : at + 1 + CHOICE_REACH] if word not in FILLER]
            if not (before and after):
                continue
            first = next((word for word in reversed(before) if word in offered), before[-1])
            second = next((word for word in after if word in offered), after[0])
            choices.add(frozenset((first, second)))
    return frozenset(choices)


def _answered_choices(choices: Iterable[frozenset[str]], indexed: IndexedEntry) -> frozenset[str]:
    """Return the words of the either-or choices an entry answers: it tells one of them ("kursk or donbas?": Kursk)."""
    return frozenset().union(*(choice for choice in choices if not choice.isdisjoint(indexed.told)))


def _people_speaking(claimants: Iterable[str]) -> frozenset[str]:
    """Return the people among who says something ("say:kim" -> "kim"), whose words only an entry naming them gives."""
    return frozenset(actor for actor in map(actor_of, claimants) if actor in PERSONS)


def _is_checked_count(token: str) -> bool:
    """Whether a figure a question checks is a count an entry's figure corrects, not a million or more.

    A million or more is a people's or a whole army's size ("there are 25 million north koreans, right?"), no
    deployment's and none of its losses.
    """
    return is_figure(token) and int(token) < MAX_CHECKED_COUNT


def _is_guarded(token: str) -> bool:
    return token.isdigit() or token in _GUARD_WORDS
