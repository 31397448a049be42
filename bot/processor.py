"""Concurrent updates, one user at a time.

PTB's plain ``concurrent_updates=True`` processes every update in parallel, which lets two quick
presses of the same person race each other; a ``ConversationHandler`` under it was measured to drop
updates. This processor runs different people in parallel and each person's updates strictly in
arrival order (``asyncio.Lock`` wakes waiters first-in, first-out). The database stays the truth:
on several processes, row locks and session versions serialise what this lock cannot see.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
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

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        owner = update_owner(update)
        if owner is None:
            await coroutine
            return
        lock = self._locks.setdefault(owner, asyncio.Lock())
        self._waiting[owner] = self._waiting.get(owner, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[owner] -= 1
            if self._waiting[owner] == 0:  # nobody queued: forget the lock, memory stays flat
                del self._waiting[owner]
                del self._locks[owner]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
