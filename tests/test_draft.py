"""Drafting a knowledge file for a new story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.draft import article_sentences, draft_knowledge
from bot.core.errors import KnowledgeError
from bot.core.loader import load_knowledge
from tests.helpers import ARTICLE

ROOT = Path(__file__).resolve().parent.parent


def test_sentences_with_topics_and_no_sources_list() -> None:
    sentences = article_sentences(ARTICLE.read_text(encoding="utf-8"))
    texts = [s.text for s in sentences]
    assert any("U.N. Security Council resolutions." in t for t in texts)  # not split after "U.N."
    assert {s.topic for s in sentences} >= {"Key Takeaways", "International Condemnation", "Strategic Partnership"}
    assert not any(t.startswith("N Korea confirms") for t in texts)  # the sources list is not a fact


def draft_problems(folder: Path, article: str, title: str = "T") -> set[str]:
    """Draft a knowledge file for `article`, stored beside it, and return what the loader refuses in it."""
    (folder / "article.txt").write_text(article, encoding="utf-8")
    path = folder / "story.toml"
    path.write_text(draft_knowledge(article, title=title, source="S", article_file="article.txt"), encoding="utf-8")
    with pytest.raises(KnowledgeError) as refused:
        load_knowledge(path)
    return {problem.message for problem in refused.value.problems}


def test_draft_does_not_validate_until_written(tmp_path: Path) -> None:
    messages = draft_problems(tmp_path, ARTICLE.read_text(encoding="utf-8"))
    assert any("this is a draft" in m for m in messages)
    assert "still to be written (TODO)" in messages
    assert not any("quote not found" in m for m in messages)  # every quote is verbatim


def test_control_characters_are_escaped_as_toml_wants(tmp_path: Path) -> None:
    """JSON's escaping leaves DEL as it is, which TOML forbids in a string."""
    messages = draft_problems(tmp_path, "Intro\nThe cat\x7f sat\x01 on the mat.\n", title="T\x7f")
    assert not any("TOML syntax error" in m or "quote not found" in m for m in messages)
    assert any("this is a draft" in m for m in messages)


def test_a_moderator_finishes_a_draft(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Intro\nThe cat sat on the mat. It was warm.\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "draft",
            str(tmp_path / "article.txt"),
            "--title",
            "Cats",
            "--source",
            "Cat Times",
            "--out",
            str(tmp_path / "story.toml"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    text = (tmp_path / "story.toml").read_text(encoding="utf-8")
    text = text.replace("draft = true\n", "").replace('"TODO: one or two sentences shown by /about"', '"Cats."')
    text = text.replace('"TODO (001): the question this sentence answers"', '"Where did the cat sit?"')
    text = text.replace('"TODO (002): the question this sentence answers"', '"Was it warm?"')
    text = text.replace('"TODO: a short plain answer"', '"On the mat."', 1).replace(
        '"TODO: a short plain answer"', '"Yes."'
    )
    (tmp_path / "story.toml").write_text(text, encoding="utf-8")
    knowledge = load_knowledge(tmp_path / "story.toml")
    assert [e.topic for e in knowledge.data.entries] == ["Intro", "Intro"]
