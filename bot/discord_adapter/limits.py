"""Discord's size limits, and the helpers that keep every message and embed within them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import discord

# Discord refuses a message or embed that exceeds any of these (API reference, "Embed limits").
MESSAGE_CHARS = 2_000
EMBED_TITLE_CHARS = 256
EMBED_DESCRIPTION_CHARS = 4_096
EMBED_FIELD_NAME_CHARS = 256
EMBED_FIELD_VALUE_CHARS = 1_024
EMBED_FIELDS = 25
EMBED_FOOTER_CHARS = 2_048
EMBED_TOTAL_CHARS = 6_000
# Components and autocomplete.
BUTTON_LABEL_CHARS = 80
CUSTOM_ID_CHARS = 100
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME_CHARS = 100
CHOICE_VALUE_CHARS = 100

ELLIPSIS = "…"
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)((?:\\\\)*)\[")


def clip(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def user_text(text: str, limit: int) -> str:
    """Make text someone else wrote safe to show: no markdown, no mentions, within `limit`."""
    # Escaping only adds characters, so what lies past `limit` is never shown: it is cut first (one character
    # more, so the cut still shows), as escape_markdown takes seconds on thousands of brackets.
    text = text[: limit + 1]
    # Word by word: escape_markdown's masked-link pattern is greedy, and of "[a](x) *[b](y)" it escapes the
    # first "[" and nothing up to the last ")", leaving the "*" between them to open a span.
    words = (discord.utils.escape_markdown(word) for word in text.split())
    escaped = discord.utils.escape_mentions(" ".join(words))
    # A masked link whose text has a space ("[click me](x)") is in no one word, so its "[" is left: escaping
    # every "[" still unescaped (one after an even run of backslashes) ends it.
    escaped = _UNESCAPED_BRACKET.sub(r"\1\\[", escaped)
    return clip(escaped, limit)


def fit_lines(lines: Sequence[str], limit: int) -> str:
    """Join as many whole lines as fit in `limit`, then say how many were left out."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    used = 0
    for line in lines:
        note = f"{ELLIPSIS} and {len(lines) - len(kept) - 1} more"
        if used + len(line) + 1 + len(note) > limit:
            break
        kept.append(line)
        used += len(line) + 1
    if not kept:
        return clip(text, limit)
    return "\n".join([*kept, f"{ELLIPSIS} and {len(lines) - len(kept)} more"])
