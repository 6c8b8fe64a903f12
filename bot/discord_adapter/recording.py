"""Record questions and votes for the moderators' reports, never in the way of an answer.

The records live in SQLite, worked in a thread of their own (`RecordsWorker`), and `Records` logs and
swallows database problems itself (locked, full, corrupt). Whatever is left, such as a click arriving
while the bot shuts down, is logged here in one line and never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.core.engine import Reply
from bot.records.database import Records

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

log = logging.getLogger(__name__)


async def record_question(bot: StoryBot, user_id: int, reply: Reply) -> None:
    """Record a question the bot evaluated: the entry it answered with, or (unanswered) its text."""
    entry_id = reply.entry.id if reply.entry else None
    await _record(
        bot, "a question", lambda records: records.record_question(reply.question, user_id, entry_id, reply.score)
    )


async def record_vote(bot: StoryBot, message_id: int, user_id: int, entry_id: str, *, helpful: bool) -> None:
    """Record (or change) one person's vote on one answer message."""
    await _record(bot, "a vote", lambda records: records.record_vote(message_id, user_id, entry_id, helpful=helpful))


async def _record(bot: StoryBot, what: str, write: Callable[[Records], None]) -> None:
    """Run `write` in the records thread; log, never raise, if it cannot run."""
    try:
        worker = bot.records
        await worker.call(write, worker.records)
    except Exception as exc:  # a recording problem must never stop the bot answering
        log.warning("could not record %s: %r", what, exc)
