"""Shared checks of the reliability tests: Discord's limits, mentions that cannot ping, escaped user text,
and snapshots of the knowledge folder.

The limits are Discord's documented numbers, written out here rather than imported from the bot, so the
tests check the bot against Discord and not against itself.
"""

from __future__ import annotations

import os
import re
import socket
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

from bot.discord_adapter.client import StoryBot
from tests.standin import payloads
from tests.standin.payloads import Payload
from tests.standin.server import RecordedRequest, StandInDiscord
from tests.standin_extra import MODERATOR, RECORDS_FILE

DEFERRED = 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
NO_PINGS: dict[str, list[str]] = {"parse": []}
# Interaction context of a member holding the moderator role, typed for payload builders.
AS_MODERATOR: dict[str, Any] = dict(MODERATOR)

# Discord's limits (API reference: "Create Message", "Embed Limits", "Message Components").
CONTENT_CHARS = 2_000
EMBEDS_PER_MESSAGE = 10
TITLE_CHARS = 256
DESCRIPTION_CHARS = 4_096
FIELDS_PER_EMBED = 25
FIELD_NAME_CHARS = 256
FIELD_VALUE_CHARS = 1_024
FOOTER_CHARS = 2_048
AUTHOR_CHARS = 256
EMBED_TOTAL_CHARS = 6_000
ACTION_ROWS = 5
ROW_COMPONENTS = 5
LABEL_CHARS = 80
CUSTOM_ID_CHARS = 100

_CALLBACK = re.compile(r"/interactions/\d+/[^/]+/callback")
_MESSAGE_SENDS = re.compile(r"/channels/\d+/messages(/\d+)?|/webhooks/\d+/[^/]+(/messages/[^/]+)?")
# Discord's markdown lets a backslash escape any ASCII punctuation (simple-markdown's escape rule).
_ESCAPABLE_NOT = frozenset(string.ascii_letters + string.digits + string.whitespace)
_URL = re.compile(r"<[^: >]+:/[^ >]+>|(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s]")
_PINGS = re.compile(r"@everyone|@here|<@[!&]?\d{17,20}>")
_MASKED_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
_DELIMITERS = "*_~|`"


def message_body(request: RecordedRequest) -> Payload | None:
    """The message a request carries, or None for requests that carry none (deferrals, deletes, syncs)."""
    if not isinstance(request.json, dict):
        return None
    if _CALLBACK.fullmatch(request.path):
        data = request.json.get("data")
        carries_message = request.json.get("type") in (4, 7) and isinstance(data, dict)
        return data if carries_message else None
    if request.method in ("POST", "PATCH") and _MESSAGE_SENDS.fullmatch(request.path):
        return request.json
    return None


def assert_fits_discord(body: Payload) -> None:
    """Assert a message body is one Discord accepts, and that it cannot ping anyone."""
    assert body.get("allowed_mentions") == NO_PINGS, body.get("allowed_mentions")
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    assert len(content) <= CONTENT_CHARS, len(content)
    assert content.strip() or embeds, "Discord refuses an empty message"
    assert len(embeds) <= EMBEDS_PER_MESSAGE
    total = 0
    for embed in embeds:
        total += _embed_chars(embed)
    assert total <= EMBED_TOTAL_CHARS, total
    rows = body.get("components") or []
    assert len(rows) <= ACTION_ROWS
    for row in rows:
        assert len(row["components"]) <= ROW_COMPONENTS
        for component in row["components"]:
            assert len(component.get("label") or "") <= LABEL_CHARS
            assert len(component.get("custom_id") or "") <= CUSTOM_ID_CHARS


def _embed_chars(embed: Payload) -> int:
    title = embed.get("title") or ""
    description = embed.get("description") or ""
    footer = (embed.get("footer") or {}).get("text") or ""
    author = (embed.get("author") or {}).get("name") or ""
    fields = embed.get("fields") or []
    assert title or description or fields, "Discord refuses an empty embed"
    assert len(title) <= TITLE_CHARS, len(title)
    assert len(description) <= DESCRIPTION_CHARS, len(description)
    assert len(footer) <= FOOTER_CHARS and len(author) <= AUTHOR_CHARS
    assert len(fields) <= FIELDS_PER_EMBED
    for field in fields:
        assert field["name"].strip() and field["value"].strip(), "Discord refuses an empty field"
        assert len(field["name"]) <= FIELD_NAME_CHARS and len(field["value"]) <= FIELD_VALUE_CHARS
    return (
        len(title)
        + len(description)
        + len(footer)
        + len(author)
        + sum(len(field["name"]) + len(field["value"]) for field in fields)
    )


def markup_of(text: str) -> str:
    """What Discord's markdown acts on: each escaped character (backslash + punctuation) becomes a NUL."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        if char == "\\" and following and following not in _ESCAPABLE_NOT:
            out.append("\0")
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def assert_inert(quoted: str) -> None:
    """Assert user text shown inline can neither ping nor format: no mention, link, line break or markup span.

    An unescaped delimiter can only open or close a span if another one follows it later, so all that may
    be left unescaped is one run of each (e.g. a trailing "**"), which Discord shows as typed.
    """
    markup = markup_of(quoted)
    assert "\n" not in markup, "a line break lets text start a heading, a quote or a list"
    assert not _PINGS.search(markup), markup
    assert not _MASKED_LINK.search(markup), markup
    outside_links = _URL.sub(" ", markup)
    for delimiter in _DELIMITERS:
        runs = re.findall(rf"{re.escape(delimiter)}+", outside_links)
        assert len(runs) <= 1, f"{delimiter!r} could open and close a span in {quoted!r}"


def snapshot(*folders: Path) -> dict[str, bytes | str]:
    """Every entry under `folders`: files with their bytes, links with their target, folders by name.

    The records database (which answering questions writes to) is left out: it is not knowledge.
    """
    found: dict[str, bytes | str] = {}
    for folder in folders:
        found |= _entries(folder)
    return found


def _entries(folder: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {f"{folder}/": "folder" if folder.is_dir() else "missing"}
    for root, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            if name.startswith(RECORDS_FILE):
                continue
            path = Path(root) / name
            key = path.as_posix()
            if path.is_symlink():
                found[key] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[key + "/"] = "folder"
            else:
                found[key] = path.read_bytes()
    return found


def moderator_commands(bot: StoryBot) -> list[app_commands.Command[Any, ..., Any]]:
    """Every slash command Discord hides from members by default: those with `default_permissions`."""
    return [command for command in walk_commands(bot) if (command.root_parent or command).default_permissions]


def walk_commands(bot: StoryBot) -> Iterator[app_commands.Command[Any, ..., Any]]:
    """Every slash command (subcommands included) of the bot's tree."""
    for command in bot.tree.walk_commands():
        if isinstance(command, app_commands.Command):
            yield command


def command_payload(
    command: app_commands.Command[Any, ..., Any], options: list[Payload], **context: Any
) -> tuple[str, list[Payload], dict[str, Any]]:
    """Name, options and context for `command_interaction`, nesting a subcommand's options under its parents."""
    names = command.qualified_name.split()
    nested = options
    if len(names) == 3:
        nested = [payloads.subcommand_group(names[1], payloads.subcommand(names[2], *options))]
    elif len(names) == 2:
        nested = [payloads.subcommand(names[1], *options)]
    return names[0], nested, context


def sample_options(
    command: app_commands.Command[Any, ..., Any], standin: StandInDiscord, *, optional: bool
) -> tuple[list[Payload], list[Payload]]:
    """Plausible values for a command's options (the optional ones too when asked); return options, attachments.

    An attachment option gets a small text file served by the stand-in.
    """
    options: list[Payload] = []
    attachments: list[Payload] = []
    kinds = discord.AppCommandOptionType
    for parameter in command.parameters:
        if not parameter.required and not optional:
            continue
        kind = parameter.type
        if kind is kinds.attachment:
            attachment = standin.register_attachment("story.toml", b'schema_version = "sent anyway"\n')
            attachments.append(attachment)
            options.append(payloads.option(parameter.name, attachment["id"], type=11))
        elif kind is kinds.string:
            options.append(payloads.option(parameter.name, "how many troops did north korea send?"))
        elif kind is kinds.integer:
            options.append(payloads.option(parameter.name, int(parameter.min_value or 1)))
        elif kind is kinds.number:
            options.append(payloads.option(parameter.name, float(parameter.min_value or 1)))
        elif kind is kinds.boolean:
            options.append(payloads.option(parameter.name, False))
        else:
            raise NotImplementedError(f"/{command.qualified_name} {parameter.name}: add a sample for {kind}")
    return options, attachments


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
