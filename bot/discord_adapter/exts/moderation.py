"""/reload: re-read or replace the knowledge file, validated in full before it is served.

A refused file changes nothing: the bot keeps serving the knowledge it had, and the moderator sees
every problem. Every reload is logged with who ran it and how it ended.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import KnowledgeError
from bot.core.loader import MAX_FILE_BYTES
from bot.discord_adapter.cards import refused_card, reloaded_card
from bot.discord_adapter.checks import moderators_only
from bot.discord_adapter.notices import UPLOAD_FAILED, UPLOAD_NOT_TEXT, UPLOAD_TOO_BIG
from bot.discord_adapter.reloading import reload_knowledge
from bot.discord_adapter.respond import respond, tell

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

log = logging.getLogger(__name__)

KNOWLEDGE_SUFFIX = ".toml"
# Discord labels uploads by their extension; TOML has its own media type besides text/*.
TEXT_MEDIA_TYPES = ("text/", "application/toml")


class UploadError(Exception):
    """An uploaded file was not even read as a knowledge file; the message says why."""


class Moderation(commands.Cog):
    """Moderator commands."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command()
    @moderators_only
    @app_commands.describe(file="A new knowledge file (.toml) to check and serve; leave out to re-read the current one")
    async def reload(self, interaction: discord.Interaction[StoryBot], file: discord.Attachment | None = None) -> None:
        """Re-read the knowledge file (or upload a new one), check it, and serve it if it is valid."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        who = f"{interaction.user} ({interaction.user.id})"
        data: bytes | None = None
        if file is not None:
            try:
                data = await _download(file)
            except UploadError as refused:
                log.warning("reload by %s refused: %s", who, refused)
                await tell(interaction, str(refused))
                return
            log.info("knowledge upload by %s: %s, %d bytes", who, file.filename, len(data))
        outcome = await reload_knowledge(self.bot.store, who, data)
        card = refused_card(outcome) if isinstance(outcome, KnowledgeError) else reloaded_card(outcome)
        await respond(interaction, card, private=True)


async def _download(file: discord.Attachment) -> bytes:
    """Fetch an uploaded knowledge file, refusing what cannot be one before reading it."""
    if file.size > MAX_FILE_BYTES:
        raise UploadError(UPLOAD_TOO_BIG.format(size=file.size, limit=MAX_FILE_BYTES))
    media_type = (file.content_type or "text/plain").lower()
    if not file.filename.lower().endswith(KNOWLEDGE_SUFFIX) or not media_type.startswith(TEXT_MEDIA_TYPES):
        raise UploadError(UPLOAD_NOT_TEXT)
    try:
        data = await file.read()
    except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as exc:
        raise UploadError(UPLOAD_FAILED) from exc
    if len(data) > MAX_FILE_BYTES:
        raise UploadError(UPLOAD_TOO_BIG.format(size=len(data), limit=MAX_FILE_BYTES))
    return data


async def setup(bot: StoryBot) -> None:
    """Load the extension."""
    await bot.add_cog(Moderation(bot))
