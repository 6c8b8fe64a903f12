"""Send cards and short notices: as a reply to a message, or as an interaction's response.

Every send passes `allowed_mentions=NO_MENTIONS` (the bot's default too), so nothing the bot says can
ping anyone, whatever text a question or a knowledge file contains.
"""

from __future__ import annotations

import logging

import discord

from bot.discord_adapter.cards import Card
from bot.discord_adapter.limits import MESSAGE_CHARS, clip

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


def embeds_allowed_for(message: discord.Message) -> bool:
    """Return whether the bot may embed in the message's channel (DMs always allow it)."""
    if message.guild is None:
        return True
    return message.channel.permissions_for(message.guild.me).embed_links


async def reply_to(
    message: discord.Message,
    card: Card | str,
    *,
    view: discord.ui.View | None = None,
    delete_after: float | None = None,
) -> bool:
    """Reply to `message` with a card or a short notice; return whether Discord took it.

    A channel the bot may not write in, or any other refusal, is logged.
    """
    if isinstance(card, Card):
        content, embeds = card.parts(embeds_allowed=embeds_allowed_for(message))
    else:
        content, embeds = clip(card, MESSAGE_CHARS), []
    try:
        sent = await message.channel.send(
            content,
            embeds=embeds,
            view=view if view is not None else discord.utils.MISSING,
            reference=message.to_reference(fail_if_not_exists=False),
            allowed_mentions=NO_MENTIONS,
        )
        if delete_after is not None:
            await sent.delete(delay=delete_after)
    except discord.Forbidden:
        log.info("no permission to reply in channel %s", message.channel.id)
        return False
    except discord.HTTPException as exc:
        log.warning("could not reply in channel %s: %s", message.channel.id, exc)
        return False
    return True


async def respond(
    interaction: discord.Interaction,
    card: Card,
    *,
    private: bool = False,
    view: discord.ui.View | None = None,
) -> None:
    """Answer an interaction with a card, as its response or (once deferred) as a follow-up."""
    content, embeds = card.parts(embeds_allowed=interaction.app_permissions.embed_links)
    view_or_missing = view if view is not None else discord.utils.MISSING
    if interaction.response.is_done():
        await interaction.followup.send(
            content if content is not None else discord.utils.MISSING,
            embeds=embeds,
            view=view_or_missing,
            ephemeral=private,
            allowed_mentions=NO_MENTIONS,
        )
    else:
        await interaction.response.send_message(
            content, embeds=embeds, view=view_or_missing, ephemeral=private, allowed_mentions=NO_MENTIONS
        )


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Answer an interaction privately with a short notice."""
    text = clip(text, MESSAGE_CHARS)
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
