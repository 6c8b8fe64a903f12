"""Rendering stays within Discord's limits whatever the knowledge or the user wrote."""

from __future__ import annotations

import discord
import pytest

from bot.core.engine import Citation, Reply, Suggestion
from bot.core.errors import KnowledgeError, Problem
from bot.core.model import Entry, Evidence, Source
from bot.discord_adapter.cards import answer_card, not_found_card, refused_card, report_card
from bot.discord_adapter.feedback import FeedbackButton
from bot.discord_adapter.limits import (
    EMBED_FIELD_NAME_CHARS,
    EMBED_FIELD_VALUE_CHARS,
    EMBED_FIELDS,
    EMBED_TITLE_CHARS,
    EMBED_TOTAL_CHARS,
    MESSAGE_CHARS,
    clip,
    fit_lines,
    user_text,
)
from bot.discord_adapter.views import CUSTOM_ID_PREFIX, SuggestionButton, reply_view


def _assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= EMBED_TOTAL_CHARS
    assert len(embed.title or "") <= EMBED_TITLE_CHARS
    assert len(embed.fields) <= EMBED_FIELDS
    for field in embed.fields:
        assert len(field.name or "") <= EMBED_FIELD_NAME_CHARS
        assert len(field.value or "") <= EMBED_FIELD_VALUE_CHARS


def _huge_reply() -> Reply:
    source = Source(id="s", title="T" * 1_000, publisher="P" * 1_000, url="https://example.com/" + "x" * 900)
    quote = "word *bold* " * 166
    entry = Entry(
        id="huge",
        topic="t",
        question="Q" * 1_000,
        answer="A" * 1_000,
        evidence=[Evidence(quote=quote, source="s")] * 30,
    )
    return Reply("q", entry, 99.0, tuple(Citation(quote, source) for _ in range(30)))


def test_a_huge_answer_fits_an_embed_and_a_message() -> None:
    card = answer_card(_huge_reply())
    _assert_within_limits(card.embed)
    assert card.embed.fields, "at least one quote is always shown"
    assert all(field.value and field.value.endswith("x)") for field in card.embed.fields)  # the link survives
    content, embeds = card.parts(embeds_allowed=False)
    assert content is not None and len(content) <= MESSAGE_CHARS and embeds == []


def test_quotes_are_escaped_so_they_show_verbatim() -> None:
    card = answer_card(_huge_reply())
    assert card.embed.fields[0].value and card.embed.fields[0].value.startswith("> word \\*bold\\*")


def test_not_found_offers_buttons_carrying_entry_ids() -> None:
    suggestions = (Suggestion("troop-count", "How many? " * 20), Suggestion("casualties", "Dead?"))
    reply = Reply("q", None, 10.0, suggestions=suggestions)
    view = reply_view(reply, asker=2**64 - 1)
    assert view is not None and view.timeout is None
    buttons = [item.item for item in view.children if isinstance(item, SuggestionButton)]
    asker = ":3w5e11264sgsf"  # the largest id, in base 36
    assert [b.custom_id for b in buttons] == [
        f"{CUSTOM_ID_PREFIX}troop-count{asker}",
        f"{CUSTOM_ID_PREFIX}casualties{asker}",
    ]
    assert all(b.label and len(b.label) <= 80 for b in buttons)
    assert "Did you mean" in (not_found_card(reply).embed.description or "")
    assert reply_view(Reply("q", None, 0.0), asker=1) is None


def test_the_longest_entry_id_and_asker_fit_a_custom_id() -> None:
    view = reply_view(Reply("q", None, 10.0, suggestions=(Suggestion("e" * 64, "?"),)), asker=2**64 - 1)
    assert view is not None
    [button] = view.children
    assert isinstance(button, SuggestionButton) and len(button.item.custom_id or "") <= 100


def test_an_answer_offers_feedback_buttons_and_no_suggestions() -> None:
    view = reply_view(_huge_reply(), asker=1)
    assert view is not None and view.timeout is None
    buttons = [item.item for item in view.children if isinstance(item, FeedbackButton)]
    assert [b.custom_id for b in buttons] == ["storybot:vote:up:huge", "storybot:vote:down:huge"]
    assert len(buttons) == len(view.children)


def test_a_report_shows_questions_as_typed_within_limits() -> None:
    questions = [f"{n:>4} x  ```@everyone **{n}** <@&1>``` " + "y" * 300 for n in range(40)]
    card = report_card("\n".join(["Most asked unanswered questions, last 7 days:", *questions]))
    _assert_within_limits(card.embed)
    description = card.embed.description or ""
    assert card.embed.title == "Most asked unanswered questions, last 7 days:"
    assert description.startswith("```\n   0 x  `\u200b`\u200b`\u200b@everyone **0**")
    assert description.endswith("more\n```") and description.count("```") == 2
    content, _ = card.parts(embeds_allowed=False)
    assert content is not None and len(content) <= MESSAGE_CHARS and content.count("```") == 2
    assert report_card("No unanswered questions in the last 7 days.").embed.description == (
        "No unanswered questions in the last 7 days."
    )


def test_every_problem_of_a_refused_file_is_listed_within_limits() -> None:
    problems = [Problem("story.toml", f"bad @everyone **{n}** " + "x" * 100, entry=f"e{n}", line=n) for n in range(80)]
    card = refused_card(KnowledgeError(problems))
    _assert_within_limits(card.embed)
    description = card.embed.description or ""
    assert "story.toml:0 entry 'e0'" in description and description.endswith("more")
    assert "@everyone" not in description and "\\*\\*0\\*\\*" in description
    content, _ = card.parts(embeds_allowed=False)
    assert content is not None and len(content) <= MESSAGE_CHARS


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("a bit too long", 10, "a bit too…"),
        ("trailing space cut", 10, "trailing…"),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected
    assert len(clip(text, limit)) <= limit


def test_user_text_escapes_markdown_and_mentions_and_truncates() -> None:
    role = "<@&1100000000000000300>"
    expected = "@\u200beveryone look at \\*\\*this\\*\\* <@\u200b&1100000000000000300>"
    assert user_text(f"@everyone look at **this**\n{role}", 100) == expected
    assert len(user_text("x" * 5_000, 100)) == 100


def test_user_text_escapes_only_what_it_can_show(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long hostile text (a /fact topic of brackets) is cut before escaping, which slows down with its length."""
    escaped: list[str] = []
    escape = discord.utils.escape_markdown

    def spy(text: str) -> str:
        escaped.append(text)
        return escape(text)

    monkeypatch.setattr(discord.utils, "escape_markdown", spy)
    shown = user_text("[" * 4_000 + "](" * 1_000, 100)
    assert len(shown) == 100 and shown.endswith("…")
    assert sum(map(len, escaped)) <= 101


@pytest.mark.parametrize(("count", "limit"), [(3, 1_000), (200, 1_000), (200, 50), (1, 5)])
def test_fit_lines_keeps_whole_lines_and_counts_the_rest(count: int, limit: int) -> None:
    lines = [f"- fact number {n}" for n in range(count)]
    text = fit_lines(lines, limit)
    assert len(text) <= limit
    kept = [line for line in text.splitlines() if line in lines]
    if kept != lines:
        assert text.endswith(f"and {count - len(kept)} more") or len(lines[0]) > limit
