"""Moderators' tools under review: who may moderate, what an upload leaves on disk, what the reports show, what
`storybot draft` may overwrite, and what a refusal tells the people reading it."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.cli.main import main
from bot.cli.moderation import report_command
from bot.core.errors import KnowledgeError
from bot.core.store import BACKUP_FOLDER, KnowledgeStore
from bot.discord_adapter.notices import MODERATORS_ONLY
from bot.records.database import Records
from bot.settings import Settings
from tests.helpers import copy_knowledge, edited
from tests.standin import payloads
from tests.standin.payloads import EVERYONE_PERMISSIONS, MOD_PERMISSIONS
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    MODERATOR,
    OLD_ANSWER,
    answer_to_troops_question,
    changed_text,
    command,
    deferred_command,
    eventually,
    mention,
    reply_to,
    story_bot,
)

MANAGE_GUILD = discord.Permissions(manage_guild=True).value
# A server someone else invited the bot to: its own roles, its own owner, none of ours.
ELSEWHERE_ID = payloads.new_id()
ELSEWHERE_ADMIN_ROLE_ID = payloads.new_id()
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
FORGED_ROW = "  42 x  is the bot lying about casualties?  (last 2020-01-01)"


def _elsewhere() -> payloads.Payload:
    roles = [
        payloads.role(ELSEWHERE_ID, "@everyone", permissions=EVERYONE_PERMISSIONS, position=0),
        payloads.role(ELSEWHERE_ADMIN_ROLE_ID, "Admins", permissions=MOD_PERMISSIONS | MANAGE_GUILD, position=2),
    ]
    members = [payloads.member(payloads.bot_user()), payloads.member(payloads.user())]
    return payloads.guild(ELSEWHERE_ID, "Someone else's server", roles=roles, members=members)


# -- who may moderate -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [{}, {"GUILD_IDS": []}],
    ids=["guild-ids-set", "production-only-moderator-roles"],
)
async def test_managers_of_another_server_neither_replace_the_knowledge_nor_read_the_reports(
    standin: StandInDiscord, tmp_path: Path, settings: dict[str, Any]
) -> None:
    standin.guilds.append(_elsewhere())
    stranger: dict[str, Any] = {
        "guild_id": ELSEWHERE_ID,
        "roles": [ELSEWHERE_ADMIN_ROLE_ID],
        "permissions": MOD_PERMISSIONS | MANAGE_GUILD,
    }
    async with story_bot(standin, tmp_path, **settings) as bot:
        path = bot.store.path
        before = path.read_bytes()
        attachment = standin.register_attachment("story.toml", changed_text(path).encode())
        option = payloads.option("file", attachment["id"], type=11)
        upload = await command(standin, "reload", option, attachments=[attachment], **stranger)
        report = await command(standin, "unanswered", **stranger)
        answer = await answer_to_troops_question(standin)
        # In the moderators' own server, Manage Server still lets a member through.
        own = await deferred_command(standin, "stats", permissions=EVERYONE_PERMISSIONS | MANAGE_GUILD)

    # Refused at once, not deferred: the upload is never downloaded, the report never read.
    assert (upload.json["type"], upload.json.get("data", {}).get("content")) == (4, MODERATORS_ONLY)
    assert (report.json["type"], report.json.get("data", {}).get("content")) == (4, MODERATORS_ONLY)
    assert path.read_bytes() == before and not (path.parent / BACKUP_FOLDER).exists()
    assert answer.startswith(OLD_ANSWER)
    assert own["embeds"][0]["title"].startswith("Last 7 days:")


# -- what an upload leaves on disk ----------------------------------------------------------------------------


def test_an_upload_keeps_the_permissions_of_the_knowledge_file(tmp_path: Path) -> None:
    """Moderators who edit the file on disk (group-writable) can still read and edit it after an upload."""
    path = copy_knowledge(tmp_path)
    os.chmod(path, 0o664)
    store = KnowledgeStore.open(path)
    store.replace(path.read_bytes().replace(b"Between 11,000 and 12,000.", b"Roughly 11,000 to 12,000."))
    assert b"Roughly 11,000" in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_backup_cut_short_is_not_left_looking_like_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while backing up refuses the upload; no truncated file is left in backups/ to be restored."""
    store = KnowledgeStore.open(copy_knowledge(tmp_path))
    original = store.path.read_bytes()

    def disk_fills_up(source: Path, target: Path, **_: Any) -> Path:
        Path(target).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfile", disk_fills_up)
    with pytest.raises(KnowledgeError, match="cannot back up the current file: No space left on device"):
        store.replace(original.replace(b"Between 11,000 and 12,000.", b"Roughly 11,000 to 12,000."))
    assert store.path.read_bytes() == original
    assert list((tmp_path / BACKUP_FOLDER).iterdir()) == []


# -- what the reports show ------------------------------------------------------------------------------------


async def test_a_question_on_several_lines_cannot_forge_a_row_of_the_unanswered_report(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        await reply_to(standin, mention(f"is kim jong un on tiktok?\n{FORGED_ROW}"))

        async def recorded() -> bool:
            worker = bot.records
            return bool(await worker.call(worker.records.unanswered, LONG_AGO))

        await eventually(recorded)
        report = await deferred_command(standin, "unanswered", **MODERATOR)

    rows = report["embeds"][0]["description"].splitlines()[1:-1]
    assert len(rows) == 1, rows
    assert rows[0].startswith("   1 x  is kim jong un on tiktok?   42 x  is the bot lying")


def test_storybot_report_never_sends_a_questions_escape_sequences_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "records.sqlite3"
    records = Records(database, retention_days=30)
    records.record_question("what now?\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202eok", 1, None, 1.0)
    records.record_question(f"hello?\r\n{FORGED_ROW}", 2, None, 1.0)
    records.close()

    assert report_command(Settings(DATABASE_FILE=database), days=7, limit=10) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\n  42 x" not in out
    assert "what now?\ufffd]52;c;cm0gLXJmIH4=\ufffd\ufffd[2J\ufffdok" in out


# -- storybot draft -------------------------------------------------------------------------------------------


def test_draft_never_overwrites_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--out` naming the served knowledge file would lose it, without a backup, for a draft that does not load."""
    served = copy_knowledge(tmp_path)
    curated = served.read_bytes()
    code = main(["draft", str(tmp_path / "article.txt"), "--title", "T", "--source", "S", "--out", str(served)])
    assert code == 1
    assert served.read_bytes() == curated
    assert "already exists" in capsys.readouterr().err


# -- what a refusal tells the people reading it ---------------------------------------------------------------


def _article_missing(path: Path) -> None:
    edited(path, 'article = "article.txt"', 'article = "bridge.txt"')


def _file_is_a_link_loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _file_links_outside(path: Path) -> None:
    outside = path.parent.parent / "outside.toml"
    shutil.copy(path, outside)
    path.unlink()
    path.symlink_to(outside)


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (_article_missing, "cannot read 'bridge.txt': No such file or directory"),
        (_file_is_a_link_loop, "cannot read the file"),
        (_file_links_outside, "the file must be inside the knowledge folder 'knowledge'"),
    ],
    ids=["article-missing", "link-loop", "link-outside"],
)
def test_a_refused_reload_does_not_show_the_servers_folders(tmp_path: Path, damage: Any, says: str) -> None:
    """Problems are shown to moderators on Discord: the file's name is enough, its folders on the server are not."""
    store = KnowledgeStore.open(copy_knowledge(tmp_path / "knowledge"))
    damage(store.path)
    with pytest.raises(KnowledgeError) as refused:
        store.reload()
    shown = "\n".join(str(problem) for problem in refused.value.problems)
    assert says in shown
    assert str(tmp_path) not in shown
