"""Section 1: accuracy of the engine and the baselines on the labelled question set, per split.

"novel" leaves out the questions whose text equals one of the knowledge file's phrasings (after casefold
and stripping spaces and "?"): the question set and the knowledge were written apart, but a few short
questions came out identical, and those measure recall of a phrasing rather than generalisation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench.baselines import Matcher, choose_cutoff, decide
from bench.report import Table, percent, ratio
from bot.core.engine import AnswerEngine
from bot.core.evaluation import Accuracy, Labelled, tally
from bot.core.loader import Knowledge

OURS = "ours"
TUNING = frozenset({"dev", "dev2", "dev3", *(f"dev{n}" for n in range(4, 47))})
TUNING_SUBSET = "tuning (dev to dev46)"
HELD_OUT_SUBSET = "held out (heldout, final, fresh to fresh27)"
SPLITS = (
    "dev",
    "dev2",
    "dev3",
    "heldout",
    "final",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh16",
    "fresh17",
    "fresh18",
    "fresh19",
    "fresh20",
    "fresh21",
    "fresh22",
    "fresh23",
    "fresh24",
    "fresh25",
    "fresh26",
    "fresh27",
    *(f"dev{n}" for n in range(4, 47)),
)
HELD_OUT = frozenset(SPLITS) - TUNING


def _in_split(split: str) -> Callable[[Labelled, frozenset[str]], bool]:
    return lambda item, _: item.split == split


SUBSETS: dict[str, Callable[[Labelled, frozenset[str]], bool]] = {
    **{split: _in_split(split) for split in SPLITS},
    TUNING_SUBSET: lambda item, _: item.split in TUNING,
    HELD_OUT_SUBSET: lambda item, _: item.split in HELD_OUT,
    "held out, novel only": lambda item, known: item.split in HELD_OUT and not _is_known(item, known),
}


def phrasing_keys(knowledge: Knowledge) -> frozenset[str]:
    """Every question and phrasing of the knowledge, casefolded and stripped of ' ?'."""
    return frozenset(
        text.casefold().strip(" ?") for entry in knowledge.data.entries for text in (entry.question, *entry.phrasings)
    )


def _is_known(item: Labelled, known: frozenset[str]) -> bool:
    return item.question.casefold().strip(" ?") in known


@dataclass(frozen=True)
class SystemAccuracy:
    """One system's accuracy per subset; `cutoff` is None for the engine (it decides by itself)."""

    name: str
    method: str
    cutoff: float | None
    by_subset: dict[str, Accuracy]
    # Per subset, for the engine: (answerable questions it abstained on, those whose entry it suggested).
    rescued: dict[str, tuple[int, int]] = field(default_factory=dict)


def evaluate(knowledge: Knowledge, questions: Sequence[Labelled], matchers: Sequence[Matcher]) -> list[SystemAccuracy]:
    """Run every question through the engine and each baseline once; tally per subset."""
    known = phrasing_keys(knowledge)
    subsets = {name: [i for i, item in enumerate(questions) if keep(item, known)] for name, keep in SUBSETS.items()}
    tuning = subsets[TUNING_SUBSET]

    def per_subset(decisions: Sequence[frozenset[str] | None]) -> dict[str, Accuracy]:
        return {
            name: tally([decisions[i] for i in indices], [questions[i] for i in indices])
            for name, indices in subsets.items()
        }

    engine = AnswerEngine(knowledge)
    replies = [engine.ask(item.question) for item in questions]
    decisions = [frozenset({reply.entry.id}) if reply.entry is not None else None for reply in replies]
    missed = [i for i, item in enumerate(questions) if item.answerable and not replies[i].answered]
    suggested = {i for i in missed if questions[i].expect & {s.entry_id for s in replies[i].suggestions}}
    rescued = {
        name: (len(inside := set(indices) & set(missed)), len(inside & suggested)) for name, indices in subsets.items()
    }
    results = [SystemAccuracy(OURS, "the engine", None, per_subset(decisions), rescued)]
    for matcher in matchers:
        matches = [matcher.match(item.question) for item in questions]
        cutoff = choose_cutoff([matches[i] for i in tuning], [questions[i] for i in tuning])
        decisions = [decide(match, cutoff) for match in matches]
        results.append(SystemAccuracy(matcher.name, matcher.method, cutoff, per_subset(decisions)))
    return results


def table(results: Sequence[SystemAccuracy]) -> Table:
    """Answered-right and abstained-right per subset and system, with ours/baseline ratios."""
    out = Table(
        "1. Accuracy on tests/data/questions.jsonl",
        [
            "subset",
            "system",
            "cut-off",
            "answerable/not",
            "answered right",
            "abstained right",
            "ours/base ans",
            "ours/base abs",
        ],
    )
    mine = results[0]
    for subset in SUBSETS:
        for result in results:
            accuracy = result.by_subset[subset]
            base = mine.by_subset[subset]
            is_ours = result is mine
            out.add(
                subset,
                result.name,
                "-" if result.cutoff is None else f"{result.cutoff:.2f}",
                f"{accuracy.answerable}/{accuracy.unanswerable}",
                percent(accuracy.answer_rate),
                percent(accuracy.abstain_rate),
                "-" if is_ours else ratio(base.answer_rate, accuracy.answer_rate),
                "-" if is_ours else ratio(base.abstain_rate, accuracy.abstain_rate),
            )
    out.notes.append(
        "Cut-offs maximise min(answered right, abstained right) on the tuning splits; heldout, final and the "
        "fresh splits are only measured (all but heldout were written by authors who never saw the knowledge file)."
    )
    for subset in (TUNING_SUBSET, HELD_OUT_SUBSET):
        abstained, suggested = mine.rescued[subset]
        out.notes.append(
            f"{subset}: of the {abstained} answerable questions ours abstained on, {suggested} "
            f"({percent(suggested / abstained if abstained else 1.0)}) had a right entry among its suggestion buttons."
        )
    for result in results[1:]:
        out.notes.append(f"{result.name}: {result.method}.")
    out.notes.append(
        "B counts a sentence for every entry whose evidence overlaps it (lenient); answering with a sentence no "
        "entry cites is wrong."
    )
    return out
