"""`python -m bot` runs the `storybot` command line."""

from bot.cli.main import main

raise SystemExit(main())
