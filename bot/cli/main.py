"""The `storybot` command line: ask, chat, validate, run the bot, sync its commands.

Only `run` and `sync` import discord.py, lazily, so `storybot ask` starts fast.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from bot.cli.terminal import json_line, readable, standard_input
from bot.core.cache import cached_engine
from bot.core.engine import AnswerEngine
from bot.core.errors import KnowledgeError
from bot.core.loader import Knowledge, load_knowledge
from bot.core.schema import knowledge_schema_text
from bot.present import reply_text
from bot.settings import MAX_RETENTION_DAYS, Settings, SettingsError, load_settings

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
# What shells report for a command stopped by Ctrl+C (128 + SIGINT).
EXIT_INTERRUPTED = 130
# Why output cannot be written: a full disk or quota, a file too large, a failing device.
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storybot", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, *, reads_knowledge: bool = True) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        if reads_knowledge:
            command.add_argument(
                "--knowledge", type=Path, help="knowledge file (default: KNOWLEDGE_FILE, else the shipped one)"
            )
        else:
            command.set_defaults(knowledge=None)
        return command

    ask = add("ask", "Answer one question, or one per line from stdin with '-'.")
    ask.add_argument("question", help="the question, or '-' to read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    add("chat", "Talk to the bot in the terminal, offline.")
    validate = add("validate", "Check a knowledge file and print a readable report.")
    validate.add_argument("file", nargs="?", type=Path, help="the file to check (default: --knowledge)")
    report = add("report", "Print moderators' reports: unanswered questions and stats.", reads_knowledge=False)
    report.add_argument(
        "--days", type=_whole_number(MAX_RETENTION_DAYS), default=7, help="the period to report on (default: 7 days)"
    )
    report.add_argument("--limit", type=_whole_number(), default=20, help="how many unanswered groups to list")
    draft = add("draft", "Draft a knowledge file for a new story from a plain-text article.", reads_knowledge=False)
    draft.add_argument("article", type=Path, help="the article, as plain UTF-8 text")
    draft.add_argument("--title", required=True, help="the story's headline")
    draft.add_argument("--source", required=True, help="the published source's title")
    draft.add_argument("--out", type=Path, help="write the draft here (default: print it)")
    add("schema", "Print the knowledge file's JSON Schema (kept in knowledge/schema.json).", reads_knowledge=False)
    add("run", "Run the Discord bot; without DISCORD_TOKEN, open the offline console.")
    add("sync", "Sync slash commands globally with Discord (rate-limited: run it when commands change).")
    return parser


def _whole_number(most: int | None = None) -> Callable[[str], int]:
    """Return an argparse type that reads a whole number from 1 to `most` (no upper bound without it)."""
    allowed = f"a whole number from 1 to {most}" if most is not None else "a whole number of at least 1"

    def read(text: str) -> int:
        value = int(text) if text.strip().isdecimal() else 0
        if value < 1 or (most is not None and value > most):
            raise argparse.ArgumentTypeError(f"must be {allowed}, not {text!r}")
        return value

    return read


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    try:
        code = _run(_parser().parse_args(argv))
        sys.stdout.flush()  # here, where a failure to write is caught, not at exit
        return code
    except BrokenPipeError:
        # The reader went away (`storybot ask - | head`): stop quietly, as other commands do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the output cannot be written (`storybot validate > /dev/full`): one line, no traceback
        if exc.errno not in _WRITE_FAILURES:
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        print(f"storybot: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:  # Ctrl+C: stop at once, without a traceback
        print(file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        print(knowledge_schema_text(), end="")
        return EXIT_OK
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    knowledge_path: Path = args.knowledge or settings.KNOWLEDGE_FILE
    if args.command in ("validate", "report", "draft"):
        return _check_or_report(args, settings, knowledge_path)
    try:
        # One question and exit: the knowledge comes prepared from the cache when it can (see cache.py). What is
        # served must lie in its folder, as /reload and the console's /reload require: they would refuse it later.
        if args.command == "ask":
            loaded: AnswerEngine | Knowledge = cached_engine(knowledge_path)
        else:
            loaded = load_knowledge(knowledge_path, root=knowledge_path.parent)
    except KnowledgeError as exc:
        print(f"storybot: {_problems_text(exc)}", file=sys.stderr)
        return EXIT_INVALID
    if isinstance(loaded, AnswerEngine):
        return _ask(loaded, args.question, as_json=args.json)
    return _serve(args, settings, loaded, knowledge_path)


def _problems_text(error: KnowledgeError) -> str:
    """Return one problem on one line, as a bad setting is; several as the list with its heading."""
    return str(error.problems[0]) if len(error.problems) == 1 else str(error)


def _check_or_report(args: argparse.Namespace, settings: Settings, knowledge_path: Path) -> int:
    """Run a moderators' command, one that answers nothing: validate, report or draft."""
    _started()
    if args.command == "validate":
        return _validate(args.file or knowledge_path)
    from bot.cli.moderation import draft_command, report_command

    return report_command(settings, args.days, args.limit) if args.command == "report" else draft_command(args)


def _serve(args: argparse.Namespace, settings: Settings, knowledge: Knowledge, knowledge_path: Path) -> int:
    """Answer with the loaded knowledge: the console or the Discord bot."""
    _started()
    if args.command == "sync" and settings.DISCORD_TOKEN is None:
        print("storybot: sync needs DISCORD_TOKEN (see README, 'Run it on Discord').", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "chat" or settings.DISCORD_TOKEN is None:
        if args.command != "chat":
            print("No DISCORD_TOKEN configured: opening the offline console (see README, 'Run it on Discord').")
        from bot.cli.console import run_console

        return run_console(knowledge, knowledge_path, standard_input())
    from bot.discord_adapter.runner import run_bot

    return run_bot(settings, knowledge, sync_globally=args.command == "sync")


def _validate(path: Path) -> int:
    try:
        knowledge = load_knowledge(path)
    except KnowledgeError as exc:
        print(f"INVALID {path}\n{exc}")
        return EXIT_INVALID
    print(_validation_report(knowledge))
    return EXIT_OK


def _validation_report(knowledge: Knowledge) -> str:
    data = knowledge.data
    quotes = sum(len(entry.evidence) for entry in data.entries)
    phrasings = sum(len(entry.phrasings) for entry in data.entries)
    near_misses = sum(len(entry.near_misses) for entry in data.entries)
    return (
        f"OK {knowledge.path}\n"
        f"  {len(data.entries)} entries in {len(knowledge.topics)} topics ({len(knowledge.key_entries)} key facts)\n"
        f"  {phrasings} phrasings, {near_misses} near misses, {quotes} quotes found verbatim in the article\n"
        f"  {len(data.sources)} sources, {len(data.synonyms)} synonym groups"
    )


def _started(*, freeze: bool = False) -> None:
    """End start-up: the collector, off until now (bot/cli/start.py), runs again.

    `freeze` first sets everything allocated so far aside for good, for a process that keeps it until exit.
    """
    if freeze:
        gc.freeze()
    gc.enable()


def _ask(engine: AnswerEngine, question: str, *, as_json: bool) -> int:
    # What is loaded now lives until the process ends: the collector, and its last full pass at exit,
    # need not walk it again (about a tenth of a one-question cold start).
    _started(freeze=True)
    lines: Iterable[str] = standard_input() if question == "-" else [question]
    for text in (readable(line.rstrip("\r\n")) for line in lines):
        reply = engine.ask(text)
        if as_json:
            print(json_line(reply.to_json()), flush=True)
        else:
            print(reply_text(reply), end="\n\n" if question == "-" else "\n", flush=True)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
