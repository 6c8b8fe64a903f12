"""Slash commands about the story: /ask, /facts, /fact, /sources and /about."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.catalog import complete, entries_for
from bot.discord_adapter.cards import about_card, answer_card, facts_card, sources_card
from bot.discord_adapter.checks import spend_question
from bot.discord_adapter.limits import (
    AUTOCOMPLETE_CHOICES,
    CHOICE_NAME_CHARS,
    CHOICE_VALUE_CHARS,
    EMBED_TITLE_CHARS,
    clip,
    user_text,
)
from bot.discord_adapter.notices import NO_SUCH_TOPIC, TOO_LONG
from bot.discord_adapter.recording import record_question
from bot.discord_adapter.respond import respond, tell
from bot.discord_adapter.views import reply_view
from bot.present import hint_text

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

# Shown where a user's words are quoted back: enough to recognise them.
QUOTED_CHARS = 100


class Story(commands.Cog):
    """What the story says, with its sources."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command()
    @app_commands.describe(
        question="Your question about the story, in your own words",
        private="Show the answer only to you (default: everyone sees it)",
    )
    @app_commands.check(spend_question)
    async def ask(self, interaction: discord.Interaction[StoryBot], question: str, private: bool = False) -> None:
        """Ask a question about the story; the answer quotes the article."""
        limit = self.bot.settings.MAX_QUESTION_LENGTH
        if len(question) > limit:
            await tell(interaction, TOO_LONG.format(limit=limit))
            return
        engine = self.bot.store.engine
        if engine.is_small_talk(question):
            await tell(interaction, hint_text(engine.knowledge))
            return
        reply = engine.ask(question)
        await respond(interaction, answer_card(reply), private=private, view=reply_view(reply, interaction.user.id))
        await record_question(self.bot, interaction.user.id, reply)

    @app_commands.command()
    async def facts(self, interaction: discord.Interaction[StoryBot]) -> None:
        """List the story's key facts, each with its source."""
        knowledge = self.bot.store.knowledge
        title = f"Key facts: {knowledge.data.story.title}"
        await respond(interaction, facts_card(title, knowledge.key_entries, knowledge))

    @app_commands.command()
    @app_commands.describe(topic="A topic or a question; start typing to pick from the list")
    async def fact(self, interaction: discord.Interaction[StoryBot], topic: str) -> None:
        """Show what the story says on one topic."""
        engine = self.bot.store.engine
        found = entries_for(engine.knowledge, topic)
        if not found:
            await tell(interaction, NO_SUCH_TOPIC.format(topic=user_text(topic, QUOTED_CHARS)))
        elif len(found) == 1:
            reply = engine.reply_for(found[0].id)
            await respond(interaction, answer_card(reply), view=reply_view(reply, interaction.user.id))
        else:
            title = clip(found[0].topic, EMBED_TITLE_CHARS)
            await respond(interaction, facts_card(title, found, engine.knowledge))

    @fact.autocomplete("topic")
    async def fact_choices(
        self, interaction: discord.Interaction[StoryBot], current: str
    ) -> list[app_commands.Choice[str]]:
        """Offer the topics and questions that fit what has been typed."""
        found = complete(self.bot.store.knowledge, current, AUTOCOMPLETE_CHOICES)
        return [
            app_commands.Choice(name=clip(choice.label, CHOICE_NAME_CHARS), value=choice.value[:CHOICE_VALUE_CHARS])
            for choice in found
        ]

    @app_commands.command()
    async def sources(self, interaction: discord.Interaction[StoryBot]) -> None:
        """List the article and the published sources it names."""
        await respond(interaction, sources_card(self.bot.store.knowledge))

    @app_commands.command()
    async def about(self, interaction: discord.Interaction[StoryBot]) -> None:
        """Show what the bot knows: the story, how many questions, and when it was loaded."""
        await respond(interaction, about_card(self.bot.store.knowledge))


async def setup(bot: StoryBot) -> None:
    """Load the extension."""
    await bot.add_cog(Story(bot))
