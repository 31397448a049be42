"""The Telegram adapter, the CLI and rendering of kinerja-bot.

``bot.app`` is the composition root (settings -> database -> services -> PTB application); the
rest of this package translates between Telegram or the command line and the domain's use cases.
"""
