"""What the bot records for moderators and the reports they read, through the stand-in; a broken database changes
nothing for people asking."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot.discord_adapter.exts.reports import MAX_GROUPS
from bot.discord_adapter.notices import MODERATORS_ONLY, SERVER_ONLY
from bot.records.database import Records
from bot.settings import MAX_RETENTION_DAYS
from tests.standin import payloads
from tests.standin.payloads import GUILD_ID, MOD_USER_ID, USER_ID
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    ANSWER_CHANNEL_ID,
    CALLBACK,
    MESSAGES,
    MODERATOR,
    RECORDS_FILE,
    TROOPS_QUESTION,
    TROOPS_QUOTE,
    VAGUE_QUESTION,
    assert_silent,
    command,
    deferred_command,
    embed_text,
    eventually,
    mention,
    recorded_totals,
    reply_to,
    story_bot,
)

EPHEMERAL = 1 << 6
WEATHER = "what is the weather in paris?"
TIKTOK = ["is kim jong un on tiktok", "Is Kim Jong Un on TikTok??", "is kim jong un on tiktok?"]
ODD = "is it **legal** for @everyone <@&1> to `go`?"


def records_path(tmp_path: Path) -> Path:
    """Where story_bot keeps the records: beside its knowledge copy."""
    folder = tmp_path / "knowledge"
    folder.mkdir(exist_ok=True)
    return folder / RECORDS_FILE


async def test_questions_are_recorded_when_the_bot_spoke_and_text_only_when_unanswered(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path, COOLDOWN_QUESTIONS=100) as bot:
        await reply_to(standin, mention(TROOPS_QUESTION))
        await reply_to(standin, mention(VAGUE_QUESTION))  # addressed: "I don't know" is an answer too
        await command(standin, "ask", payloads.option("question", WEATHER))
        for chatter in ("lol same", "what is the weather in rome?"):  # answer channel, no answer: not stored
            await assert_silent(standin, payloads.message_create(chatter, channel_id=ANSWER_CHANNEL_ID))
        in_channel = payloads.message_create(TROOPS_QUESTION, channel_id=ANSWER_CHANNEL_ID)
        await reply_to(standin, in_channel, ANSWER_CHANNEL_ID)

        async def all_recorded() -> bool:
            return (await recorded_totals(bot)).asked == 6  # 3 above, 2 barriers of assert_silent, 1 in the channel

        await eventually(all_recorded)
        totals = await recorded_totals(bot)

    assert (totals.answered, totals.by_entry) == (4, {"troop-count": 4})
    with sqlite3.connect(records_path(tmp_path)) as db:
        rows = db.execute("SELECT answered, text, user_hash FROM questions ORDER BY id").fetchall()
    assert sorted(text for answered, text, _ in rows if not answered) == sorted([VAGUE_QUESTION, WEATHER])
    assert all(text is None for answered, text, _ in rows if answered)
    assert {user_hash for *_, user_hash in rows} != {str(USER_ID)} and len({h for *_, h in rows}) == 1


async def test_a_reply_discord_refused_is_not_recorded(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path, COOLDOWN_QUESTIONS=100) as bot:
        standin.fail_next("POST", MESSAGES, 403, code=50013)  # Missing Permissions
        await standin.dispatch("MESSAGE_CREATE", mention(WEATHER))
        assert (await standin.wait_for_request("POST", MESSAGES)).status == 403
        await reply_to(standin, mention(TROOPS_QUESTION))

        async def recorded() -> bool:
            return (await recorded_totals(bot)).asked >= 1

        await eventually(recorded)
        totals = await recorded_totals(bot)

    assert (totals.asked, totals.answered) == (1, 1)  # the refused reply's question is not kept


def seed(path: Path) -> None:
    """Three wordings of one unanswered question, an odd one, two answers and two votes."""
    records = Records(path, retention_days=30)
    for text in [*TIKTOK, ODD]:
        records.record_question(text, USER_ID, None, 20.0)
    for user_id in (USER_ID, MOD_USER_ID):
        records.record_question(TROOPS_QUESTION, user_id, "troop-count", 100.0)
        records.record_vote(1, user_id, "troop-count", helpful=user_id == USER_ID)
    records.close()


async def test_unanswered_lists_grouped_questions_as_typed(standin: StandInDiscord, tmp_path: Path) -> None:
    seed(records_path(tmp_path))
    async with story_bot(standin, tmp_path):
        everything = await deferred_command(standin, "unanswered", **MODERATOR)
        top = await deferred_command(standin, "unanswered", payloads.option("limit", 1), **MODERATOR)

    assert everything["flags"] & EPHEMERAL and everything["allowed_mentions"] == {"parse": []}
    [embed] = everything["embeds"]
    assert embed["title"] == "Most asked unanswered questions, last 7 days:"
    lines = embed["description"].splitlines()
    assert lines[0] == lines[-1] == "```"
    assert lines[1].startswith(f"   3 x  {TIKTOK[-1]}  (last ")
    assert lines[2].startswith("   1 x  is it **legal** for @everyone <@&1> to `\u200bgo`\u200b?")
    assert len(top["embeds"][0]["description"].splitlines()) == 3


async def test_stats_show_questions_answers_and_feedback(standin: StandInDiscord, tmp_path: Path) -> None:
    seed(records_path(tmp_path))
    async with story_bot(standin, tmp_path):
        report = await deferred_command(standin, "stats", payloads.option("days", 30), **MODERATOR)

    [embed] = report["embeds"]
    assert report["flags"] & EPHEMERAL
    assert embed["title"] == "Last 30 days: 6 questions, 33% answered."
    assert "Top entries:\n   2  troop-count" in embed["description"]
    assert "Feedback (helpful / not helpful):\n   1 / 1    troop-count" in embed["description"]


async def test_an_empty_period_says_so(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        report = await deferred_command(standin, "unanswered", payloads.option("days", 1), **MODERATOR)

    assert report["embeds"][0]["description"] == "No unanswered questions in the last 1 days."


@pytest.mark.parametrize("name", ["unanswered", "stats"])
async def test_reports_are_refused_to_members_without_rights_and_in_dms(
    standin: StandInDiscord, tmp_path: Path, name: str
) -> None:
    async with story_bot(standin, tmp_path):
        # Discord's UI would hide the command (default_member_permissions); the stand-in sends it anyway.
        member = await command(standin, name)
        in_dm = await command(standin, name, guild_id=None, user_payload=payloads.moderator_user())

    assert member.json["data"]["content"] == MODERATORS_ONLY and member.json["data"]["flags"] & EPHEMERAL
    assert in_dm.json["data"]["content"] == SERVER_ONLY


async def test_report_periods_and_limits_are_bounded_for_discord(standin: StandInDiscord, tmp_path: Path) -> None:
    async with story_bot(standin, tmp_path):
        await standin.wait_for_request("PUT", rf"/applications/\d+/guilds/{GUILD_ID}/commands")

    synced = {c["name"]: {o["name"]: o for o in c.get("options", [])} for c in standin.commands[GUILD_ID]}
    for name in ("unanswered", "stats"):
        assert (synced[name]["days"]["min_value"], synced[name]["days"]["max_value"]) == (1, MAX_RETENTION_DAYS)
        assert not synced[name]["days"].get("required")
    assert (synced["unanswered"]["limit"]["min_value"], synced["unanswered"]["limit"]["max_value"]) == (1, MAX_GROUPS)


def _corrupt(path: Path) -> None:
    path.write_bytes(b"this is not a database " * 100)


def _directory(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize("break_it", [_corrupt, _directory], ids=["corrupt-file", "a-directory"])
async def test_a_broken_database_never_stops_answers(
    standin: StandInDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, break_it
) -> None:
    break_it(records_path(tmp_path))
    with caplog.at_level(logging.WARNING, logger="bot"):
        async with story_bot(standin, tmp_path):
            answer = await reply_to(standin, mention(TROOPS_QUESTION))
            asked = await command(standin, "ask", payloads.option("question", TROOPS_QUESTION))
            vote = payloads.component_interaction(payloads.custom_ids(answer.response)[0], answer.response)
            await standin.dispatch("INTERACTION_CREATE", vote)
            thanks = await standin.wait_for_request("POST", CALLBACK)
            stats = await deferred_command(standin, "stats", **MODERATOR)

            async def vote_failed() -> bool:
                return any("could not record a vote" in message for message in caplog.messages)

            await eventually(vote_failed)

    assert TROOPS_QUOTE in embed_text(answer.json) and TROOPS_QUOTE in embed_text(asked.json["data"])
    assert "noted as helpful" in thanks.json["data"]["content"]
    assert stats["embeds"][0]["description"] == "Last 7 days: 0 questions, 0% answered."
    assert any("could not record a question" in message for message in caplog.messages)
