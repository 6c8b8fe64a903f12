"""Reload the served knowledge, for /reload and for the file watcher alike: one path, one log line.

The store validates the whole file before swapping it in, and keeps the previous knowledge on any
problem; this runs it off the event loop and logs who asked and how it ended.
"""

from __future__ import annotations

import asyncio
import logging

from bot.core.errors import KnowledgeError
from bot.core.store import KnowledgeDiff, KnowledgeStore

log = logging.getLogger(__name__)


async def reload_knowledge(
    store: KnowledgeStore, who: str, data: bytes | None = None
) -> KnowledgeDiff | KnowledgeError:
    """Re-read the knowledge file (or replace it with `data`) and serve it if valid; return the diff or the refusal."""
    try:
        if data is None:
            diff = await asyncio.to_thread(store.reload)
        else:
            diff = await asyncio.to_thread(store.replace, data)
    except KnowledgeError as error:
        count, first = len(error.problems), error.problems[0] if error.problems else "?"
        log.warning("reload by %s refused (%d problems, first: %s); previous knowledge kept", who, count, first)
        return error
    log.info("reload by %s: %s", who, diff.summary())
    return diff
