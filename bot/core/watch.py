"""Notice, cheaply, that a file changed on disk: compare its stat signature (mtime, size, inode)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Signature:
    """What `stat` says about a file; an editor's save or an atomic replace changes at least one of these."""

    mtime_ns: int
    size: int
    inode: int


def signature(path: Path) -> Signature | None:
    """Return the file's signature, or None when it cannot be stat'ed (missing, no permission)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return Signature(status.st_mtime_ns, status.st_size, status.st_ino)


class FileWatch:
    """Report a change once the file differs from the version last acted on and has settled.

    Settled means unchanged since the previous check: an editor still writing the file gets one more
    interval to finish, so a half-written file is not loaded (and refused) on the way.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._acted_on = self._last = signature(path)

    def changed(self) -> bool:
        """Check the file; return True once per settled change, then treat it as acted on."""
        current = signature(self.path)
        settled = current == self._last
        self._last = current
        if current == self._acted_on or not settled:
            return False
        self._acted_on = current
        return True
