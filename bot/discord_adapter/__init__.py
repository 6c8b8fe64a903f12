"""The Discord adapter: turns Discord events into calls to the core, and the core's results into messages."""
