"""Durable receipt: the one path every update takes, polled or posted (``domain.engine.updates``).

::

    getUpdates batch / webhook POST
      ─► Receipt.record: the inbox, one transaction        (a crash now: Telegram sends it again)
      ─► Telegram told: the next offset / the webhook's 200  (a crash now: it is in the inbox)
      ─► PTB's update queue ─► PerUserUpdateProcessor: the person's turn, by update id
      ─► handlers: the first committing unit of work marks it applied, in its own transaction
      ─► Receipt.done: out of the inbox, before the person's next update starts

At start-up :meth:`Receipt.take_over` puts back into the queue whatever an earlier life left in
the inbox, before anything new is received; in webhook mode :meth:`Receipt.upkeep` renews this
process's leases and takes over the updates of a process that stopped renewing its own.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta

from telegram import Bot, Update

from bot.processor import Blocked, Resume, received, update_owner
from domain.clock import Clock
from domain.engine.updates import MAX_ATTEMPTS, Arrival, Inbox, Leftover

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=30)  # how long a webhook process holds an update without renewing
UPKEEP_SECONDS = 5.0  # how often it renews and looks for updates of a process that stopped
WAIT_LIMIT = 2 * LEASE.total_seconds() + UPKEEP_SECONDS  # then an update goes on regardless


class Receipt:
    """``shared``: several processes may receive updates (webhook mode)."""

    def __init__(self, inbox: Inbox, clock: Clock, *, shared: bool) -> None:
        self._inbox = inbox
        self._clock = clock
        self._shared = shared
        self._in_hand: dict[int, bool] = {}  # update id -> may have to wait for another process
        # Polling: updates whose handling is over, let go of with the next batch received (or
        # when the poller finds nothing), so an update costs one writing transaction, not two.
        self._finished: list[int] = []

    @property
    def in_hand(self) -> int:
        return len(self._in_hand)

    async def record(self, updates: Sequence[Update]) -> list[Update]:
        """Record ``updates`` in the inbox; the ones received for the first time, to handle.
        Raises when the database cannot take them: then Telegram must not be told."""
        arrivals = [Arrival(u.update_id, update_owner(u), u.to_json()) for u in updates]
        finished, self._finished = self._finished, []
        try:
            recorded = await self._inbox.record(
                arrivals, now=self._clock.now(), shared=self._shared, done=finished
            )
        except BaseException:
            self._finished = finished + self._finished
            raise
        for entry in recorded:
            self._in_hand[entry.update_id] = entry.waits
        fresh = {entry.update_id for entry in recorded}
        duplicates = len(updates) - len(fresh)
        if duplicates:
            log.info("%d update(s) received before were dropped", duplicates)
        return [update for update in updates if update.update_id in fresh]

    async def take_over(self, bot: Bot, *, everything: bool) -> list[Update | Resume]:
        """At start-up: what this process's earlier life (``everything``: any process) left."""
        found = await self._inbox.take_over(
            now=self._clock.now(), restarting=True, everything=everything
        )
        return await self._revive(bot, found)

    async def upkeep(self, bot: Bot) -> list[Update | Resume]:
        """Webhook mode, every few seconds: renew this process's leases, and take over the
        updates whose holder stopped renewing (a process that died)."""
        now = self._clock.now()
        if self._in_hand:
            await self._inbox.renew(now=now)
        return await self._revive(bot, await self._inbox.take_over(now=now, restarting=False))

    async def _revive(self, bot: Bot, leftovers: list[Leftover]) -> list[Update | Resume]:
        revived: list[Update | Resume] = []
        for left in leftovers:
            if left.attempts > MAX_ATTEMPTS:
                log.warning(
                    "update %s dropped: taken %s times, never done",
                    left.update_id,
                    left.attempts - 1,
                )
                await self._inbox.done([left.update_id])
                continue
            update = Update.de_json(json.loads(left.payload), bot)
            self._in_hand[update.update_id] = self._shared
            revived.append(Resume(update) if left.applied else update)
        if revived:
            log.info("%d update(s) received earlier and not done are handled now", len(revived))
        return revived

    # --- what the processor asks (bot.processor.Receipts)

    def blocked(self, item: object) -> Blocked | None:
        update = received(item)
        if update is None or not self._in_hand.get(update.update_id):
            return None
        owner, number = update_owner(update), update.update_id
        assert owner is not None
        deadline = time.monotonic() + WAIT_LIMIT

        async def still_waiting() -> bool:
            try:
                pending = await self._inbox.earlier_pending(owner, number)
            except Exception as error:  # noqa: BLE001 - the database is away: handle it anyway
                log.warning("update %s: could not look for earlier ones: %s", number, error)
                pending = False
            if pending and time.monotonic() < deadline:
                return True
            if pending:
                log.warning("update %s handled although an earlier one is still pending", number)
            self._in_hand[number] = False  # its turn has come: no more looks
            return False

        return still_waiting

    def handling(self, item: object) -> AbstractContextManager[None]:
        update = received(item)
        if update is not None and update.update_id in self._in_hand:
            return self._inbox.handling(update.update_id, applied=isinstance(item, Resume))
        return nullcontext()

    async def flush(self) -> None:
        """Let go of the updates whose handling is over (the poller found nothing new; a
        shutdown). A crash before leaves them in the inbox: after the restart one that had
        committed shows the person where they are (a ``Resume``), one that had not is handled
        again — a reply at worst twice, an effect never (its commit refuses)."""
        finished, self._finished = self._finished, []
        if not finished:
            return
        try:
            await self._inbox.done(finished)
        except Exception as error:  # noqa: BLE001 - the database is away: next time
            self._finished = finished + self._finished
            log.warning("%d handled update(s) still in the inbox: %s", len(finished), error)

    async def done(self, item: object) -> None:
        update = received(item)
        if update is None or update.update_id not in self._in_hand:
            return
        del self._in_hand[update.update_id]
        if not self._shared:  # one polling process: nobody else waits for it to go
            self._finished.append(update.update_id)
            return
        try:
            await self._inbox.done([update.update_id])
        except Exception as error:  # noqa: BLE001 - handled; it stays in the inbox
            # and after a restart its first commit refuses (applied already), or it runs again
            log.warning("update %s handled but still in the inbox: %s", update.update_id, error)
