"""The periods' contract (``PeriodRepository``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date

from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.periods import PeriodKind, PeriodStatus
from tests.support.appraisals import add_period, month

# --- periods --------------------------------------------------------------------------------


async def test_a_period_is_added_read_listed_and_saved(demo, clock):
    october = await add_period(demo, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))

    async with demo() as tx:
        period = await tx.periods.get(november)
        assert period is not None
        assert (period.name, period.kind, period.status) == (
            "November 2026",
            PeriodKind.MONTHLY,
            PeriodStatus.DRAFT,
        )
        assert (period.start, period.end, period.review_due) == (
            date(2026, 11, 1),
            date(2026, 11, 30),
            date(2026, 12, 10),
        )
        assert await tx.periods.get(november + october + 1000) is None
        assert [p.id for p in await tx.periods.all()] == [november, october]  # newest start
        opened = period.open([])
        await tx.periods.save(opened)
        await tx.commit()

    async with demo(readonly=True) as tx:
        assert await tx.periods.get(november) == opened
        assert [p.status for p in await tx.periods.all()] == [PeriodStatus.OPEN, PeriodStatus.DRAFT]


async def test_periods_starting_the_same_day_are_listed_newest_first(demo):
    first = await add_period(demo, month("Bulan A", date(2026, 11, 1), date(2026, 11, 30)))
    second = await add_period(demo, month("Bulan B", date(2026, 11, 1), date(2026, 11, 30)))
    async with demo(readonly=True) as tx:
        assert [p.id for p in await tx.periods.all()] == [second, first]


async def test_the_org_predikat_is_kept_per_period_and_unit_and_replaced(demo, clock):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    async with demo() as tx:
        units = {u.code: u.id for u in await tx.org.units()}
        await tx.periods.set_org_predikat(
            period_id, units["DINKES"], OrganisationPredikat.BAIK, now=clock.now()
        )
        await tx.periods.set_org_predikat(
            period_id, units["DINKES"], OrganisationPredikat.KURANG, now=clock.now()
        )
        await tx.commit()

    async with demo(readonly=True) as tx:
        assert await tx.periods.org_predikat(period_id, units["DINKES"]) is (
            OrganisationPredikat.KURANG
        )
        assert await tx.periods.org_predikat(period_id, units["DISDUKCAPIL"]) is None


async def test_nothing_is_kept_without_a_commit(demo):
    async with demo() as tx:
        await tx.periods.add(month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    async with demo(readonly=True) as tx:
        assert await tx.periods.all() == []


async def test_a_period_read_for_update_waits_for_a_writer_holding_it_shared(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    held, release = asyncio.Event(), asyncio.Event()

    async def applying_an_input() -> None:  # an appraisal flow holds its period against change
        async with demo() as tx:
            assert await tx.periods.get(period_id, shared=True) is not None
            held.set()
            await release.wait()
            await tx.commit()

    async def closing() -> PeriodStatus:
        async with demo() as tx:
            period = await tx.periods.get(period_id, for_update=True)
            await tx.periods.save(period.open([]))
            await tx.commit()
            return period.status

    one = asyncio.create_task(applying_an_input())
    await held.wait()
    two = asyncio.create_task(closing())
    await asyncio.sleep(0.3)
    assert not two.done()  # waiting for the input to be applied
    release.set()
    await one
    assert await two is PeriodStatus.DRAFT
    async with demo(readonly=True) as tx:
        assert (await tx.periods.get(period_id)).status is PeriodStatus.OPEN
