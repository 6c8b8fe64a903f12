"""Helpers shared by the core tests: copies of the shipped knowledge to break safely, the command's environment."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
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


def cli_environment() -> dict[str, str]:
    """Return a bare environment to run `storybot` in, but for the temporary cache folder the session set."""
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}
