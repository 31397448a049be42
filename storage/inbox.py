"""The inbox: updates received and not yet done (``domain.engine.updates`` explains the design).

:class:`SqlInbox` is the receiving side: record what arrived (one transaction per batch), take
over what an earlier life or a dead process left, renew leases, say whether an earlier update of a
person is pending, and let go of what is done.

:func:`settle_receipt` is the handling side: the unit of work calls it right before it commits,
and while an update is being handled (:meth:`SqlInbox.handling`) the first commit marks it
applied in the same transaction — or deletes it, when the transaction forgets a person — and a
commit that finds it applied already refuses with :class:`~domain.unit_of_work.AlreadyApplied`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.engine.updates import Arrival, Leftover, Recorded
from domain.unit_of_work import AlreadyApplied
from storage.database import Database
from storage.repositories.engine import SqlUpdateLog
from storage.tables import InboxRow

INBOX: Any = InboxRow.__table__  # type: ignore[attr-defined]


@dataclass
class _Handling:
    """The update the current task handles, and whether a commit has applied it."""

    update_id: int
    applied: bool = False


_handling: ContextVar[_Handling | None] = ContextVar("kinerja_handling", default=None)


class SqlInbox:
    """The ``Inbox`` port on the database; ``holder`` names this process (stable across its
    restarts), ``lease`` is how long it may hold an update without renewing."""

    def __init__(self, db: Database, *, holder: str, lease: timedelta) -> None:
        self._db = db
        self.holder = holder
        self._lease = lease

    async def record(
        self,
        arrivals: Sequence[Arrival],
        *,
        now: datetime,
        shared: bool,
        done: Sequence[int] = (),
    ) -> list[Recorded]:
        if not arrivals:
            await self.done(done)
            return []
        async with self._db.session() as session:
            if done:
                connection = await session.connection()
                await connection.execute(delete(INBOX).where(INBOX.c.update_id.in_(done)))
            fresh = await self._first_seen(session, arrivals, now)
            connection = await session.connection()
            rows = [self._row(a, now) for a in arrivals if a.update_id in fresh]
            if rows:
                await connection.execute(INBOX.insert(), rows)
            waiting = await self._waiting(connection, fresh) if shared and fresh else set()
            await session.commit()
        return [Recorded(row["update_id"], row["update_id"] in waiting) for row in rows]

    async def _first_seen(
        self, session: AsyncSession, arrivals: Sequence[Arrival], now: datetime
    ) -> set[int]:
        """The ids received for the first time (``processed_updates``), recorded now."""
        log = SqlUpdateLog(session, self._db.backend)
        return {a.update_id for a in arrivals if await log.first_time(a.update_id, now=now)}

    def _row(self, arrival: Arrival, now: datetime) -> dict[str, Any]:
        return {
            "update_id": arrival.update_id,
            "owner_id": arrival.owner_id,
            "payload": arrival.payload,
            "applied": False,
            "holder": self.holder,
            "held_until": now + self._lease,
            "attempts": 1,
            "received_at": now,
        }

    async def _waiting(self, connection: AsyncConnection, fresh: set[int]) -> set[int]:
        """The fresh updates whose person has an earlier one held by another process."""
        mine, other = INBOX.alias("mine"), INBOX.alias("other")
        earlier_elsewhere = exists().where(
            other.c.owner_id == mine.c.owner_id,
            other.c.update_id < mine.c.update_id,
            other.c.holder != self.holder,
        )
        statement = select(mine.c.update_id).where(mine.c.update_id.in_(fresh), earlier_elsewhere)
        return {int(found) for found in (await connection.execute(statement)).scalars()}

    async def take_over(
        self, *, now: datetime, restarting: bool, everything: bool = False
    ) -> list[Leftover]:
        """Hold the updates whose lease ran out; ``restarting``: also those held under this
        process's name (its earlier life's); ``everything``: all (one polling process)."""
        expired: ColumnElement[bool] = INBOX.c.held_until < now
        if everything:
            taken: ColumnElement[bool] = true()
        elif restarting:
            taken = or_(INBOX.c.holder == self.holder, expired)
        else:
            taken = and_(INBOX.c.holder != self.holder, expired)
        statement = (
            update(INBOX)
            .where(taken)
            .values(holder=self.holder, held_until=now + self._lease, attempts=INBOX.c.attempts + 1)
            .returning(
                INBOX.c.update_id,
                INBOX.c.owner_id,
                INBOX.c.payload,
                INBOX.c.attempts,
                INBOX.c.applied,
            )
        )
        async with self._db.session() as session:
            found = (await (await session.connection()).execute(statement)).all()
            await session.commit()
        return sorted((Leftover(*row) for row in found), key=lambda left: left.update_id)

    async def renew(self, *, now: datetime) -> None:
        statement = (
            update(INBOX).where(INBOX.c.holder == self.holder).values(held_until=now + self._lease)
        )
        async with self._db.session() as session:
            await (await session.connection()).execute(statement)
            await session.commit()

    async def earlier_pending(self, owner_id: int, update_id: int) -> bool:
        statement = (
            select(INBOX.c.update_id)
            .where(INBOX.c.owner_id == owner_id, INBOX.c.update_id < update_id)
            .limit(1)
        )
        async with self._db.session(readonly=True) as session:
            return (await (await session.connection()).execute(statement)).first() is not None

    async def done(self, update_ids: Sequence[int]) -> None:
        if not update_ids:
            return
        async with self._db.session() as session:
            connection = await session.connection()
            await connection.execute(delete(INBOX).where(INBOX.c.update_id.in_(update_ids)))
            await session.commit()

    @staticmethod
    @contextmanager
    def handling(update_id: int, *, applied: bool = False) -> Iterator[None]:
        """While the current task handles ``update_id``: see :func:`settle_receipt`.
        ``applied``: its effect committed before (a resumed update); nothing to mark."""
        token = _handling.set(_Handling(update_id, applied))
        try:
            yield
        finally:
            _handling.reset(token)


async def settle_receipt(session: AsyncSession, *, erase: bool) -> _Handling | None:
    """Right before a unit of work commits: if an update is being handled and no commit has
    applied it yet, mark it applied in this transaction (``erase``: delete it — the transaction
    forgets the person it names). Raises :class:`AlreadyApplied` when an earlier attempt did.
    Returns what to mark as applied once the commit has succeeded."""
    handling = _handling.get()
    if handling is None or handling.applied:
        return None
    connection = await session.connection()
    row = INBOX.c.update_id == handling.update_id
    if erase:
        # With it the person's earlier updates, handled and waiting to be let go of
        # (bot.receipt): their payloads name the person too, and must not outlive this commit.
        # The owner is read first: in one DELETE, SQLite may remove this row before a subquery
        # naming its owner is evaluated, and the earlier rows would stay.
        owner = (await connection.execute(select(INBOX.c.owner_id).where(row))).scalar()
        earlier = and_(INBOX.c.owner_id == owner, INBOX.c.update_id < handling.update_id)
        await connection.execute(delete(INBOX).where(or_(row, earlier) if owner else row))
        return handling
    marked = await connection.execute(
        update(INBOX).where(row, INBOX.c.applied.is_(False)).values(applied=True)
    )
    if marked.rowcount == 0:
        applied = (await connection.execute(select(INBOX.c.applied).where(row))).scalar()
        if applied:
            handling.applied = True  # by an earlier attempt: later commits of this handling
            raise AlreadyApplied(handling.update_id)  # (showing where they are) may go
    return handling
