"""Builders for Discord API payloads as discord.py 2.7 reads them.

discord.py indexes many payload keys directly (``data['flags']`` on members,
``data['attachment_size_limit']`` on interactions, ...), so hand-written dicts
tend to crash deep inside the library. Every builder returns a fresh dict with
all the keys discord.py requires; ids are ints here and become strings where
Discord sends strings.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import discord

Payload = dict[str, Any]

# Fixed ids so tests can refer to the default world without threading payloads around.
APP_ID = 1_100_000_000_000_000_001
# The flag of a message only its recipient sees (an ephemeral one).
EPHEMERAL = 1 << 6
BOT_ID = 1_100_000_000_000_000_002
GUILD_ID = 1_100_000_000_000_000_100
CHANNEL_ID = 1_100_000_000_000_000_200
OTHER_CHANNEL_ID = 1_100_000_000_000_000_201
DM_CHANNEL_ID = 1_100_000_000_000_000_202
MOD_ROLE_ID = 1_100_000_000_000_000_300
BOT_ROLE_ID = 1_100_000_000_000_000_301
USER_ID = 1_100_000_000_000_000_400
MOD_USER_ID = 1_100_000_000_000_000_401
OWNER_ID = 1_100_000_000_000_000_402
COMMAND_ID = 1_100_000_000_000_000_500

EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    add_reactions=True,
    embed_links=True,
    attach_files=True,
    use_application_commands=True,
).value
MOD_PERMISSIONS = (
    discord.Permissions(EVERYONE_PERMISSIONS)
    | discord.Permissions(manage_messages=True, kick_members=True, moderate_members=True, manage_threads=True)
).value
BOT_PERMISSIONS = (
    discord.Permissions(EVERYONE_PERMISSIONS)
    | discord.Permissions(use_external_emojis=True, send_messages_in_threads=True)
).value

_last_id = 0
_interaction_tokens = itertools.count(1)


def new_id() -> int:
    """Return a fresh snowflake for "now" that is unique within this process."""
    global _last_id  # noqa: PLW0603 - one process-wide counter keeps ids unique across servers
    _last_id = max(_last_id + 1, discord.utils.time_snowflake(discord.utils.utcnow()))
    return _last_id


def timestamp() -> str:
    """Return the current time in Discord's ISO-8601 format."""
    return datetime.datetime.now(datetime.UTC).isoformat()


def user(
    id: int = USER_ID,
    username: str = "reader",
    *,
    bot: bool = False,
    global_name: str | None = None,
) -> Payload:
    return {
        "id": str(id),
        "username": username,
        "discriminator": "0",
        "global_name": global_name,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def bot_user() -> Payload:
    """The stand-in's default bot account, as GET /users/@me returns it."""
    return {**user(BOT_ID, "storybot", bot=True), "verified": True, "mfa_enabled": False, "flags": 0}


def moderator_user() -> Payload:
    return user(MOD_USER_ID, "moderator")


def member(user_payload: Payload | None = None, *, roles: Sequence[int] = (), nick: str | None = None) -> Payload:
    """A guild member with its user, as in GUILD_CREATE and member chunks."""
    return {**partial_member(roles=roles, nick=nick), "user": user_payload or user()}


def partial_member(*, roles: Sequence[int] = (), nick: str | None = None) -> Payload:
    """A member without ``user``, as attached to MESSAGE_CREATE and mentions."""
    return {
        "roles": [str(r) for r in roles],
        "nick": nick,
        "avatar": None,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
    }


def role(
    id: int,
    name: str,
    *,
    permissions: int,
    position: int = 1,
    managed: bool = False,
    tags: Payload | None = None,
) -> Payload:
    payload: Payload = {
        "id": str(id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "managed": managed,
        "mentionable": False,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }
    if tags is not None:
        payload["tags"] = tags
    return payload


def default_roles(guild_id: int = GUILD_ID) -> list[Payload]:
    """@everyone (id == guild id), a moderator role and the bot's managed role."""
    return [
        role(guild_id, "@everyone", permissions=EVERYONE_PERMISSIONS, position=0),
        role(MOD_ROLE_ID, "Moderator", permissions=MOD_PERMISSIONS, position=2),
        role(
            BOT_ROLE_ID, "storybot", permissions=BOT_PERMISSIONS, position=1, managed=True, tags={"bot_id": str(BOT_ID)}
        ),
    ]


def text_channel(
    id: int = CHANNEL_ID,
    name: str = "general",
    *,
    guild_id: int = GUILD_ID,
    position: int = 0,
    overwrites: Sequence[Payload] = (),
) -> Payload:
    return {
        "id": str(id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": list(overwrites),
        "topic": None,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "parent_id": None,
        "last_message_id": None,
    }


def dm_channel(recipient: Payload | None = None, *, id: int = DM_CHANNEL_ID) -> Payload:
    return {"id": str(id), "type": 1, "recipients": [recipient or user()], "last_message_id": None}


def guild(
    id: int = GUILD_ID,
    name: str = "Stand-in Guild",
    *,
    roles: Sequence[Payload] | None = None,
    channels: Sequence[Payload] | None = None,
    members: Sequence[Payload] | None = None,
    owner_id: int = OWNER_ID,
) -> Payload:
    """A full GUILD_CREATE payload; defaults include the bot, a reader and a moderator.

    ``member_count`` equals the member list so discord.py sees the guild as chunked
    and does not wait for member chunks before ``on_ready``.
    """
    if members is None:
        members = [
            member(bot_user(), roles=[BOT_ROLE_ID]),
            member(user()),
            member(moderator_user(), roles=[MOD_ROLE_ID]),
        ]
    if channels is None:
        channels = [text_channel(guild_id=id), text_channel(OTHER_CHANNEL_ID, "news", guild_id=id, position=1)]
    return {
        "id": str(id),
        "name": name,
        "icon": None,
        "owner_id": str(owner_id),
        "unavailable": False,
        "large": False,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "member_count": len(members),
        "roles": list(roles) if roles is not None else default_roles(id),
        "channels": list(channels),
        "members": list(members),
        "features": [],
        "emojis": [],
        "stickers": [],
        "voice_states": [],
        "presences": [],
        "threads": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "preferred_locale": "en-US",
        "system_channel_id": None,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
    }


def attachment(
    filename: str = "file.txt",
    *,
    url: str,
    size: int = 0,
    content_type: str | None = "text/plain",
    id: int | None = None,
) -> Payload:
    """An attachment; point ``url`` at the stand-in (see StandInDiscord.register_attachment)."""
    return {
        "id": str(id or new_id()),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
    }


def message(
    content: str = "",
    *,
    author: Payload | None = None,
    channel_id: int = CHANNEL_ID,
    id: int | None = None,
    mentions: Sequence[Payload] = (),
    mention_roles: Sequence[int] = (),
    mention_everyone: bool = False,
    referenced_message: Payload | None = None,
    message_reference: Payload | None = None,
    attachments: Sequence[Payload] = (),
    embeds: Sequence[Payload] = (),
    components: Sequence[Payload] = (),
    flags: int = 0,
) -> Payload:
    """A message as REST returns it (no guild_id, no member).

    ``referenced_message`` makes it a reply (type 19) and fills ``message_reference``
    unless one is given.
    """
    payload: Payload = {
        "id": str(id or new_id()),
        "type": 0,
        "channel_id": str(channel_id),
        "content": content,
        "author": author or user(),
        "timestamp": timestamp(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": mention_everyone,
        "mentions": list(mentions),
        "mention_roles": [str(r) for r in mention_roles],
        "attachments": list(attachments),
        "embeds": list(embeds),
        "components": list(components),
        "pinned": False,
        "flags": flags,
    }
    if referenced_message is not None and message_reference is None:
        message_reference = {
            "type": 0,
            "message_id": referenced_message["id"],
            "channel_id": referenced_message["channel_id"],
        }
    if message_reference is not None:
        payload["type"] = 19
        payload["message_reference"] = message_reference
        payload["referenced_message"] = referenced_message
    return payload


def message_create(
    content: str = "",
    *,
    author: Payload | None = None,
    author_roles: Sequence[int] = (),
    guild_id: int | None = GUILD_ID,
    channel_id: int | None = None,
    mentions: Sequence[Payload] = (),
    mention_roles: Sequence[int] = (),
    mention_everyone: bool = False,
    referenced_message: Payload | None = None,
    message_reference: Payload | None = None,
    attachments: Sequence[Payload] = (),
    id: int | None = None,
) -> Payload:
    """A MESSAGE_CREATE dispatch body; ``guild_id=None`` makes it a DM (default DM_CHANNEL_ID).

    In a guild, the author and each mentioned user get the partial ``member`` the
    gateway attaches; mentioned users are plain user payloads (e.g. ``bot_user()``).
    """
    in_guild = guild_id is not None
    payload = message(
        content,
        author=author,
        channel_id=channel_id or (CHANNEL_ID if in_guild else DM_CHANNEL_ID),
        id=id,
        mentions=[{**m, "member": partial_member()} if in_guild else m for m in mentions],
        mention_roles=mention_roles,
        mention_everyone=mention_everyone,
        referenced_message=referenced_message,
        message_reference=message_reference,
        attachments=attachments,
    )
    if in_guild:
        payload["guild_id"] = str(guild_id)
        payload["member"] = partial_member(roles=author_roles)
        if "message_reference" in payload:
            payload["message_reference"]["guild_id"] = str(guild_id)
    return payload


def option(
    name: str,
    value: str | int | float | bool,
    *,
    type: int | None = None,
    focused: bool = False,
) -> Payload:
    """A command option value; the type is inferred (str 3, int 4, bool 5, float 10) unless given.

    Pass ``type=11`` with an attachment id for attachment options (and the
    attachment itself via ``attachments=`` on the interaction builder).
    """
    if type is None:
        # bool first: bool is a subclass of int.
        type = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 10 if isinstance(value, float) else 3
    payload: Payload = {"name": name, "type": type, "value": value}
    if focused:
        payload["focused"] = True
    return payload


def subcommand(name: str, *options: Payload) -> Payload:
    return {"name": name, "type": 1, "options": list(options)}


def subcommand_group(name: str, *subcommands: Payload) -> Payload:
    return {"name": name, "type": 2, "options": list(subcommands)}


def interaction(
    type: int,
    data: Payload,
    *,
    guild_id: int | None = GUILD_ID,
    channel_id: int | None = None,
    user_payload: Payload | None = None,
    roles: Sequence[int] = (),
    permissions: int = EVERYONE_PERMISSIONS,
    app_permissions: int = BOT_PERMISSIONS,
    message_payload: Payload | None = None,
    id: int | None = None,
) -> Payload:
    """An INTERACTION_CREATE body. ``guild_id=None`` builds a bot-DM interaction.

    In a guild the invoker is a ``member`` whose ``permissions`` string is the
    resolved channel permissions Discord sends; in DMs it is a plain ``user``.
    """
    invoker = user_payload or user()
    payload: Payload = {
        "id": str(id or new_id()),
        "application_id": str(APP_ID),
        "type": type,
        "data": data,
        "token": f"interaction-token-{next(_interaction_tokens)}",
        "version": 1,
        "locale": "en-US",
        "app_permissions": str(app_permissions),
        "attachment_size_limit": 10 * 1024 * 1024,
        "entitlements": [],
    }
    if guild_id is not None:
        channel = text_channel(channel_id or CHANNEL_ID, guild_id=guild_id)
        payload |= {
            "guild_id": str(guild_id),
            "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
            "guild_locale": "en-US",
            "channel_id": channel["id"],
            "channel": {**channel, "permissions": str(permissions)},
            "member": {**member(invoker, roles=roles), "permissions": str(permissions)},
            "context": 0,
            "authorizing_integration_owners": {"0": str(guild_id)},
        }
    else:
        channel = dm_channel(invoker, id=channel_id or DM_CHANNEL_ID)
        payload |= {
            "channel_id": channel["id"],
            "channel": channel,
            "user": invoker,
            "context": 1,
            "authorizing_integration_owners": {"0": "0"},
        }
    if message_payload is not None:
        payload["message"] = message_payload
    return payload


def _command_data(
    name: str,
    options: Iterable[Payload],
    *,
    attachments: Sequence[Payload],
    resolved: Payload | None,
    command_guild_id: int | None,
    command_id: int,
) -> Payload:
    data: Payload = {"id": str(command_id), "name": name, "type": 1, "options": list(options)}
    merged: Payload = dict(resolved or {})
    if attachments:
        merged["attachments"] = {a["id"]: a for a in attachments}
    if merged:
        data["resolved"] = merged
    if command_guild_id is not None:
        # Present only for guild-registered commands; the tree looks them up by it.
        data["guild_id"] = str(command_guild_id)
    return data


def command_interaction(
    name: str,
    options: Iterable[Payload] = (),
    *,
    attachments: Sequence[Payload] = (),
    resolved: Payload | None = None,
    command_guild_id: int | None = None,
    command_id: int = COMMAND_ID,
    **context: Any,
) -> Payload:
    """A CHAT_INPUT (type 2) interaction; ``context`` goes to :func:`interaction`."""
    data = _command_data(
        name,
        options,
        attachments=attachments,
        resolved=resolved,
        command_guild_id=command_guild_id,
        command_id=command_id,
    )
    return interaction(2, data, **context)


def autocomplete_interaction(
    name: str,
    options: Iterable[Payload],
    *,
    command_guild_id: int | None = None,
    command_id: int = COMMAND_ID,
    **context: Any,
) -> Payload:
    """An APPLICATION_COMMAND_AUTOCOMPLETE (type 4); mark one option ``focused=True``."""
    data = _command_data(
        name, options, attachments=(), resolved=None, command_guild_id=command_guild_id, command_id=command_id
    )
    return interaction(4, data, **context)


def component_interaction(
    custom_id: str,
    message_payload: Payload,
    *,
    component_type: int = 2,
    values: Sequence[str] | None = None,
    **context: Any,
) -> Payload:
    """A MESSAGE_COMPONENT (type 3) click on ``message_payload`` (2 = button, 3 = string select)."""
    data: Payload = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = list(values)
    context.setdefault("channel_id", int(message_payload["channel_id"]))
    return interaction(3, data, message_payload=message_payload, **context)


def custom_ids(message_payload: Payload) -> list[str]:
    """Every component custom_id in a message, depth-first (action rows hold the buttons)."""
    found: list[str] = []
    pending = list(message_payload.get("components", []))
    while pending:
        component = pending.pop(0)
        if "custom_id" in component:
            found.append(component["custom_id"])
        pending[:0] = component.get("components", [])
    return found
