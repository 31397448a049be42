"""Replies that survive Telegram's bad moments.

A reply (``sendMessage``, ``editMessageText``, ``answerCallbackQuery``...) confirms an answer that
is already committed, so a hiccup of Telegram's must not fail the update. :func:`persist` makes
one Bot API call and retries it the way the outbox does: ``RetryAfter`` is honoured, a 5xx or a
network error or time-out is retried with back-off (0.5 s, 1 s, 2 s, 4 s, ...), all within
``REPLY_BUDGET`` seconds; after that it raises :class:`ReplyFailed` and the caller decides (a
message goes to the outbox, a button answer or a tidy-up edit is given up). A refusal
(``BadRequest``, ``Forbidden``) is never retried: it would be refused again.

What a retry can repeat: an edit that Telegram applied before its answer was lost is answered
"message is not modified" the second time, which the callers treat as done (editing is
idempotent). A ``sendMessage`` whose answer timed out may have been delivered; there is no way to
ask Telegram, so it is sent again and may show twice — only after a read time-out, which is rare;
429s, 5xx answers and connection failures never delivered anything.

Each retry is one WARNING line naming the method and what Telegram answered (never the chat or
the text): a hiccup is worth knowing about, not an error.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram.error import BadRequest, NetworkError, RetryAfter

log = logging.getLogger(__name__)
T = TypeVar("T")
REPLY_BUDGET = 20.0  # seconds a reply may take, retries included
FIRST_BACKOFF = 0.5
MAX_BACKOFF = 4.0


class ReplyFailed(Exception):
    """Telegram did not take the call within the budget; ``cause`` is its last answer."""

    def __init__(self, method: str, cause: BaseException) -> None:
        super().__init__(f"{method} failed: {type(cause).__name__}: {cause}")
        self.method = method
        self.cause = cause


async def persist(
    call: Callable[[], Awaitable[T]],
    method: str,
    *,
    budget: float = REPLY_BUDGET,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """``await call()``, retried on ``RetryAfter``, 5xx and network errors within ``budget``.

    ``BadRequest`` (a refusal) and every other error pass through unchanged."""
    deadline = clock() + budget
    backoff = FIRST_BACKOFF
    while True:
        try:
            return await call()
        except BadRequest:
            raise
        except RetryAfter as error:
            wait = _seconds(error.retry_after)
            failure: BaseException = error
        except NetworkError as error:  # 5xx, connection failures, time-outs
            wait, backoff = backoff, min(backoff * 2, MAX_BACKOFF)
            failure = error
        if clock() + wait > deadline:
            raise ReplyFailed(method, failure) from failure
        log.warning(
            "Telegram answered %s to %s; retrying in %.1f s", _describe(failure), method, wait
        )
        await sleep(wait)


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__} ({error})"


def refused_because(error: BadRequest, *reasons: str) -> bool:
    """Whether Telegram's refusal says one of ``reasons`` (its descriptions vary in case)."""
    description = str(error).lower()
    return any(reason in description for reason in reasons)
