"""Sending the outbox within Telegram's limits, at the full configured rate.

Telegram allows about 30 messages a second per bot and one a second per chat. PTB's default
``AIORateLimiter`` lets a burst of 30 out at once and, after a 429, releases its queue together
(measured to lose messages against a strict server). This dispatcher paces itself instead: one
send every ``SPREAD / rate`` seconds with no burst, at most one a second per chat, and after
``RetryAfter`` it pauses and hands what it holds back to the queue.

**Pipelined.** A send does not wait for the previous answer: at 50 ms a round trip and 25 a
second, two or three requests are in flight (at most ``rate`` of them). Messages are claimed
about a second's worth at a time, the next claim made while the last ones go out; the messages
Telegram accepted are marked sent together every ``MARK_EVERY`` seconds (one transaction for
several messages). A claim's lease is two minutes, so a message is sent without touching the
database first; only one held longer than ``TRUST_LEASE`` (a stalled process) is renewed, and
skipped if another process took it over meanwhile (``storage.outbox``).

**One process sends.** Only the process holding the :class:`~domain.outbox.SendingTurn` claims
and sends (PostgreSQL: an advisory lock; SQLite has one process), so the rate is the bot's
whatever the number of processes; the others try every ``TURN_RETRY`` seconds and take over
within seconds when the sender dies.

**Idle.** With nothing due the dispatcher sleeps until the earliest pending message is due, or
``IDLE_MAX`` seconds (one read: when is the next message due), and a unit of work that queued a
message in this process wakes it at once (``wake``); a message queued by another process waits
at most ``IDLE_MAX``.

A crash repeats at most the messages Telegram accepted in the last ``MARK_EVERY`` seconds and a
round trip (docs/architecture.md). One message never stops the others: a message that cannot be
rendered is marked failed, and any error Telegram answers is handled for that message alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot

from bot.callbacks import Codecs
from bot.outbox_send import MAX_ATTEMPTS, Rendered, deliver, render
from bot.pacing import Pacer
from domain.clock import Clock
from domain.outbox import OutboxQueue, QueuedMessage, SendingTurn

__all__ = ["IDLE_MAX", "LEASE", "MAX_ATTEMPTS", "SPREAD", "TURN_RETRY", "OutboxDispatcher", "Pacer"]

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
TRUST_LEASE = 60.0  # seconds after a claim within which a send needs no renewal of the lease
CHAT_INTERVAL = 1.0  # seconds between Telegram's answer to one message to a chat and the next
# The sends of one second are spread over 1.03 s: a request that reaches Telegram up to 30 ms
# later than the next ones (the event loop or the network busy) cannot put rate + 1 in a second.
SPREAD = 1.03
BATCH_SECONDS = 0.9  # of sending per claim
REFILL_SECONDS = 0.5  # the next claim is made when less than this much sending is left
MARK_EVERY = 0.25  # seconds between two transactions marking messages sent
IDLE_MAX = 5.0  # seconds an idle dispatcher sleeps at most (messages other processes queue)
TURN_RETRY = 2.0  # seconds between two tries to take the sending turn
STUCK_RETRY = 1.0  # seconds: a message is due but could not be claimed (another holds its row)
MAX_PAUSE = 30.0  # seconds, the longest pause after the database failed
FORGET_CHAT_AFTER = 60.0  # seconds after which a chat's last send no longer matters
KEEP_SENT = timedelta(days=30)  # sent, failed and blocked rows are pruned after this


@dataclass(slots=True)
class _Claimed:
    message: QueuedMessage
    at: float  # monotonic time of the claim


class _Always:
    """The sending turn of a process that is the only one (the default: tests, SQLite)."""

    async def take(self) -> bool:
        return True

    async def give_up(self) -> None:
        return None


class OutboxDispatcher:
    def __init__(
        self,
        queue: OutboxQueue,
        clock: Clock,
        *,
        codecs: Codecs,
        rate: float,
        timezone: str,
        turn: SendingTurn | None = None,
        in_flight: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._queue = queue
        self._clock = clock
        self._codecs = codecs
        self._timezone = timezone
        self._turn: SendingTurn = turn or _Always()
        self._monotonic = monotonic
        self._pacer = Pacer(rate, spread=SPREAD, clock=monotonic, sleep=sleep)
        self._batch = max(1, int(rate * BATCH_SECONDS))
        self._low = max(1, int(rate * REFILL_SECONDS))
        self._slots = asyncio.Semaphore(in_flight or max(4, math.ceil(rate)))
        self._ready: deque[_Claimed] = deque()
        self._tasks: set[asyncio.Task[None]] = set()
        self._busy: set[int] = set()  # chats with a message in flight
        self._last_sent: dict[int, float] = {}
        self._answered: list[tuple[int, str | None]] = []  # accepted, not yet marked sent
        self._last_mark = float("-inf")
        self._marking: asyncio.Task[None] | None = None
        self._claiming: asyncio.Task[bool] | None = None
        self._sent = 0
        self._doorbell = asyncio.Event()
        self._stopping = False
        self._running: asyncio.Task[None] | None = None

    # --- the ways in -----------------------------------------------------------------------

    async def run_once(self, bot: Bot) -> int:
        """Claim what is due (``BATCH_SECONDS`` of sending) and send it; how many were sent,
        once every answer is in and marked."""
        if self._pacer.paused_for() > 0:
            return 0  # after RetryAfter: claim nothing another process could send meanwhile
        before = self._sent
        self._forget_idle_chats()
        if await self._claim():
            await self._send_ready(bot, refill=False)
        await self._settle()
        return self._sent - before

    def start(self, bot: Bot) -> None:
        """Send in the background until :meth:`stop` (the bot's start-up calls it)."""
        if self._running is None:
            self._running = asyncio.create_task(self.run(bot), name="outbox-dispatcher")

    async def stop(self) -> None:
        """Finish what is in flight, mark it, hand the rest back, give the turn up."""
        self._stopping = True
        self._doorbell.set()
        if self._running is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._running
            self._running = None
        await self._turn.give_up()

    def wake(self) -> None:
        """A message was queued in this process: look now rather than after the idle sleep."""
        self._doorbell.set()

    async def run(self, bot: Bot) -> None:
        """Send whatever is due, for as long as this process holds the sending turn."""
        pause = 1.0
        while not self._stopping:
            try:
                wait = await self.send_due(bot)
                pause = 1.0
            except Exception as error:  # noqa: BLE001 - the database is away: later
                log.warning("outbox: %s: %s; again in %.0f s", type(error).__name__, error, pause)
                wait, pause = pause, min(pause * 2, MAX_PAUSE)
            if wait > 0 and not self._stopping:
                await self._settle()  # nothing accepted stays unmarked while this process waits
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._doorbell.wait(), wait)
        await self._release_ready(0.0, "shutting down")
        await self._settle()

    @property
    def paced_chats(self) -> int:
        """Chats remembered for the one-a-second pace (those written to in the last minute)."""
        return len(self._last_sent)

    async def prune(self) -> int:
        """Delete messages sent, failed or blocked more than 30 days ago; how many."""
        return await self._queue.prune(before=self._clock.now() - KEEP_SENT)

    # --- the loop --------------------------------------------------------------------------

    async def send_due(self, bot: Bot) -> float:
        """Send while something is due (claiming more as it goes); how many seconds until it
        is worth looking again: 0 after sending, until the next message is due when idle (at
        most ``IDLE_MAX``), ``TURN_RETRY`` while another process holds the sending turn."""
        if not await self._turn.take():
            return TURN_RETRY
        paused = self._pacer.paused_for()
        if paused > 0:
            return paused
        self._forget_idle_chats()
        self._doorbell.clear()
        # one read first: an idle outbox costs no write transaction (SQLite's writer lock)
        due = await self._queue.next_due()
        wait = IDLE_MAX if due is None else (due - self._clock.now()).total_seconds()
        if wait <= 0 and await self._claim():
            await self._send_ready(bot, refill=True)
            return 0.0
        await self._settle()
        # due but nothing to claim: rows another transaction holds; look again in a second
        return min(IDLE_MAX, wait if wait > 0 else STUCK_RETRY)

    async def _claim(self) -> bool:
        """Claim the next batch into the ready queue (if this process still holds the turn)."""
        if not await self._turn.take():
            return False
        batch = await self._queue.claim(now=self._clock.now(), limit=self._batch, lease=LEASE)
        claimed_at = self._monotonic()
        self._ready.extend(_Claimed(message, claimed_at) for message in batch)
        return bool(batch)

    async def _send_ready(self, bot: Bot, *, refill: bool) -> None:
        """Send the ready queue in order; with ``refill``, claim more as it runs low."""
        while not self._stopping:
            if refill and len(self._ready) < self._low and self._claiming is None:
                self._claiming = asyncio.create_task(self._claim())
            if not self._ready and self._claiming is not None:
                claiming, self._claiming = self._claiming, None
                await claiming
            elif self._claiming is not None and self._claiming.done():
                self._claiming.result()  # a failed claim is raised here
                self._claiming = None
            if not self._ready:
                return
            await self._send(bot, self._ready.popleft())
            if self._pacer.paused_for() > 0:  # Telegram answered RetryAfter
                seconds = max(self._pacer.paused_for(), CHAT_INTERVAL)
                await self._release_ready(seconds, "paused after RetryAfter")
                return

    async def _send(self, bot: Bot, claimed: _Claimed) -> None:
        message = claimed.message
        chat = message.chat_id
        wait = CHAT_INTERVAL - (self._monotonic() - self._last_sent.get(chat, -1e9))
        if chat in self._busy or wait > 0:
            await self._release([message], max(wait, CHAT_INTERVAL), "per-chat pace")
            return
        try:
            rendered = await render(message, self._codecs, self._timezone)
        except Exception as error:  # noqa: BLE001 - a renamed text key or action, a bad zone...
            reason = f"cannot render: {type(error).__name__}: {error}"
            # one line, no traceback: the reason says what is wrong with the message
            log.error("outbox message %s (%s) failed: %s", message.id, message.key, reason)  # noqa: TRY400
            await self._queue.mark_failed(message.id, error=reason, claim=message.claim)
            return
        await self._slots.acquire()  # at most so many requests in flight
        slot = await self._pacer.wait() if self._pacer.paused_for() == 0 else None
        if slot is None or self._pacer.paused_for() > 0:  # a RetryAfter came meanwhile
            self._slots.release()
            self._ready.appendleft(claimed)
            return
        if self._monotonic() - claimed.at > TRUST_LEASE and not await self._queue.renew(
            message.id, claim=message.claim, now=self._clock.now(), lease=LEASE
        ):
            self._slots.release()
            # sent or dropped meanwhile, or taken over by another sender after our lease ran out
            log.info("outbox message %s skipped: no longer pending under this claim", message.id)
            return
        self._busy.add(chat)
        task = asyncio.create_task(self._deliver(bot, message, rendered, slot))
        self._tasks.add(task)
        task.add_done_callback(self._delivered)

    async def _deliver(
        self, bot: Bot, message: QueuedMessage, rendered: Rendered, slot: list[float]
    ) -> None:
        self._pacer.left(slot)
        try:
            outcome = await deliver(bot, message, rendered, self._queue, self._clock)
            if outcome.retry_after is not None:
                self._pacer.pause(outcome.retry_after)
                self._pacer.widen()
            elif outcome.kind == "sent":
                self._last_sent[message.chat_id] = self._monotonic()
                self._answered.append((message.id, message.claim))
                self._sent += 1
                self._mark_soon()
            elif outcome.kind == "blocked":
                await self._drop_chat(message.chat_id)
        finally:
            self._busy.discard(message.chat_id)

    def _delivered(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._slots.release()
        error = None if task.cancelled() else task.exception()
        if error is not None:  # the database failed while recording Telegram's answer
            log.warning("outbox: an answer was not recorded: %s: %s", type(error).__name__, error)

    async def _drop_chat(self, chat: int) -> None:
        """The person blocked the bot: what this process holds for them is blocked too."""
        theirs = [c for c in self._ready if c.message.chat_id == chat]
        for claimed in theirs:
            self._ready.remove(claimed)
            message = claimed.message
            now = self._clock.now()
            await self._queue.mark_blocked(message.id, chat, now=now, claim=message.claim)

    # --- bookkeeping -------------------------------------------------------------------------

    def _mark_soon(self) -> None:
        """Mark the accepted messages sent, at most every ``MARK_EVERY`` seconds."""
        if self._marking is not None or not self._answered:
            return
        if self._monotonic() - self._last_mark >= MARK_EVERY:
            self._marking = asyncio.create_task(self._mark())

    async def _mark(self) -> None:
        batch, self._answered = self._answered, []
        self._last_mark = self._monotonic()
        try:
            marked = await self._queue.mark_sent_many(batch, now=self._clock.now())
        except Exception as error:  # noqa: BLE001 - the database is away: next time
            self._answered = batch + self._answered
            log.warning("outbox: %d sent message(s) not marked yet: %s", len(batch), error)
            return
        finally:
            self._marking = None
        if marked < len(batch):
            lost = len(batch) - marked
            log.warning("outbox: %d message(s) sent, but their claim was lost meanwhile", lost)

    async def _settle(self) -> None:
        """Wait for every answer, then mark what was accepted."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._marking is not None:
            await self._marking
        if self._answered:
            await self._mark()

    async def _release_ready(self, seconds: float, reason: str) -> None:
        held = [claimed.message for claimed in self._ready]
        self._ready.clear()
        await self._release(held, seconds, reason)

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
