"""The daily-limit marks' contract (``DailyLimitMarks``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

DAY = date(2026, 11, 27)


async def test_a_mark_counts_responses_up_to_the_daily_limit_and_old_marks_are_pruned(factory):
    async with factory() as tx:
        assert await tx.skm_marks.take("a" * 64, day=DAY - timedelta(days=1), limit=1)
        assert await tx.skm_marks.take("b" * 64, day=DAY, limit=2)
        assert await tx.skm_marks.take("b" * 64, day=DAY, limit=2)
        assert not await tx.skm_marks.take("b" * 64, day=DAY, limit=2)
        await tx.commit()
    async with factory() as tx:
        assert await tx.skm_marks.prune(before=DAY) == 1
        await tx.skm_marks.release("b" * 64)
        await tx.commit()
    async with factory(readonly=True) as tx:
        assert await tx.skm_marks.count("b" * 64) == 1
        assert await tx.skm_marks.count("a" * 64) == 0  # pruned: its day is over
    async with factory() as tx:
        await tx.skm_marks.release("b" * 64)
        await tx.skm_marks.release("c" * 64)  # never taken: nothing happens
        await tx.commit()
    async with factory() as tx:
        assert await tx.skm_marks.count("b" * 64) == 0
        assert await tx.skm_marks.prune(before=DAY + timedelta(days=365)) == 0  # none left


async def test_a_mark_keeps_the_day_it_was_first_taken(factory):
    async with factory() as tx:
        assert await tx.skm_marks.take("a" * 64, day=DAY, limit=5)
        assert await tx.skm_marks.take("a" * 64, day=DAY + timedelta(days=1), limit=5)
        assert await tx.skm_marks.prune(before=DAY + timedelta(days=1)) == 1


async def test_two_overlapping_transactions_take_the_last_place_of_a_mark_only_once(factory):
    mark = "c" * 64
    first_in, release = asyncio.Event(), asyncio.Event()

    async def first() -> bool:
        async with factory() as tx:
            taken = await tx.skm_marks.take(mark, day=DAY, limit=1)
            first_in.set()
            await release.wait()  # still uncommitted while the second one tries
            await tx.commit()
            return taken

    async def second() -> bool:
        await first_in.wait()
        async with factory() as tx:
            taken = await tx.skm_marks.take(mark, day=DAY, limit=1)
            await tx.commit()
            return taken

    tasks = [asyncio.create_task(first()), asyncio.create_task(second())]
    await first_in.wait()
    await asyncio.sleep(0.3)  # the second transaction is now waiting for the first
    assert not tasks[1].done()
    release.set()
    assert [await task for task in tasks] == [True, False]
    async with factory(readonly=True) as tx:
        assert await tx.skm_marks.count(mark) == 1
