"""What every person meets whatever they do: /start, the menu, help, language, commands the bot
does not know, errors; and the texts every area shares (errors, import reasons, the CLI)."""
