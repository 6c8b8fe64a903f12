"""Offline checks of the bot's wiring: every extension loads, names are unique, commands are described."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.discord_adapter.checks import NotModerator, is_moderator
from bot.discord_adapter.client import EXTENSIONS, ShardedStoryBot, StoryBot, build_bot, intents
from bot.discord_adapter.errors import message_for
from bot.discord_adapter.notices import APOLOGY, BAD_OPTION, MODERATORS_ONLY, NOT_HERE, SERVER_ONLY
from tests.standin_extra import COMMANDS, MODERATOR_COMMANDS, bot_settings, knowledge_copy, story_store


@pytest.fixture
async def loaded_bot(tmp_path: Path) -> AsyncIterator[StoryBot]:
    path = knowledge_copy(tmp_path)
    async with StoryBot(bot_settings(path), story_store(path)) as bot:
        for extension in EXTENSIONS:
            await bot.load_extension(extension)
        yield bot


def test_extensions_are_an_explicit_tuple_of_modules_with_a_typed_setup() -> None:
    import importlib

    for name in EXTENSIONS:
        setup = importlib.import_module(name).setup
        assert inspect.iscoroutinefunction(setup)
        assert inspect.signature(setup).return_annotation in (None, "None")


async def test_every_extension_loads_and_command_names_do_not_collide(loaded_bot: StoryBot) -> None:
    names = [command.qualified_name for command in loaded_bot.tree.walk_commands()]
    assert len(names) == len(set(names))
    assert set(names) == COMMANDS
    assert not loaded_bot.commands  # no prefix commands: a mention is a question
    assert set(loaded_bot.extensions) == set(EXTENSIONS)


async def test_every_command_and_parameter_is_described(loaded_bot: StoryBot) -> None:
    for command in loaded_bot.tree.walk_commands():
        assert isinstance(command, app_commands.Command)
        assert command.description and command.description != "…", command.name
        assert len(command.description) <= 100
        for parameter in command.parameters:
            assert parameter.description and parameter.description != "…", f"/{command.name} {parameter.name}"


@pytest.mark.parametrize("name", sorted(MODERATOR_COMMANDS))
async def test_moderator_commands_are_guild_only_with_a_runtime_check(loaded_bot: StoryBot, name: str) -> None:
    command = loaded_bot.tree.get_command(name)
    assert isinstance(command, app_commands.Command)
    assert command.guild_only
    assert command.default_permissions == discord.Permissions(manage_guild=True)
    assert is_moderator in command.checks, "the UI hint must be paired with a runtime check"


@pytest.mark.parametrize(
    ("shards", "sharded"),
    [(None, False), (1, True), (4, True), ("auto", True)],
)
async def test_shard_count_picks_the_bot_class(tmp_path: Path, shards: object, sharded: bool) -> None:
    path = knowledge_copy(tmp_path)
    async with build_bot(bot_settings(path, SHARD_COUNT=shards), story_store(path)) as bot:
        assert isinstance(bot, ShardedStoryBot) is sharded
        if isinstance(bot, ShardedStoryBot):
            assert bot.shard_count == (None if shards == "auto" else shards)
        mentions = bot.allowed_mentions
        assert mentions is not None
        assert dict(mentions.to_dict()) == {"parse": []}


def test_intents_ask_only_for_what_the_bot_uses() -> None:
    with_content, without = intents(message_content=True), intents(message_content=False)
    assert with_content.message_content and not without.message_content
    assert not (with_content.members or with_content.presences)
    assert with_content.guilds and with_content.guild_messages and with_content.dm_messages


class _Text(app_commands.Transformer):
    async def transform(self, interaction: discord.Interaction, value: str) -> str:
        return value


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (app_commands.NoPrivateMessage(), SERVER_ONLY),
        (NotModerator(), MODERATORS_ONLY),
        (app_commands.MissingPermissions(["manage_guild"]), MODERATORS_ONLY),
        (app_commands.CheckFailure(), NOT_HERE),
        (app_commands.TransformerError("x", discord.AppCommandOptionType.string, _Text()), BAD_OPTION),
        (app_commands.AppCommandError("boom"), APOLOGY),
    ],
)
def test_errors_get_a_short_private_message(error: app_commands.AppCommandError, expected: str) -> None:
    assert message_for(error) == expected


def test_cooldown_message_rounds_to_whole_seconds() -> None:
    cooldown = app_commands.Cooldown(1, 60)
    assert message_for(app_commands.CommandOnCooldown(cooldown, 12.4)) == "You're asking quickly: try again in 12 s."
    assert message_for(app_commands.CommandOnCooldown(cooldown, 0.2)) == "You're asking quickly: try again in 1 s."
