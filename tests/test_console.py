"""The offline console behaves like the bot: answers, suggestions, commands, reload."""

from __future__ import annotations

import io
from pathlib import Path

from bot.cli.console import Console, run_console
from bot.core.loader import load_knowledge
from tests.helpers import copy_knowledge, edited


def chat(path: Path, *lines: str) -> str:
    out = io.StringIO()
    assert run_console(load_knowledge(path), path, io.StringIO("\n".join(lines) + "\n"), out) == 0
    return out.getvalue()


def test_answers_and_commands(tmp_path: Path) -> None:
    path = copy_knowledge(tmp_path)
    output = chat(path, "how many nk troops", "/facts", "/fact numbers", "/sources", "/about", "/help", "/quit")
    assert "11,000" in output and "Sources:" in output and "questions in" in output
    assert "Military.com" in output


def test_small_talk_gets_a_hint_not_a_refusal(tmp_path: Path) -> None:
    output = chat(copy_knowledge(tmp_path), "thanks!", "hi bot")
    assert output.count("Ask me anything about") == 2
    assert "I don't know" not in output


def test_picking_a_suggestion(tmp_path: Path) -> None:
    output = chat(copy_knowledge(tmp_path), "tell me about the troops", "1")
    assert "Did you mean" in output
    assert output.count("> ") >= 1


def test_a_digit_that_is_not_a_number_is_a_question(tmp_path: Path) -> None:
    """ "²" is a digit to str.isdigit, but no number to int: it is asked like any other text."""
    output = chat(copy_knowledge(tmp_path), "tell me about the troops", "²", "3")
    assert output.count("I don't know") == 2
    assert output.count("> ") >= 1


def test_reload_refuses_a_broken_file_and_keeps_answering(tmp_path: Path) -> None:
    path = copy_knowledge(tmp_path)
    out = io.StringIO()
    console = Console(load_knowledge(path), path, out)
    edited(path, 'source = "putin-thanks-report"', 'source = "nobody"')
    console.handle("/reload")
    assert "Reload refused" in out.getvalue() and "unknown source 'nobody'" in out.getvalue()
    console.handle("how many nk troops")
    assert "11,000" in out.getvalue()
    edited(path, 'source = "nobody"', 'source = "putin-thanks-report"')
    console.handle("/reload")
    assert "Reloaded: " in out.getvalue()
