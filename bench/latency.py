"""Section 2: time per question on the shipped knowledge file, ours and each baseline.

Each system is built fresh (the engine's caches emptied first), then answers every question once: that
"first pass" shows what a question nobody asked before costs, and is the warm-up. Then `repeats` more
passes over all questions give the steady-state p50/p99. Each question is timed alone with
`time.perf_counter_ns`, including the decision (cut-off) of the baselines.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.baselines import Matcher, ours, thresholded
from bench.report import Table, duration, percentile, ratio
from bot.core.engine import AnswerEngine
from bot.core.loader import Knowledge
from bot.core.normalise import raw_words

REPEATS = 5
TARGET_P99_NS = 1_000_000


@dataclass(frozen=True)
class Latency:
    """Per-question times of one system, in nanoseconds."""

    name: str
    build_ns: int
    first_pass: list[int]
    warm: list[int]

    @property
    def p50(self) -> float:
        return percentile(self.warm, 0.50)

    @property
    def p99(self) -> float:
        return percentile(self.warm, 0.99)

    @property
    def fastest_p99(self) -> float:
        """p99 of each question's fastest warm pass: the question's own cost, less the machine's noise."""
        questions = len(self.first_pass)
        return percentile([min(self.warm[index::questions]) for index in range(questions)], 0.99)


def time_each(answer: Callable[[str], object], questions: Sequence[str]) -> list[int]:
    """Time each question alone."""
    gc.collect()
    times = []
    clock = time.perf_counter_ns
    for question in questions:
        start = clock()
        answer(question)
        times.append(clock() - start)
    return times


def measure(
    name: str, build: Callable[[], Callable[[str], object]], questions: Sequence[str], repeats: int = REPEATS
) -> Latency:
    """Build the system, run a first (warm-up) pass, then `repeats` timed passes."""
    start = time.perf_counter_ns()
    answer = build()
    build_ns = time.perf_counter_ns() - start
    first = time_each(answer, questions)
    warm = [sample for _ in range(repeats) for sample in time_each(answer, questions)]
    return Latency(name, build_ns, first, warm)


def measure_all(
    knowledge: Knowledge,
    questions: Sequence[str],
    baselines: Sequence[tuple[str, Callable[[Knowledge], Matcher], float]],
    repeats: int = REPEATS,
) -> list[Latency]:
    """Ours, then each baseline (its name, how to build it, its chosen cut-off)."""

    def build_ours() -> Callable[[str], object]:
        answer = ours(AnswerEngine(knowledge))

        def uncached(question: str) -> object:
            # Every pass pays for normalising each question, as a new question would.
            raw_words.cache_clear()
            return answer(question)

        return uncached

    results = [measure("ours", build_ours, questions, repeats)]
    for name, factory, cutoff in baselines:

        def build(factory: Callable[[Knowledge], Matcher] = factory, cutoff: float = cutoff) -> Callable[[str], object]:
            return thresholded(factory(knowledge), cutoff)

        results.append(measure(name, build, questions, repeats))
    return results


def table(results: Sequence[Latency], questions: int, repeats: int = REPEATS) -> Table:
    out = Table(
        "2. Latency per question, shipped knowledge file",
        [
            "system",
            "build",
            "1st pass p50",
            "1st pass p99",
            "p50",
            "p99",
            "p99 fastest",
            "mean",
            "ours/base p50",
            "ours/base p99",
        ],
    )
    mine = results[0]
    for result in results:
        is_ours = result is mine
        out.add(
            result.name,
            duration(result.build_ns),
            duration(percentile(result.first_pass, 0.5)),
            duration(percentile(result.first_pass, 0.99)),
            duration(result.p50),
            duration(result.p99),
            duration(result.fastest_p99),
            duration(statistics.fmean(result.warm)),
            "-" if is_ours else ratio(mine.p50, result.p50),
            "-" if is_ours else ratio(mine.p99, result.p99),
        )
    out.notes.append(
        f"{questions} questions; 1st pass = fresh system, each question once (also the warm-up); "
        f"p50/p99/mean over {repeats} more passes ({questions * repeats} samples); p99 fastest = p99 of each "
        f"question's fastest of those passes, which leaves out most of a shared machine's noise. Ratio > 1: ours "
        "is slower."
    )
    return out
