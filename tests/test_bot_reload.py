"""/reload through the stand-in: who may run it, valid and broken files, uploads; the shipped file is never touched."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.core.loader import MAX_FILE_BYTES
from bot.discord_adapter.client import StoryBot
from bot.discord_adapter.notices import MODERATORS_ONLY, SERVER_ONLY, UPLOAD_FAILED, UPLOAD_NOT_TEXT
from tests.standin import payloads
from tests.standin.payloads import MOD_PERMISSIONS, Payload
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    MODERATOR,
    NEW_ANSWER,
    OLD_ANSWER,
    SHIPPED,
    answer_to_troops_question,
    broken_text,
    changed_text,
    command,
    deferred_command,
    embed_text,
    story_bot,
)

EPHEMERAL = 1 << 6


def knowledge_file(bot: StoryBot) -> Path:
    path = bot.store.path
    assert path.parent != SHIPPED  # every test edits a copy
    return path


async def test_reload_by_a_member_without_rights_is_refused(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = knowledge_file(bot)
        path.write_text(changed_text(path), encoding="utf-8")
        # Discord's UI would hide /reload (default_member_permissions); the stand-in sends it anyway.
        callback = await command(standin, "reload")
        answer = await answer_to_troops_question(standin)

    assert callback.json["data"]["content"] == MODERATORS_ONLY
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert answer.startswith(OLD_ANSWER)


async def test_reload_in_dms_is_refused(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        callback = await command(standin, "reload", guild_id=None, user_payload=payloads.moderator_user())

    assert callback.json["data"]["content"] == SERVER_ONLY


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(MODERATOR, id="moderator-role"),
        pytest.param({"permissions": MOD_PERMISSIONS | (1 << 5)}, id="manage-server"),
    ],
)
async def test_reload_with_a_changed_file_serves_new_answers(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, who: dict[str, object]
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = knowledge_file(bot)
        path.write_text(changed_text(path), encoding="utf-8")
        with caplog.at_level(logging.INFO, logger="bot"):
            report = await deferred_command(standin, "reload", **who)
        answer = await answer_to_troops_question(standin)

    count = len(bot.store.knowledge.entries)
    assert report["flags"] & EPHEMERAL
    assert f"{count} → {count} entries; changed 1: troop-count" in embed_text(report)
    assert answer.startswith(NEW_ANSWER)
    assert any(r.getMessage().startswith("reload by ") and "changed 1" in r.getMessage() for r in caplog.records)


async def test_reload_with_a_broken_file_keeps_the_old_answers_and_shows_every_error(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = knowledge_file(bot)
        path.write_text(broken_text(path), encoding="utf-8")
        report = await deferred_command(standin, "reload", **MODERATOR)
        answer = await answer_to_troops_question(standin)

    text = embed_text(report)
    assert "Reload refused: still serving the previous knowledge" in text
    assert "entry 'Troop Count!' field 'id'" in text  # entry, field and line of each problem
    assert "field 'key': Input should be a valid boolean" in text
    assert "story.toml:" in text
    assert answer.startswith(OLD_ANSWER)


async def test_upload_reload_backs_up_writes_and_serves_the_file(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = knowledge_file(bot)
        original = path.read_bytes()
        upload = changed_text(path).encode()
        attachment = standin.register_attachment("story.toml", upload)
        attachment["content_type"] = "text/plain; charset=utf-8"  # as Discord labels a .toml upload
        option = payloads.option("file", attachment["id"], type=11)
        report = await deferred_command(standin, "reload", option, attachments=[attachment], **MODERATOR)
        answer = await answer_to_troops_question(standin)

    assert "changed 1: troop-count" in embed_text(report)
    assert answer.startswith(NEW_ANSWER)
    assert path.read_bytes() == upload
    [backup] = (path.parent / "backups").iterdir()
    assert backup.read_bytes() == original


def _unreadable(standin: StandInDiscord) -> Payload:
    gone = standin.register_attachment("story.toml", b"")
    return {**gone, "url": gone["url"].replace(gone["id"], "0"), "size": 10}


@pytest.mark.parametrize(
    ("make_attachment", "notice"),
    [
        (lambda s: s.register_attachment("story.png", b"\x89PNG", content_type="image/png"), UPLOAD_NOT_TEXT),
        (lambda s: s.register_attachment("notes.txt", b"hello", content_type="text/plain"), UPLOAD_NOT_TEXT),
        (
            lambda s: {**s.register_attachment("story.toml", b"x"), "size": MAX_FILE_BYTES + 1},
            "at most 1,000,000 bytes",
        ),
        (_unreadable, UPLOAD_FAILED),
    ],
    ids=["image", "not-toml", "too-big", "download-fails"],
)
async def test_upload_refusals_change_nothing(standin: StandInDiscord, tmp_path: Path, make_attachment, notice) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = knowledge_file(bot)
        before = path.read_bytes()
        attachment = make_attachment(standin)
        option = payloads.option("file", attachment["id"], type=11)
        report = await deferred_command(standin, "reload", option, attachments=[attachment], **MODERATOR)
        answer = await answer_to_troops_question(standin)

    assert notice in report["content"]
    assert path.read_bytes() == before
    assert not (path.parent / "backups").exists()
    assert answer.startswith(OLD_ANSWER)


async def test_upload_of_a_broken_file_keeps_the_file_on_disk(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = knowledge_file(bot)
        before = path.read_bytes()
        attachment = standin.register_attachment("story.toml", broken_text(path).encode())
        option = payloads.option("file", attachment["id"], type=11)
        report = await deferred_command(standin, "reload", option, attachments=[attachment], **MODERATOR)

    assert "entry 'Troop Count!' field 'id'" in embed_text(report)
    assert path.read_bytes() == before
    assert not (path.parent / "backups").exists()
