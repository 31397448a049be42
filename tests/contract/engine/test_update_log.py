"""The update log's contract (``UpdateLog``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta


async def test_an_update_is_handled_the_first_time_only(factory, clock):
    now = clock.now()
    async with factory() as uow:
        assert await uow.updates.first_time(7, now=now)
        assert not await uow.updates.first_time(7, now=now)
        await uow.commit()
    async with factory() as uow:
        assert not await uow.updates.first_time(7, now=now)
        assert await uow.updates.first_time(8, now=now)
    async with factory() as uow:
        assert await uow.updates.first_time(8, now=now)  # the last one was not committed


async def test_records_older_than_a_moment_are_forgotten(factory, clock):
    now = clock.now()
    async with factory() as uow:
        await uow.updates.first_time(1, now=now - timedelta(days=3))
        await uow.updates.first_time(2, now=now - timedelta(days=2))
        await uow.updates.first_time(3, now=now)
        assert await uow.updates.forget_before(now - timedelta(days=2)) == 1
        await uow.commit()
    async with factory() as uow:
        assert [await uow.updates.first_time(n, now=now) for n in (1, 2, 3)] == [True, False, False]


async def test_of_two_processes_recording_one_update_at_once_one_handles_it(factory, clock):
    recorded, release = asyncio.Event(), asyncio.Event()

    async def first() -> bool:
        async with factory() as uow:
            handled = await uow.updates.first_time(9, now=clock.now())
            recorded.set()
            await release.wait()
            await uow.commit()
            return handled

    async def second() -> bool:
        async with factory() as uow:
            handled = await uow.updates.first_time(9, now=clock.now())
            await uow.commit()
            return handled

    one = asyncio.create_task(first())
    await recorded.wait()
    two = asyncio.create_task(second())
    await asyncio.sleep(0.3)
    assert not two.done()  # waiting for the first
    release.set()
    assert [await one, await two] == [True, False]
