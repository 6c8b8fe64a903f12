"""Answer questions asked in channels: mentions, replies to the bot, DMs, and answer channels.

Addressed directly (mention, reply, DM), the bot always says something: the answer, or that it does
not know with suggestion buttons. In ANSWER_CHANNEL_IDS it answers question-like messages only when
it has a good answer, and otherwise stays silent: no "I don't know" in ordinary chat.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.intent import looks_like_question
from bot.discord_adapter.cards import answer_card
from bot.discord_adapter.notices import COOLDOWN, TOO_LONG
from bot.discord_adapter.recording import record_question
from bot.discord_adapter.respond import reply_to
from bot.discord_adapter.views import reply_view
from bot.present import hint_text

if TYPE_CHECKING:
    from bot.discord_adapter.client import StoryBot

ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)
# Notices that only matter for a moment (a cooldown) tidy themselves away.
NOTICE_SECONDS = 15.0
# Mentions say who is addressed, not what is asked.
_MENTION = re.compile(r"<@[!&]?\d+>|@(?:everyone|here)\b")


class Answers(commands.Cog):
    """Answers questions in channels and DMs."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.answer_channels = frozenset(bot.settings.ANSWER_CHANNEL_IDS)
        self.max_length = bot.settings.MAX_QUESTION_LENGTH

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message addressed to the bot, or a question in an answer channel."""
        if message.author.bot or message.type not in ANSWERED_TYPES:
            return
        addressed = self._addressed(message)
        if not addressed and not self._in_answer_channel(message):
            return
        question = _MENTION.sub(" ", message.content).strip()
        if addressed or looks_like_question(question):
            await self._answer(message, question, addressed=addressed)

    async def _answer(self, message: discord.Message, question: str, *, addressed: bool) -> None:
        """Answer `question`; when not addressed, say nothing unless there is a good answer.

        Every reply Discord takes (an answer, or "I don't know" when addressed) is recorded for the moderators'
        reports; silence, hints, refusals (too long, a cooldown) and replies that could not be sent are not.
        """
        if len(question) > self.max_length:
            if addressed:
                await reply_to(message, TOO_LONG.format(limit=self.max_length))
            return
        # Addressed, the budget is spent before matching, so a question over it costs no engine time (a burst
        # of them would delay everyone's answers). In an answer channel only a good answer spends it.
        if addressed and not await self._spend(message, notify=True):
            return
        engine = self.bot.store.engine
        # Nothing to look up ("", "hi", "thanks!"): say what the bot is for, not that the article is silent.
        if engine.is_small_talk(question):
            if addressed:
                await reply_to(message, hint_text(engine.knowledge))
            return
        reply = engine.ask(question)
        if not addressed and not (reply.answered and await self._spend(message, notify=False)):
            return
        if await reply_to(message, answer_card(reply), view=reply_view(reply, message.author.id)):
            await record_question(self.bot, message.author.id, reply)

    async def _spend(self, message: discord.Message, *, notify: bool) -> bool:
        """Spend one of the author's questions; over budget, say so when `notify`, and return False."""
        try:
            self.bot.questions.spend(message.author)
        except app_commands.CommandOnCooldown as exc:
            if notify:
                await reply_to(message, COOLDOWN.format(seconds=max(exc.retry_after, 1.0)), delete_after=NOTICE_SECONDS)
            return False
        return True

    def _addressed(self, message: discord.Message) -> bool:
        """Return whether the message is a DM, mentions the bot (or its role), or replies to the bot."""
        me = self.bot.user
        if me is None:
            return False
        if message.guild is None or me.id in message.raw_mentions:
            return True
        own_role = message.guild.self_role
        if own_role is not None and own_role.id in message.raw_role_mentions:
            return True
        replied = message.reference.resolved if message.reference else None
        return isinstance(replied, discord.Message) and replied.author.id == me.id

    def _in_answer_channel(self, message: discord.Message) -> bool:
        """Return whether the message is in an answer channel, or in a thread of one."""
        channel = message.channel
        parent_id = channel.parent_id if isinstance(channel, discord.Thread) else None
        return channel.id in self.answer_channels or parent_id in self.answer_channels


async def setup(bot: StoryBot) -> None:
    """Load the extension."""
    await bot.add_cog(Answers(bot))
