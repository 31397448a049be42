"""Logging set-up: one line per event, and the bot token never reaches a log or the terminal.

Secrets are replaced in the *formatted* record (message, arguments, traceback and stack alike),
and ``sys.excepthook`` redacts an uncaught exception's traceback the same way: PTB's
``InvalidToken`` says "The token `…` was rejected by the server", and httpx logs request URLs,
which carry the token.

Personal data: PTB logs every update and every Bot API result (registration codes, names,
messages) at DEBUG, so the ``telegram`` and ``httpx`` loggers stay at INFO / WARNING even when
``KINERJA_LOG_LEVEL=DEBUG``. The database libraries log every SQL statement with its parameters
(a citizen's Telegram id next to the service, the answers, the saran): SQLAlchemy at INFO/DEBUG
as soon as its logger is enabled, aiosqlite at DEBUG (each call with its arguments), asyncpg's pool
at DEBUG. They stay at WARNING whatever the level, and the engines are built with
``hide_parameters=True`` (``storage.database``), so not even an error's message carries the
parameters. DEBUG then shows the bot's own decisions only.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from types import TracebackType

from telegram.error import InvalidToken

REDACTED = "[REDACTED]"

# Loggers kept quiet whatever the level: they log secrets or personal data at DEBUG / INFO
# (``telegram`` logs every update and API result, ``httpx`` request URLs with the token), or noise
# (``apscheduler`` warns each time a job run is skipped because the previous one still runs).
QUIET_LOGGERS = {
    "telegram": logging.INFO,
    "telegram.ext.Updater": logging.WARNING,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.ERROR,
    "alembic": logging.WARNING,
    # SQL statements with their parameters (see the module's docstring)
    "sqlalchemy": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "asyncpg": logging.WARNING,
}

TOKEN_REJECTED = """\
Telegram rejected the bot token, so the bot cannot start.

The token in KINERJA_BOT_TOKEN (in .env or your shell) is wrong or no longer valid: it may have
been mistyped, cut short, or revoked with /revoke. Open Telegram, talk to @BotFather, send
/mybots, choose the bot and "API Token" to see its current token; put it in .env as
    KINERJA_BOT_TOKEN=123456789:AAH...
and run the bot again."""  # noqa: S105 - help about a token, not a token


class RedactSecrets(logging.Formatter):
    """A formatter whose output never contains a secret: the whole formatted record is redacted,
    so a secret in the message, its arguments, a traceback or a stack trace is replaced."""

    def __init__(
        self, secrets: Iterable[str], fmt: str | None = None, datefmt: str | None = None
    ) -> None:
        super().__init__(fmt, datefmt)
        # A bot token's part after the colon is the secret (the part before is the bot's id).
        parts = {s for s in secrets if s} | {
            s.partition(":")[2] for s in secrets if len(s.partition(":")[2]) >= 8
        }
        self._secrets = sorted(parts, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class NoTracebackForInvalidToken(logging.Filter):
    """PTB logs a rejected token with two tracebacks; ``kinerja run`` explains it in plain words
    instead (``bot.cli``), so the log keeps the one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], InvalidToken):
            record.exc_info = record.exc_text = None
        return True


def configure_logging(level: str, secrets: list[str]) -> None:
    formatter = RedactSecrets(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.addFilter(NoTracebackForInvalidToken())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name, quiet in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(max(quiet, logging.getLevelName(level)))
    hook = redacting_excepthook(formatter)
    sys.excepthook = hook
    threading.excepthook = lambda a: (
        None if a.exc_type is SystemExit else hook(a.exc_type, a.exc_value, a.exc_traceback)
    )


def redacting_excepthook(
    formatter: RedactSecrets,
) -> Callable[[type[BaseException], BaseException | None, TracebackType | None], None]:
    """``sys.excepthook`` printing an uncaught exception's traceback with secrets redacted."""

    def hook(
        kind: type[BaseException], error: BaseException | None, tb: TracebackType | None
    ) -> None:
        lines = traceback.format_exception(kind, error if error is not None else kind(), tb)
        sys.stderr.write(formatter.redact("".join(lines)))

    return hook
