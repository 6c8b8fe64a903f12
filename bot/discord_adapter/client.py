"""The bot: its settings, knowledge store and records, its extensions, and command sync to GUILD_IDS."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord.ext import commands

from bot.core.store import KnowledgeStore
from bot.discord_adapter.checks import QuestionBudget
from bot.discord_adapter.errors import StoryTree
from bot.discord_adapter.feedback import FeedbackButton
from bot.discord_adapter.respond import NO_MENTIONS
from bot.discord_adapter.views import SuggestionButton
from bot.records.database import Records
from bot.records.worker import RecordsWorker
from bot.settings import Settings

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.discord_adapter.exts.answers",
    "bot.discord_adapter.exts.story",
    "bot.discord_adapter.exts.moderation",
    "bot.discord_adapter.exts.reports",
    "bot.discord_adapter.exts.upkeep",
)


def intents(*, message_content: bool) -> discord.Intents:
    """Return the gateway intents the bot needs: guilds and messages (and their content when allowed)."""
    return discord.Intents(guilds=True, guild_messages=True, dm_messages=True, message_content=message_content)


class StoryBot(commands.Bot):
    """Answers questions about one story; slash commands only, no prefix commands."""

    def __init__(
        self,
        settings: Settings,
        store: KnowledgeStore,
        *,
        message_content: bool = True,
        sync_guilds: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=(),  # no prefix commands: mentions are questions, handled by the answers extension
            help_command=None,
            intents=intents(message_content=message_content),
            allowed_mentions=NO_MENTIONS,
            tree_cls=StoryTree,
            **options,
        )
        self.settings = settings
        self.store = store
        self.questions = QuestionBudget(settings.COOLDOWN_QUESTIONS, settings.COOLDOWN_SECONDS)
        self.sync_guilds = sync_guilds
        self._records: RecordsWorker | None = None

    @property
    def records(self) -> RecordsWorker:
        """The records database and its thread, open from `setup_hook` until `close`."""
        if self._records is None:
            raise RuntimeError("the records are not open (before setup_hook or after close)")
        return self._records

    async def setup_hook(self) -> None:
        """Open the records, load the extensions, accept button clicks, and sync commands to GUILD_IDS."""
        self._records = RecordsWorker(Records(self.settings.DATABASE_FILE, self.settings.RETENTION_DAYS))
        self.add_dynamic_items(SuggestionButton, FeedbackButton)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.sync_guilds:
            await self.sync_to_guilds()

    async def sync_to_guilds(self) -> None:
        """Copy the global commands to each of GUILD_IDS and sync them there (they appear at once)."""
        for guild_id in self.settings.GUILD_IDS:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error(
                    "cannot sync commands to guild %s: invite the bot there with the applications.commands scope",
                    guild_id,
                )
            else:
                log.info("synced %d commands to guild %s", len(synced), guild_id)

    async def close(self) -> None:
        """Disconnect and unload the extensions, then finish pending records work and close the database."""
        await super().close()
        worker, self._records = self._records, None
        if worker is not None:
            await asyncio.to_thread(worker.close)

    async def on_ready(self) -> None:
        """Log who the bot is and where."""
        log.info("ready as %s (id %s) in %d servers", self.user, self.user.id if self.user else "?", len(self.guilds))


class ShardedStoryBot(StoryBot, commands.AutoShardedBot):
    """The same bot over several gateway connections (SHARD_COUNT, or auto: as many as Discord advises)."""


def build_bot(settings: Settings, store: KnowledgeStore, **options: Any) -> StoryBot:
    """Build the bot, sharded when SHARD_COUNT is set."""
    if settings.SHARD_COUNT is None:
        return StoryBot(settings, store, **options)
    shard_count = None if settings.SHARD_COUNT == "auto" else settings.SHARD_COUNT
    return ShardedStoryBot(settings, store, shard_count=shard_count, **options)
