"""A stand-in Discord server for running the real discord.py client in tests."""
