"""Where the engine spends its time: cProfile of answering (and of building) at a given size.

Not part of `python -m bench` (profiling slows everything); run it by hand:

    python -m bench.hotspots            # 10,000 synthetic entries, 200 questions
    python -m bench.hotspots 0          # the shipped file and the labelled question set
    python -m bench.hotspots 10000 200 --build   # also profile building the engine
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
from collections.abc import Sequence

from bench import synthetic
from bot.core.engine import AnswerEngine
from bot.core.evaluation import load_questions
from bot.core.loader import Knowledge, load_knowledge
from bot.settings import DEFAULT_KNOWLEDGE_FILE

TOP = 15


def report(profile: cProfile.Profile, title: str, top: int = TOP) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    for order in ("tottime", "cumulative"):
        out.write(f"\n== {title}: top {top} by {order} ==\n")
        stats.sort_stats(order).print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hotspots", description=__doc__)
    parser.add_argument("size", type=int, nargs="?", default=10_000, help="synthetic entries (0: the shipped file)")
    parser.add_argument("questions", type=int, nargs="?", default=200)
    parser.add_argument("--build", action="store_true", help="also profile building the engine")
    args = parser.parse_args(argv)
    knowledge: Knowledge
    if args.size:
        data = synthetic.build(args.size)
        knowledge, texts = data.knowledge, [item.text for item in synthetic.questions(data, args.questions)]
    else:
        knowledge, texts = load_knowledge(DEFAULT_KNOWLEDGE_FILE), [item.question for item in load_questions()]
    building = cProfile.Profile()
    engine = building.runcall(AnswerEngine, knowledge)
    if args.build:
        print(report(building, f"building the engine, {len(knowledge.data.entries):,} entries"))
    answering = cProfile.Profile()
    for text in texts:
        answering.runcall(engine.ask, text)
    print(report(answering, f"answering {len(texts)} questions, {len(knowledge.data.entries):,} entries"))


if __name__ == "__main__":
    main()
