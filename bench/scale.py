"""Section 3: how the engine's cost grows with the number of entries (synthetic knowledge, see synthetic.py).

Each size runs in its own process (`python -m bench.scale SIZE QUESTIONS BASELINE_QUESTIONS`, one JSON
line out), so its peak memory (VmHWM, see proc.py) is its own. In that process: generate and validate the entries,
build the engine (timed), warm up on a few questions, time each of QUESTIONS questions once (half are
perturbed phrasings of an entry, half random words), then do the same for baseline A (WRatio over all
phrasings) on the first BASELINE_QUESTIONS of them, after the engine's peak memory was read.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bench import synthetic
from bench.baselines import WRatioPhrasings
from bench.latency import time_each
from bench.proc import peak_rss_kb, python
from bench.report import Table, duration, megabytes, percent, percentile, ratio
from bot.core.engine import AnswerEngine

WARM_UP = 20
# size -> (questions for ours, questions for baseline A): WRatio costs ~13 µs per entry and question.
PLAN = {1_000: (400, 100), 10_000: (400, 30), 100_000: (100, 6)}
TIMEOUT_S = 600
TARGET_P99_10K_NS = 10_000_000


@dataclass(frozen=True)
class ScaleResult:
    """One size: build cost, per-question times (ns), peak memory (KB), and a sanity check of the answers."""

    size: int
    data_s: float
    build_s: float
    rss_before_kb: int
    rss_peak_kb: int
    times: list[int]
    own_entry_rate: float
    abstain_rate: float
    baseline_build_s: float
    baseline_times: list[int]


def run_size(size: int, questions: int, baseline_questions: int) -> ScaleResult:
    """Measure one size in this process (call it in a fresh process)."""
    start = time.perf_counter()
    data = synthetic.build(size)
    data_s = time.perf_counter() - start
    asked = synthetic.questions(data, questions + WARM_UP)
    warm_up, timed = asked[:WARM_UP], asked[WARM_UP:]
    rss_before = peak_rss_kb()

    start = time.perf_counter()
    engine = AnswerEngine(data.knowledge)
    build_s = time.perf_counter() - start
    time_each(engine.ask, [item.text for item in warm_up])
    replies = []

    def ask(text: str) -> None:
        replies.append(engine.ask(text))

    times = time_each(ask, [item.text for item in timed])
    rss_peak = peak_rss_kb()
    answerable = [(item, reply) for item, reply in zip(timed, replies, strict=True) if item.expect]
    unanswerable = [reply for item, reply in zip(timed, replies, strict=True) if not item.expect]
    own = sum(reply.entry is not None and reply.entry.id == item.expect for item, reply in answerable)
    abstained = sum(reply.entry is None for reply in unanswerable)

    start = time.perf_counter()
    baseline = WRatioPhrasings(data.knowledge)
    baseline_build_s = time.perf_counter() - start
    time_each(baseline.match, [item.text for item in warm_up[:2]])
    baseline_times = time_each(baseline.match, [item.text for item in timed[:baseline_questions]])
    return ScaleResult(
        size=size,
        data_s=data_s,
        build_s=build_s,
        rss_before_kb=rss_before,
        rss_peak_kb=rss_peak,
        times=times,
        own_entry_rate=own / len(answerable) if answerable else 1.0,
        abstain_rate=abstained / len(unanswerable) if unanswerable else 1.0,
        baseline_build_s=baseline_build_s,
        baseline_times=baseline_times,
    )


def measure(size: int, questions: int, baseline_questions: int) -> ScaleResult:
    """Run one size in a fresh Python process."""
    line = python("-m", "bench.scale", str(size), str(questions), str(baseline_questions), timeout=TIMEOUT_S)
    return ScaleResult(**json.loads(line))


def measure_all(plan: dict[int, tuple[int, int]] = PLAN) -> list[ScaleResult]:
    return [measure(size, questions, baseline) for size, (questions, baseline) in plan.items()]


def table(results: Sequence[ScaleResult]) -> Table:
    out = Table(
        "3. Scaling with synthetic entries (10 phrasings each), one process per size",
        [
            "entries",
            "data+validate",
            "engine build",
            "questions",
            "p50",
            "p99",
            "peak RSS",
            "RSS before engine",
            "own entry / abstain",
            "A p50",
            "A p99",
            "ours/A p50",
            "ours/A p99",
        ],
    )
    for result in results:
        p50, p99 = percentile(result.times, 0.5), percentile(result.times, 0.99)
        base50, base99 = percentile(result.baseline_times, 0.5), percentile(result.baseline_times, 0.99)
        out.add(
            f"{result.size:,}",
            f"{result.data_s:.1f} s",
            f"{result.build_s:.2f} s",
            f"{len(result.times)} / {len(result.baseline_times)}",
            duration(p50),
            duration(p99),
            megabytes(result.rss_peak_kb),
            megabytes(result.rss_before_kb),
            f"{percent(result.own_entry_rate)} / {percent(result.abstain_rate)}",
            duration(base50),
            duration(base99),
            ratio(p50, base50),
            ratio(p99, base99),
        )
    out.notes += [
        "Knowledge built without the loader's cross-check (quotes searched in the article, shared phrasings): "
        "entries validated one by one with pydantic, KnowledgeFile.model_validate up to the format's 20,000-entry "
        "cap, model_construct above it.",
        "questions = timed questions for ours / for A (WRatio over all phrasings, much slower); each asked once "
        f"after {WARM_UP} warm-up questions. p99 of a few samples is close to the maximum.",
        "own entry / abstain: sanity check that the engine still works at this size: perturbed phrasings "
        "answered with the entry they came from / random word salads abstained.",
        "RSS before engine: the process with the synthetic data in memory; peak RSS adds the engine and answering.",
    ]
    return out


def main(argv: Sequence[str]) -> None:
    size, questions, baseline_questions = (int(arg) for arg in argv)
    result = run_size(size, questions, baseline_questions)
    print(json.dumps(result.__dict__))


if __name__ == "__main__":
    main(sys.argv[1:])
