"""Reloading: validated in full, swapped atomically, and a broken file changes nothing."""

from __future__ import annotations

import errno
import logging
import os
import threading
from pathlib import Path

import pytest

from bot.core.errors import KnowledgeError
from bot.core.store import BACKUP_FOLDER, KEPT_BACKUPS, KnowledgeDiff, KnowledgeStore
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


def _old_backups(folder: Path, year: int, count: int) -> list[str]:
    """Make `count` backups of story.toml as if written in `year`, oldest first; return their names."""
    folder.mkdir(exist_ok=True)
    names = [f"story.{year}0101T{second:06d}000000Z.toml" for second in range(count)]
    for name in names:
        (folder / name).write_bytes(b"old")
    return names


def _changed(path: Path) -> bytes:
    return path.read_bytes().replace(b"Between 11,000 and 12,000.", b"Some 11,000 to 12,000.")


def test_replace_keeps_only_the_newest_backups_of_its_file(tmp_path: Path) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    folder = tmp_path / BACKUP_FOLDER
    old = _old_backups(folder, 2020, KEPT_BACKUPS + 5)
    # Not this file's backups: another knowledge file's, one a moderator named, a partial copy, a folder.
    others = ["bridge.20200101T000000000000Z.toml", "story.before-the-war.toml", ".story.x.toml.tmp", "notes.txt"]
    for name in others:
        (folder / name).write_bytes(b"keep")
    (folder / "story.20000101T000000000000Z.toml").mkdir()
    before = {path.name for path in folder.iterdir()}
    store.replace(_changed(store.path))
    left = {path.name for path in folder.iterdir()}
    (written,) = left - before
    assert left == {written, *old[-(KEPT_BACKUPS - 1) :], *others, "story.20000101T000000000000Z.toml"}


def test_the_backup_just_written_is_kept_whatever_its_name_sorts_as(tmp_path: Path) -> None:
    """A clock set back: every older backup is stamped later than the new one, which still stays."""
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    folder = tmp_path / BACKUP_FOLDER
    future = _old_backups(folder, 2999, KEPT_BACKUPS)
    original = store.path.read_bytes()
    store.replace(_changed(store.path))
    left = {path.name for path in folder.iterdir()}
    assert len(left) == KEPT_BACKUPS and set(future[1:]) < left
    (written,) = left - set(future)
    assert (folder / written).read_bytes() == original


def test_a_failure_to_prune_backups_is_logged_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    _old_backups(tmp_path / BACKUP_FOLDER, 2020, KEPT_BACKUPS + 1)
    new = _changed(store.path)

    def refuse(path: Path, missing_ok: bool = False) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(Path, "unlink", refuse)
    with caplog.at_level(logging.WARNING, logger="bot.core.store"):
        store.replace(new)
    assert store.path.read_bytes() == new
    assert store.engine.ask("how many nk troops were sent").entry.answer.startswith("Some")  # type: ignore[union-attr]
    assert "cannot delete old backups of story.toml: Permission denied" in caplog.text


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
