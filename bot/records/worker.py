"""Run records operations off the event loop, one at a time, in a thread of their own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from bot.records.database import Records

P = ParamSpec("P")
T = TypeVar("T")


class RecordsWorker:
    """Owns a Records and the single thread that uses it: SQLite work never blocks the event loop."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="records")

    async def call(self, operation: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `operation` (a Records method) in the records thread and await its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: operation(*args, **kwargs))

    def close(self) -> None:
        """Finish pending work and close the database."""
        self._executor.submit(self.records.close)
        self._executor.shutdown(wait=True)
