"""Where the `storybot` command starts: the collector off, then the command line of main.py."""

from __future__ import annotations

import gc
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    # Start-up only allocates what lives on (modules, the knowledge): the collector would walk it again and
    # again for nothing, some 20 ms of a one-question start. It is off until the command has loaded what it
    # needs (main.py turns it back on), and back on whatever happens.
    gc.disable()
    try:
        from bot.cli.main import main as run_command

        return run_command(argv)
    finally:
        gc.enable()
