"""The catalogue's administration on the fakes: who may import it, all or nothing, the default
until an import."""

from __future__ import annotations

import pytest

from domain.actors import Actor
from domain.errors import ImportRejected, PermissionDenied
from domain.peer.catalogue import DEFAULT_CATALOGUE
from domain.peer.catalogue_admin import CatalogueAdministration
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import OPERATOR
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

GOOD = (
    b"value_code,kind,title_id,title_en\n"
    b"kompeten,pelatihan,Diklat teknis,Technical course\n"
    b"akuntabel,activity,Laporan mingguan,Weekly report\n"
)


@pytest.fixture
def admin() -> CatalogueAdministration:
    return CatalogueAdministration(FakeUnitOfWorkFactory(FixedClock()), FixedClock())


async def test_the_default_catalogue_applies_until_an_admin_imports_one(admin):
    before = await admin.current(OPERATOR)
    assert before.is_default
    assert before.catalogue == DEFAULT_CATALOGUE
    imported = await admin.import_catalogue(OPERATOR, GOOD)
    after = await admin.current(OPERATOR)
    assert not after.is_default
    assert after.catalogue == imported
    assert [item.title_en for item in imported.items] == ["Technical course", "Weekly report"]


async def test_a_dry_run_validates_and_keeps_the_catalogue(admin):
    await admin.import_catalogue(OPERATOR, GOOD, dry_run=True)
    assert (await admin.current(OPERATOR)).is_default


async def test_a_file_with_bad_rows_imports_nothing_and_lists_every_error(admin):
    bad = (
        b"value_code,kind,title_id,title_en\n"
        b"kompeten,pelatihan,Diklat teknis,Technical course\n"
        b"jujur,pelatihan,X,Y\n"
        b"adaptif,seminar,,Z\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        await admin.import_catalogue(OPERATOR, bad)
    found = [(e.line, e.field, e.reason) for e in rejected.value.errors]
    assert found == [
        (3, "value_code", "unknown_option"),
        (4, "kind", "unknown_option"),
        (4, "title_id", "required"),
    ]
    assert (await admin.current(OPERATOR)).is_default


async def test_only_an_organisation_admin_or_the_operator_may_import_or_list(admin):
    employee = Actor(telegram_id=5, language="id")
    with pytest.raises(PermissionDenied):
        await admin.import_catalogue(employee, GOOD)
    with pytest.raises(PermissionDenied):
        await admin.current(employee)
