"""Run the bot until SIGINT or SIGTERM, or sync its commands globally; return an exit code.

If Discord refuses the message content intent, the bot logs how to enable it and reconnects
without it: slash commands, mentions and DMs keep working (Discord still sends their content).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator

import aiohttp
import discord

from bot.core.engine import AnswerEngine
from bot.core.loader import Knowledge
from bot.core.store import KnowledgeStore
from bot.discord_adapter.client import StoryBot, build_bot
from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
INTENT_HELP = (
    "Discord refused the message content intent: enable 'Message Content Intent' under Bot > Privileged Gateway "
    "Intents at https://discord.com/developers/applications. Until then only slash commands, mentions and DMs work."
)


def run_bot(settings: Settings, knowledge: Knowledge, *, sync_globally: bool = False) -> int:
    """Connect to Discord and serve until stopped, or only sync the commands globally."""
    discord.utils.setup_logging(level=logging.getLevelNamesMapping()[settings.LOG_LEVEL], root=True)
    store = KnowledgeStore(knowledge.path, AnswerEngine(knowledge))
    return asyncio.run(sync_commands(settings, store) if sync_globally else serve(settings, store))


async def serve(settings: Settings, store: KnowledgeStore, **options: object) -> int:
    """Serve until a stop signal; without the message content intent if Discord refuses it."""
    try:
        return await _connect(build_bot(settings, store, **options), settings)
    except discord.PrivilegedIntentsRequired:
        log.error(INTENT_HELP)
    # The commands were synced by the first attempt.
    return await _connect(build_bot(settings, store, message_content=False, sync_guilds=False, **options), settings)


async def sync_commands(settings: Settings, store: KnowledgeStore, **options: object) -> int:
    """Register the slash commands globally (Discord rate-limits this: run it when commands change)."""
    bot = build_bot(settings, store, message_content=False, sync_guilds=False, **options)
    async with bot:
        try:
            await bot.login(_token(settings))
            synced = await bot.tree.sync()
        except discord.LoginFailure:
            return _refused_token()
    log.info("synced %d commands globally: %s", len(synced), ", ".join(f"/{command.name}" for command in synced))
    return EXIT_OK


async def _connect(bot: StoryBot, settings: Settings) -> int:
    async with bot:
        with _stop_on_signals(bot):
            try:
                await bot.start(_token(settings))
            except discord.LoginFailure:
                return _refused_token()
            except (aiohttp.ClientError, OSError) as exc:
                log.error("cannot reach Discord: %s", exc)
                return EXIT_FAILED
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


def _refused_token() -> int:
    log.error("Discord refused the token: copy it again from Bot > Token in the developer portal into DISCORD_TOKEN")
    return EXIT_FAILED
