"""Run the bot until SIGINT or SIGTERM, or sync its commands globally; return an exit code.

If Discord refuses the message content intent, the bot logs how to enable it and reconnects
without it: slash commands, mentions and DMs keep working (Discord still sends their content).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any, ParamSpec

import aiohttp
import discord

from bot.core.engine import AnswerEngine
from bot.core.loader import Knowledge
from bot.core.store import KnowledgeStore
from bot.discord_adapter.client import StoryBot, build_bot
from bot.settings import Settings

log = logging.getLogger(__name__)
P = ParamSpec("P")

EXIT_OK = 0
EXIT_FAILED = 1
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
REFUSED_TOKEN = "Discord refused the token: copy it again from Bot > Token in the developer portal into DISCORD_TOKEN"
INTENT_HELP = (
    "Discord refused the message content intent: enable 'Message Content Intent' under Bot > Privileged Gateway "
    "Intents at https://discord.com/developers/applications. Until then only slash commands, mentions and DMs work."
)


def run_bot(settings: Settings, knowledge: Knowledge, *, sync_globally: bool = False) -> int:
    """Connect to Discord and serve until stopped, or only sync the commands globally."""
    discord.utils.setup_logging(level=logging.getLevelNamesMapping()[settings.LOG_LEVEL], root=True)
    store = KnowledgeStore(knowledge.path, AnswerEngine(knowledge))
    try:
        return asyncio.run(sync_commands(settings, store) if sync_globally else serve(settings, store))
    except KeyboardInterrupt:  # Ctrl+C before the signal handlers are in place (while logging in)
        return EXIT_OK


def _exit_code_on_failure(run: Callable[P, Awaitable[int]]) -> Callable[P, Coroutine[None, None, int]]:
    """Turn a refused token or an unreachable Discord into one log line and EXIT_FAILED."""

    @functools.wraps(run)
    async def guarded(*args: P.args, **kwargs: P.kwargs) -> int:
        try:
            return await run(*args, **kwargs)
        except discord.LoginFailure:
            log.error(REFUSED_TOKEN)
        except (aiohttp.ClientError, OSError) as exc:
            log.error("cannot reach Discord: %s", exc)
        return EXIT_FAILED

    return guarded


@_exit_code_on_failure
async def serve(settings: Settings, store: KnowledgeStore, **options: Any) -> int:
    """Serve until a stop signal; without the message content intent if Discord refuses it."""
    try:
        return await _connect(build_bot(settings, store, **options), settings)
    except discord.PrivilegedIntentsRequired:
        log.error(INTENT_HELP)
    # The first attempt synced the commands already.
    return await _connect(build_bot(settings, store, message_content=False, sync_guilds=False, **options), settings)


@_exit_code_on_failure
async def sync_commands(settings: Settings, store: KnowledgeStore, **options: Any) -> int:
    """Register the slash commands globally (Discord rate-limits this: run it when commands change)."""
    async with build_bot(settings, store, message_content=False, sync_guilds=False, **options) as bot:
        await bot.login(_token(settings))
        synced = await bot.tree.sync()
    log.info("synced %d commands globally: %s", len(synced), ", ".join(f"/{command.name}" for command in synced))
    return EXIT_OK


async def _connect(bot: StoryBot, settings: Settings) -> int:
    async with bot:
        with _stop_on_signals(bot):
            await bot.start(_token(settings))
    log.info("stopped")
    return EXIT_OK


@contextlib.contextmanager
def _stop_on_signals(bot: StoryBot) -> Iterator[None]:
    """Close the bot cleanly on SIGINT or SIGTERM while it runs."""
    loop = asyncio.get_running_loop()
    closing: set[asyncio.Task[None]] = set()

    def stop(signum: signal.Signals) -> None:
        log.info("received %s: closing the connection", signum.name)
        task = loop.create_task(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    installed = []
    for signum in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows, nor off the main thread
            loop.add_signal_handler(signum, stop, signum)
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)


def _token(settings: Settings) -> str:
    if settings.DISCORD_TOKEN is None:  # the CLI opens the offline console instead
        raise ValueError("DISCORD_TOKEN is not set")
    return settings.DISCORD_TOKEN.get_secret_value()
