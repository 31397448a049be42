"""Sending the outbox within Telegram's limits.

Telegram allows about 30 messages a second per bot and one a second per chat. PTB's default
``AIORateLimiter`` lets a burst of 30 out at once and, after a 429, releases its queue together
(measured to lose messages against a strict server). This dispatcher paces itself instead: one
send every ``1/rate`` seconds with no burst, at most one a second per chat, and after
``RetryAfter`` it pauses the whole sender and returns the rest of its batch to the queue.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.callbacks import action
from bot.keyboards import inline
from bot.texts import t
from bot.views import text
from domain.ports import Clock, OutboxQueue, QueuedMessage

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 8


class Pacer:
    """Spaces sends ``1/rate`` seconds apart (monotonic clock), with an optional pause."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        delay = self._next - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        self._next = max(self._next, time.monotonic()) + self.interval

    def pause(self, seconds: float) -> None:
        self._next = max(self._next, time.monotonic() + seconds)


class OutboxDispatcher:
    def __init__(self, queue: OutboxQueue, clock: Clock, *, rate: float, timezone: str) -> None:
        self._queue = queue
        self._clock = clock
        self._pacer = Pacer(rate)
        self._rate = rate
        self._timezone = timezone
        self._last_sent: dict[int, float] = {}

    async def run_once(self, bot: Bot) -> int:
        """Claim what is due and send it; returns how many were sent."""
        batch = await self._queue.claim(
            now=self._clock.now(), limit=max(1, round(self._rate * 2)), lease=LEASE
        )
        sent = 0
        for position, message in enumerate(batch):
            outcome = await self._send(bot, message)
            if outcome == "sent":
                sent += 1
            elif outcome == "paused":
                await self._release(batch[position + 1 :], "paused after RetryAfter")
                break
        return sent

    async def _send(self, bot: Bot, message: QueuedMessage) -> str:
        if time.monotonic() - self._last_sent.get(message.chat_id, -10.0) < 1.0:
            await self._release([message], "per-chat pace")
            return "deferred"
        await self._pacer.wait()
        lang = message.language or "id"
        try:
            await bot.send_message(
                message.chat_id,
                text(lang, self._timezone, message.key, message.params),
                parse_mode=ParseMode.HTML,
                reply_markup=inline(
                    [
                        [(t(lang, b.label, **b.params), action(b.data)) for b in row]
                        for row in message.buttons
                    ]
                ),
            )
        except RetryAfter as error:
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            self._pacer.pause(float(seconds))
            await self._queue.retry_later(
                message.id,
                not_before=self._clock.now() + timedelta(seconds=float(seconds)),
                error="RetryAfter",
                failed=False,
            )
            return "paused"
        except Forbidden:
            await self._queue.mark_blocked(message.id, message.chat_id, now=self._clock.now())
            return "blocked"
        except BadRequest as error:
            log.warning("outbox message %s refused by Telegram: %s", message.id, error)
            await self._queue.mark_failed(message.id, error=str(error))
            return "failed"
        except (TimedOut, NetworkError) as error:
            await self._retry_with_backoff(message, str(error))
            return "retry"
        self._last_sent[message.chat_id] = time.monotonic()
        await self._queue.mark_sent(message.id, now=self._clock.now())
        return "sent"

    async def _retry_with_backoff(self, message: QueuedMessage, error: str) -> None:
        if message.attempts + 1 >= MAX_ATTEMPTS:
            await self._queue.mark_failed(message.id, error=error)
            return
        await self._later(message, float(2 ** (message.attempts + 1)), error)

    async def _later(self, message: QueuedMessage, seconds: float, error: str) -> None:
        await self._queue.retry_later(
            message.id, not_before=self._clock.now() + timedelta(seconds=seconds), error=error
        )

    async def _release(self, messages: list[QueuedMessage], reason: str) -> None:
        for message in messages:
            await self._queue.retry_later(
                message.id,
                not_before=self._clock.now() + timedelta(seconds=1),
                error=reason,
                failed=False,
            )
