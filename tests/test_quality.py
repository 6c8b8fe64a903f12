"""Answer quality on the independent question set (tests/data/questions.jsonl), per split.

The floors are the measured figures rounded down: a change that makes the engine worse fails here.
`dev`, `dev2` (a second set, written later by another author to vary the vocabulary), `dev3` (a third,
written without seeing the knowledge file) and `dev4` to `dev46` (forty-three testers' sets, each in a community's
voice, written without the knowledge file, their questions within ratio 85 of a held-out question or the same as
a phrasing left out) were used to tune the engine and the knowledge file; the
held-out splits never were: `heldout` (written with dev), `final` (written by a fourth author without
seeing the knowledge file, and measured once, after all tuning) and `fresh` to `fresh27` (a fifth to a thirty-first
author, also without the knowledge file; their questions within rapidfuzz ratio 85 of an earlier set's question
or a phrasing were left out; `fresh3`, `fresh8`, `fresh18`, `fresh21`, `fresh23`, `fresh25` and `fresh26` were
measured once, after all the work of their session, `fresh4` to `fresh7` and `fresh9` to `fresh17`, `fresh19`,
`fresh20`, `fresh22` and `fresh24` first, before any, and `fresh27` halfway through its session).
"""

from __future__ import annotations

import re

import pytest

from bot.core.engine import AnswerEngine
from bot.core.evaluation import Accuracy, load_questions, measure
from bot.core.loader import load_knowledge
from tests.helpers import SHIPPED

QUESTIONS = load_questions()
ENGINE = AnswerEngine(load_knowledge(SHIPPED))

FLOORS = {
    "dev": (0.98, 1.0),
    "dev2": (0.95, 1.0),
    "dev3": (0.96, 0.98),
    "heldout": (0.95, 1.0),
    "final": (0.94, 0.96),
    "fresh": (0.95, 0.96),
    "fresh2": (0.92, 0.98),
    "fresh3": (0.92, 0.98),
    "fresh4": (0.9, 0.97),
    "fresh5": (0.9, 1.0),
    "fresh6": (0.87, 1.0),
    "fresh7": (0.92, 1.0),
    "fresh8": (0.9, 0.97),
    "fresh9": (0.84, 1.0),
    "fresh10": (0.89, 1.0),
    "fresh11": (0.84, 0.92),
    "fresh12": (0.76, 0.95),
    "fresh13": (0.75, 0.95),
    "fresh14": (0.77, 0.96),
    "fresh15": (0.78, 0.98),
    "fresh16": (0.71, 0.94),
    "fresh17": (0.79, 0.93),
    "fresh18": (0.82, 0.92),
    "fresh19": (0.74, 0.97),
    "fresh20": (0.75, 0.96),
    "fresh21": (0.8, 0.97),
    "fresh22": (0.8, 0.97),
    "fresh23": (0.73, 0.95),
    "fresh24": (0.83, 0.96),
    "fresh25": (0.83, 0.96),
    "fresh26": (0.77, 0.96),
    "fresh27": (0.15, 0.97),
    "dev4": (0.86, 0.98),
    "dev5": (0.87, 1.0),
    "dev6": (0.87, 0.97),
    "dev7": (0.88, 0.97),
    "dev8": (0.88, 0.98),
    "dev9": (0.7, 0.97),
    "dev10": (0.83, 0.98),
    "dev11": (0.89, 0.95),
    "dev12": (0.88, 0.95),
    "dev13": (0.79, 0.97),
    "dev14": (0.88, 0.99),
    "dev15": (0.79, 0.97),
    "dev16": (0.85, 0.97),
    "dev17": (0.85, 1.0),
    "dev18": (0.61, 1.0),
    "dev19": (0.86, 0.97),
    "dev20": (0.84, 0.97),
    "dev21": (0.91, 0.97),
    "dev22": (0.84, 1.0),
    "dev23": (0.82, 0.98),
    "dev24": (0.82, 0.91),
    "dev25": (0.84, 0.93),
    "dev26": (0.88, 0.98),
    "dev27": (0.9, 0.97),
    "dev28": (0.86, 0.98),
    "dev29": (0.81, 1.0),
    "dev30": (0.89, 0.97),
    "dev31": (0.54, 0.98),
    "dev32": (0.86, 0.98),
    "dev33": (0.88, 0.98),
    "dev34": (0.88, 0.98),
    "dev35": (0.74, 0.97),
    "dev36": (0.32, 1.0),
    "dev37": (0.32, 1.0),
    "dev38": (0.22, 1.0),
    "dev39": (0.86, 0.98),
    "dev40": (0.74, 1.0),
    "dev41": (0.89, 0.96),
    "dev42": (0.81, 0.96),
    "dev43": (0.32, 0.98),
    "dev44": (0.87, 0.98),
    "dev45": (0.3, 1.0),
    "dev46": (0.81, 0.98),
}
# The sets and the phrasings were written from the same article and the same list of entry questions, so some short
# questions ("sources?", "is it legal") came out identical. This many; never more. The benchmarks also
# report accuracy on the questions that are not identical ("novel only").
COINCIDENCES = 80


def accuracy(split: str) -> Accuracy:
    def answer(question: str) -> str | None:
        reply = ENGINE.ask(question)
        return reply.entry.id if reply.entry else None

    return measure(answer, [item for item in QUESTIONS if item.split == split])


def test_question_set_is_large_and_labelled_with_real_entries() -> None:
    assert len(QUESTIONS) >= 250
    assert sum(item.answerable for item in QUESTIONS) >= 150
    assert sum(not item.answerable for item in QUESTIONS) >= 100
    known = set(ENGINE.knowledge.entries)
    assert all(item.expect <= known for item in QUESTIONS)
    assert {item.split for item in QUESTIONS} == set(FLOORS)  # every split has its floor


def test_no_question_is_copied_into_the_knowledge_file() -> None:
    phrasings = {p.casefold().strip(" ?") for e in ENGINE.knowledge.data.entries for p in (e.question, *e.phrasings)}
    same = [item.question for item in QUESTIONS if item.question.casefold().strip(" ?") in phrasings]
    assert len(same) <= COINCIDENCES, same


def test_no_shipped_answer_opens_with_yes_or_no() -> None:
    """An answer states the fact, so a question asked the other way round ("will they go home?") is not "Yes"."""
    opens_with_a_verdict = re.compile(r"(yes|no|likely|probably)\b", re.IGNORECASE)
    assert not [e.id for e in ENGINE.knowledge.data.entries if opens_with_a_verdict.match(e.answer)]


TUNING = {"dev", "dev2", "dev3", *(f"dev{n}" for n in range(4, 47))}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_accuracy_floor(split: str) -> None:
    measured = accuracy(split)
    answer_floor, abstain_floor = FLOORS[split]
    # A failing held-out split shows its figures, never its questions: seen, they would be tuned on.
    shown = (
        measured.failures
        if split in TUNING
        else f"{measured.answered_right}/{measured.answerable} answered, "
        f"{measured.abstained_right}/{measured.unanswerable} abstained"
    )
    answered, abstained = measured.answer_rate, measured.abstain_rate
    assert answered >= answer_floor, shown
    assert abstained >= abstain_floor, shown
