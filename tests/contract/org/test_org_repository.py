"""The organisation's contract (``OrgRepository``), on the fakes, SQLite and PostgreSQL: units,
employees with their accounts and admin grants, public services."""

from __future__ import annotations

import pytest

from domain.org.admin import OrgAdministration
from domain.org.identity import ChatAccount
from domain.org.nip import Nip
from domain.org.ports import ImportSummary
from domain.org.structure import Employee, PositionKind, PublicService, Unit
from tests.support.fakes.seeding import OPERATOR

BOSS = "197511021997081001"
ANI = "199608182022042001"
ANI_TOO = "199202292019031004"  # another Ani: same name, later id
STAFF = "199105092024212001"

UNITS = [
    Unit("SEKSI", "Seksi Identitas", "DINAS"),  # a child before its parent: stored after it
    Unit("DINAS", "Dinas Kependudukan", "PEMDA"),
    Unit("PEMDA", "Pemerintah Kota", None, "Asia/Makassar"),
    Unit("OTHER", "Dinas Kesehatan", "PEMDA", "Asia/Jayapura"),
]
EMPLOYEES = [
    Employee(Nip(ANI), "Ani", "Pelaksana", PositionKind.PELAKSANA, "SEKSI", Nip(BOSS)),
    Employee(Nip(BOSS), "Budi", "Kepala Dinas", PositionKind.JPT, "DINAS"),
    Employee(Nip(ANI_TOO), "Ani", "Fungsional", PositionKind.FUNGSIONAL, "SEKSI", Nip(BOSS)),
    Employee(Nip(STAFF), "Citra", "Pelaksana", PositionKind.PELAKSANA, "OTHER"),
]
SERVICES = [
    PublicService("KTP", "Perekaman KTP", "SEKSI"),
    PublicService("AKTA", "Akta Kelahiran", "DINAS"),
    PublicService("ARSIP", "Arsip 100% digital_baru", "DINAS", active=False),
    PublicService("VAKSIN", "Vaksinasi", "OTHER"),
]


@pytest.fixture
async def org(factory):
    async with factory() as uow:
        assert await uow.org.save_units(UNITS) == ImportSummary(created=4)
        assert await uow.org.save_employees(EMPLOYEES) == ImportSummary(created=4)
        assert await uow.org.save_services(SERVICES) == ImportSummary(created=4)
        await uow.commit()
    return factory


async def ids(factory) -> dict[str, int]:
    async with factory(readonly=True) as uow:
        units = {u.code: u.id for u in await uow.org.units()}
        members = {m.nip: m.id for m in await uow.org.members()}
    return units | members


async def test_units_are_stored_parents_first_and_listed_by_code(org):
    async with org(readonly=True) as uow:
        units = await uow.org.units()
        assert [u.code for u in units] == ["DINAS", "OTHER", "PEMDA", "SEKSI"]
        by_code = {u.code: u for u in units}
        assert by_code["SEKSI"].parent_id == by_code["DINAS"].id
        assert by_code["PEMDA"].parent_id is None
        assert await uow.org.unit_by_code("DINAS") == by_code["DINAS"]
        assert await uow.org.unit_by_code("NOPE") is None
        assert await uow.org.unit(by_code["SEKSI"].id) == by_code["SEKSI"]
        assert await uow.org.unit(max(u.id for u in units) + 1000) is None
        path = await uow.org.unit_path(by_code["SEKSI"].id)
        assert path == (by_code["PEMDA"].id, by_code["DINAS"].id, by_code["SEKSI"].id)


async def test_a_unit_inherits_the_time_zone_of_its_nearest_ancestor(org):
    unit = await ids(org)
    async with org(readonly=True) as uow:
        assert await uow.org.effective_timezone(unit["SEKSI"]) == "Asia/Makassar"
        assert await uow.org.effective_timezone(unit["OTHER"]) == "Asia/Jayapura"
        assert await uow.org.effective_timezone(unit["PEMDA"] + 1000) is None


async def test_saving_units_again_counts_what_changed(org):
    moved = [
        Unit("PEMDA", "Pemerintah Kota", None, "Asia/Makassar"),
        Unit("SEKSI", "Seksi Identitas Penduduk", "DINAS"),
        Unit("OTHER", "Dinas Kesehatan", "DINAS", "Asia/Jayapura"),
        Unit("NEW", "Bagian Baru", "OTHER"),
    ]
    async with org() as uow:
        assert await uow.org.save_units(moved) == ImportSummary(1, 2, 1)
        await uow.commit()
    unit = await ids(org)
    async with org(readonly=True) as uow:
        assert (await uow.org.unit(unit["OTHER"])).parent_id == unit["DINAS"]
        assert (await uow.org.unit(unit["SEKSI"])).name == "Seksi Identitas Penduduk"
        assert len(await uow.org.units()) == 5


async def test_employees_are_found_by_id_nip_and_account_with_their_unit(org):
    async with org(readonly=True) as uow:
        ani = await uow.org.member_by_nip(ANI)
        assert (ani.name, ani.position, ani.position_kind) == ("Ani", "Pelaksana", "pelaksana")
        assert (ani.unit_code, ani.unit_name) == ("SEKSI", "Seksi Identitas")
        assert ani.supervisor_id == (await uow.org.member_by_nip(BOSS)).id
        assert (ani.telegram_id, ani.is_admin, ani.admin_unit_id) == (None, False, None)
        assert await uow.org.member(ani.id) == ani
        assert await uow.org.member(ani.id + 1000) is None
        assert await uow.org.member_by_nip("199001052014031002") is None
        assert await uow.org.member_by_telegram(42) is None
        assert await uow.org.nips() == {ANI, ANI_TOO, BOSS, STAFF}


async def test_employees_are_listed_by_name_then_in_the_order_they_came(org):
    unit = await ids(org)
    async with org(readonly=True) as uow:
        assert [m.nip for m in await uow.org.members()] == [ANI, ANI_TOO, BOSS, STAFF]
        seksi = await uow.org.members([unit["SEKSI"], unit["OTHER"]])
        assert [m.nip for m in seksi] == [ANI, ANI_TOO, STAFF]
        assert await uow.org.members([]) == []
        boss = unit[BOSS]
        assert [m.nip for m in await uow.org.subordinates(boss)] == [ANI, ANI_TOO]
        assert await uow.org.has_subordinates(boss)
        assert not await uow.org.has_subordinates(unit[ANI])
        assert await uow.org.subordinates(unit[ANI]) == []


async def test_saving_employees_again_counts_what_changed_a_new_supervisor_included(org):
    changed = [
        Employee(Nip(ANI), "Ani", "Pelaksana", PositionKind.PELAKSANA, "SEKSI", Nip(BOSS)),
        Employee(Nip(ANI_TOO), "Ani", "Fungsional", PositionKind.FUNGSIONAL, "SEKSI", Nip(STAFF)),
        Employee(Nip(STAFF), "Citra", "Kepala Seksi", PositionKind.PENGAWAS, "SEKSI"),
        Employee(Nip("199001052014031002"), "Dedi", "Pelaksana", PositionKind.PELAKSANA, "SEKSI"),
    ]
    async with org() as uow:
        assert await uow.org.save_employees(changed) == ImportSummary(1, 2, 1)
        await uow.commit()
    unit = await ids(org)
    async with org(readonly=True) as uow:
        assert [m.nip for m in await uow.org.subordinates(unit[STAFF])] == [ANI_TOO]
        citra = await uow.org.member(unit[STAFF])
        assert (citra.position, citra.unit_code) == ("Kepala Seksi", "SEKSI")


async def test_an_account_is_bound_to_one_employee_at_a_time(org):
    unit = await ids(org)
    async with org() as uow:
        assert await uow.accounts.get_with_staff(42) == (ChatAccount(42), False)
        await uow.org.bind_telegram(unit[ANI], 42)
        assert (await uow.org.member_by_telegram(42)).nip == ANI
        assert await uow.accounts.get_with_staff(42) == (ChatAccount(42), True)
        await uow.accounts.save(ChatAccount(42, "en"))
        assert await uow.accounts.get_with_staff(42) == (ChatAccount(42, "en"), True)
        await uow.org.bind_telegram(unit[BOSS], 42)  # the same account, now Budi's
        assert (await uow.org.member_by_telegram(42)).nip == BOSS
        assert (await uow.org.member(unit[ANI])).telegram_id is None
        await uow.org.bind_telegram(unit[BOSS], None)
        assert await uow.org.member_by_telegram(42) is None
        await uow.commit()


async def test_an_admin_grant_covers_a_unit_or_everything_and_is_withdrawn_whole(org):
    unit = await ids(org)
    async with org() as uow:
        await uow.org.set_admin(unit[ANI], is_admin=True, unit_id=unit["DINAS"])
        ani = await uow.org.member(unit[ANI])
        assert (ani.is_admin, ani.admin_unit_id) == (True, unit["DINAS"])
        await uow.org.set_admin(unit[ANI], is_admin=False, unit_id=unit["DINAS"])
        ani = await uow.org.member(unit[ANI])
        assert (ani.is_admin, ani.admin_unit_id) == (False, None)


async def test_services_are_found_by_id_and_code_with_their_unit(org):
    async with org(readonly=True) as uow:
        ktp = await uow.org.service_by_code("KTP")
        assert (ktp.name, ktp.unit_code, ktp.unit_name, ktp.active) == (
            "Perekaman KTP",
            "SEKSI",
            "Seksi Identitas",
            True,
        )
        assert await uow.org.service(ktp.id) == ktp
        assert await uow.org.service(ktp.id + 1000) is None
        assert await uow.org.service_by_code("NOPE") is None
        assert not (await uow.org.service_by_code("ARSIP")).active
        assert await uow.org.service_to_show("KTP") == ktp  # for titles: may be a recent copy
        assert await uow.org.service_to_show("NOPE") is None


async def test_services_are_listed_by_unit_name_then_name_within_units_and_a_limit(org):
    unit = await ids(org)
    async with org(readonly=True) as uow:
        codes = [s.code for s in await uow.org.services()]
        assert codes == ["AKTA", "ARSIP", "VAKSIN", "KTP"]  # Dinas K-ependudukan, K-esehatan, Seksi
        assert [s.code for s in await uow.org.services(limit=2)] == ["AKTA", "ARSIP"]
        seksi = await uow.org.services(unit_ids=[unit["SEKSI"]])
        assert [s.code for s in seksi] == ["KTP"]
        assert await uow.org.services(unit_ids=[]) == []


async def test_a_service_search_matches_name_code_or_unit_as_plain_text(org):
    async with org(readonly=True) as uow:

        async def found(query: str) -> list[str]:
            return [s.code for s in await uow.org.services(query=query)]

        assert await found("akta") == ["AKTA"]  # the name, ignoring case
        assert await found("Vaks") == ["VAKSIN"]
        assert await found("seksi identitas") == ["KTP"]  # the unit's name
        assert await found("kesehatan") == ["VAKSIN"]
        assert await found("100%") == ["ARSIP"]
        assert await found("%") == ["ARSIP"]  # a percent sign, not a wildcard
        assert await found("_") == ["ARSIP"]
        assert await found("t_l") == []  # "_" matches no letter (digital)
        assert await found("") == ["AKTA", "ARSIP", "VAKSIN", "KTP"]


async def test_saving_services_again_counts_what_changed(org):
    again = [
        PublicService("KTP", "Perekaman KTP", "SEKSI"),
        PublicService("AKTA", "Akta Kelahiran", "SEKSI"),  # moved
        PublicService("VAKSIN", "Vaksinasi", "OTHER", active=False),
        PublicService("KIA", "Kartu Identitas Anak", "SEKSI"),
    ]
    async with org() as uow:
        assert await uow.org.save_services(again) == ImportSummary(1, 2, 1)
        akta = await uow.org.service_by_code("AKTA")
        assert akta.unit_code == "SEKSI"
        assert not (await uow.org.service_by_code("VAKSIN")).active
        assert len(await uow.org.services()) == 5


async def test_the_admins_of_a_unit_are_those_whose_grant_covers_it_and_who_have_an_account(
    demo, clock
):
    admin = OrgAdministration(demo, clock)
    await admin.grant_admin(OPERATOR, "198311232009042001")  # everything
    await admin.grant_admin(OPERATOR, "198004172005012003", "DISDUKCAPIL")
    await admin.grant_admin(OPERATOR, "198103032008031002", "DINKES")
    await admin.grant_admin(
        OPERATOR, "199608182022042001", "DISDUKCAPIL"
    )  # no Telegram account yet
    async with demo() as tx:
        for nip, chat in (
            ("198311232009042001", 900),
            ("198004172005012003", 901),
            ("198103032008031002", 902),
        ):
            member = await tx.org.member_by_nip(nip)
            await tx.org.bind_telegram(member.id, chat)
        await tx.commit()
    async with demo(readonly=True) as tx:
        ktp = await tx.org.service_by_code("KTP-EL")
        path = await tx.org.unit_path(ktp.unit_id)
        assert await tx.org.admin_chats(path) == [901, 900]  # in employee order; 902 is DINKES
        assert await tx.org.admin_chats(path[:1]) == [900]  # the root: only the global admin
