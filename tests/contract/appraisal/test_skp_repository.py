"""The SKP's contract (``SkpRepository``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

from domain.appraisal.skp import SkpItem, SkpKind
from domain.org.ports import ImportSummary
from domain.unit_of_work import UnitOfWorkFactory
from tests.support.appraisals import BUDI, NUR

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
