"""The distribution of predikat in a unit (``Appraisals.distribution``) on SQLite and PostgreSQL:
its counts come from a report query, which the fakes do not have. Who may see which unit's
distribution is tested on the fakes (``tests/unit/appraisal/test_use_cases.py``)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.actors import Actor
from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import Appraisal
from domain.appraisal.period_admin import PeriodAdministration
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.use_cases import Appraisals
from domain.org.admin import OrgAdministration
from domain.org.directory import actor_of
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import OPERATOR, populate_demo
from tests.unit.appraisal.test_use_cases import (
    AGUS,
    BUDI,
    FAJAR,
    HENDRA,
    NOVEMBER,
    NOVITA,
    NUR,
    RATNA,
    SKP_CSV,
    T0,
    TELEGRAM,
    YUSUF,
)


@pytest.fixture
async def store(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> SqlUnitOfWorkFactory:
    await populate_demo(uow, clock, telegram=TELEGRAM, admins={NOVITA: None, FAJAR: "DINKES"})
    return uow


@pytest.fixture
def periods(store: SqlUnitOfWorkFactory, clock: FixedClock) -> PeriodAdministration:
    return PeriodAdministration(store, clock)


@pytest.fixture
def appraisals(store: SqlUnitOfWorkFactory, clock: FixedClock) -> Appraisals:
    return Appraisals(store, clock, "Asia/Jayapura")


@pytest.fixture
async def period_id(periods: PeriodAdministration) -> int:
    """November 2026, open, with SKP imported."""
    period = await periods.create(OPERATOR, NOVEMBER)
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    await periods.import_skp(OPERATOR, SKP_CSV)
    return period.id


async def actor(store: SqlUnitOfWorkFactory, nip: str) -> Actor:
    async with store(readonly=True) as uow:
        return await actor_of(uow, TELEGRAM[nip])


async def put(store: SqlUnitOfWorkFactory, appraisal: Appraisal) -> None:
    async with store() as uow:
        await uow.appraisals.save(appraisal, now=T0)
        await uow.commit()


def submitted(period_id: int, nip: str) -> Appraisal:
    return Appraisal(period_id, nip).submit_self_assessment(
        by_nip=nip, ratings={"berakhlak:loyal": Rating.SESUAI}, realisations={}, now=T0
    )


def assessed(
    appraisal: Appraisal,
    penilai: str,
    hasil: Rating = Rating.SESUAI,
    perilaku: Rating = Rating.SESUAI,
) -> Appraisal:
    return appraisal.assess(
        hasil=hasil,
        perilaku=perilaku,
        feedback=None,
        by_nip=penilai,
        supervisor_nip=penilai,
        now=T0 + timedelta(days=1),
    )


async def assessed_seksi(store: SqlUnitOfWorkFactory, period_id: int) -> None:
    """Seksi IDP: Nur and Budi Baik. Bidang Capil: Ratna Sangat Baik."""
    await put(store, assessed(submitted(period_id, NUR), HENDRA))
    await put(store, assessed(submitted(period_id, BUDI), HENDRA))
    await put(store, assessed(Appraisal(period_id, RATNA), YUSUF, Rating.DI_ATAS, Rating.DI_ATAS))


async def test_a_unit_head_sees_the_distribution_with_warnings_for_the_org_predikat(
    store, appraisals, periods, period_id
):
    await assessed_seksi(store, period_id)
    await periods.set_org_predikat(OPERATOR, period_id, "disdukcapil-idp", "baik")

    found = await appraisals.distribution(await actor(store, HENDRA), period_id)

    assert found.unit.code == "DISDUKCAPIL-IDP"
    assert found.organisation is OrganisationPredikat.BAIK
    assert found.counts == {Predikat.BAIK: 2}
    assert found.total == 2
    # Baik: at most 70% Baik, and someone must be Butuh Perbaikan or Kurang (§2.6)
    assert [w.rule for w in found.warnings] == [
        "baik.baik_max",
        "baik.needs_butuh_perbaikan_or_kurang",
    ]


async def test_without_an_org_predikat_there_are_counts_but_no_warnings(
    store, appraisals, period_id
):
    await assessed_seksi(store, period_id)

    found = await appraisals.distribution(await actor(store, HENDRA), period_id)

    assert (found.organisation, found.warnings) == (None, [])
    assert found.counts == {Predikat.BAIK: 2}


async def test_without_an_org_predikat_the_unit_head_learns_each_pola_and_who_sets_it(
    store, appraisals, period_id
):
    await assessed_seksi(store, period_id)

    found = await appraisals.distribution(await actor(store, HENDRA), period_id)

    # what each organisation predikat would make of today's spread (two Baik of two)
    assert list(found.if_set) == list(OrganisationPredikat)
    assert found.if_set[OrganisationPredikat.ISTIMEWA] == []
    assert [w.rule for w in found.if_set[OrganisationPredikat.BAIK]] == [
        "baik.baik_max",
        "baik.needs_butuh_perbaikan_or_kurang",
    ]
    # only an admin of the whole organisation sets it (not Fajar, admin of DINKES)
    assert found.setters == ("Novita Sari, S.Psi., M.Si.",)


async def test_a_kepala_dinas_sees_the_distribution_of_the_dinas_and_its_sub_units(
    store, appraisals, period_id
):
    await assessed_seksi(store, period_id)

    found = await appraisals.distribution(await actor(store, AGUS), period_id)

    assert found.unit.code == "DISDUKCAPIL"
    assert found.counts == {Predikat.BAIK: 2, Predikat.SANGAT_BAIK: 1}


async def test_an_admin_sees_a_unit_they_administer_with_its_sub_units(
    store, appraisals, periods, period_id, clock
):
    await OrgAdministration(store, clock).grant_admin(OPERATOR, YUSUF, "DISDUKCAPIL")
    await assessed_seksi(store, period_id)
    await periods.set_org_predikat(OPERATOR, period_id, "DISDUKCAPIL", "butuh_perbaikan")

    for nip in (YUSUF, NOVITA):
        found = await appraisals.distribution(await actor(store, nip), period_id, "disdukcapil")
        assert found.unit.code == "DISDUKCAPIL"
        assert found.counts == {Predikat.BAIK: 2, Predikat.SANGAT_BAIK: 1}
        assert found.organisation is OrganisationPredikat.BUTUH_PERBAIKAN
        # at least 60% Butuh Perbaikan; at most 10% Sangat Baik
        assert [w.rule for w in found.warnings] == [
            "butuh_perbaikan.butuh_perbaikan_min",
            "butuh_perbaikan.sangat_baik_max",
        ]


async def test_an_admin_heading_no_unit_sees_the_unit_administered_or_the_whole_pemda(
    store, appraisals, period_id, clock
):
    org = OrgAdministration(store, clock)
    await org.grant_admin(OPERATOR, BUDI, None)  # heads nothing: the whole organisation
    await org.grant_admin(OPERATOR, RATNA, "DISDUKCAPIL-DAFDUK")
    await assessed_seksi(store, period_id)

    whole = await appraisals.distribution(await actor(store, BUDI), period_id)
    bidang = await appraisals.distribution(await actor(store, RATNA), period_id)

    assert (whole.unit.code, whole.total) == ("PEMKOT", 3)
    assert (bidang.unit.code, bidang.counts) == ("DISDUKCAPIL-DAFDUK", {Predikat.BAIK: 2})
