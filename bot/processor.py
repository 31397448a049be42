"""Concurrent updates, one user at a time.

PTB's plain ``concurrent_updates=True`` processes every update in parallel, which lets two quick
presses of the same person race each other; a ``ConversationHandler`` under it was measured to drop
updates. This processor runs different people in parallel and each person's updates strictly in
arrival order (``asyncio.Lock`` wakes waiters first-in, first-out). The database stays the truth:
on several processes, row locks and session versions serialise what this lock cannot see.

The person's lock is taken *before* one of the ``max_concurrent_updates`` slots: PTB's own
``process_update`` takes the slot first, so a burst of 200 updates from one person would hold
every slot while 199 of them merely wait for that person's lock, and everyone else would wait
behind them. Here a queued update holds no slot; only the update being handled does.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def update_owner(update: object) -> int | None:
    """The id whose updates must not overlap: the sender, else the chat."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def process_update(  # type: ignore[misc]  # PTB marks it @final; see the docstring
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """The person's lock first (FIFO), then a concurrency slot, then the handlers."""
        owner = update_owner(update)
        lock: AbstractAsyncContextManager[object] = nullcontext()
        if owner is not None:
            # No await between looking the lock up and counting ourselves in (here), nor
            # between counting ourselves out and dropping the lock (below): on one event loop
            # no other task interleaves, so a lock is dropped only when nobody holds or awaits it.
            lock = self._locks.setdefault(owner, asyncio.Lock())
            self._waiting[owner] = self._waiting.get(owner, 0) + 1
        started = False
        try:
            async with lock, self._semaphore:
                started = True
                await coroutine
        finally:
            if owner is not None:
                self._waiting[owner] -= 1
                if self._waiting[owner] == 0:  # nobody queued: forget the lock, memory stays flat
                    del self._waiting[owner]
                    del self._locks[owner]
            if not started and inspect.iscoroutine(coroutine):
                coroutine.close()  # cancelled while queued: it never ran, and never will

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
        return len(self._locks)
