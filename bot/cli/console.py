"""The offline console: the bot's conversation in a terminal, with the same commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.core.catalog import entries_for
from bot.core.engine import AnswerEngine, Reply
from bot.core.errors import KnowledgeError
from bot.core.loader import Knowledge, load_knowledge
from bot.present import about_text, entry_line, hint_text, reply_text, sources_text

HELP = """Ask anything about the story in your own words. Commands:
  /facts          the key facts            /fact TOPIC   one topic's facts
  /sources        the article's sources    /about        what the bot knows
  /reload         re-read the knowledge    /quit         leave
  1, 2, 3         pick a suggestion after "Did you mean"."""


class Console:
    """One console session: the current knowledge, its engine, and the last suggestions."""

    def __init__(self, knowledge: Knowledge, path: Path, out: TextIO) -> None:
        self.engine = AnswerEngine(knowledge)
        self.path = path
        self.out = out
        self.last: Reply | None = None

    def say(self, text: str) -> None:
        """Print to the console's output at once."""
        print(text, file=self.out, flush=True)

    def handle(self, line: str) -> bool:
        """Answer one line; return False when the person wants to leave."""
        text = line.strip()
        knowledge = self.engine.knowledge
        command, _, argument = text.partition(" ")
        if not text:
            return True
        if command in ("/quit", "/exit"):
            return False
        if command == "/help":
            self.say(HELP)
        elif command == "/facts":
            self.say("\n".join(entry_line(entry, knowledge) for entry in knowledge.key_entries))
        elif command == "/fact":
            found = entries_for(knowledge, argument)
            self.say("\n".join(entry_line(e, knowledge) for e in found) if found else "No such topic; try /facts.")
        elif command == "/sources":
            self.say(sources_text(knowledge))
        elif command == "/about":
            self.say(about_text(knowledge))
        elif command == "/reload":
            self.reload()
        elif self.last is not None and 1 <= (choice := _number(text)) <= len(self.last.suggestions):
            suggestion = self.last.suggestions[choice - 1]
            self.say(reply_text(self.engine.reply_for(suggestion.entry_id)))
        elif self.engine.is_small_talk(text):
            self.say(hint_text(knowledge))
        else:
            self.last = self.engine.ask(text)
            self.say(reply_text(self.last))
        return True

    def reload(self) -> None:
        """Re-read the knowledge file; keep the current knowledge if the file is broken."""
        try:
            knowledge = load_knowledge(self.path, root=self.path.parent)  # as at start-up and the bot's /reload
        except KnowledgeError as exc:
            self.say(f"Reload refused, still serving the previous knowledge.\n{exc}")
            return
        self.engine = AnswerEngine(knowledge)
        self.say(f"Reloaded: {len(knowledge.entries)} entries.")


def _number(text: str) -> int:
    """Return the number a line is, or 0; a few digits at most (int() refuses more than 4,300 of them)."""
    return int(text) if text.isdecimal() and len(text) <= 3 else 0


def run_console(knowledge: Knowledge, path: Path, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    """Run the console until end of input, /quit or Ctrl+C."""
    console = Console(knowledge, path, out)
    interactive = stdin.isatty()
    console.say(f"storybot offline console — {knowledge.data.story.title}\n{HELP}")
    try:
        while True:
            if interactive:
                print("you> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line or not console.handle(line):
                return 0
    except KeyboardInterrupt:  # Ctrl+C leaves, as /quit does (and as it stops the bot): no traceback
        console.say("")
        return 0
