"""Feedback buttons under every answer, through the stand-in: private thanks, one changeable vote per person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.discord_adapter.client import StoryBot
from bot.discord_adapter.feedback import CUSTOM_ID_PREFIX
from tests.standin import payloads
from tests.standin.payloads import EPHEMERAL, Payload
from tests.standin.server import RecordedRequest, StandInDiscord
from tests.standin_extra import (
    CALLBACK,
    TROOPS_QUESTION,
    VAGUE_QUESTION,
    command,
    eventually,
    mention,
    recorded_totals,
    reply_to,
    story_bot,
)

UP, DOWN = f"{CUSTOM_ID_PREFIX}up:troop-count", f"{CUSTOM_ID_PREFIX}down:troop-count"


async def click(standin: StandInDiscord, custom_id: str, message: Payload, **context: Any) -> RecordedRequest:
    await standin.dispatch("INTERACTION_CREATE", payloads.component_interaction(custom_id, message, **context))
    return await standin.wait_for_request("POST", CALLBACK)


async def votes_become(bot: StoryBot, expected: tuple[int, int]) -> None:
    async def recorded() -> bool:
        return (await recorded_totals(bot)).votes.get("troop-count") == expected

    await eventually(recorded)


async def test_votes_are_thanked_privately_and_a_second_click_changes_the_vote(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    moderator = payloads.moderator_user()
    async with story_bot(standin, tmp_path) as bot:
        answer = (await reply_to(standin, mention(TROOPS_QUESTION))).response
        thanks_up = await click(standin, UP, answer)
        await votes_become(bot, (1, 0))
        thanks_down = await click(standin, DOWN, answer)  # the same person changes their mind
        await votes_become(bot, (0, 1))
        await click(standin, DOWN, answer, user_payload=moderator)
        await votes_become(bot, (0, 2))

    assert payloads.custom_ids(answer) == [UP, DOWN]
    for thanks, verdict in ((thanks_up, "noted as helpful."), (thanks_down, "noted as not helpful.")):
        data = thanks.json["data"]
        assert thanks.json["type"] == 4 and data["flags"] & EPHEMERAL
        assert verdict in data["content"] and data["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize("private", [False, True], ids=["public", "private"])
async def test_ask_answers_carry_feedback_buttons_that_record_votes(
    standin: StandInDiscord, tmp_path: Path, private: bool
) -> None:
    options = [payloads.option("question", TROOPS_QUESTION), payloads.option("private", private)]
    async with story_bot(standin, tmp_path) as bot:
        callback = await command(standin, "ask", *options)
        thanks = await click(standin, UP, callback.response["resource"]["message"])
        await votes_become(bot, (1, 0))

    assert payloads.custom_ids(callback.json["data"]) == [UP, DOWN]
    assert thanks.json["data"]["flags"] & EPHEMERAL


async def test_a_vote_on_a_suggestion_turned_answer_counts_for_its_entry(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        unsure = (await reply_to(standin, mention(VAGUE_QUESTION))).response
        suggestion = payloads.custom_ids(unsure)[0]
        edited = await click(standin, suggestion, unsure)
        [up, _] = payloads.custom_ids(edited.json["data"])
        await click(standin, up, unsure)
        entry_id = up.rsplit(":", 1)[1]

        async def recorded() -> bool:
            return (await recorded_totals(bot)).votes.get(entry_id) == (1, 0)

        await eventually(recorded)
