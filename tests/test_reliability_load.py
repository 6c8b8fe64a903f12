"""Load: a burst of 1,000 questions from 50 users through the stand-in gateway.

Every question gets exactly one reply, an answer or the cooldown notice, exactly as the cooldown is
configured (COOLDOWN_QUESTIONS answers per user, then notices): none is lost. Memory stays flat: no object
made for a question outlives it (a census of live objects before and after the burst), and the bytes the
bot's code still holds after 200 more questions, traced by tracemalloc, stay within a small bound.
`bench/load.py` runs the same burst and reports throughput and latency.
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections import Counter
from pathlib import Path

import discord

import bot as bot_package
from tests.burst import FIRST_USER_ID, Burst, burst_bot, deleted_notices, questions_of, run_burst, shorten_notices
from tests.standin.server import StandInDiscord
from tests.standin_extra import SHIPPED, eventually

USERS = 50
PER_USER = 20
COOLDOWN_QUESTIONS = 5
COOLDOWN_SECONDS = 600
# tracemalloc slows everything down about five times, so the traced burst is smaller.
TRACED_USERS = 10
# Bytes the bot's code may still hold after the traced burst: caches it fills up to their bound (URLs,
# stems, SQL statements) and the new users' cooldown buckets, about 100 KB. A leaked reply (a few KB a
# question) would pass it several times over.
MEMORY_BOUND_BYTES = 256_000
BOT_CODE = ("*/bot/*", "*/discord/*")
BOT_CODE_FOLDERS = (str(Path(bot_package.__file__).parent), str(Path(discord.__file__).parent))
# Objects of the bot and of discord.py; the connection pools' own (aiohttp, asyncio) are left out.
OUR_MODULES = ("bot.", "discord.")
COOLDOWN_BUCKET = "discord.app_commands.checks.Cooldown"
RATE_LIMIT_BUCKET = "discord.http.Ratelimit"
SLEEP_HANDLE = "discord.ext.tasks.SleepHandle"
PERIODIC_TASKS = 2  # the records' purge and the knowledge file's watch


def assert_as_configured(burst: Burst, users: int) -> None:
    """Every question has one reply; each user's first COOLDOWN_QUESTIONS are answered, the rest refused."""
    assert len(burst.replies) == len(burst.questions) == users * PER_USER, "no question is lost"
    asked: Counter[int] = Counter()
    for question in burst.questions:
        asked[question.user] += 1
        reply = burst.replies[question.message_id].json
        if asked[question.user] <= COOLDOWN_QUESTIONS:
            assert burst.answered(question), (question, reply)
        else:
            assert burst.refused(question), (question, reply)
    assert sum(burst.answered(question) for question in burst.questions) == users * COOLDOWN_QUESTIONS
    assert sum(burst.refused(question) for question in burst.questions) == users * (PER_USER - COOLDOWN_QUESTIONS)


def census() -> Counter[str]:
    """Live objects of the bot and discord.py, by type."""
    gc.collect()
    found: Counter[str] = Counter()
    for thing in gc.get_objects():
        module = type(thing).__module__
        if isinstance(module, str) and module.startswith(OUR_MODULES):
            found[f"{module}.{type(thing).__qualname__}"] += 1
    return found


def bot_tasks() -> int:
    """Tasks running the bot's or discord.py's code (the stand-in's connection handlers left out)."""
    return sum(1 for task in asyncio.all_tasks() if _code_file(task).startswith(BOT_CODE_FOLDERS))


def _code_file(task: asyncio.Task[object]) -> str:
    code = getattr(task.get_coro(), "cr_code", None)
    return code.co_filename if code is not None else ""


def held_by_the_bot() -> int:
    """Bytes allocated by the bot's and discord.py's code that are still live."""
    gc.collect()
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, code) for code in BOT_CODE])
    return sum(stat.size for stat in snapshot.statistics("filename"))


async def test_a_burst_of_1000_questions_from_50_users_is_answered_as_configured_in_flat_memory(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    texts = questions_of(SHIPPED / "story.toml")
    settings = {"COOLDOWN_QUESTIONS": COOLDOWN_QUESTIONS, "COOLDOWN_SECONDS": COOLDOWN_SECONDS}
    refusals = USERS * (PER_USER - COOLDOWN_QUESTIONS)
    traced_refusals = TRACED_USERS * (PER_USER - COOLDOWN_QUESTIONS)

    async def notices_deleted(count: int) -> bool:
        return deleted_notices(standin) >= count

    async def work_done(tasks: int) -> bool:
        return bot_tasks() <= tasks

    async with burst_bot(standin, tmp_path / "knowledge", **settings) as bot:
        # Cooldown notices delete themselves; at once here, so that none is pending when memory is read.
        shorten_notices(bot, 0.0)
        # One question first, so what the bot makes once (connections, timers of its periodic upkeep) is made.
        await run_burst(standin, texts, users=1, per_user=1, first_user=FIRST_USER_ID - 1)
        tasks, objects = bot_tasks(), census()
        burst = await run_burst(standin, texts, users=USERS, per_user=PER_USER)
        await eventually(lambda: notices_deleted(refusals), timeout=10)
        await eventually(lambda: work_done(tasks), timeout=5)  # no work is left pending
        objects_after = census()

        tracemalloc.start()
        try:
            before = held_by_the_bot()
            traced = await run_burst(
                standin, texts, users=TRACED_USERS, per_user=PER_USER, first_user=FIRST_USER_ID + USERS
            )
            await eventually(lambda: notices_deleted(refusals + traced_refusals), timeout=10)
            # Replies still being recorded hold their messages until they finish: not a leak, and not steady.
            await eventually(lambda: work_done(tasks), timeout=5)
            after = held_by_the_bot()
        finally:
            tracemalloc.stop()

    assert_as_configured(burst, USERS)
    assert_as_configured(traced, TRACED_USERS)
    grown = objects_after - objects
    assert grown.pop(COOLDOWN_BUCKET, 0) == USERS, "one cooldown bucket per user, as configured"
    grown.pop(RATE_LIMIT_BUCKET, None)  # one per route Discord limits, whatever the traffic
    # A periodic task makes its sleep's handle when its first run ends, which may come during the burst.
    assert grown.pop(SLEEP_HANDLE, 0) <= PERIODIC_TASKS, "at most one sleep handle per periodic task"
    assert not grown, f"objects made for questions outlived them: {grown}"
    assert after - before < MEMORY_BOUND_BYTES, f"the bot holds {after - before:,} more bytes after 200 questions"
