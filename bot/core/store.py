"""Serve one knowledge at a time and swap it atomically on reload; a broken file changes nothing."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import stat
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.core.atomic import replace_atomically
from bot.core.engine import AnswerEngine
from bot.core.errors import KnowledgeError, Problem
from bot.core.loader import LINK_LOOP, Knowledge, load_knowledge, parse_knowledge

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
# Backups kept per knowledge file: each upload adds one, and nothing else ever deleted them.
KEPT_BACKUPS = 20
# A backup is named <stem>.<UTC time to the microsecond><suffix>: a fixed width, so names sort as the times do.
_BACKUP_STAMP = "%Y%m%dT%H%M%S%fZ"
_BACKUP_STAMP_PATTERN = r"\d{8}T\d{12}Z"


@dataclass(frozen=True)
class KnowledgeDiff:
    """What a reload changed, by entry id."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    before: int
    after: int

    @classmethod
    def between(cls, old: Knowledge, new: Knowledge) -> KnowledgeDiff:
        """Compare two knowledge files entry by entry."""
        old_entries, new_entries = old.entries, new.entries
        return cls(
            added=tuple(entry_id for entry_id in new_entries if entry_id not in old_entries),
            removed=tuple(entry_id for entry_id in old_entries if entry_id not in new_entries),
            changed=tuple(
                entry_id
                for entry_id, entry in new_entries.items()
                if entry_id in old_entries and old_entries[entry_id] != entry
            ),
            before=len(old_entries),
            after=len(new_entries),
        )

    @property
    def unchanged(self) -> bool:
        """Whether no entry was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """Describe the change in one short paragraph."""
        parts = [f"{self.before} → {self.after} entries"]
        for label, ids in (("added", self.added), ("removed", self.removed), ("changed", self.changed)):
            if ids:
                parts.append(f"{label} {len(ids)}: {', '.join(ids)}")
        if self.unchanged:
            parts.append("no entry changed")
        return "; ".join(parts)


class KnowledgeStore:
    """Holds the engine being served; reloads build a new one and swap it in with one assignment.

    Readers take `store.engine` once per question, so a reload never mixes two files in one answer.
    """

    def __init__(self, path: Path, engine: AnswerEngine) -> None:
        self.path = path
        self.engine = engine
        self._lock = threading.Lock()  # one reload at a time; reading needs no lock

    @classmethod
    def open(cls, path: Path) -> KnowledgeStore:
        """Load the knowledge file at `path`; raise KnowledgeError if it is broken."""
        return cls(path, AnswerEngine(load_knowledge(path, root=path.parent)))

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge being served now."""
        return self.engine.knowledge

    def reload(self) -> KnowledgeDiff:
        """Re-read the file and swap it in; on KnowledgeError the current knowledge stays."""
        with self._lock:
            return self._swap(load_knowledge(self.path, root=self.path.parent))

    def replace(self, data: bytes) -> KnowledgeDiff:
        """Validate uploaded bytes, back up the current file, write the new one atomically, and swap."""
        with self._lock:
            # Before parsing, which follows the file's links to find its article: a link loop is named as such.
            self._refuse_links_outside()
            new = parse_knowledge(data, self.path)
            backup = self._backup()
            _write_atomically(self.path, data)
            log.info("knowledge file replaced; previous version kept at %s", backup)
            if backup is not None:
                self._prune_backups(backup)
            return self._swap(new)

    def _swap(self, new: Knowledge) -> KnowledgeDiff:
        engine = AnswerEngine(new)
        diff = KnowledgeDiff.between(self.engine.knowledge, new)
        self.engine = engine
        return diff

    def _refuse_links_outside(self) -> None:
        """Refuse to back up or write through a link that leads out of the knowledge folder."""
        folder = self.path.parent
        for path, what in ((self.path, "the file"), (folder / BACKUP_FOLDER, f"the {BACKUP_FOLDER} folder")):
            try:
                inside = path.resolve().is_relative_to(folder.resolve())
            except RuntimeError:  # a link loop: refused as reload refuses it, not left to the generic apology
                raise KnowledgeError([Problem(str(self.path), f"cannot use {what}: {LINK_LOOP}")]) from None
            if not inside:
                message = f"{what} must be inside the knowledge folder {folder.name!r}, not a link out of it"
                raise KnowledgeError([Problem(str(self.path), message)])

    def _backup(self) -> Path | None:
        if not self.path.exists():
            return None
        folder = self.path.parent / BACKUP_FOLDER
        stamp = datetime.now(UTC).strftime(_BACKUP_STAMP)
        backup = folder / f"{self.path.stem}.{stamp}{self.path.suffix}"
        # Copied under a hidden name, then renamed: a copy cut short (a full disk, a crash) is never left looking
        # like a backup, the newest one, that a moderator would restore.
        partial = folder / f".{backup.name}.tmp"
        try:
            folder.mkdir(exist_ok=True)
            shutil.copy2(self.path, partial)
            os.replace(partial, backup)
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            problem = Problem(str(self.path), f"cannot back up the current file: {exc.strerror or exc}")
            raise KnowledgeError([problem]) from exc
        return backup

    def _prune_backups(self, written: Path) -> None:
        """Delete this file's oldest backups beyond KEPT_BACKUPS; a failure is only logged, the upload stands.

        Only regular files named as this file's backups are candidates (another knowledge file's backups, a copy a
        moderator saved under a name of their own, are left alone), and never `written`, the one just made, even
        if the clock went back and its name sorts as an older one.
        """
        name = re.compile(rf"{re.escape(self.path.stem)}\.{_BACKUP_STAMP_PATTERN}{re.escape(self.path.suffix)}")
        try:
            with os.scandir(written.parent) as found:
                older = sorted(
                    (
                        entry.name
                        for entry in found
                        if entry.name != written.name
                        and name.fullmatch(entry.name)
                        and entry.is_file(follow_symlinks=False)
                    ),
                    reverse=True,
                )
            for stale in older[KEPT_BACKUPS - 1 :]:
                (written.parent / stale).unlink()
        except OSError as exc:
            log.warning("cannot delete old backups of %s: %s", self.path.name, exc.strerror or exc)


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace the file at `path` whole, keeping its permissions; a KnowledgeError says why it cannot be.

    Kept, so that an upload does not make the file readable by the bot's user alone (the people who edit it
    on disk, or a `storybot validate` run by another user, could no longer read it).
    """
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except OSError:  # no file yet (it was deleted): a new one, readable by the owner only
        mode = None
    try:
        replace_atomically(path, data, mode=mode)
    except OSError as exc:
        raise KnowledgeError([Problem(str(path), f"cannot write the file: {exc.strerror or exc}")]) from exc
