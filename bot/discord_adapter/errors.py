"""The one error handler of every slash command and its checks.

(discord.py logs autocomplete errors itself: an autocomplete cannot show a message.)

Errors are handled in this order (the first that matches wins):
1. CommandOnCooldown: the user asked too often; tell them privately when to try again.
2. NoPrivateMessage: a server-only command was run in DMs; say so privately.
3. NotModerator and MissingPermissions: a moderator command without the rights; say so privately.
4. Any other CheckFailure: refuse privately in a short sentence.
5. TransformerError: an option Discord sent could not be read; say so privately.
6. Everything else (CommandInvokeError wraps what a command raised): log it with its traceback and
   apologise privately, without details.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_adapter.checks import NotModerator
from bot.discord_adapter.notices import APOLOGY, BAD_OPTION, COOLDOWN, MODERATORS_ONLY, NOT_HERE, SERVER_ONLY
from bot.discord_adapter.respond import tell

log = logging.getLogger(__name__)


def message_for(error: app_commands.AppCommandError) -> str:
    """Return the private message a user gets for `error`."""
    if isinstance(error, app_commands.CommandOnCooldown):
        return COOLDOWN.format(seconds=max(error.retry_after, 1.0))
    if isinstance(error, app_commands.NoPrivateMessage):
        return SERVER_ONLY
    if isinstance(error, NotModerator | app_commands.MissingPermissions):
        return MODERATORS_ONLY
    if isinstance(error, app_commands.CheckFailure):
        return NOT_HERE
    if isinstance(error, app_commands.TransformerError):
        return BAD_OPTION
    return APOLOGY


class StoryTree(app_commands.CommandTree[commands.Bot]):
    """The command tree, with the shared error handler."""

    async def on_error(
        self, interaction: discord.Interaction[commands.Bot], error: app_commands.AppCommandError, /
    ) -> None:
        """Tell the user what went wrong; log what is unexpected."""
        text = message_for(error)
        command = interaction.command.qualified_name if interaction.command else "?"
        if text == APOLOGY:
            log.error("command /%s failed for user %s", command, interaction.user.id, exc_info=error)
        else:
            log.info("command /%s refused for user %s: %s", command, interaction.user.id, type(error).__name__)
        try:
            await tell(interaction, text)
        except discord.HTTPException as exc:
            log.warning("could not report an error to user %s: %s", interaction.user.id, exc)
