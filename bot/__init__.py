"""The Telegram adapter, the CLI and rendering of kinerja-bot.

``bot.app`` is the composition root (settings -> database -> services -> PTB application); the
rest of this package translates between Telegram or the command line and the domain's use cases.
"""

import os

# python-telegram-bot 22 announces that time periods (RetryAfter.retry_after, ...) become
# timedelta objects and warns on every use of the old ints; opt in to the new behaviour now.
os.environ.setdefault("PTB_TIMEDELTA", "1")
