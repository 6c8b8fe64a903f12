"""Load: a burst of 1,000 questions from 50 users through the stand-in Discord, as the load test sends it.

The real bot runs against the stand-in (tests/standin) on 127.0.0.1, both in this process; each user asks
20 questions, interleaved, as fast as the gateway carries them, with the cooldown at 5 questions per user.
Reported: throughput (replies per second, from the first dispatch to the last reply), and the time from
each question's dispatch on the gateway to its reply's arrival at the stand-in (p50, p99, max), for the
answers and the cooldown refusals alike. `python -m bench.load` runs it alone; `measure()` and `table()`
follow the other sections' shape.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.report import Table, duration
from tests.burst import Burst, burst_bot, percentile, questions_of, run_burst, shorten_notices, standin_world
from tests.standin_extra import SHIPPED

USERS = 50
PER_USER = 20
COOLDOWN_QUESTIONS = 5
COOLDOWN_SECONDS = 600
TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class LoadResult:
    """What became of one burst: replies, their kinds, the wall time and each question's latency (s)."""

    questions: int
    replies: int
    answered: int
    refused: int
    seconds: float
    latencies: list[float]

    @property
    def throughput(self) -> float:
        return self.replies / self.seconds if self.seconds else 0.0

    @classmethod
    def of(cls, burst: Burst) -> LoadResult:
        replied = [question for question in burst.questions if question.message_id in burst.replies]
        return cls(
            questions=len(burst.questions),
            replies=len(burst.replies),
            answered=sum(burst.answered(question) for question in replied),
            refused=sum(burst.refused(question) for question in replied),
            seconds=burst.seconds,
            latencies=burst.latencies(),
        )


async def _burst() -> Burst:
    settings = {"COOLDOWN_QUESTIONS": COOLDOWN_QUESTIONS, "COOLDOWN_SECONDS": COOLDOWN_SECONDS}
    texts = questions_of(SHIPPED / "story.toml")
    with tempfile.TemporaryDirectory(prefix="storybot-load-") as folder:
        async with standin_world() as standin, burst_bot(standin, Path(folder) / "knowledge", **settings) as bot:
            shorten_notices(bot, 0.0)  # as in the test: the notices' own deletions are part of the load
            return await run_burst(standin, texts, users=USERS, per_user=PER_USER, timeout=TIMEOUT_SECONDS)


def measure() -> LoadResult:
    """Run the burst in a fresh event loop and return what became of it."""
    return LoadResult.of(asyncio.run(_burst()))


def table(result: LoadResult) -> Table:
    """The burst's figures as a table."""
    out = Table(f"Load: {USERS} users x {PER_USER} questions through the stand-in gateway", ["measure", "value"])
    out.add("questions", f"{result.questions:,}")
    out.add("replies (none lost when equal)", f"{result.replies:,}")
    out.add(f"answered (first {COOLDOWN_QUESTIONS} per user)", f"{result.answered:,}")
    out.add("refused by the cooldown", f"{result.refused:,}")
    out.add("wall time, first dispatch to last reply", duration(result.seconds * 1e9))
    out.add("throughput (questions/s)", f"{result.throughput:,.0f}")
    for name, share in (("p50", 0.50), ("p99", 0.99), ("max", 1.0)):
        out.add(f"{name}, event dispatched to reply received", duration(percentile(result.latencies, share) * 1e9))
    out.notes.append(
        "The bot and the stand-in share one process and one event loop, so the figures include the stand-in's "
        "own work; latency grows with the backlog, since the whole burst is dispatched at once."
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the burst and print its throughput and latency."""
    del argv  # no options
    result = measure()
    print(table(result).text())
    return 0 if result.replies == result.questions else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
