"""Populations and RTL (``FollowUpRepository``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from domain.skm.report_model import Population, Rtl, ScopeKind
from domain.skm.report_period import ReportPeriod

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
Q1 = ReportPeriod(date(2026, 1, 1), date(2026, 3, 31))
Q2 = ReportPeriod(date(2026, 4, 1), date(2026, 6, 30))
SEMESTER = ReportPeriod(date(2026, 1, 1), date(2026, 6, 30))
KTP, KK = 11, 12  # scope ids: the repository keeps no foreign key to services or units


def plan(period: ReportPeriod, unsur: str, text: str, scope_id: int = KTP) -> Rtl:
    return Rtl(ScopeKind.SERVICE, scope_id, period, unsur, "3.448", text, NOW, "x")


async def test_populations_and_rtl_are_stored_replaced_and_found_for_the_next_period(factory):
    async with factory() as tx:
        await tx.skm_follow_up.save_population(
            Population(ScopeKind.SERVICE, KTP, Q1, 500, NOW, "cli")
        )
        await tx.skm_follow_up.save_population(
            Population(ScopeKind.SERVICE, KTP, Q1, 1000, NOW, "cli")
        )
        for text in ("Tambah loket", "Tambah dua loket"):
            await tx.skm_follow_up.save_rtl(plan(Q1, "U3", text))
        await tx.skm_follow_up.save_rtl(plan(Q1, "U8", "Kursi"))
        await tx.commit()
    async with factory(readonly=True) as tx:
        assert await tx.skm_follow_up.populations(ScopeKind.SERVICE, [KTP], Q1) == {KTP: 1000}
        assert await tx.skm_follow_up.populations(ScopeKind.SERVICE, [KTP], Q2) == {}
        assert await tx.skm_follow_up.populations(ScopeKind.UNIT, [KTP], Q1) == {}
        found = await tx.skm_follow_up.previous_rtl(ScopeKind.SERVICE, [KTP], Q2.date_from)
        same_period = await tx.skm_follow_up.previous_rtl(ScopeKind.SERVICE, [KTP], Q1.date_from)
    assert [(r.unsur, r.plan, r.period) for r in found] == [
        ("U3", "Tambah dua loket", Q1),
        ("U8", "Kursi", Q1),
    ]
    assert found[0].recorded_at == NOW
    assert same_period == []


async def test_plans_of_one_period_only_when_two_end_the_same_day(factory):
    async with factory() as tx:
        for period, unsur in ((SEMESTER, "U3"), (SEMESTER, "U8"), (Q2, "U3")):
            await tx.skm_follow_up.save_rtl(plan(period, unsur, unsur))
        await tx.commit()
    async with factory(readonly=True) as tx:
        found = await tx.skm_follow_up.previous_rtl(ScopeKind.SERVICE, [KTP], date(2026, 7, 1))
    assert [(r.period, r.unsur) for r in found] == [(Q2, "U3")]


async def test_plans_of_several_scopes_come_by_scope_id_each_of_its_latest_period(factory):
    async with factory() as tx:
        await tx.skm_follow_up.save_rtl(plan(Q1, "U5", "KK Q1", KK))
        await tx.skm_follow_up.save_rtl(plan(Q2, "U2", "KTP Q2"))
        await tx.skm_follow_up.save_rtl(plan(Q1, "U1", "KTP Q1"))
        await tx.commit()
    async with factory(readonly=True) as tx:
        found = await tx.skm_follow_up.previous_rtl(ScopeKind.SERVICE, [KK, KTP], date(2026, 7, 1))
        populations = await tx.skm_follow_up.populations(ScopeKind.SERVICE, [KK, KTP], Q1)
    assert [(r.scope_id, r.plan) for r in found] == [(KTP, "KTP Q2"), (KK, "KK Q1")]
    assert populations == {}


async def test_populations_and_plans_saved_at_once_by_two_people_do_not_collide(factory):
    async def save(population: int) -> None:
        async with factory() as tx:
            record = Population(ScopeKind.SERVICE, KTP, Q1, population, NOW, "cli")
            await tx.skm_follow_up.save_population(record)
            await tx.skm_follow_up.save_rtl(plan(Q1, "U3", f"plan {population}"))
            await asyncio.sleep(0.05)  # both inside their transactions at once (PostgreSQL)
            await tx.commit()

    await asyncio.gather(save(500), save(700))
    async with factory(readonly=True) as tx:
        found = await tx.skm_follow_up.populations(ScopeKind.SERVICE, [KTP], Q1)
        plans = await tx.skm_follow_up.previous_rtl(ScopeKind.SERVICE, [KTP], date(2026, 4, 1))
    assert found[KTP] in (500, 700)
    assert [p.plan for p in plans] == [f"plan {found[KTP]}"]
