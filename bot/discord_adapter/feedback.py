"""Feedback buttons under every answer: helpful or not, one vote per person per answer, changeable.

The vote and the entry id travel in the button's custom_id, so any shard or a restarted bot records
the click: no view is kept in memory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self

import discord

from bot.discord_adapter.notices import VOTE_THANKS
from bot.discord_adapter.recording import record_vote
from bot.discord_adapter.respond import tell

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

CUSTOM_ID_PREFIX = "storybot:vote:"
HELPFUL = "up"
NOT_HELPFUL = "down"
# vote -> (label, emoji, what the acknowledgement calls it)
BUTTONS = {HELPFUL: ("Helpful", "👍", "helpful"), NOT_HELPFUL: ("Not helpful", "👎", "not helpful")}


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.escape(CUSTOM_ID_PREFIX) + rf"(?P<vote>{HELPFUL}|{NOT_HELPFUL}):(?P<entry_id>[a-z0-9-]+)",
):
    """One of the two votes on the answer of one entry."""

    def __init__(self, entry_id: str, vote: str) -> None:
        label, emoji, _ = BUTTONS[vote]
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=label,
            emoji=emoji,
            style=discord.ButtonStyle.secondary,
            custom_id=f"{CUSTOM_ID_PREFIX}{vote}:{entry_id}",
        )
        super().__init__(button)
        self.entry_id = entry_id
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        """Rebuild the button from a click's custom_id."""
        return cls(match["entry_id"], match["vote"])

    async def callback(self, interaction: discord.Interaction[StoryBot]) -> None:  # type: ignore[override]
        """Thank the voter privately, then record the vote (a second click replaces their first)."""
        await tell(interaction, VOTE_THANKS.format(verdict=BUTTONS[self.vote][2]))
        if interaction.message is not None:
            helpful = self.vote == HELPFUL
            await record_vote(
                interaction.client, interaction.message.id, interaction.user.id, self.entry_id, helpful=helpful
            )


def feedback_view(entry_id: str) -> discord.ui.View:
    """Return the helpful / not helpful buttons for an answer of `entry_id`."""
    view = discord.ui.View(timeout=None)
    for vote in BUTTONS:
        view.add_item(FeedbackButton(entry_id, vote))
    return view
