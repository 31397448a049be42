"""Sending the outbox within Telegram's limits.

Telegram allows about 30 messages a second per bot and one a second per chat. PTB's default
``AIORateLimiter`` lets a burst of 30 out at once and, after a 429, releases its queue together
(measured to lose messages against a strict server). This dispatcher paces itself instead: one
send every ``1/rate`` seconds with no burst, at most one a second per chat, and after
``RetryAfter`` it pauses the whole sender (this process) and returns the rest of its batch to the
queue.

Each run claims at most ``0.9 × rate`` messages (0.9 s of sending), so a batch ends long before its
lease and, at ordinary latencies, before the next run is due a second later: the scheduler does not
skip a run (which would leave the sender idle for a whole second). A backlog thus goes out at about
0.9 × ``rate`` a second. The lease is renewed right before each send and a
message whose claim another process took over is skipped; every update of a row names the claim
(``storage.outbox``), so a sender that lost its lease changes nothing. One message never stops the
others: a message that cannot be rendered is marked failed, and any error Telegram answers is
handled for that message alone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.callbacks import Codecs
from bot.i18n import t
from bot.keyboards import inline
from bot.render.completion_chart import photo_of
from bot.screens import text
from domain.clock import Clock
from domain.outbox import RENDERED_REPLY, OutboxQueue, QueuedMessage

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 8
CHAT_INTERVAL = 1.0  # seconds between two messages to one chat
RUN_SECONDS = 0.9  # of sending per run: the job runs every second, claims and marks take time
FORGET_CHAT_AFTER = 60.0  # seconds after which a chat's last send no longer matters
KEEP_SENT = timedelta(days=30)  # sent, failed and blocked rows are pruned after this


class Pacer:
    """Spaces sends ``1/rate`` seconds apart (monotonic clock), with an optional pause.

    ``clock`` and ``sleep`` default to ``time.monotonic`` and ``asyncio.sleep``; tests pass fakes.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._resume_at = float("-inf")

    async def wait(self) -> None:
        delay = self._next - self._clock()
        if delay > 0:
            await self._sleep(delay)
        self._next = max(self._next, self._clock()) + self.interval

    def pause(self, seconds: float) -> None:
        """Send nothing for ``seconds``; afterwards one send per interval again (no burst)."""
        self._resume_at = max(self._resume_at, self._clock() + seconds)
        self._next = max(self._next, self._resume_at)

    def paused_for(self) -> float:
        """Seconds left of the current pause (0 when not paused)."""
        return max(0.0, self._resume_at - self._clock())


class OutboxDispatcher:
    def __init__(
        self,
        queue: OutboxQueue,
        clock: Clock,
        *,
        codecs: Codecs,
        rate: float,
        timezone: str,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._queue = queue
        self._clock = clock
        self._codecs = codecs
        self._monotonic = monotonic
        self._pacer = Pacer(rate, clock=monotonic, sleep=sleep)
        self._limit = max(1, int(rate * RUN_SECONDS))
        self._timezone = timezone
        self._last_sent: dict[int, float] = {}

    async def run_once(self, bot: Bot) -> int:
        """Claim what is due and send it; returns how many were sent."""
        if self._pacer.paused_for() > 0:
            return 0  # after RetryAfter: claim nothing another process could send meanwhile
        self._forget_idle_chats()
        batch = await self._queue.claim(now=self._clock.now(), limit=self._limit, lease=LEASE)
        sent = 0
        for position, message in enumerate(batch):
            outcome = await self._send(bot, message)
            if outcome == "sent":
                sent += 1
            elif outcome == "paused":
                seconds = max(self._pacer.paused_for(), CHAT_INTERVAL)
                await self._release(batch[position + 1 :], seconds, "paused after RetryAfter")
                break
        return sent

    @property
    def paced_chats(self) -> int:
        """Chats remembered for the one-a-second pace (those written to in the last minute)."""
        return len(self._last_sent)

    async def prune(self) -> int:
        """Delete messages sent, failed or blocked more than 30 days ago; how many."""
        return await self._queue.prune(before=self._clock.now() - KEEP_SENT)

    async def _send(self, bot: Bot, message: QueuedMessage) -> str:
        wait = CHAT_INTERVAL - (self._monotonic() - self._last_sent.get(message.chat_id, -1e9))
        if wait > 0:
            await self._release([message], wait, "per-chat pace")
            return "deferred"
        try:
            body, markup = self._render(message)
            photo = await asyncio.to_thread(photo_of, message.params, message.language or "id")
        except Exception as error:  # noqa: BLE001 - a renamed text key or action, a bad zone...
            reason = f"cannot render: {_name(error)}: {error}"
            # one line, no traceback: the reason says what is wrong with the message
            log.error("outbox message %s (%s) failed: %s", message.id, message.key, reason)  # noqa: TRY400
            await self._queue.mark_failed(message.id, error=reason, claim=message.claim)
            return "failed"
        await self._pacer.wait()
        if not await self._queue.renew(
            message.id, claim=message.claim, now=self._clock.now(), lease=LEASE
        ):
            # sent or dropped meanwhile, or taken over by another sender after our lease ran out
            log.info("outbox message %s skipped: no longer pending under this claim", message.id)
            return "lost"
        return await self._deliver(bot, message, body, markup, photo)

    async def _deliver(
        self,
        bot: Bot,
        message: QueuedMessage,
        body: str,
        markup: InlineKeyboardMarkup | None,
        photo: bytes | None = None,
    ) -> str:
        """Send one rendered message (a picture with the text as its caption when it asks for
        one) and record what Telegram answered."""
        claim = message.claim
        try:
            if photo is None:
                await bot.send_message(
                    message.chat_id, body, parse_mode=ParseMode.HTML, reply_markup=markup
                )
            else:
                await bot.send_photo(
                    message.chat_id,
                    photo,
                    caption=body,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                )
        except RetryAfter as error:
            wait_for = error.retry_after
            seconds = float(
                wait_for.total_seconds() if isinstance(wait_for, timedelta) else wait_for
            )
            log.warning("Telegram asked to wait %.0f s; outbox sending paused", seconds)
            self._pacer.pause(seconds)
            await self._queue.retry_later(
                message.id,
                not_before=self._clock.now() + timedelta(seconds=seconds),
                error="RetryAfter",
                failed=False,
                claim=claim,
            )
            return "paused"
        except Forbidden:
            await self._queue.mark_blocked(
                message.id, message.chat_id, now=self._clock.now(), claim=claim
            )
            return "blocked"
        except BadRequest as error:
            log.warning("outbox message %s refused by Telegram: %s", message.id, error)
            await self._queue.mark_failed(message.id, error=str(error), claim=claim)
            return "failed"
        except TelegramError as error:  # TimedOut, NetworkError, ChatMigrated, Conflict, ...
            log.warning("outbox message %s not sent: %s: %s", message.id, _name(error), error)
            await self._retry_with_backoff(message, f"{_name(error)}: {error}")
            return "retry"
        except Exception as error:
            log.exception("outbox message %s: unexpected error while sending", message.id)
            await self._retry_with_backoff(message, f"{_name(error)}: {error}")
            return "retry"
        self._last_sent[message.chat_id] = self._monotonic()
        if not await self._queue.mark_sent(message.id, now=self._clock.now(), claim=claim):
            log.warning("outbox message %s sent, but its claim was lost meanwhile", message.id)
        return "sent"

    def _render(self, message: QueuedMessage) -> tuple[str, InlineKeyboardMarkup | None]:
        if message.key == RENDERED_REPLY:  # a late reply, rendered when it was first sent
            return str(message.params["html"]), _rendered_buttons(str(message.params["buttons"]))
        lang = message.language or "id"
        body = text(lang, message.timezone or self._timezone, message.key, message.params)
        # an action this version does not know (UnreadableAction) has no codec: NoCodec
        markup = inline(
            [[(t(lang, b.label, **b.params), b.action) for b in row] for row in message.buttons],
            self._codecs,
        )
        return body, markup

    async def _retry_with_backoff(self, message: QueuedMessage, error: str) -> None:
        if message.attempts + 1 >= MAX_ATTEMPTS:
            log.warning("outbox message %s given up after %s attempts", message.id, MAX_ATTEMPTS)
            await self._queue.mark_failed(message.id, error=error, claim=message.claim)
            return
        await self._queue.retry_later(
            message.id,
            not_before=self._clock.now() + timedelta(seconds=2 ** (message.attempts + 1)),
            error=error,
            claim=message.claim,
        )

    async def _release(self, messages: list[QueuedMessage], seconds: float, reason: str) -> None:
        """Hand messages back without counting a failed attempt."""
        for message in messages:
            await self._queue.retry_later(
                message.id,
                not_before=self._clock.now() + timedelta(seconds=seconds),
                error=reason,
                failed=False,
                claim=message.claim,
            )

    def _forget_idle_chats(self) -> None:
        now = self._monotonic()
        idle = [chat for chat, at in self._last_sent.items() if now - at > FORGET_CHAT_AFTER]
        for chat in idle:
            del self._last_sent[chat]


def _rendered_buttons(encoded: str) -> InlineKeyboardMarkup | None:
    """A late reply's buttons: ``[[label, callback data], ...]`` as they were first sent."""
    rows = [
        [InlineKeyboardButton(label, callback_data=data) for label, data in row]
        for row in json.loads(encoded)
        if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _name(error: BaseException) -> str:
    return type(error).__name__
