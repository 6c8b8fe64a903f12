"""The bot's features, each an extension listed in `bot.discord_adapter.client.EXTENSIONS`."""
