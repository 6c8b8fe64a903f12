"""Shared pytest configuration: loads the Discord stand-in fixtures."""

pytest_plugins = ["tests.standin.fixtures"]
