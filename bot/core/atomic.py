"""Replace a file whole: a reader, or a crash, sees the old version or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def replace_atomically(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to a new file beside `target` (readable by the owner only), then rename it into place.

    With `mode`, the new file gets those permission bits instead (those of the file it replaces, say). Raises
    OSError, having removed the new file, when it cannot be written. The new file is synced before the rename,
    so that after a power cut the name never points at an empty file.
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            if mode is not None:
                os.chmod(temporary, mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
