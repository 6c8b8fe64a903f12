"""Moderators' console commands: reports from the records database, and drafting a new story."""

from __future__ import annotations

import argparse
import sys

from bot.cli.terminal import readable
from bot.core.draft import draft_knowledge
from bot.records.database import Records
from bot.records.reports import stats_report, unanswered_report
from bot.settings import Settings

EXIT_OK = 0
EXIT_FAILED = 1


def report_command(settings: Settings, days: int, limit: int) -> int:
    """Print the unanswered questions (grouped) and the usage statistics of the last `days` days."""
    if not settings.DATABASE_FILE.exists():
        print(f"No records yet ({settings.DATABASE_FILE} does not exist): the bot creates it on first use.")
        return EXIT_OK
    records = Records(settings.DATABASE_FILE, settings.RETENTION_DAYS)
    records.purge()
    print(unanswered_report(records, days, limit))
    print()
    print(stats_report(records, days))
    records.close()
    return EXIT_OK


def draft_command(args: argparse.Namespace) -> int:
    """Write a draft knowledge file for the article in `args.article`."""
    try:
        article = args.article.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"storybot: cannot read {args.article}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    # Arguments that are not UTF-8 (kept by Python as lone surrogates) could not be written to the UTF-8 file.
    title, source, name = (readable(text) for text in (args.title, args.source, args.article.name))
    draft = draft_knowledge(article, title=title, source=source, article_file=name)
    if args.out is None:
        print(draft, end="")
        return EXIT_OK
    try:
        # Never over another file: --out naming the served knowledge file would lose it, with no backup, and a
        # draft does not load, so the bot would not start again.
        with args.out.open("x", encoding="utf-8") as out:
            out.write(draft)
    except FileExistsError:
        print(f"storybot: {args.out} already exists: choose another --out, or delete it first", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"storybot: cannot write {args.out}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Draft written to {args.out}: {draft.count('[[entries]]')} entries to review.")
    return EXIT_OK
