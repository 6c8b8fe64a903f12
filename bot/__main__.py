"""`python -m bot` runs the `storybot` command line."""

from bot.cli.start import main

raise SystemExit(main())
