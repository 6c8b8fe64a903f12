"""Reloading: validated in full, swapped atomically, and a broken file changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.core.errors import KnowledgeError
from bot.core.store import BACKUP_FOLDER, KnowledgeDiff, KnowledgeStore
from tests.helpers import copy_knowledge, edited


def test_reload_reports_what_changed(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    before = len(store.knowledge.entries)
    edited(store.path, 'answer = "Between', 'answer = "Changed. Between')
    diff = store.reload()
    assert diff.changed == ("troop-count",) and not diff.added and not diff.removed
    assert (diff.before, diff.after) == (before, before)
    assert store.engine.ask("how many nk troops were sent").entry.answer.startswith("Changed.")  # type: ignore[union-attr]


def test_broken_reload_keeps_serving_the_previous_knowledge(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    engine = store.engine
    edited(store.path, 'source = "putin-thanks-report"', 'source = "nobody"')
    with pytest.raises(KnowledgeError):
        store.reload()
    assert store.engine is engine
    assert store.engine.ask("how many nk troops").answered


def test_deleted_file_keeps_serving(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    store.path.unlink()
    with pytest.raises(KnowledgeError, match="file not found"):
        store.reload()
    assert store.engine.ask("how many nk troops").answered


def test_replace_validates_backs_up_and_writes(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    original = store.path.read_bytes()
    new = original.replace(b'id = "monument"', b'id = "pyongyang-monument"')
    diff = store.replace(new)
    assert diff.added == ("pyongyang-monument",) and diff.removed == ("monument",)
    assert store.path.read_bytes() == new
    (backup,) = (tmp_path / BACKUP_FOLDER).iterdir()
    assert backup.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_replace_with_broken_bytes_changes_nothing_on_disk(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    original = store.path.read_bytes()
    with pytest.raises(KnowledgeError):
        store.replace(b"\x00\x01 binary")
    assert store.path.read_bytes() == original
    assert not (tmp_path / BACKUP_FOLDER).exists()


def test_readers_never_see_a_half_swapped_store(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    edited(store.path, 'answer = "Between', 'answer = "Changed. Between')
    seen: list[bool] = []

    def ask_repeatedly() -> None:
        for _ in range(200):
            engine = store.engine
            reply = engine.ask("how many nk troops were sent")
            seen.append(reply.entry is not None and reply.entry.id in engine.knowledge.entries)

    reader = threading.Thread(target=ask_repeatedly)
    reader.start()
    for _ in range(3):
        store.reload()
    reader.join()
    assert all(seen)


def test_diff_summary() -> None:
    diff = KnowledgeDiff(added=("a",), removed=(), changed=("b", "c"), before=2, after=3)
    assert diff.summary() == "2 → 3 entries; added 1: a; changed 2: b, c"
    assert KnowledgeDiff((), (), (), 4, 4).summary() == "4 → 4 entries; no entry changed"
