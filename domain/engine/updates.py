"""Handling every Telegram update once, however many processes receive it.

Telegram retries a webhook delivery it thinks failed, and behind a load balancer the retry may
reach another bot process; the first process to record the update id handles it.
"""

from __future__ import annotations

from datetime import timedelta

from domain.clock import Clock
from domain.engine.ports import EngineUnitOfWork
from domain.unit_of_work import UnitOfWorkFactory

KEEP_FOR = timedelta(days=2)  # Telegram gives up on an update after 24 hours


class UpdateGate:
    def __init__(self, uow: UnitOfWorkFactory[EngineUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def first_time(self, update_id: int) -> bool:
        async with self._uow() as uow:
            fresh = await uow.updates.first_time(update_id, now=self._clock.now())
            await uow.commit()
            return fresh

    async def prune(self) -> int:
        async with self._uow() as uow:
            dropped = await uow.updates.forget_before(self._clock.now() - KEEP_FOR)
            await uow.commit()
            return dropped
