"""The inbox on SQLite and PostgreSQL: updates recorded once, held under leases, taken over after
a restart or from a dead process, marked applied by the first commit of their handling."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from domain.engine.questionnaire import Questionnaire, Step, StepKind, start
from domain.engine.updates import Arrival, Leftover, Recorded
from domain.unit_of_work import AlreadyApplied
from storage.database import Database
from storage.inbox import SqlInbox
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)
SITI, BUDI = 7_100_000_001, 7_100_000_002
_FORM = Questionnaire("q", "q.title", (Step("a", StepKind.TEXT, "q.a"),))


def arrival(update_id: int, owner: int | None = SITI) -> Arrival:
    return Arrival(update_id, owner, json.dumps({"update_id": update_id}))


def inbox(database: Database, holder: str = "host port 8443") -> SqlInbox:
    return SqlInbox(database, holder=holder, lease=LEASE)


async def in_the_inbox(database: Database) -> list[tuple[int, str, bool]]:
    async with database.session(readonly=True) as session:
        found = await session.exec(  # type: ignore[call-overload]
            text("SELECT update_id, holder, applied FROM inbox ORDER BY update_id")
        )
        return [(int(a), str(b), bool(c)) for a, b, c in found.all()]


async def test_an_update_is_recorded_once_however_often_it_arrives(database: Database) -> None:
    here = inbox(database)
    assert await here.record([arrival(1), arrival(2)], now=NOW, shared=False) == [
        Recorded(1),
        Recorded(2),
    ]
    assert await here.record([arrival(2), arrival(3)], now=NOW, shared=False) == [Recorded(3)]
    await here.done([1, 2, 3])
    assert await in_the_inbox(database) == []
    # Done and gone from the inbox, but still known: a late repeat is not received again.
    assert await inbox(database, "another").record([arrival(2)], now=NOW, shared=True) == []


async def test_an_update_waits_when_an_earlier_one_of_that_person_is_held_elsewhere(
    database: Database,
) -> None:
    first, second = inbox(database, "a port 1"), inbox(database, "b port 2")
    await first.record([arrival(10), arrival(11, BUDI)], now=NOW, shared=True)
    got = await second.record(
        [arrival(12), arrival(13, BUDI), arrival(14, None)], now=NOW, shared=True
    )
    assert got == [Recorded(12, waits=True), Recorded(13, waits=True), Recorded(14)]
    assert await first.record([arrival(15)], now=NOW, shared=True) == [Recorded(15, waits=True)]
    # an earlier update held by the same process does not count: its processor orders them
    assert await first.record([arrival(16, BUDI + 1)], now=NOW, shared=True) == [Recorded(16)]
    assert await first.record([arrival(17, BUDI + 1)], now=NOW, shared=True) == [Recorded(17)]
    assert await second.earlier_pending(SITI, 12)
    await first.done([10])
    assert not await second.earlier_pending(SITI, 12)
    assert await first.earlier_pending(SITI, 15)  # 12, still pending


async def test_a_restart_takes_back_its_own_updates_and_a_dead_process_s_after_its_lease(
    database: Database,
) -> None:
    alive, dead = inbox(database, "a port 1"), inbox(database, "b port 2")
    await alive.record([arrival(20)], now=NOW, shared=True)
    await dead.record([arrival(21)], now=NOW, shared=True)
    restarted = inbox(database, "a port 1")
    taken = await restarted.take_over(now=NOW + timedelta(seconds=1), restarting=True)
    assert [(t.update_id, t.attempts) for t in taken] == [(20, 2)]
    assert await alive.take_over(now=NOW + LEASE / 2, restarting=False) == []  # b's lease runs
    await alive.renew(now=NOW + LEASE)  # a keeps its own alive
    later = NOW + LEASE + timedelta(seconds=1)
    taken = await alive.take_over(now=later, restarting=False)
    assert [(t.update_id, t.owner_id, t.attempts) for t in taken] == [(21, SITI, 2)]
    assert await in_the_inbox(database) == [(20, "a port 1", False), (21, "a port 1", False)]


async def test_a_single_polling_process_takes_everything_in_update_id_order(
    database: Database,
) -> None:
    await inbox(database, "x").record([arrival(32), arrival(31)], now=NOW, shared=False)
    await inbox(database, "y").record([arrival(30)], now=NOW, shared=False)
    taken = await inbox(database, "host polling").take_over(
        now=NOW, restarting=True, everything=True
    )
    assert [t.update_id for t in taken] == [30, 31, 32]
    assert all(isinstance(t, Leftover) and t.payload for t in taken)


async def test_the_first_commit_of_a_handling_marks_it_applied_and_a_second_attempt_refuses(
    database: Database,
) -> None:
    here, uow = inbox(database), SqlUnitOfWorkFactory(database, FixedClock())
    await here.record([arrival(40)], now=NOW, shared=False)
    with here.handling(40):
        async with uow() as tx:
            await tx.sessions.add(start(_FORM, owner_id=SITI, subject="s"))
            await tx.commit()
        async with uow() as tx:  # a second commit of the same handling changes nothing here
            await tx.sessions.add(start(_FORM, owner_id=SITI, subject="t"))
            await tx.commit()
    assert await in_the_inbox(database) == [(40, "host port 8443", True)]
    [left] = await inbox(database).take_over(now=NOW, restarting=True)
    assert left.applied
    with here.handling(40):  # handled again after a crash: the effect is not applied twice
        async with uow() as tx:
            await tx.sessions.add(start(_FORM, owner_id=SITI, subject="u"))
            with pytest.raises(AlreadyApplied):
                await tx.commit()
    async with uow(readonly=True) as tx:
        assert (await tx.sessions.find_active(SITI, "q", "u")) is None


async def test_a_commit_that_forgets_a_person_takes_their_update_out_of_the_inbox(
    database: Database,
) -> None:
    here, uow = inbox(database), SqlUnitOfWorkFactory(database, FixedClock())
    async with uow() as tx:
        session = await tx.sessions.add(start(_FORM, owner_id=SITI, subject="s"))
        await tx.commit()
    await here.record([arrival(50)], now=NOW, shared=False)
    with here.handling(50):
        async with uow() as tx:
            await tx.sessions.delete(session.id or 0, expected_version=session.version)
            await tx.commit()
    assert await in_the_inbox(database) == []


async def test_a_handling_that_fails_before_its_commit_leaves_the_update_unapplied(
    database: Database,
) -> None:
    here, uow = inbox(database), SqlUnitOfWorkFactory(database, FixedClock())
    await here.record([arrival(60)], now=NOW, shared=False)

    async def fails_before_committing() -> None:
        async with uow() as tx:
            await tx.sessions.add(start(_FORM, owner_id=SITI, subject="s"))
            raise ZeroDivisionError

    with here.handling(60), pytest.raises(ZeroDivisionError):
        await fails_before_committing()
    assert await in_the_inbox(database) == [(60, "host port 8443", False)]
