"""Plain-text renderings of replies and knowledge, shared by the console and the bot's text fallback."""

from __future__ import annotations

from bot.core.engine import Citation, Reply
from bot.core.loader import Knowledge
from bot.core.model import Entry, Source

NOT_FOUND = "I don't know: the article doesn't answer that."


def source_label(source: Source) -> str:
    """Name a source as people read it: title, publisher and link when known."""
    label = source.title
    if source.publisher:
        label += f" ({source.publisher})"
    if source.url:
        label += f" <{source.url}>"
    return label


def reply_text(reply: Reply) -> str:
    """Render a reply: the answer with each quote and source, or "I don't know" with suggestions."""
    if reply.entry is None:
        lines = [NOT_FOUND]
        if reply.suggestions:
            lines.append("Did you mean:")
            lines += [f"  {number}. {s.question}" for number, s in enumerate(reply.suggestions, 1)]
        return "\n".join(lines)
    lines = [reply.entry.answer, ""]
    for citation in reply.citations:
        lines += citation_lines(citation)
    lines.append(f"[{match_label(reply.entry, reply.score)}]")
    return "\n".join(lines)


def citation_lines(citation: Citation) -> tuple[str, str]:
    """Return a verbatim quote and, to go below it, the source it comes from."""
    return f"> {citation.quote}", f"  — {source_label(citation.source)}"


def match_label(entry: Entry, score: float) -> str:
    """Name the entry that answered and how well the question matched it."""
    return f"{entry.id} · match {score:.0f}/100"


def hint_text(knowledge: Knowledge) -> str:
    """Say what the bot is for, to a message that asks nothing ("hi", "thanks!")."""
    example = (knowledge.key_entries or knowledge.data.entries)[0].question
    return f"Ask me anything about “{knowledge.data.story.title}”, for example: {example}"


def entry_line(entry: Entry, knowledge: Knowledge) -> str:
    """One fact as a line: the answer and the source it rests on."""
    sources = ", ".join(dict.fromkeys(knowledge.sources[e.source].title for e in entry.evidence))
    return f"- {entry.answer} ({sources})"


def sources_text(knowledge: Knowledge) -> str:
    """List the story and the published sources the article names."""
    lines = [knowledge.data.story.title, "Sources:"]
    lines += [f"- {source_label(source)}" for source in knowledge.data.sources]
    return "\n".join(lines)


def about_text(knowledge: Knowledge) -> str:
    """Describe what the bot knows and since when."""
    story = knowledge.data.story
    loaded = knowledge.loaded_at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{story.title}\n{story.summary}\n"
        f"{len(knowledge.entries)} questions in {len(knowledge.topics)} topics, "
        f"{len(knowledge.key_entries)} key facts; knowledge loaded {loaded}."
    )
