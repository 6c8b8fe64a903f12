"""Helpers shared by the core tests: copies of the shipped knowledge to break safely."""

from __future__ import annotations

import shutil
from pathlib import Path

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
SHIPPED = KNOWLEDGE_DIR / "story.toml"
ARTICLE = KNOWLEDGE_DIR / "article.txt"


def copy_knowledge(folder: Path) -> Path:
    """Copy the shipped knowledge file and its article into `folder`; return the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ARTICLE, folder / ARTICLE.name)
    target = folder / SHIPPED.name
    shutil.copy(SHIPPED, target)
    return target


def edited(path: Path, old: str, new: str) -> Path:
    """Replace the first `old` with `new` in the file at `path` (which must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path
