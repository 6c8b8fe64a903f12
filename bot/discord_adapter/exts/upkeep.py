"""Background upkeep: the knowledge file watcher (WATCH_KNOWLEDGE, off by default) and the daily purge.

The watcher looks at the knowledge file every WATCH_SECONDS (a stat: size, time, inode; no read) and,
once a change has settled, reloads it exactly as /reload does: validated in full, swapped in atomically,
the previous knowledge kept if the new file is refused, the outcome logged. The purge deletes records
older than RETENTION_DAYS at start-up and then once a day.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands, tasks

from bot.core.watch import FileWatch
from bot.discord_adapter.reloading import reload_knowledge

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

log = logging.getLogger(__name__)

PURGE_HOURS = 24
WATCHER = "the knowledge file watcher"


class Upkeep(commands.Cog):
    """Tasks that run on their own while the bot is connected."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.knowledge_file = FileWatch(bot.store.path)
        # Built here, not as a decorator: the interval is a setting.
        self.watch = tasks.loop(seconds=bot.settings.WATCH_SECONDS)(self.reload_when_changed)
        self.watch.before_loop(self._until_ready)

    async def cog_load(self) -> None:
        """Start the purge, and the watcher when WATCH_KNOWLEDGE is on."""
        self.purge.start()
        if self.bot.settings.WATCH_KNOWLEDGE:
            log.info("watching %s for changes every %s s", self.knowledge_file.path, self.bot.settings.WATCH_SECONDS)
            self.watch.start()

    async def cog_unload(self) -> None:
        """Stop both tasks."""
        self.purge.cancel()
        self.watch.cancel()

    async def reload_when_changed(self) -> None:
        """Reload the knowledge file once it has changed on disk and settled; no failure stops the watch."""
        if not self.knowledge_file.changed():
            return
        try:
            await reload_knowledge(self.bot.store, WATCHER)
        except Exception:
            # The store refuses every broken file it knows of and keeps what it serves. Anything else is
            # logged here: raised, it would end the loop, and live reloading with it, until a restart.
            log.exception("reload by %s failed; previous knowledge kept, still watching", WATCHER)

    @tasks.loop(hours=PURGE_HOURS)
    async def purge(self) -> None:
        """Delete records older than RETENTION_DAYS."""
        worker = self.bot.records
        gone = await worker.call(worker.records.purge)
        log.info("purged %d records older than %d days", gone, self.bot.settings.RETENTION_DAYS)

    @purge.before_loop
    async def _until_ready(self) -> None:
        await self.bot.wait_until_ready()


async def setup(bot: StoryBot) -> None:
    """Load the extension."""
    await bot.add_cog(Upkeep(bot))
