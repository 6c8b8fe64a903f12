"""Render core results as Discord messages: an embed, and the plain text sent where embeds are not allowed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.core.engine import Citation, Reply
from bot.core.errors import KnowledgeError
from bot.core.loader import Knowledge
from bot.core.model import Entry
from bot.core.store import KnowledgeDiff
from bot.discord_adapter.limits import (
    EMBED_DESCRIPTION_CHARS,
    EMBED_FIELD_NAME_CHARS,
    EMBED_FIELD_VALUE_CHARS,
    EMBED_FIELDS,
    EMBED_FOOTER_CHARS,
    EMBED_TITLE_CHARS,
    EMBED_TOTAL_CHARS,
    MESSAGE_CHARS,
    clip,
    fit_lines,
    user_text,
)
from bot.present import NOT_FOUND, about_text, citation_lines, entry_line, match_label, reply_text, sources_text

ANSWER_COLOUR = discord.Colour.blurple()
NOT_FOUND_COLOUR = discord.Colour.light_grey()
REFUSED_COLOUR = discord.Colour.red()
REPORT_COLOUR = discord.Colour.dark_teal()
FENCE = "```"
SUGGESTIONS_PROMPT = "Did you mean one of these?"
SOURCE_LINK_LABEL = "Open the source"


@dataclass(frozen=True)
class Card:
    """One message, as an embed and as the plain text sent where the bot lacks Embed Links."""

    embed: discord.Embed
    text: str

    def parts(self, *, embeds_allowed: bool) -> tuple[str | None, list[discord.Embed]]:
        """Return the content and the embeds to send (one of them empty, so edits replace both)."""
        if embeds_allowed:
            return None, [self.embed]
        return clip(self.text, MESSAGE_CHARS), []


def _embed(title: str | None, description: str, colour: discord.Colour = ANSWER_COLOUR) -> discord.Embed:
    return discord.Embed(
        title=clip(title, EMBED_TITLE_CHARS) if title else None,
        description=clip(description, EMBED_DESCRIPTION_CHARS),
        colour=colour,
    )


def _citation_field(citation: Citation) -> tuple[str, str]:
    source = citation.source
    name = f"{source.title} ({source.publisher})" if source.publisher else source.title
    link = f"\n[{SOURCE_LINK_LABEL}]({source.url})" if source.url else ""
    quote = "> " + discord.utils.escape_markdown(" ".join(citation.quote.split()))
    return clip(name, EMBED_FIELD_NAME_CHARS), clip(quote, EMBED_FIELD_VALUE_CHARS - len(link)) + link


def answer_card(reply: Reply) -> Card:
    """Render an answer: the entry's answer, each verbatim quote with its source, the entry id in the footer."""
    if reply.entry is None:
        return not_found_card(reply)
    embed = _embed(reply.entry.question, reply.entry.answer)
    embed.set_footer(text=clip(match_label(reply.entry, reply.score), EMBED_FOOTER_CHARS))
    for citation in reply.citations[:EMBED_FIELDS]:
        name, value = _citation_field(citation)
        if len(embed) + len(name) + len(value) > EMBED_TOTAL_CHARS:
            break
        embed.add_field(name=name, value=value, inline=False)
    return Card(embed, _answer_text(reply, reply.entry))


def _answer_text(reply: Reply, entry: Entry) -> str:
    """Render an answer as plain text within one message: every quote shown keeps its source, the footer stays.

    These are reply_text's lines, but a quote that does not fit is left out whole (the first one is shortened
    instead), so a long answer never ends in a quote cut off from the source it rests on.
    """
    footer = f"[{match_label(entry, reply.score)}]"
    lines = [entry.answer, ""]
    for citation in reply.citations:
        quote, source = citation_lines(citation)
        room = MESSAGE_CHARS - len("\n".join([*lines, footer])) - 2  # the two line breaks this citation adds
        if len(lines) == 2:  # the first quote is always shown
            source = clip(source, room // 2)
            quote = clip(quote, room - len(source))
        elif len(quote) + len(source) > room:
            break
        lines += [quote, source]
    return "\n".join([*lines, footer])


def not_found_card(reply: Reply) -> Card:
    """Render an abstention; the suggestions travel as buttons beside it."""
    description = f"{NOT_FOUND}\n{SUGGESTIONS_PROMPT}" if reply.suggestions else NOT_FOUND
    return Card(_embed(None, description, NOT_FOUND_COLOUR), reply_text(reply))


def facts_card(title: str, entries: Sequence[Entry], knowledge: Knowledge) -> Card:
    """List facts, each with the sources it rests on."""
    lines = [entry_line(entry, knowledge) for entry in entries]
    text = fit_lines([f"**{clip(title, EMBED_TITLE_CHARS)}**", *lines], MESSAGE_CHARS)
    return Card(_embed(title, fit_lines(lines, EMBED_DESCRIPTION_CHARS)), text)


def sources_card(knowledge: Knowledge) -> Card:
    """List the article's published sources, linked when the article gives a link."""
    lines = []
    for source in knowledge.data.sources:
        line = f"- [{source.title}]({source.url})" if source.url else f"- {source.title}"
        lines.append(f"{line} ({source.publisher})" if source.publisher else line)
    embed = _embed(knowledge.data.story.title, fit_lines(["Sources:", *lines], EMBED_DESCRIPTION_CHARS))
    return Card(embed, fit_lines(sources_text(knowledge).splitlines(), MESSAGE_CHARS))


def about_card(knowledge: Knowledge) -> Card:
    """Describe the story, how much the bot knows about it, and when that knowledge was loaded."""
    embed = _embed(knowledge.data.story.title, knowledge.data.story.summary)
    embed.add_field(name="Questions", value=str(len(knowledge.entries)))
    embed.add_field(name="Topics", value=str(len(knowledge.topics)))
    embed.add_field(name="Key facts", value=str(len(knowledge.key_entries)))
    embed.add_field(name="Loaded", value=discord.utils.format_dt(knowledge.loaded_at, "R"))
    embed.set_footer(text="Every answer quotes the article verbatim and names its source.")
    return Card(embed, about_text(knowledge))


def reloaded_card(diff: KnowledgeDiff) -> Card:
    """Report what a reload changed."""
    summary = diff.summary()
    return Card(_embed("Knowledge reloaded", summary), f"Knowledge reloaded: {summary}")


def refused_card(error: KnowledgeError) -> Card:
    """Report every problem in a refused knowledge file."""
    title = "Reload refused: still serving the previous knowledge"
    lines = [f"- {user_text(str(problem), EMBED_FIELD_VALUE_CHARS)}" for problem in error.problems]
    embed = _embed(title, fit_lines(lines, EMBED_DESCRIPTION_CHARS), REFUSED_COLOUR)
    return Card(embed, fit_lines([f"**{title}**", *lines], MESSAGE_CHARS))


def report_card(report: str) -> Card:
    """Show a plain-text report: its first line as the title, the rest as a code block."""
    title, *lines = report.splitlines()
    if not lines:
        return Card(_embed(None, title, REPORT_COLOUR), title)
    title = clip(title, EMBED_TITLE_CHARS)
    embed = _embed(title, _code_block(lines, EMBED_DESCRIPTION_CHARS), REPORT_COLOUR)
    return Card(embed, f"**{title}**\n{_code_block(lines, MESSAGE_CHARS - len(title) - 5)}")


def _code_block(lines: Sequence[str], limit: int) -> str:
    """Fence lines as a code block within `limit`, so people's questions show as typed: no markdown, no mentions."""
    # A zero-width space after each backtick: a question cannot close the fence early.
    inert = [line.replace("`", "`\u200b") for line in lines]
    return f"{FENCE}\n{fit_lines(inert, limit - 2 * len(FENCE) - 2)}\n{FENCE}"
