"""The appraisal repositories (periods, SKP items, appraisals) on the real databases.

Every test runs on SQLite and PostgreSQL, and once more on the in-memory fakes of
``tests/support/fakes/`` with the same assertions, so the unit tests built on the fakes can trust
that the fakes answer exactly as the SQL repositories do.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.actors import Actor
from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem, SkpKind
from domain.org.admin import OrgAdministration
from domain.org.ports import ImportSummary
from domain.unit_of_work import UnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_csv
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
NUR = "199608182022042001"  # Seksi IDP, assessed by Hendra
BUDI = "199202292019031004"  # Seksi IDP, assessed by Hendra
RATNA = "199105092024212001"  # Bidang Capil, assessed by Yusuf
HENDRA = "198509302010041001"  # Kepala Seksi IDP, assessed by Dewi
DEWI = "198004172005012003"  # Kepala Bidang Dafduk: atasan of Nur and Budi
YUSUF = "197906112006021002"  # Kepala Bidang Capil
AGUS = "197511021997081001"  # Kepala Dinas: atasan of Hendra and Ratna
T0 = datetime(2026, 11, 20, 9, 30, tzinfo=WIB)
REASON = "Bukti dukung capaian RHK utama sudah lengkap."


@pytest.fixture(params=["sql", "fake"])
def factory(request: pytest.FixtureRequest, uow, clock: FixedClock) -> UnitOfWorkFactory:
    return uow if request.param == "sql" else FakeUnitOfWorkFactory(clock)


@pytest.fixture
async def demo(factory: UnitOfWorkFactory, clock: FixedClock) -> UnitOfWorkFactory:
    admin = OrgAdministration(factory, clock)
    await admin.import_units(OPERATOR, demo_csv("units"))
    await admin.import_employees(OPERATOR, demo_csv("employees"))
    return factory


def month(name: str, start: date, end: date) -> AppraisalPeriod:
    return AppraisalPeriod.create(
        name=name,
        kind=PeriodKind.MONTHLY,
        start=start,
        end=end,
        self_due=end,
        peer_due=end,
        review_due=end + timedelta(days=10),
    )


async def add_period(factory: UnitOfWorkFactory, period: AppraisalPeriod) -> int:
    async with factory() as tx:
        stored = await tx.periods.add(period)
        await tx.commit()
    assert stored.id is not None
    return stored.id


async def save(factory: UnitOfWorkFactory, *appraisals: Appraisal, now: datetime = T0) -> None:
    async with factory() as tx:
        for appraisal in appraisals:
            await tx.appraisals.save(appraisal, now=now)
        await tx.commit()


async def get(factory: UnitOfWorkFactory, period_id: int, nip: str) -> Appraisal | None:
    async with factory(readonly=True) as tx:
        return await tx.appraisals.get(period_id, nip)


def assessed(
    period_id: int,
    nip: str,
    penilai: str,
    hasil: Rating = Rating.SESUAI,
    perilaku: Rating = Rating.SESUAI,
) -> Appraisal:
    return Appraisal(period_id, nip).assess(
        hasil=hasil,
        perilaku=perilaku,
        feedback=None,
        by_nip=penilai,
        supervisor_nip=penilai,
        now=T0,
    )


def objected(appraisal: Appraisal, at: datetime) -> Appraisal:
    return appraisal.object(
        by_nip=appraisal.employee_nip, reason=REASON, now=at, deadline=at + timedelta(days=1)
    )


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


# --- SKP items ------------------------------------------------------------------------------


def item(nip: str, kind: SkpKind, rhk: str, target: str = "1 Dokumen", year: int = 2026):
    return SkpItem(None, nip, year, kind, rhk, f"Indikator {rhk}", target)


SKP = [
    item(NUR, SkpKind.TAMBAHAN, "Jemput bola"),
    item(NUR, SkpKind.UTAMA, "Perekaman KTP-el", "100%"),
    item(BUDI, SkpKind.UTAMA, "Database"),
    item(NUR, SkpKind.UTAMA, "Laporan bulanan", "12 Laporan"),
    item(NUR, SkpKind.UTAMA, "Laporan tahun lalu", year=2025),
]


async def save_items(factory: UnitOfWorkFactory, items: list[SkpItem], clock) -> ImportSummary:
    async with factory() as tx:
        summary = await tx.skp.save_items(items, now=clock.now())
        await tx.commit()
    return summary


async def test_skp_items_are_read_utama_first_in_import_order_per_year(demo, clock):
    assert await save_items(demo, SKP, clock) == ImportSummary(created=5)

    async with demo(readonly=True) as tx:
        items = await tx.skp.items(NUR, 2026)
        assert await tx.skp.items(NUR, 2024) == []
        assert [i.rhk for i in await tx.skp.items(NUR, 2025)] == ["Laporan tahun lalu"]

    assert [(i.kind, i.rhk, i.target) for i in items] == [
        (SkpKind.UTAMA, "Perekaman KTP-el", "100%"),
        (SkpKind.UTAMA, "Laporan bulanan", "12 Laporan"),
        (SkpKind.TAMBAHAN, "Jemput bola", "1 Dokumen"),
    ]
    assert all(i.id is not None and i.employee_nip == NUR and i.year == 2026 for i in items)
    assert len({i.id for i in items}) == 3


async def test_reimporting_skp_is_an_upsert_by_employee_year_rhk_and_indicator(demo, clock):
    await save_items(demo, SKP, clock)
    async with demo(readonly=True) as tx:
        before = await tx.skp.items(NUR, 2026)

    unchanged = await save_items(demo, SKP, clock)
    changed = [*SKP[:3], item(NUR, SkpKind.UTAMA, "Laporan bulanan", "13 Laporan"), SKP[4]]
    updated = await save_items(demo, changed, clock)
    only_one = await save_items(demo, [item(BUDI, SkpKind.UTAMA, "Database")], clock)

    assert unchanged == ImportSummary(unchanged=5)
    assert updated == ImportSummary(updated=1, unchanged=4)
    assert only_one == ImportSummary(unchanged=1)  # same place among Budi's own items
    async with demo(readonly=True) as tx:
        after = await tx.skp.items(NUR, 2026)
        assert len(await tx.skp.items(BUDI, 2026)) == 1
    assert [i.id for i in after] == [i.id for i in before]  # absent items stay
    assert [i.target for i in after] == ["100%", "13 Laporan", "1 Dokumen"]


async def test_a_changed_kind_or_order_in_the_file_reorders_the_skp(demo, clock):
    await save_items(demo, SKP, clock)
    reordered = [
        item(NUR, SkpKind.UTAMA, "Laporan bulanan", "12 Laporan"),
        item(NUR, SkpKind.UTAMA, "Jemput bola"),  # promoted to utama
        item(NUR, SkpKind.TAMBAHAN, "Perekaman KTP-el", "100%"),  # demoted
    ]
    assert await save_items(demo, reordered, clock) == ImportSummary(updated=3)
    async with demo(readonly=True) as tx:
        assert [i.rhk for i in await tx.skp.items(NUR, 2026)] == [
            "Laporan bulanan",
            "Jemput bola",
            "Perekaman KTP-el",
        ]


# --- appraisals -----------------------------------------------------------------------------


def full_cycle(period_id: int) -> list[Appraisal]:
    """Every state of one appraisal, each field filled in, at times in two time zones."""
    submitted = Appraisal(period_id, NUR).begin_self_assessment(by_nip=NUR, now=T0)
    submitted = submitted.submit_self_assessment(
        by_nip=NUR,
        ratings={
            "12": Rating.DI_ATAS,
            "13": Rating.SESUAI,
            "berakhlak:akuntabel": Rating.DI_BAWAH,
            "berakhlak:loyal": Rating.SESUAI,
        },
        realisations={"12": "Terekam 1.240 permohonan", "13": "11 laporan"},
        evidence={"12": "photo:AgAD-ktp"},
        notes={"berakhlak:akuntabel": "Dua laporan terlambat"},
        now=T0 + timedelta(hours=1),
    )
    assessed = submitted.assess(
        hasil=Rating.DI_ATAS,
        perilaku=Rating.DI_BAWAH,
        feedback="Perbaiki ketepatan waktu.",
        item_feedback={"12": "Perekaman tuntas.", "berakhlak:akuntabel": "Tepat waktu."},
        by_nip=HENDRA,
        supervisor_nip=HENDRA,
        now=datetime(2026, 11, 25, 16, 45, tzinfo=WIT),
    )
    acknowledged = assessed.acknowledge(by_nip=NUR, now=datetime(2026, 11, 26, 8, tzinfo=WIB))
    filed = acknowledged.object(
        by_nip=NUR,
        reason=REASON,
        now=datetime(2026, 11, 27, 7, 15, tzinfo=UTC),
        deadline=datetime(2026, 11, 30, 23, 59, tzinfo=WIB),
    )
    decided = filed.decide(
        by_nip=DEWI,
        atasan_nip=DEWI,
        keep=False,
        reason="Bukti dukung menunjukkan perilaku sesuai ekspektasi.",
        new_hasil=Rating.DI_ATAS,
        new_perilaku=Rating.SESUAI,
        now=datetime(2026, 11, 29, 13, 0, tzinfo=WIB),
    )
    return [submitted, assessed, acknowledged, filed, decided]


async def test_an_appraisal_with_every_field_comes_back_as_it_was_saved(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    for state in full_cycle(period_id):
        await save(demo, state, now=state.audit[-1].at)
        assert await get(demo, period_id, NUR) == state

    found = await get(demo, period_id, NUR)
    assert found is not None
    assert found.status is AppraisalStatus.DECIDED
    assert found.predikat is Predikat.BAIK
    assert found.objection is not None
    assert found.objection.filed_at == datetime(2026, 11, 27, 7, 15, tzinfo=UTC)
    assert found.decision is not None
    assert (found.decision.by_nip, found.decision.keep) == (DEWI, False)
    moments = [
        found.assessed_at,
        found.acknowledged_at,
        found.objection.filed_at,
        found.decision.at,
        *(entry.at for entry in found.audit),
    ]
    assert all(m is not None and m.utcoffset() is not None for m in moments)  # aware
    assert found.assessed_at == datetime(2026, 11, 25, 14, 45, tzinfo=WIB)
    assert [(e.actor, e.action) for e in found.audit] == [
        (NUR, "self_assessment_started"),
        (NUR, "self_assessment_submitted"),
        (HENDRA, "assessed"),
        (NUR, "acknowledged"),
        (NUR, "objected"),
        (DEWI, "objection_decided"),
    ]
    assert found.audit[-1].details["previous_predikat"] == "kurang"


async def test_audit_entries_are_appended_once_however_often_the_appraisal_is_saved(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    submitted, assessed_, *_ = full_cycle(period_id)

    await save(demo, submitted)
    await save(demo, submitted)
    await save(demo, assessed_, assessed_)

    found = await get(demo, period_id, NUR)
    assert found is not None
    assert found.audit == assessed_.audit
    assert len(found.audit) == 3


async def test_appraisals_are_found_per_period_and_per_employee(demo):
    october = await add_period(demo, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    await save(
        demo,
        assessed(october, NUR, HENDRA),
        assessed(november, NUR, HENDRA, Rating.DI_ATAS, Rating.DI_ATAS),
        assessed(november, BUDI, HENDRA),
        assessed(november, RATNA, YUSUF),
    )

    async with demo(readonly=True) as tx:
        found = await tx.appraisals.for_period(november, [NUR, BUDI, HENDRA])
        mine = await tx.appraisals.of_employee(NUR)
        assert await tx.appraisals.for_period(november, []) == {}
        assert await tx.appraisals.of_employee(HENDRA) == []
        assert await tx.appraisals.get(october, BUDI) is None

    assert set(found) == {NUR, BUDI}
    assert found[NUR].predikat is Predikat.SANGAT_BAIK
    assert found[NUR].period_id == november
    assert [a.period_id for a in mine] == [november, october]


async def test_undecided_objections_are_listed_oldest_first(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    nur = objected(assessed(period_id, NUR, HENDRA), T0 + timedelta(days=2))
    budi = objected(assessed(period_id, BUDI, HENDRA), T0 + timedelta(days=1))
    hendra = objected(assessed(period_id, HENDRA, DEWI), T0 + timedelta(days=1))
    ratna = objected(assessed(period_id, RATNA, YUSUF), T0 + timedelta(days=1))
    ratna = ratna.decide(
        by_nip=AGUS, atasan_nip=AGUS, keep=True, reason=REASON, now=T0 + timedelta(days=3)
    )
    await save(demo, nur, budi, hendra, ratna)

    async with demo(readonly=True) as tx:
        waiting = await tx.appraisals.objected()

    # Oldest objection first (Budi and Hendra filed at the same time: by row); Ratna's is decided.
    assert [a.employee_nip for a in waiting] == [BUDI, HENDRA, NUR]
    assert waiting[2] == nur
