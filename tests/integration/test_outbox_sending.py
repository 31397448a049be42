"""The outbox's storage side of sending: the doorbell a commit rings for this process's
dispatcher, and the sending turn that makes one process at a time send (PostgreSQL's advisory
lock), taken over when its holder's connection dies."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from domain.messages import OutboundMessage
from storage.database import Database
from storage.sending_turn import AdvisoryLockTurn, OnlyProcess
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.conftest import open_database
from tests.support.clock import FixedClock


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = await open_database(database_url)
    yield database
    await database.dispose()


async def test_a_commit_that_queued_a_message_rings_the_dispatcher_once(db: Database) -> None:
    rings: list[str] = []
    db.outbox_listeners.append(lambda: rings.append("ring"))
    uow = SqlUnitOfWorkFactory(db, FixedClock())
    now = FixedClock().now()

    async with uow() as tx:
        await tx.outbox.enqueue(OutboundMessage(5, "k", "a"), now=now)
        await tx.outbox.enqueue(OutboundMessage(6, "k", "b"), now=now)
        assert rings == []  # not before the commit
        await tx.commit()
    assert rings == ["ring"]

    async with uow() as tx:
        await tx.outbox.enqueue(OutboundMessage(7, "k", "c"), now=now)  # rolled back
    async with uow() as tx:
        assert not await tx.outbox.enqueue(OutboundMessage(5, "k", "a"), now=now)  # known key
        await tx.commit()
    assert rings == ["ring"]


async def test_sqlite_has_one_process_so_it_always_holds_the_turn() -> None:
    turn = OnlyProcess()
    assert await turn.take()
    assert await turn.take()
    await turn.give_up()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_one_process_at_a_time_holds_the_sending_turn(db: Database) -> None:
    url = db.url.render_as_string(hide_password=False)
    other_db = Database(url)
    first, second = AdvisoryLockTurn(db), AdvisoryLockTurn(other_db)
    try:
        assert await first.take()
        assert await first.take()  # still its own
        assert not await second.take()
        await first.give_up()
        assert await second.take()
        assert not await first.take()
    finally:
        await first.give_up()
        await second.give_up()
        await other_db.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_the_turn_of_a_process_whose_connection_died_is_taken_over(db: Database) -> None:
    """A process killed (or cut off) loses its session, and the lock with it."""
    url = db.url.render_as_string(hide_password=False)
    holder_db, other_db = Database(url), Database(url)
    holder, other = AdvisoryLockTurn(holder_db), AdvisoryLockTurn(other_db)
    try:
        assert await holder.take()
        assert not await other.take()
        async with db.session() as s:  # the holder's backend goes away, as if it were killed
            await s.exec(  # type: ignore[call-overload]
                text(
                    "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks"
                    " WHERE locktype = 'advisory' AND pid <> pg_backend_pid() AND database ="
                    " (SELECT oid FROM pg_database WHERE datname = current_database())"
                )
            )
            await s.commit()
        assert await other.take()
        assert not await holder.take()  # it notices its connection is gone, and does not send
        assert not await holder.take()  # nor after reconnecting: the turn is another's now
    finally:
        await holder.give_up()
        await other.give_up()
        await holder_db.dispose()
        await other_db.dispose()
