"""The unit of work's contract, on the fakes, SQLite and PostgreSQL: one transaction, rolled
back unless the use case commits; read-only ones never keep a write; a writer nested in another
fails at once; writers asking for the same row take turns."""

from __future__ import annotations

import asyncio

import pytest

from domain.audit import AuditEntry
from domain.messages import OutboundMessage
from domain.org.identity import ChatAccount


async def test_a_unit_of_work_left_without_commit_leaves_no_trace(factory, clock):
    now = clock.now()
    async with factory() as uow:
        await uow.accounts.save((await uow.accounts.get(5)).after_failure(now))
        await uow.outbox.enqueue(OutboundMessage(5, "k", "d"), now=now)

    async def fail_halfway() -> None:
        async with factory() as uow:
            await uow.audit.record(AuditEntry(now, "t", "a", "s"))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await fail_halfway()
    async with factory() as uow:
        assert await uow.accounts.get(5) == ChatAccount(5)
        assert await uow.outbox.enqueue(OutboundMessage(5, "k", "d"), now=now)  # not a duplicate
        assert await uow.audit.entries("s") == []


async def test_changes_after_a_commit_need_another_commit(factory, clock):
    async with factory() as uow:
        await uow.audit.record(AuditEntry(clock.now(), "t", "first", "s"))
        await uow.commit()
        await uow.audit.record(AuditEntry(clock.now(), "t", "second", "s"))
    async with factory(readonly=True) as uow:
        assert [e.action for e in await uow.audit.entries("s")] == ["first"]


async def test_a_read_only_unit_of_work_refuses_to_commit(factory):
    async with factory(readonly=True) as uow:
        with pytest.raises(RuntimeError, match="read-only"):
            await uow.commit()


async def test_nothing_written_in_a_read_only_unit_of_work_is_kept(factory, clock):
    async def write_and_commit() -> None:
        async with factory(readonly=True) as uow:
            await uow.audit.record(AuditEntry(clock.now(), "t", "a", "s"))
            await uow.commit()

    # PostgreSQL refuses the write itself; the fake and SQLite refuse the commit.
    with pytest.raises(Exception, match="read-only"):
        await write_and_commit()
    async with factory(readonly=True) as uow:
        assert await uow.audit.entries("s") == []


async def test_a_write_unit_of_work_inside_another_fails_instead_of_hanging(factory):
    async with factory():
        with pytest.raises(RuntimeError, match="deadlock"):
            async with factory():
                pass
        async with factory(readonly=True):
            pass  # readers never wait


@pytest.mark.parametrize("store_url", ["fake", "sqlite"], indirect=True)
async def test_writers_take_turns_so_none_loses_anothers_commit(factory, clock):
    # One writer at a time, as on SQLite (BEGIN IMMEDIATE behind a lock); on PostgreSQL writers
    # run at once and only rows read ``for_update`` are taken in turns (the sessions' contract).
    async def bump() -> None:
        async with factory() as uow:
            account = await uow.accounts.get(1)
            await asyncio.sleep(0)
            await uow.accounts.save(account.after_failure(clock.now()))
            await uow.commit()

    await asyncio.gather(bump(), bump(), bump())
    async with factory(readonly=True) as uow:
        assert (await uow.accounts.get(1)).failed_attempts == 3
