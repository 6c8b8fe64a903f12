"""Runtime checks for slash commands: the per-user question budget and the moderator gate."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot
    from bot.settings import Settings

T = TypeVar("T")


class NotModerator(app_commands.CheckFailure):
    """The member neither manages the server nor holds a moderator role."""


class QuestionBudget:
    """COOLDOWN_QUESTIONS per COOLDOWN_SECONDS for each user, shared by messages and /ask."""

    def __init__(self, questions: int, seconds: float) -> None:
        self._mapping: commands.CooldownMapping[discord.abc.Snowflake] = commands.CooldownMapping.from_cooldown(
            questions, seconds, _user_id
        )

    def spend(self, user: discord.abc.Snowflake) -> None:
        """Count one question for `user`; raise CommandOnCooldown when they are over budget."""
        bucket = self._mapping.get_bucket(user)
        retry_after = bucket.update_rate_limit() if bucket is not None else None
        if bucket is not None and retry_after:
            raise app_commands.CommandOnCooldown(bucket, retry_after)


def _user_id(user: discord.abc.Snowflake) -> int:
    return user.id


def spend_question(interaction: discord.Interaction[StoryBot]) -> bool:
    """Charge a slash-command question to its user's budget."""
    interaction.client.questions.spend(interaction.user)
    return True


def is_moderator(interaction: discord.Interaction[StoryBot]) -> bool:
    """Allow members who can manage the server or hold one of MODERATOR_ROLE_IDS; refuse in DMs and other servers.

    Discord's `default_permissions` only hides the command, and server admins can override it, so
    the rule is enforced here too.
    """
    member, guild = interaction.user, interaction.guild
    if guild is None or not isinstance(member, discord.Member):
        raise app_commands.NoPrivateMessage
    if not moderators_server(guild, interaction.client.settings):
        raise NotModerator
    if interaction.permissions.manage_guild:
        return True
    moderator_roles = set(interaction.client.settings.MODERATOR_ROLE_IDS)
    if any(role.id in moderator_roles for role in member.roles):
        return True
    raise NotModerator


def moderators_server(guild: discord.Guild, settings: Settings) -> bool:
    """Return whether `guild` is the moderators' own: one of GUILD_IDS, or one that has a MODERATOR_ROLE_IDS role.

    Every server the bot is in shares one knowledge file and one set of records, so Manage Server in a server
    someone else invited the bot to must not rewrite the knowledge, or read the questions asked elsewhere. With
    neither setting, there is no telling which server is the moderators', and every server counts.
    """
    if not settings.GUILD_IDS and not settings.MODERATOR_ROLE_IDS:
        return True
    if guild.id in settings.GUILD_IDS:
        return True
    return any(guild.get_role(role_id) is not None for role_id in settings.MODERATOR_ROLE_IDS)


def moderators_only(command: T) -> T:
    """Make a slash command moderators-only: in servers, hidden from others by default, and checked at runtime."""
    checked = app_commands.check(is_moderator)(command)
    return app_commands.guild_only(app_commands.default_permissions(manage_guild=True)(checked))
