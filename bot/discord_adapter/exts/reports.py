"""/unanswered and /stats: what people asked that the bot could not answer, and how its answers fare.

Moderators only, by the same rule as /reload, with private replies. The reports are read and grouped
in the records thread, never on the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_adapter.cards import report_card
from bot.discord_adapter.checks import moderators_only
from bot.discord_adapter.respond import respond
from bot.records.database import Records
from bot.records.reports import stats_report, unanswered_report
from bot.settings import MAX_RETENTION_DAYS

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

log = logging.getLogger(__name__)

DEFAULT_DAYS = 7
DEFAULT_GROUPS = 10
MAX_GROUPS = 25


class Reports(commands.Cog):
    """Moderators' reports from the records."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command()
    @moderators_only
    @app_commands.describe(
        days="How many days back to look (default 7)",
        limit="How many groups of questions to list (default 10)",
    )
    async def unanswered(
        self,
        interaction: discord.Interaction[StoryBot],
        days: app_commands.Range[int, 1, MAX_RETENTION_DAYS] = DEFAULT_DAYS,
        limit: app_commands.Range[int, 1, MAX_GROUPS] = DEFAULT_GROUPS,
    ) -> None:
        """List the questions the bot could not answer, most asked first, near-duplicates grouped."""
        await self._report(interaction, days, lambda records: unanswered_report(records, days, limit))

    @app_commands.command()
    @moderators_only
    @app_commands.describe(days="How many days back to look (default 7)")
    async def stats(
        self,
        interaction: discord.Interaction[StoryBot],
        days: app_commands.Range[int, 1, MAX_RETENTION_DAYS] = DEFAULT_DAYS,
    ) -> None:
        """Show how many questions were asked and answered, the top answers, and their feedback."""
        await self._report(interaction, days, lambda records: stats_report(records, days))

    async def _report(
        self, interaction: discord.Interaction[StoryBot], days: int, read: Callable[[Records], str]
    ) -> None:
        """Read a report in the records thread and show it privately; log who asked for it."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        command = interaction.command.name if interaction.command else "?"
        log.info("/%s (%d days) by %s (%s)", command, days, interaction.user, interaction.user.id)
        worker = self.bot.records
        report = await worker.call(read, worker.records)
        await respond(interaction, report_card(report), private=True)


async def setup(bot: StoryBot) -> None:
    """Load the extension."""
    await bot.add_cog(Reports(bot))
