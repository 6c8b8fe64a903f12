"""Measure answer quality on a labelled question set: answered right, abstained right, per split."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

EVAL_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "questions.jsonl"


# The entries an answer counts for; None when the system abstained.
Decision = frozenset[str] | None


@dataclass(frozen=True)
class Labelled:
    """One question and the entries that would answer it correctly (none: the bot must abstain)."""

    question: str
    expect: frozenset[str]
    split: str
    style: str

    @property
    def answerable(self) -> bool:
        """Whether some entry answers it."""
        return bool(self.expect)


@dataclass
class Accuracy:
    """Counts of right and wrong outcomes on answerable and unanswerable questions."""

    answered_right: int = 0
    answerable: int = 0
    abstained_right: int = 0
    unanswerable: int = 0
    failures: list[tuple[Labelled, str | None]] = field(default_factory=list)

    @property
    def answer_rate(self) -> float:
        """Share of answerable questions answered with a right entry."""
        return self.answered_right / self.answerable if self.answerable else 1.0

    @property
    def abstain_rate(self) -> float:
        """Share of unanswerable questions the engine declined."""
        return self.abstained_right / self.unanswerable if self.unanswerable else 1.0


def load_questions(path: Path = EVAL_SET) -> list[Labelled]:
    """Read a JSON-lines question set."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Labelled(row["question"], frozenset(row["expect"]), row["split"], row["style"]) for row in rows]


def tally(decisions: Sequence[Decision], questions: Sequence[Labelled]) -> Accuracy:
    """Count right and wrong decisions: an answer is right when it counts for an expected entry."""
    accuracy = Accuracy()
    for decision, item in zip(decisions, questions, strict=True):
        if item.answerable:
            accuracy.answerable += 1
            right = decision is not None and bool(decision & item.expect)
            accuracy.answered_right += right
        else:
            accuracy.unanswerable += 1
            right = decision is None
            accuracy.abstained_right += right
        if not right:
            accuracy.failures.append((item, ",".join(sorted(decision)) if decision is not None else None))
    return accuracy


def measure(answer: Callable[[str], str | None], questions: Iterable[Labelled]) -> Accuracy:
    """Score `answer` (question -> entry id, or None to abstain) on the questions."""
    items = list(questions)
    answers = [answer(item.question) for item in items]
    return tally([None if got is None else frozenset({got}) for got in answers], items)
