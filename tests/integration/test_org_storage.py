"""The organisation import on the real database: all or nothing, idempotent, updates."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from domain.actors import Actor
from domain.errors import ImportRejected
from domain.org.admin import OrgAdministration

OPERATOR = Actor.operator()  # the command line: every administrative right

DEMO = Path(__file__).resolve().parents[2] / "bot" / "demo"


def demo(kind: str) -> bytes:
    return (DEMO / f"{kind}.csv").read_bytes()


def demo_rows(kind: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(demo(kind).decode())))


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


@pytest.fixture
def admin(uow, clock) -> OrgAdministration:
    return OrgAdministration(uow, clock)


async def load_demo(admin: OrgAdministration) -> None:
    await admin.import_units(OPERATOR, demo("units"))
    await admin.import_employees(OPERATOR, demo("employees"))
    await admin.import_services(OPERATOR, demo("services"))


async def test_the_demo_organisation_imports_and_reimporting_changes_nothing(admin, uow):
    await load_demo(admin)
    again = await admin.import_employees(OPERATOR, demo("employees"))
    assert again.summary.created == 0
    assert again.summary.updated == 0
    assert again.summary.unchanged == again.rows == 33
    async with uow(readonly=True) as tx:
        assert len(await tx.org.members()) == 33
        assert len(await tx.org.units()) == 18


async def test_a_changed_row_updates_the_employee(admin, uow):
    await load_demo(admin)
    header, first, *_ = demo_rows("employees")
    nip = first[0]
    first[2] = "Jabatan Baru"
    report = await admin.import_employees(OPERATOR, to_csv([header, first]))
    assert (report.summary.created, report.summary.updated) == (0, 1)
    async with uow(readonly=True) as tx:
        member = await tx.org.member_by_nip(nip)
    assert member is not None
    assert member.position == "Jabatan Baru"


async def test_a_file_with_one_bad_row_imports_nothing(admin, uow):
    await admin.import_units(OPERATOR, demo("units"))
    rows = demo_rows("employees")
    rows[5][0] = "123"  # line 6 of the file
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_employees(OPERATOR, to_csv(rows))
    assert [e.line for e in rejected.value.errors] == [6]
    async with uow(readonly=True) as tx:
        assert await tx.org.members() == []


async def test_a_supervisor_loop_through_existing_employees_is_refused(admin, uow):
    await load_demo(admin)
    async with uow(readonly=True) as tx:
        members = await tx.org.members()
    boss = next(m for m in members if m.supervisor_id is None)
    report = next(m for m in members if m.supervisor_id == boss.id)
    row = [boss.nip, boss.name, boss.position, boss.position_kind, boss.unit_code, report.nip]
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_employees(OPERATOR, to_csv([demo_rows("employees")[0], row]))
    assert rejected.value.errors[0].reason == "supervisor_cycle"
    assert rejected.value.errors[0].line == 2


async def test_dry_run_validates_without_saving(admin, uow):
    await admin.import_units(OPERATOR, demo("units"))
    report = await admin.import_employees(OPERATOR, demo("employees"), dry_run=True)
    assert report.dry_run
    assert report.rows == 33
    async with uow(readonly=True) as tx:
        assert await tx.org.members() == []


async def test_children_inherit_the_time_zone_of_their_nearest_ancestor(admin, uow):
    await load_demo(admin)
    async with uow(readonly=True) as tx:
        unit = next(u for u in await tx.org.units() if u.parent_id is not None)
        assert unit.timezone is None
        assert await tx.org.effective_timezone(unit.id) == "Asia/Jakarta"


async def test_a_service_search_treats_percent_and_underscore_as_plain_text(admin, uow):
    await load_demo(admin)
    async with uow(readonly=True) as tx:
        assert await tx.org.services(query="%") == []
        assert await tx.org.services(query="_") == []
        found = await tx.org.services(query="ktp")
    assert [s.code for s in found] == ["KTP-EL"] or all("KTP" in s.name.upper() for s in found)
    assert found


def test_a_service_shown_is_read_again_once_its_copy_is_older_than_the_ttl() -> None:
    from domain.org.ports import ServiceRecord
    from storage.repositories.org import ShownServices

    now = [0.0]
    shown = ShownServices(ttl=60.0, clock=lambda: now[0])
    record = ServiceRecord(1, "KTP", "Perekaman KTP", 2, "SEKSI", "Seksi Identitas", True)
    assert shown.get("KTP") == (False, None)
    shown.put("KTP", record)
    now[0] = 59.0
    assert shown.get("KTP") == (True, record)
    now[0] = 61.0
    assert shown.get("KTP") == (False, None)
