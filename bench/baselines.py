"""General-purpose matchers the engine is compared with, and how their answer cut-off is chosen.

Each baseline finds its best match for a question and a score; it answers with the entry that owns the
match when the score reaches a cut-off, else it abstains. The cut-off is the one that maximises
min(answer rate, abstain rate) on the dev split (ties: the larger sum, then the lower cut-off), so each
baseline gets its best single threshold. Texts are lower-cased and stripped of punctuation once, up front
(rapidfuzz's `default_process`), so no baseline pays for re-processing its choices per question.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rapidfuzz import fuzz, process, utils

from bot.core.engine import AnswerEngine
from bot.core.evaluation import Decision, Labelled, tally
from bot.core.loader import Knowledge
from bot.core.normalise import fold_typography

# A decision: the entries an answer counts for (empty: the matched text belongs to no entry), or None to abstain.
Decider = Callable[[str], Decision]

# Article lines shorter than this are headings ("Sources", "Strategic Partnership"), not sentences.
MIN_SENTENCE_WORDS = 5
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[“\"A-Z])")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Match:
    """A baseline's best match for a question: the entries owning it, and its score."""

    owners: frozenset[str]
    score: float


class Matcher(Protocol):
    """A general-purpose method: best match and score, no decision of its own."""

    name: str
    method: str

    def match(self, question: str) -> Match | None: ...


def _phrasings(knowledge: Knowledge) -> tuple[list[str], list[frozenset[str]]]:
    texts: list[str] = []
    owners: list[frozenset[str]] = []
    for entry in knowledge.data.entries:
        for text in (entry.question, *entry.phrasings):
            texts.append(text)
            owners.append(frozenset({entry.id}))
    return texts, owners


class WRatioPhrasings:
    """Baseline A: rapidfuzz `process.extractOne` with `fuzz.WRatio` over every question and phrasing."""

    name = "A: WRatio"
    method = "rapidfuzz extractOne, fuzz.WRatio, over all entries' questions and phrasings"

    def __init__(self, knowledge: Knowledge) -> None:
        texts, self.owners = _phrasings(knowledge)
        self.choices = [utils.default_process(text) for text in texts]

    def match(self, question: str) -> Match | None:
        found = process.extractOne(utils.default_process(question), self.choices, scorer=fuzz.WRatio)
        if found is None:
            return None
        return Match(self.owners[found[2]], found[1])


def article_sentences(article: str) -> list[str]:
    """The article's sentences (lines split at sentence ends), headings left out."""
    sentences: list[str] = []
    for line in article.splitlines():
        text = line.strip().lstrip("-— ").strip()
        sentences.extend(part for part in _SENTENCE_END.split(text) if len(part.split()) >= MIN_SENTENCE_WORDS)
    return sentences


def sentence_owners(knowledge: Knowledge, sentences: Sequence[str]) -> list[frozenset[str]]:
    """For each sentence, the entries with an evidence quote that contains it or that it contains."""
    quotes = [
        (entry.id, fold_typography(evidence.quote).casefold())
        for entry in knowledge.data.entries
        for evidence in entry.evidence
    ]
    owners = []
    for sentence in sentences:
        folded = fold_typography(sentence).casefold()
        owners.append(frozenset(entry_id for entry_id, quote in quotes if folded in quote or quote in folded))
    return owners


class SentenceRetrieval:
    """Baseline B: rapidfuzz `token_set_ratio` over the article's sentences.

    A sentence counts for every entry whose evidence overlaps it (lenient: any of them may be right);
    a sentence no entry cites makes a wrong answer.
    """

    name = "B: sentences"
    method = "rapidfuzz extractOne, fuzz.token_set_ratio, over the article's sentences"

    def __init__(self, knowledge: Knowledge) -> None:
        self.sentences = article_sentences(knowledge.article)
        self.owners = sentence_owners(knowledge, self.sentences)
        self.choices = [utils.default_process(sentence) for sentence in self.sentences]

    def match(self, question: str) -> Match | None:
        found = process.extractOne(utils.default_process(question), self.choices, scorer=fuzz.token_set_ratio)
        if found is None:
            return None
        return Match(self.owners[found[2]], found[1])


def bm25_available() -> bool:
    """Whether the bench-only extra (rank-bm25) is installed."""
    try:
        importlib.import_module("rank_bm25")
    except ImportError:
        return False
    return True


class BM25Phrasings:
    """Baseline C: Okapi BM25 (rank-bm25) over every question and phrasing, plain lower-case words."""

    name = "C: BM25"
    method = "rank-bm25 BM25Okapi over all entries' questions and phrasings (lower-case words, no stemming)"

    def __init__(self, knowledge: Knowledge) -> None:
        bm25: Any = importlib.import_module("rank_bm25")
        texts, self.owners = _phrasings(knowledge)
        self.index: Any = bm25.BM25Okapi([_WORD.findall(text.casefold()) for text in texts])

    def match(self, question: str) -> Match | None:
        words = _WORD.findall(question.casefold())
        if not words:
            return None
        scores = self.index.get_scores(words)
        best = int(scores.argmax())
        return Match(self.owners[best], float(scores[best]))


def factories() -> list[Callable[[Knowledge], Matcher]]:
    """How to build every baseline that can run here (C needs the `bench` extra)."""
    found: list[Callable[[Knowledge], Matcher]] = [WRatioPhrasings, SentenceRetrieval]
    if bm25_available():
        found.append(BM25Phrasings)
    return found


def baselines(knowledge: Knowledge) -> list[Matcher]:
    """Every baseline that can run here, built on this knowledge."""
    return [factory(knowledge) for factory in factories()]


def decide(match: Match | None, cutoff: float) -> Decision:
    """Answer with the match's owners when its score reaches the cut-off."""
    return match.owners if match is not None and match.score >= cutoff else None


def thresholded(matcher: Matcher, cutoff: float) -> Decider:
    """The matcher as a bot: question -> decision."""
    return lambda question: decide(matcher.match(question), cutoff)


def ours(engine: AnswerEngine) -> Decider:
    """The engine as a decider."""

    def answer(question: str) -> Decision:
        reply = engine.ask(question)
        return frozenset({reply.entry.id}) if reply.entry is not None else None

    return answer


def choose_cutoff(matches: Sequence[Match | None], questions: Sequence[Labelled]) -> float:
    """The cut-off maximising min(answer rate, abstain rate) on these (dev) questions."""
    scores = sorted({match.score for match in matches if match is not None})
    candidates = [*scores, float("inf")]

    def quality(cutoff: float) -> tuple[float, float, float]:
        accuracy = tally([decide(match, cutoff) for match in matches], questions)
        rates = (accuracy.answer_rate, accuracy.abstain_rate)
        return (min(rates), sum(rates), -cutoff)

    return max(candidates, key=quality)
