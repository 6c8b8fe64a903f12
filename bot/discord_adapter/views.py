"""The buttons under a reply: feedback under an answer, "did you mean" suggestions under an abstention.

A clicked suggestion turns the message into its answer, which then carries the feedback buttons. The
entry id travels in the button's custom_id, so any shard or a restarted bot answers the click: no view
is kept in memory.
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
from bot.discord_adapter.respond import NO_MENTIONS, tell

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

CUSTOM_ID_PREFIX = "storybot:answer:"


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.escape(CUSTOM_ID_PREFIX) + r"(?P<entry_id>[a-z0-9-]+)",
):
    """A button that answers one suggested entry in place of the "I don't know" message."""

    def __init__(self, entry_id: str, label: str = "") -> None:
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=clip(label, BUTTON_LABEL_CHARS) or None,
            style=discord.ButtonStyle.secondary,
            custom_id=CUSTOM_ID_PREFIX + entry_id,
        )
        super().__init__(button)
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        """Rebuild the button from a click's custom_id."""
        return cls(match["entry_id"])

    async def callback(self, interaction: discord.Interaction[StoryBot]) -> None:  # type: ignore[override]
        """Replace the message with the suggested entry's answer and its feedback buttons."""
        engine = interaction.client.store.engine
        if self.entry_id not in engine.knowledge.entries:
            await tell(interaction, ENTRY_GONE)
            return
        content, embeds = answer_card(engine.reply_for(self.entry_id)).parts(
            embeds_allowed=interaction.app_permissions.embed_links
        )
        await interaction.response.edit_message(
            content=content, embeds=embeds, view=feedback_view(self.entry_id), allowed_mentions=NO_MENTIONS
        )


def reply_view(reply: Reply) -> discord.ui.View | None:
    """Return the buttons under a reply: feedback on an answer, its suggestions on an abstention, or none."""
    if reply.entry is not None:
        return feedback_view(reply.entry.id)
    if not reply.suggestions:
        return None
    view = discord.ui.View(timeout=None)
    for suggestion in reply.suggestions:
        view.add_item(SuggestionButton(suggestion.entry_id, suggestion.question))
    return view
