"""Without Embed Links the bot answers in plain text: whole quotes with their sources, whole lines of sources."""

from __future__ import annotations

from pathlib import Path

import discord

from bot.discord_adapter.cards import answer_card
from bot.discord_adapter.limits import MESSAGE_CHARS
from bot.present import reply_text, sources_text
from tests.standin import payloads
from tests.standin.payloads import BOT_PERMISSIONS, BOT_ROLE_ID
from tests.standin.server import StandInDiscord
from tests.standin_extra import MODERATOR, _shipped_engine, command, deferred_command, mention, reply_to, story_bot

# Whole paragraphs of the article, as a moderator may quote them.
PARAGRAPHS = (
    "North Korea has publicly confirmed",
    "Russian leadership, including",
    "Intelligence reports from Western",
)


def _no_embed_links_channel(standin: StandInDiscord) -> None:
    deny = {"id": str(BOT_ROLE_ID), "type": 0, "allow": "0", "deny": str(discord.Permissions(embed_links=True).value)}
    standin.guilds = [payloads.guild(channels=[payloads.text_channel(overwrites=[deny])])]


async def test_a_plain_text_answer_keeps_the_source_of_every_quote_it_shows(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    _no_embed_links_channel(standin)
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        article = (path.parent / "article.txt").read_text(encoding="utf-8").splitlines()
        quotes = [line for line in article if line.startswith(PARAGRAPHS)]
        assert len(quotes) == len(PARAGRAPHS)
        text = path.read_text(encoding="utf-8")
        end = text.index("\n", text.index("\nanswer = ", text.index('id = "kursk"')) + 1) + 1
        more = "".join(f'[[entries.evidence]]\nquote = "{q}"\nsource = "putin-thanks-report"\n' for q in quotes)
        path.write_text(text[:end] + more + text[end:], encoding="utf-8")
        reloaded = await deferred_command(standin, "reload", **MODERATOR)
        assert "changed 1: kursk" in str(reloaded), reloaded
        sent = await reply_to(standin, mention("where are the north koreans fighting"))

    content = sent.json["content"]
    assert len(content) <= MESSAGE_CHARS
    lines = content.splitlines()
    shown = [n for n, line in enumerate(lines) if line.startswith("> ")]
    assert shown, "at least one quote is shown"
    for n in shown:  # every quote shown is followed by the source it rests on
        assert n + 1 < len(lines) and lines[n + 1].startswith("  — "), content
    assert lines[-1].startswith("[kursk · match "), "the footer names the entry"


def test_a_plain_text_answer_that_fits_is_the_console_text_unchanged() -> None:
    engine = _shipped_engine()
    for entry_id in engine.knowledge.entries:
        reply = engine.reply_for(entry_id)
        assert answer_card(reply).text == reply_text(reply)


async def test_plain_text_sources_list_whole_lines_and_say_how_many_are_left_out(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    no_embeds = BOT_PERMISSIONS & ~discord.Permissions(embed_links=True).value
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        more = "".join(
            f'[[sources]]\nid = "extra-{n}"\ntitle = "Regional report number {n} on the deployment of North Korean '
            f'troops to the Kursk region and its aftermath"\npublisher = "Newswire {n}"\n'
            f'url = "https://news.example.com/world/asia/2025/04/28/north-korea-troops-russia-report-{n}"\n'
            for n in range(12)
        )
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n[synonyms]\n", f"\n{more}\n[synonyms]\n", 1), encoding="utf-8")
        reloaded = await deferred_command(standin, "reload", **MODERATOR)
        assert "Knowledge reloaded" in str(reloaded), reloaded
        callback = await command(standin, "sources", app_permissions=no_embeds)
        whole = sources_text(bot.store.knowledge).splitlines()

    content = callback.json["data"]["content"]
    assert len(content) <= MESSAGE_CHARS
    *listed, last = content.splitlines()
    assert last.startswith("… and ") and last.endswith(" more"), last
    assert listed == whole[: len(listed)], "every source listed is whole: no link is cut"
    assert last == f"… and {len(whole) - len(listed)} more"
