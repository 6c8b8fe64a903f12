"""Section 5: peak memory of one process that answers the whole question set, and where its time goes.

`python -m bench.memory` imports the command line (as `storybot` does), loads the shipped knowledge,
builds the engine and answers every question, printing one JSON line: the peak RSS after each phase
and each phase's wall time. `python -m bench.memory --tracemalloc` does the same with tracemalloc on
from the loading on, and reports the peak of Python allocations (its own overhead inflates RSS, so it is
a separate run). Module-level imports here are the standard library's (and bench.proc and bench.report, which
use only that), so the import phase is the bot's.
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass

from bench.proc import BARE_PEAK, peak_rss_kb, python
from bench.report import Table, duration, megabytes

PHASES = ("import", "load", "build", "first question", "all questions")


@dataclass(frozen=True)
class Memory:
    """Peak RSS (KB) after each phase, each phase's time (ns), and the traced Python peak (bytes)."""

    rss_kb: dict[str, int]
    phase_ns: dict[str, int]
    traced_peak: int
    bare_rss_kb: int
    questions: int


def run(trace: bool) -> dict[str, object]:
    """Do the work in this process; return the figures."""
    rss: dict[str, int] = {}
    phase: dict[str, int] = {}
    clock = time.perf_counter_ns
    start = clock()
    import bot.cli.main  # noqa: F401  (what `storybot` imports)
    from bot.core.engine import AnswerEngine
    from bot.core.evaluation import load_questions
    from bot.core.loader import load_knowledge
    from bot.settings import DEFAULT_KNOWLEDGE_FILE

    phase["import"], rss["import"] = clock() - start, peak_rss_kb()
    questions = [item.question for item in load_questions()]
    if trace:
        tracemalloc.start()
    start = clock()
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_FILE)
    phase["load"], rss["load"] = clock() - start, peak_rss_kb()
    start = clock()
    engine = AnswerEngine(knowledge)
    phase["build"], rss["build"] = clock() - start, peak_rss_kb()
    start = clock()
    engine.ask(questions[0])
    phase["first question"], rss["first question"] = clock() - start, peak_rss_kb()
    start = clock()
    for question in questions:
        engine.ask(question)
    phase["all questions"], rss["all questions"] = clock() - start, peak_rss_kb()
    traced = tracemalloc.get_traced_memory()[1] if trace else 0
    return {"rss_kb": rss, "phase_ns": phase, "traced_peak": traced, "questions": len(questions)}


def measure() -> Memory:
    plain = json.loads(python("-m", "bench.memory"))
    traced = json.loads(python("-m", "bench.memory", "--tracemalloc"))
    return Memory(
        rss_kb=plain["rss_kb"],
        phase_ns=plain["phase_ns"],
        traced_peak=traced["traced_peak"],
        bare_rss_kb=int(python("-c", BARE_PEAK)),
        questions=plain["questions"],
    )


def phases_table(result: Memory) -> Table:
    out = Table(
        "4c. Where one answering process spends its time (in-process, one run)", ["phase", "time", "peak RSS after"]
    )
    for name in PHASES:
        label = f"{name} ({result.questions})" if name == "all questions" else name
        out.add(label, duration(result.phase_ns[name]), megabytes(result.rss_kb[name]))
    out.notes.append("import = `import bot.cli.main`, what `storybot` imports; load = read, validate and cross-check.")
    return out


def table(result: Memory) -> Table:
    out = Table("5. Peak memory", ["process", "peak"])
    out.add("python -c pass (peak RSS)", megabytes(result.bare_rss_kb))
    out.add(f"load + build + answer {result.questions} questions (peak RSS)", megabytes(result.rss_kb["all questions"]))
    out.add(
        "  of which Python allocations, load to last answer (tracemalloc peak)", megabytes(result.traced_peak / 1024)
    )
    return out


def main(argv: Sequence[str]) -> None:
    print(json.dumps(run(trace="--tracemalloc" in argv)))


if __name__ == "__main__":
    main(sys.argv[1:])
