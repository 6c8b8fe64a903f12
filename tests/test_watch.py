"""The knowledge file watch: a change is reported once, after it has settled, whatever kind of change it is."""

from __future__ import annotations

import os
from pathlib import Path

from bot.core.watch import FileWatch, signature


def _checks(watch: FileWatch, count: int) -> list[bool]:
    return [watch.changed() for _ in range(count)]


def test_an_untouched_file_never_changes(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("a")
    assert _checks(FileWatch(path), 3) == [False, False, False]


def test_an_edit_is_reported_once_after_it_settles(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("a")
    watch = FileWatch(path)
    path.write_text("a longer text")
    assert _checks(watch, 3) == [False, True, False]


def test_a_file_still_being_written_waits_until_it_stops(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("a")
    watch = FileWatch(path)
    path.write_text("half")
    assert watch.changed() is False
    path.write_text("half, then the rest")
    assert _checks(watch, 3) == [False, True, False]


def test_a_replace_with_the_same_size_and_time_is_seen_by_its_inode(tmp_path: Path) -> None:
    path, replacement = tmp_path / "story.toml", tmp_path / "new.toml"
    path.write_text("aaaa")
    replacement.write_text("bbbb")
    before = path.stat()
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    watch = FileWatch(path)
    os.replace(replacement, path)
    assert _checks(watch, 2) == [False, True]


def test_a_removed_file_is_a_change_and_so_is_its_return(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("a")
    watch = FileWatch(path)
    path.unlink()
    assert signature(path) is None
    assert _checks(watch, 3) == [False, True, False]
    path.write_text("a")
    assert _checks(watch, 2) == [False, True]
