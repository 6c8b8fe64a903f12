"""Permissions: every moderator command is refused to members without rights, even when Discord's UI hint is
bypassed and the interaction is sent anyway, and is unavailable in DMs.

Moderator commands are found in the bot's own command tree by their `default_permissions` (the UI hint), so
a moderator command added later is covered without touching this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest

from bot.discord_adapter.notices import MODERATORS_ONLY, SERVER_ONLY
from tests.reliability import DEFERRED, command_payload, moderator_commands, sample_options, snapshot
from tests.standin import payloads
from tests.standin.payloads import (
    EPHEMERAL,
    EVERYONE_PERMISSIONS,
    GUILD_ID,
    MOD_PERMISSIONS,
    Payload,
)
from tests.standin.server import StandInDiscord
from tests.standin_extra import CALLBACK, MODERATOR, TROOPS_QUESTION, embed_text, mention, reply_to, story_bot

MANAGE_GUILD = discord.Permissions(manage_guild=True).value
# Roles Discord's UI would not have let through: none at all, and a busy member's everyday rights.
MEMBERS_WITHOUT_RIGHTS: dict[str, dict[str, Any]] = {
    "member": {},
    "member-with-other-rights": {
        "user_payload": payloads.user(payloads.new_id(), "helper"),
        "permissions": MOD_PERMISSIONS | discord.Permissions(ban_members=True, manage_channels=True).value,
    },
    "owner-of-another-role": {
        "user_payload": payloads.user(payloads.new_id(), "vip"),
        "roles": [payloads.BOT_ROLE_ID],
    },
}


async def _send(standin: StandInDiscord, name: str, options: list[Payload], **context: Any) -> Payload:
    await standin.dispatch("INTERACTION_CREATE", payloads.command_interaction(name, options, **context))
    callback = await standin.wait_for_request("POST", CALLBACK)
    body: Payload = callback.json
    return body


async def test_the_bot_has_moderator_commands_and_each_pairs_the_hint_with_a_runtime_check(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        found = moderator_commands(bot)
        put = standin.commands[GUILD_ID]

    names = {command.qualified_name for command in found}
    assert "reload" in names
    synced = {command["name"]: command for command in put}
    for command in found:
        root = command.root_parent or command
        assert command.checks, f"/{command.qualified_name} relies on the UI hint alone"
        assert root.guild_only, f"/{command.qualified_name} is offered in DMs"
        assert int(synced[root.name]["default_member_permissions"]) & MANAGE_GUILD
        assert synced[root.name]["contexts"] == [0], "Discord offers it in servers only"


@pytest.mark.parametrize("who", list(MEMBERS_WITHOUT_RIGHTS), ids=list(MEMBERS_WITHOUT_RIGHTS))
async def test_every_moderator_command_is_refused_to_members_without_rights(
    standin: StandInDiscord, tmp_path: Path, who: str
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        folder = bot.store.path.parent
        engine = bot.store.engine
        on_disk = snapshot(folder)
        refused: dict[str, Payload] = {}
        for moderator_command in moderator_commands(bot):
            options, attachments = sample_options(moderator_command, standin, optional=True)
            name, nested, context = command_payload(moderator_command, options, **MEMBERS_WITHOUT_RIGHTS[who])
            refused[moderator_command.qualified_name] = await _send(
                standin, name, nested, attachments=attachments, **context
            )
        answer = await reply_to(standin, mention(TROOPS_QUESTION))

    assert refused
    for name, callback in refused.items():
        # Refused at once (a response, not a deferral): the command itself never started.
        assert callback["type"] == 4, (name, callback)
        assert callback["data"]["content"] == MODERATORS_ONLY, name
        assert callback["data"]["flags"] & EPHEMERAL, name
    assert not standin.followups, "no command went on to report anything"
    assert not [r for r in standin.requests if r.path.startswith("/attachments/")], "no upload was downloaded"
    assert bot.store.engine is engine and snapshot(folder) == on_disk
    assert embed_text(answer.json), "the bot keeps answering"


async def test_every_moderator_command_is_refused_in_dms(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        engine = bot.store.engine
        refused: dict[str, Payload] = {}
        for moderator_command in moderator_commands(bot):
            options, attachments = sample_options(moderator_command, standin, optional=True)
            # Even a moderator, even with every permission bit Discord could claim for a DM.
            name, nested, context = command_payload(
                moderator_command, options, guild_id=None, user_payload=payloads.moderator_user()
            )
            refused[moderator_command.qualified_name] = await _send(
                standin, name, nested, attachments=attachments, **context
            )

    assert refused
    for name, callback in refused.items():
        assert callback["type"] == 4 and callback["data"]["content"] == SERVER_ONLY, (name, callback)
        assert callback["data"]["flags"] & EPHEMERAL
    assert not standin.followups
    assert bot.store.engine is engine


@pytest.mark.parametrize(
    "who",
    [MODERATOR, {"permissions": EVERYONE_PERMISSIONS | MANAGE_GUILD}],
    ids=["moderator-role", "manage-server"],
)
async def test_moderators_are_let_through(standin: StandInDiscord, tmp_path: Path, who: dict[str, Any]) -> None:
    async with story_bot(standin, tmp_path) as bot:
        answered: dict[str, Payload] = {}
        for moderator_command in moderator_commands(bot):
            name, nested, context = command_payload(moderator_command, [], **who)
            answered[moderator_command.qualified_name] = await _send(standin, name, nested, **context)
            if answered[moderator_command.qualified_name]["type"] == DEFERRED:
                await standin.wait_for_request("POST", r"/webhooks/\d+/[^/]+")

    for name, callback in answered.items():
        content = (callback.get("data") or {}).get("content")
        assert content not in (MODERATORS_ONLY, SERVER_ONLY), name
