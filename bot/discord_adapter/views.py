"""The buttons under a reply: feedback under an answer, "did you mean" suggestions under an abstention.

A suggestion clicked by the person who asked turns the message into its answer, which then carries the
feedback buttons; clicked by anyone else, the answer is shown to them alone and the asker's message stays
as it is. The entry id and the asker travel in the button's custom_id, so any shard or a restarted bot
answers the click: no view is kept in memory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self

import discord

from bot.core.engine import Reply
from bot.discord_adapter.cards import answer_card
from bot.discord_adapter.feedback import feedback_view
from bot.discord_adapter.limits import BUTTON_LABEL_CHARS, clip
from bot.discord_adapter.notices import ENTRY_GONE
from bot.discord_adapter.respond import NO_MENTIONS, respond, tell

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

CUSTOM_ID_PREFIX = "storybot:answer:"
# The asker's id is written in base 36, so the longest entry id (64) and a 64-bit id fit a custom_id's 100.
_ASKER_BASE = 36


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    # Buttons sent before the asker was written in them have none: any click turns their message.
    template=re.escape(CUSTOM_ID_PREFIX) + r"(?P<entry_id>[a-z0-9-]+)(?::(?P<asker>[0-9a-z]+))?",
):
    """A button that answers one suggested entry: in place of the "I don't know" message, for its asker."""

    def __init__(self, entry_id: str, label: str = "", asker: int | None = None) -> None:
        custom_id = CUSTOM_ID_PREFIX + entry_id
        if asker is not None:
            custom_id += ":" + _base36(asker)
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=clip(label, BUTTON_LABEL_CHARS) or None, style=discord.ButtonStyle.secondary, custom_id=custom_id
        )
        super().__init__(button)
        self.entry_id = entry_id
        self.asker = asker

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        """Rebuild the button from a click's custom_id."""
        asker = int(match["asker"], _ASKER_BASE) if match["asker"] else None
        return cls(match["entry_id"], asker=asker)

    async def callback(self, interaction: discord.Interaction[StoryBot]) -> None:  # type: ignore[override]
        """Show the suggested entry's answer and its feedback buttons: in the message for its asker, else privately."""
        engine = interaction.client.store.engine
        if self.entry_id not in engine.knowledge.entries:
            await tell(interaction, ENTRY_GONE)
            return
        card = answer_card(engine.reply_for(self.entry_id))
        if self.asker is not None and interaction.user.id != self.asker:
            await respond(interaction, card, private=True, view=feedback_view(self.entry_id))
            return
        content, embeds = card.parts(embeds_allowed=interaction.app_permissions.embed_links)
        await interaction.response.edit_message(
            content=content, embeds=embeds, view=feedback_view(self.entry_id), allowed_mentions=NO_MENTIONS
        )


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, _ASKER_BASE)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def reply_view(reply: Reply, asker: int) -> discord.ui.View | None:
    """Return the buttons under a reply to `asker`: feedback on an answer, its suggestions on an abstention, or none."""
    if reply.entry is not None:
        return feedback_view(reply.entry.id)
    if not reply.suggestions:
        return None
    view = discord.ui.View(timeout=None)
    for suggestion in reply.suggestions:
        view.add_item(SuggestionButton(suggestion.entry_id, suggestion.question, asker))
    return view
