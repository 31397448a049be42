"""Concurrent updates, one person at a time, in update id order.

PTB's plain ``concurrent_updates=True`` processes every update in parallel, which lets two quick
presses of the same person race each other; a ``ConversationHandler`` under it was measured to drop
updates. This processor runs different people in parallel and each person's updates one at a time,
smallest update id first (Telegram numbers updates in the order they happened). The database stays
the truth: on several processes, row locks and session versions serialise what it cannot see, and
an update received while the same person's earlier one is held by another process waits for it
(:mod:`bot.receipt`).

The person's turn is taken *before* one of the ``max_concurrent_updates`` slots: PTB's own
``process_update`` takes the slot first, so a burst of 200 updates from one person would hold
every slot while 199 of them merely wait for that person, and everyone else would wait behind
them. Here a waiting update holds no slot; only the update being handled does.
"""

from __future__ import annotations

import asyncio
import heapq
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from telegram import Update
from telegram.ext import BaseUpdateProcessor

WAIT_STEP = 0.1  # seconds between two looks at another process's earlier update
Blocked = Callable[[], Awaitable[bool]]


@dataclass(frozen=True, slots=True)
class Resume:
    """An update taken over whose effect had committed before its process stopped: it is not
    handled again (``bot.core.fallback.on_resume`` shows the person where they are)."""

    update: Update


def received(item: object) -> Update | None:
    """The Telegram update an item of the update queue stands for."""
    if isinstance(item, Resume):
        return item.update
    return item if isinstance(item, Update) else None


def update_owner(item: object) -> int | None:
    """The id whose updates must not overlap: the sender, else the chat."""
    update = received(item)
    if update is None:
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class Receipts(Protocol):
    """What the processor asks of the durable receipt (:class:`bot.receipt.Receipt`)."""

    def blocked(self, update: object) -> Blocked | None:
        """For an update that may have to wait for another process: a check of whether it
        still must (``None``: it never has to)."""
        ...

    def handling(self, update: object) -> AbstractContextManager[None]: ...
    async def done(self, update: object) -> None: ...


class _Line:
    """One person's updates: whether one is being handled, and the ids of those waiting."""

    __slots__ = ("busy", "changed", "waiting")

    def __init__(self) -> None:
        self.busy = False
        self.waiting: list[int] = []  # a heap: the smallest id goes next
        self.changed = asyncio.Event()

    def notify(self) -> None:
        self.changed.set()
        self.changed = asyncio.Event()

    def leave(self, key: int) -> None:
        self.waiting.remove(key)
        heapq.heapify(self.waiting)


class Turns:
    """Each person's updates one at a time, smallest update id first."""

    def __init__(self) -> None:
        self._lines: dict[int, _Line] = {}

    def __len__(self) -> int:
        return len(self._lines)

    @asynccontextmanager
    async def turn(self, owner: int, key: int, blocked: Blocked | None) -> AsyncIterator[None]:
        # No await between looking the line up and joining it (here), nor between leaving it
        # and dropping it (below): on one event loop nothing interleaves, so a line is dropped
        # only when nobody is in it.
        line = self._lines.setdefault(owner, _Line())
        heapq.heappush(line.waiting, key)
        took = False
        try:
            await self._wait(line, key, blocked)
            took = True
            yield
        finally:
            if took:
                line.busy = False
            else:
                line.leave(key)
            line.notify()
            if not line.busy and not line.waiting:
                del self._lines[owner]

    @staticmethod
    async def _wait(line: _Line, key: int, blocked: Blocked | None) -> None:
        while True:
            while line.busy or line.waiting[0] != key:
                await line.changed.wait()
            line.busy = True  # ours while we ask whether another process is still ahead
            try:
                go = blocked is None or not await blocked()
            except BaseException:
                line.busy = False
                raise
            if go:
                line.leave(key)
                return
            line.busy = False
            line.notify()  # an earlier update (taken over meanwhile) may go first
            await asyncio.sleep(WAIT_STEP)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int, receipts: Receipts | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._turns = Turns()
        self._receipts = receipts

    async def process_update(  # type: ignore[misc]  # PTB marks it @final; see the docstring
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """The person's turn first, then a concurrency slot, then the handlers."""
        owner = update_owner(update)
        started = False
        try:
            if owner is None:
                async with self._semaphore:
                    started = True
                    await self._handle(update, coroutine)
                return
            telegram = received(update)
            assert telegram is not None
            blocked = self._receipts.blocked(update) if self._receipts else None
            async with self._turns.turn(owner, telegram.update_id, blocked), self._semaphore:
                started = True
                await self._handle(update, coroutine)
        finally:
            if not started and inspect.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: it never ran, and never will

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._receipts is None:
            await coroutine
            return
        try:
            with self._receipts.handling(update):
                await coroutine
        except Exception:  # PTB's error handlers have had it: handled, if badly
            await self._receipts.done(update)
            raise
        # Done inside the person's turn: their next update waits for it. (Cancelled, at a
        # shutdown, it stays in the inbox and the next start handles it.)
        await self._receipts.done(update)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Unused (``process_update`` does the work); required by the base class."""
        await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def queued_users(self) -> int:
        """People with an update being handled or waiting (for tests and diagnostics)."""
        return len(self._turns)
