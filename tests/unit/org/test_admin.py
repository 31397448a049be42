"""Importing the organisation and granting admin rights (``OrgAdministration``) on the fakes, and
the organisation repository's queries the rest of the bot relies on."""

from __future__ import annotations

import csv
import io

import pytest

from domain.actors import Actor
from domain.errors import ImportRejected, NotFound
from domain.org.access import administers
from domain.org.admin import OrgAdministration
from domain.org.nip import Nip
from domain.org.ports import ImportSummary
from domain.org.structure import Employee, PositionKind, PublicService, Unit
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_csv, load_demo, seed
from tests.support.fakes.state import EmployeeRow, FakeState
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

SEKDA = "196711101992031001"
KABAG = "197807222003122001"
RUDI = "199001052014031002"
EMPLOYEE_HEADER = ["nip", "name", "position", "position_kind", "unit_code", "supervisor_nip"]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    return FakeUnitOfWorkFactory(clock)


@pytest.fixture
def admin(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> OrgAdministration:
    return OrgAdministration(fake, clock)


@pytest.fixture
async def demo(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> FakeUnitOfWorkFactory:
    await load_demo(fake, clock)
    return fake


def rows(kind: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(demo_csv(kind).decode())))


def to_csv(table: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    return buffer.getvalue().encode()


def employee(fake: FakeUnitOfWorkFactory, nip: str) -> EmployeeRow:
    return next(row for row in fake.state.employees.values() if row.nip == nip)


def organisation(state: FakeState) -> tuple[object, ...]:
    return (state.units, state.employees, state.services)


# --- imports --------------------------------------------------------------------------------


async def test_the_demo_organisation_imports_everything_it_holds(admin, fake):
    units = await admin.import_units(OPERATOR, demo_csv("units"))
    employees = await admin.import_employees(OPERATOR, demo_csv("employees"))
    services = await admin.import_services(OPERATOR, demo_csv("services"))
    assert (units.kind, units.rows, units.summary, units.dry_run) == (
        "units",
        18,
        ImportSummary(created=18),
        False,
    )
    assert (employees.rows, employees.summary) == (33, ImportSummary(created=33))
    assert (services.rows, services.summary) == (9, ImportSummary(created=9))
    assert (len(fake.state.units), len(fake.state.employees), len(fake.state.services)) == (
        18,
        33,
        9,
    )
    assert [(row.action, row.details) for row in fake.state.audit] == [
        ("import.units", {"created": "18", "updated": "0", "unchanged": "0"}),
        ("import.employees", {"created": "33", "updated": "0", "unchanged": "0"}),
        ("import.services", {"created": "9", "updated": "0", "unchanged": "0"}),
    ]


async def test_reimporting_the_same_files_changes_nothing(admin, demo, clock):
    before = organisation(demo.snapshot())
    clock.advance(days=1)
    for kind, count in (("units", 18), ("employees", 33), ("services", 9)):
        report = await getattr(admin, f"import_{kind}")(OPERATOR, demo_csv(kind))
        assert report.summary == ImportSummary(unchanged=count)
    assert organisation(demo.state) == before  # not even an updated_at moved


async def test_a_changed_row_updates_only_that_record(admin, demo, clock):
    header, first, *_ = rows("employees")
    first[2] = "Jabatan Baru"
    clock.advance(days=1)
    report = await admin.import_employees(OPERATOR, to_csv([header, first]))
    assert report.summary == ImportSummary(updated=1)
    changed = employee(demo, first[0])
    assert (changed.position, changed.updated_at) == ("Jabatan Baru", clock.now())
    assert sum(row.updated_at == clock.now() for row in demo.state.employees.values()) == 1


async def test_a_new_supervisor_counts_as_an_update(admin, demo):
    table = rows("employees")
    rudi = next(row for row in table if row[0] == RUDI)
    rudi[5] = SEKDA
    report = await admin.import_employees(OPERATOR, to_csv([table[0], rudi]))
    assert report.summary == ImportSummary(updated=1)
    assert employee(demo, RUDI).supervisor_id == employee(demo, SEKDA).id


async def test_new_and_known_rows_are_counted_apart(admin, demo):
    table = rows("employees")
    newcomer = [
        "199608182022042002",
        "Citra Dewi",
        "Pengadministrasi Umum",
        "pelaksana",
        "SETDA-UMUM",
        KABAG,
    ]
    changed = next(row for row in table if row[0] == RUDI)
    changed[1] = "Rudi Hartono, S.E."
    same = next(row for row in table if row[0] == KABAG)
    report = await admin.import_employees(OPERATOR, to_csv([table[0], newcomer, changed, same]))
    assert report.summary == ImportSummary(created=1, updated=1, unchanged=1)
    assert employee(demo, "199608182022042002").supervisor_id == employee(demo, KABAG).id


async def test_a_unit_moved_to_another_parent_is_updated(admin, demo):
    table = [
        ["code", "name", "parent_code", "timezone"],
        ["SETDA-UMUM", "Bagian Umum", "PEMKOT", ""],
    ]
    report = await admin.import_units(OPERATOR, to_csv(table))
    assert report.summary == ImportSummary(updated=1)
    async with demo(readonly=True) as uow:
        unit = await uow.org.unit_by_code("SETDA-UMUM")
        root = await uow.org.unit_by_code("PEMKOT")
    assert unit is not None
    assert root is not None
    assert unit.parent_id == root.id


async def test_a_child_listed_before_its_parent_is_imported(admin, fake):
    table = [
        ["code", "name", "parent_code", "timezone"],
        ["DINAS-A", "Bidang A", "DINAS", ""],
        ["DINAS", "Dinas", "", "WITA"],
    ]
    assert (await admin.import_units(OPERATOR, to_csv(table))).summary == ImportSummary(created=2)
    async with fake(readonly=True) as uow:
        child = await uow.org.unit_by_code("DINAS-A")
        assert child is not None
        assert await uow.org.effective_timezone(child.id) == "Asia/Makassar"


async def test_a_dry_run_validates_without_saving(admin, fake):
    await admin.import_units(OPERATOR, demo_csv("units"))
    before, commits = fake.snapshot(), fake.commits
    report = await admin.import_employees(OPERATOR, demo_csv("employees"), dry_run=True)
    assert (report.kind, report.rows, report.summary, report.dry_run) == (
        "employees",
        33,
        ImportSummary(),
        True,
    )
    assert (fake.state, fake.commits) == (before, commits)


async def test_a_dry_run_of_a_bad_file_reports_every_error(admin, fake):
    await admin.import_units(OPERATOR, demo_csv("units"))
    table = rows("employees")
    table[5][0] = "123"
    table[9][4] = "NOPE"
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_employees(OPERATOR, to_csv(table), dry_run=True)
    assert [(e.line, e.field) for e in rejected.value.errors] == [
        (6, "nip"),
        (10, "unit_code"),
    ]


async def test_a_file_with_one_bad_row_imports_nothing(admin, fake):
    await admin.import_units(OPERATOR, demo_csv("units"))
    before = fake.snapshot()
    table = rows("employees")
    table[5][0] = "123"  # line 6 of the file
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_employees(OPERATOR, to_csv(table))
    assert [e.line for e in rejected.value.errors] == [6]
    assert fake.state == before


async def test_a_supervisor_loop_through_existing_employees_is_refused(admin, demo):
    before = demo.snapshot()
    table = rows("employees")
    sekda = next(row for row in table if row[0] == SEKDA)
    sekda[5] = RUDI  # Rudi -> Kabag -> Sekda -> Rudi
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_employees(OPERATOR, to_csv([table[0], sekda]))
    (error,) = rejected.value.errors
    assert (error.line, error.field, error.reason) == (2, "supervisor_nip", "supervisor_cycle")
    assert demo.state == before


async def test_a_unit_loop_through_existing_units_is_refused(admin, demo):
    table = [
        ["code", "name", "parent_code", "timezone"],
        ["PEMKOT", "Pemerintah Kota Sukamaju", "SETDA-UMUM", "Asia/Jakarta"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_units(OPERATOR, to_csv(table))
    (error,) = rejected.value.errors
    assert (error.line, error.field, error.reason) == (2, "parent_code", "parent_cycle")


async def test_services_need_a_known_unit(admin, demo):
    table = [["code", "name", "unit_code", "active"], ["X", "Layanan X", "NOPE", "1"]]
    with pytest.raises(ImportRejected):
        await admin.import_services(OPERATOR, to_csv(table))
    assert len(demo.state.services) == 9


# --- admin rights ---------------------------------------------------------------------------


async def test_an_admin_of_the_whole_organisation_has_no_unit(admin, demo):
    await admin.grant_admin(OPERATOR, RUDI)
    row = employee(demo, RUDI)
    assert (row.is_admin, row.admin_unit_id) == (True, None)
    last = demo.state.audit[-1]
    assert (last.action, last.subject, last.details) == (
        "admin.grant",
        f"employee:{row.id}",
        {"unit": ""},
    )


async def test_an_admin_of_one_unit_administers_it_and_the_units_below(admin, demo):
    await admin.grant_admin(OPERATOR, RUDI, "disdukcapil")  # codes are matched in upper case
    async with demo(readonly=True) as uow:
        member = await uow.org.member_by_nip(RUDI)
        unit = await uow.org.unit_by_code("DISDUKCAPIL")
        below = await uow.org.unit_by_code("DISDUKCAPIL-IDP")
        elsewhere = await uow.org.unit_by_code("DINKES")
        assert member is not None
        assert unit is not None
        assert below is not None
        assert elsewhere is not None
        assert (member.is_admin, member.admin_unit_id) == (True, unit.id)
        actor = Actor(1, "id", member)
        assert administers(actor, await uow.org.unit_path(below.id))
        assert not administers(actor, await uow.org.unit_path(elsewhere.id))


async def test_an_admin_is_found_by_a_printed_nip(admin, demo):
    await admin.grant_admin(OPERATOR, "19900105 201403 1 002")
    assert employee(demo, RUDI).is_admin


async def test_revoking_an_admin_also_forgets_the_unit(admin, demo):
    await admin.grant_admin(OPERATOR, RUDI, "SETDA")
    await admin.revoke_admin(OPERATOR, RUDI)
    row = employee(demo, RUDI)
    assert (row.is_admin, row.admin_unit_id) == (False, None)
    assert demo.state.audit[-1].action == "admin.revoke"


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda admin: admin.grant_admin(OPERATOR, "199001052014031009"), "employee"),
        (lambda admin: admin.grant_admin(OPERATOR, RUDI, "NOPE"), "unit"),
        (lambda admin: admin.revoke_admin(OPERATOR, "199001052014031009"), "employee"),
    ],
    ids=["grant to an unknown nip", "grant for an unknown unit", "revoke an unknown nip"],
)
async def test_an_unknown_nip_or_unit_is_not_found_and_changes_nothing(admin, demo, call, kind):
    before = demo.snapshot()
    with pytest.raises(NotFound) as missing:
        await call(admin)
    assert missing.value.reason == kind
    assert demo.state == before


# --- the repository's queries ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("akta", ["AKTA-LAHIR", "AKTA-MATI"]),
        ("AKTA-MATI", ["AKTA-MATI"]),
        ("ktp", ["KTP-EL"]),
        ("puskesmas", ["PKM-KIA", "PKM-RAJAL"]),
        ("perizinan", ["IUMK", "NIB", "PBG"]),  # the unit's name
        ("tidak ada", []),
    ],
)
async def test_services_are_found_by_name_code_or_unit_name_in_any_case(demo, query, codes):
    async with demo(readonly=True) as uow:
        found = await uow.org.services(query=query)
    assert sorted(service.code for service in found) == codes


async def test_services_are_listed_by_unit_name_then_name_within_the_limit(demo):
    async with demo(readonly=True) as uow:
        everything = await uow.org.services()
        first_two = await uow.org.services(limit=2)
        capil = await uow.org.unit_by_code("DISDUKCAPIL-CAPIL")
        assert capil is not None
        in_unit = await uow.org.services(unit_ids=[capil.id])
        inactive = await uow.org.service_by_code("IUMK")
    keys = [(service.unit_name, service.name) for service in everything]
    assert keys == sorted(keys)
    assert first_two == everything[:2]
    assert [service.code for service in in_unit] == ["AKTA-LAHIR", "AKTA-MATI"]
    assert inactive is not None
    assert not inactive.active


async def test_members_subordinates_and_unit_paths(demo):
    async with demo(readonly=True) as uow:
        kabag = await uow.org.member_by_nip(KABAG)
        rudi = await uow.org.member_by_nip(RUDI)
        assert kabag is not None
        assert rudi is not None
        assert [m.nip for m in await uow.org.subordinates(kabag.id)] == [RUDI]
        assert await uow.org.has_subordinates(kabag.id)
        assert not await uow.org.has_subordinates(rudi.id)
        everyone = await uow.org.members()
        assert [m.name for m in everyone] == sorted(m.name for m in everyone)
        in_unit = await uow.org.members([rudi.unit_id])
        assert {m.nip for m in in_unit} == {KABAG, RUDI}
        path = await uow.org.unit_path(rudi.unit_id)
        units = {unit.id: unit.code for unit in await uow.org.units()}
        assert [units[i] for i in path] == ["PEMKOT", "SETDA", "SETDA-UMUM"]
        assert await uow.org.nips() == {row.nip for row in demo.state.employees.values()}


async def test_a_small_organisation_can_be_seeded_without_csv(fake):
    await seed(
        fake,
        units=[Unit("ROOT", "Pemkab Contoh", None, "WIT"), Unit("DINAS", "Dinas Contoh", "ROOT")],
        employees=[
            Employee(Nip(KABAG), "Kepala", "Kepala Dinas", PositionKind.JPT, "DINAS"),
            Employee(Nip(RUDI), "Staf", "Pelaksana", PositionKind.PELAKSANA, "DINAS", Nip(KABAG)),
        ],
        services=[PublicService("SVC", "Layanan Contoh", "DINAS")],
    )
    async with fake(readonly=True) as uow:
        staff = await uow.org.member_by_nip(RUDI)
        assert staff is not None
        assert (staff.unit_code, staff.unit_name) == ("DINAS", "Dinas Contoh")
        assert await uow.org.effective_timezone(staff.unit_id) == "Asia/Jayapura"
        assert [m.nip for m in await uow.org.subordinates(staff.supervisor_id or 0)] == [RUDI]
        assert [s.code for s in await uow.org.services(query="contoh")] == ["SVC"]
