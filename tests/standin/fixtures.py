"""Pytest fixtures and helpers that run a real discord.py client against StandInDiscord."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeVar

import discord
import discord.gateway
import discord.http
import pytest
import yarl

from tests.standin.server import StandInDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


@pytest.fixture
async def standin(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[StandInDiscord]:
    """A started stand-in; every discord.py client created in the test talks to it."""
    server = StandInDiscord()
    await server.start()
    # discord.py reads both class attributes on each request / connect, so patching redirects all clients.
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
    try:
        yield server
    finally:
        await server.close()
    assert not server.errors, f"the stand-in itself failed: {server.errors!r}"


class _ErrorLog(logging.Handler):
    """Collects exceptions discord.py logs instead of raising (event, command and view handlers)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: list[Exception] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and isinstance(record.exc_info[1], Exception):
            self.errors.append(record.exc_info[1])


@asynccontextmanager
async def running_bot(
    bot: ClientT,
    standin: StandInDiscord,
    token: str = "stand-in-token",
    *,
    ready_timeout: float = 5.0,
    fail_on_handler_errors: bool = True,
) -> AsyncIterator[ClientT]:
    """Log ``bot`` in, connect it and yield once it is ready; close it on exit.

    ``bot.start()`` is ``login()`` + ``connect()``; login is awaited directly
    because ``wait_until_ready()`` refuses to run before it. Exceptions from the
    connection task are re-raised; exceptions discord.py only logs (handlers of
    events, app commands, views) fail the block too unless
    ``fail_on_handler_errors`` is False, and are attached as notes when the body
    itself fails (e.g. a ``wait_for_request`` timeout).
    """
    error_log = _ErrorLog()
    discord_logger = logging.getLogger("discord")
    discord_logger.addHandler(error_log)
    try:
        await bot.login(token)
        connection = asyncio.create_task(bot.connect(), name="stand-in bot connection")
        try:
            await _wait_until_ready(bot, connection, standin, ready_timeout)
            yield bot
        except BaseException as exc:
            crash = await _stop(bot, connection)
            for problem in (crash, *error_log.errors):
                if problem is not None and problem is not exc:
                    exc.add_note(f"meanwhile the bot failed with {problem!r}")
            raise
        crash = await _stop(bot, connection)
    finally:
        discord_logger.removeHandler(error_log)
        await bot.close()  # idempotent; covers a failed login
    if crash is not None:
        raise crash
    if error_log.errors and fail_on_handler_errors:
        raise ExceptionGroup("discord.py logged handler errors", error_log.errors)


async def _wait_until_ready(
    bot: discord.Client, connection: asyncio.Task[None], standin: StandInDiscord, ready_timeout: float
) -> None:
    ready = asyncio.create_task(bot.wait_until_ready())
    try:
        done, _ = await asyncio.wait({connection, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        ready.cancel()
    if connection in done:
        connection.result()  # raises what stopped the bot, e.g. PrivilegedIntentsRequired
        raise RuntimeError("the bot disconnected before it became ready")
    if ready not in done:
        seen = ", ".join(str(r) for r in standin.requests) or "no requests"
        raise TimeoutError(f"bot not ready within {ready_timeout}s; the stand-in saw: {seen}")


async def _stop(bot: discord.Client, connection: asyncio.Task[None]) -> Exception | None:
    """Close the bot and return what its connection task raised, if anything."""
    await bot.close()
    try:
        await asyncio.wait_for(connection, timeout=5.0)
    except Exception as exc:
        return exc
    return None
