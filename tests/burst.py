"""A burst of questions through the stand-in gateway, and what became of each one.

Used by the load test (tests/test_reliability_load.py) and by `bench/load.py`: `users` people each ask
`per_user` questions, interleaved, as fast as the gateway carries them; each question is matched to the
bot's reply by the reply's message reference, and timed from the moment it was dispatched to the moment
the stand-in received the reply.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
import yarl

from bot.core.engine import AnswerEngine
from bot.core.loader import load_knowledge
from bot.core.store import KnowledgeStore
from bot.discord_adapter.client import StoryBot, build_bot
from bot.discord_adapter.notices import COOLDOWN
from tests.standin import payloads
from tests.standin.fixtures import running_bot
from tests.standin.payloads import Payload
from tests.standin.server import RecordedRequest, StandInDiscord
from tests.standin_extra import GUILD_READY_TIMEOUT, TOKEN, bot_settings, knowledge_copy, mention

ANSWERS_EXTENSION = "bot.discord_adapter.exts.answers"

# Users of a burst get ids of their own, far from the stand-in's fixed ones.
FIRST_USER_ID = 1_100_000_000_000_100_000
COOLDOWN_PREFIX = COOLDOWN.split("{")[0]
POLL_SECONDS = 0.005


@dataclass(frozen=True)
class Question:
    """One question of the burst: who asked it, and when it was dispatched (time.monotonic)."""

    message_id: str
    user: int
    text: str
    sent_at: float


@dataclass
class Burst:
    """The questions of a burst and the bot's reply to each (None if it never came)."""

    questions: list[Question]
    replies: dict[str, RecordedRequest]
    started: float
    finished: float

    @property
    def seconds(self) -> float:
        """From the first dispatch to the last reply."""
        return self.finished - self.started

    @property
    def throughput(self) -> float:
        """Questions replied to per second."""
        return len(self.replies) / self.seconds if self.seconds else 0.0

    def latencies(self) -> list[float]:
        """Seconds from each question's dispatch to its reply's arrival at the stand-in."""
        return [self.replies[q.message_id].time - q.sent_at for q in self.questions if q.message_id in self.replies]

    def answered(self, question: Question) -> bool:
        """Whether the reply is an answer (an embed) rather than a cooldown notice."""
        return bool(self.replies[question.message_id].json.get("embeds"))

    def refused(self, question: Question) -> bool:
        """Whether the reply is the cooldown notice."""
        return str(self.replies[question.message_id].json.get("content") or "").startswith(COOLDOWN_PREFIX)


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` percentile (0-1) of `values`, by the nearest-rank method."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def summary(burst: Burst) -> dict[str, float]:
    """Throughput and latency figures of a burst, in questions per second and milliseconds."""
    latencies = burst.latencies()
    return {
        "questions": len(burst.questions),
        "replies": len(burst.replies),
        "seconds": burst.seconds,
        "throughput": burst.throughput,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0.0,
    }


def questions_of(path: Path) -> list[str]:
    """The canonical question of every entry: questions the bot answers."""
    return [entry.question for entry in load_knowledge(path).data.entries]


async def run_burst(
    standin: StandInDiscord,
    texts: Sequence[str],
    *,
    users: int,
    per_user: int,
    first_user: int = FIRST_USER_ID,
    timeout: float = 60.0,  # noqa: ASYNC109 - a burst must never hang a test or a benchmark
) -> Burst:
    """Dispatch `users * per_user` questions (user i asks question k * users + i), then collect every reply."""
    since = len(standin.requests)
    authors = [payloads.user(first_user + index, f"reader{index}") for index in range(users)]
    questions: list[Question] = []
    started = time.monotonic()
    for number in range(users * per_user):
        user = number % users
        text = texts[number % len(texts)]
        message = mention(text, author=authors[user])
        sent_at = time.monotonic()
        await standin.dispatch("MESSAGE_CREATE", message)
        questions.append(Question(message["id"], user, text, sent_at))
    wanted = {question.message_id for question in questions}
    replies: dict[str, RecordedRequest] = {}
    async with asyncio.timeout(timeout):
        while len(replies) < len(wanted):
            for request in standin.requests[since:]:
                reference = _reference(request)
                if reference in wanted and request.status == 200:
                    replies.setdefault(reference, request)
            since = len(standin.requests)
            await asyncio.sleep(POLL_SECONDS)
    finished = max((reply.time for reply in replies.values()), default=started)
    return Burst(questions, replies, started, finished)


def _reference(request: RecordedRequest) -> str | None:
    if request.method != "POST" or not isinstance(request.json, dict):
        return None
    reference: Payload = request.json.get("message_reference") or {}
    return str(reference.get("message_id")) if reference else None


@asynccontextmanager
async def burst_bot(standin: StandInDiscord, folder: Path, **settings: Any) -> AsyncIterator[StoryBot]:
    """The real bot on a copy of the shipped knowledge, as `story_bot` runs it, without a message cache.

    discord.py keeps the last 1,000 messages (bounded by design); leaving that cache out means whatever
    the bot holds after a burst is the bot's own.
    """
    path = knowledge_copy(folder)
    store = KnowledgeStore(path, AnswerEngine(load_knowledge(path)))
    options: dict[str, Any] = {"guild_ready_timeout": GUILD_READY_TIMEOUT, "max_messages": None}
    bot = build_bot(bot_settings(path, **settings), store, **options)
    async with running_bot(bot, standin, TOKEN) as running:
        yield running


@asynccontextmanager
async def standin_world() -> AsyncIterator[StandInDiscord]:
    """A started stand-in with every discord.py client pointed at it (the `standin` fixture, outside pytest)."""
    standin = StandInDiscord()
    await standin.start()
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = standin.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(standin.gateway_url)
    try:
        yield standin
    finally:
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway
        await standin.close()


def shorten_notices(bot: StoryBot, seconds: float) -> None:
    """Make cooldown notices delete themselves after `seconds` (the loaded extension's own constant)."""
    extension = bot.extensions[ANSWERS_EXTENSION]
    extension.NOTICE_SECONDS = seconds  # type: ignore[attr-defined]


def deleted_notices(standin: StandInDiscord) -> int:
    """How many messages the bot has deleted: its cooldown notices tidying themselves away."""
    return sum(1 for request in standin.requests if request.method == "DELETE" and request.status < 300)
