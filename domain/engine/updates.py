"""Receiving every Telegram update durably, handling it once, in each person's order.

**Durable receipt.** An update is written to the inbox before Telegram is told it arrived (the
next ``getUpdates`` offset, or the webhook's 200). From then on it is either handled, or still in
the inbox and handled after a restart: a crash at any instant never drops it. Its id is recorded
at the same moment (``processed_updates``, kept two days), so a delivery Telegram repeats, or an
update fetched again, is not received twice.

**Once.** The first transaction that commits an effect of the update marks it *applied*, in that
same transaction; if a restarted process handles it again, that transaction refuses with
:class:`~domain.unit_of_work.AlreadyApplied` and the person is shown where they are. A transaction
that forgets a person (a citizen's finished survey) deletes the update from the inbox instead: no
row may keep their account next to what they did. When the handling is over the update leaves
the inbox.

**Order.** One person's updates are handled in update id order. A process holds the updates it
received under a lease (``holder``, ``held_until``); an update whose person still has an earlier
update held by another process waits until that one is done. A process that dies leaves its
updates to whoever takes them once their lease runs out (or to itself, restarted under the same
name); an update that was taken ``MAX_ATTEMPTS`` times without being done is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.clock import Clock
from domain.engine.ports import EngineUnitOfWork
from domain.unit_of_work import UnitOfWorkFactory

KEEP_FOR = timedelta(days=2)  # Telegram gives up on an update after 24 hours
MAX_ATTEMPTS = 3  # an update taken this often without being done is dropped (it kills the bot)


@dataclass(frozen=True, slots=True)
class Arrival:
    """An update as received: its id, whose it is (the sender, else the chat), its JSON."""

    update_id: int
    owner_id: int | None
    payload: str


@dataclass(frozen=True, slots=True)
class Recorded:
    """An arrival recorded for the first time; ``waits`` when an earlier update of the same
    person is held by another process (handle this one after it)."""

    update_id: int
    waits: bool = False


@dataclass(frozen=True, slots=True)
class Leftover:
    """An update received but not done, taken over by this process (after a restart, or from a
    process whose lease ran out); ``attempts`` counts the takings, the first receipt included;
    ``applied``: an effect of it committed (it is not handled again: the person is shown where
    they are, since its reply may not have gone out)."""

    update_id: int
    owner_id: int | None
    payload: str
    attempts: int
    applied: bool = False


class Inbox(Protocol):
    """The updates received and not yet done, shared by every bot process."""

    async def record(
        self,
        arrivals: Sequence[Arrival],
        *,
        now: datetime,
        shared: bool,
        done: Sequence[int] = (),
    ) -> list[Recorded]:
        """Record the arrivals not seen before (in one transaction), held by this process;
        with ``shared`` (several processes), say which must wait for another process. ``done``:
        updates whose handling is over, let go of in the same transaction."""
        ...

    async def take_over(
        self, *, now: datetime, restarting: bool, everything: bool = False
    ) -> list[Leftover]:
        """Hold the updates whose lease ran out; ``restarting``: also those this process held
        in its earlier life; ``everything``: all of them (a single polling process). In update id
        order."""
        ...

    async def renew(self, *, now: datetime) -> None:
        """Extend the lease of every update this process holds."""
        ...

    async def earlier_pending(self, owner_id: int, update_id: int) -> bool:
        """Whether an update of ``owner_id`` older than ``update_id`` is still in the inbox."""
        ...

    async def done(self, update_ids: Sequence[int]) -> None:
        """The handling is over: the updates leave the inbox."""
        ...

    def handling(self, update_id: int, *, applied: bool = False) -> AbstractContextManager[None]:
        """While the current task handles ``update_id``, the first unit of work that commits
        marks it applied (or deletes it, forgetting its person) in its own transaction.
        ``applied``: an effect of it committed before (a resumed update): nothing to mark."""
        ...


class UpdateGate:
    def __init__(self, uow: UnitOfWorkFactory[EngineUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def prune(self) -> int:
        """Forget the ids of updates received more than ``KEEP_FOR`` ago."""
        async with self._uow() as uow:
            dropped = await uow.updates.forget_before(self._clock.now() - KEEP_FOR)
            await uow.commit()
            return dropped
