"""The appraisal's report queries (``AppraisalQueries``) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from domain.appraisal.model import Appraisal
from domain.appraisal.predikat import Predikat, Rating
from domain.org.admin import OrgAdministration
from tests.support.appraisals import (
    BUDI,
    HENDRA,
    NUR,
    RATNA,
    T0,
    YUSUF,
    add_period,
    assessed,
    month,
    save,
)
from tests.support.fakes.seeding import OPERATOR, demo_csv


@pytest.fixture
async def demo(uow, clock):
    admin = OrgAdministration(uow, clock)
    await admin.import_units(OPERATOR, demo_csv("units"))
    await admin.import_employees(OPERATOR, demo_csv("employees"))
    return uow


async def test_predikat_are_counted_per_period_in_the_given_units(demo):
    october = await add_period(demo, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    submitted_only = Appraisal(november, HENDRA).submit_self_assessment(
        by_nip=HENDRA, ratings={"berakhlak:loyal": Rating.SESUAI}, realisations={}, now=T0
    )
    await save(
        demo,
        assessed(november, NUR, HENDRA),
        assessed(november, BUDI, HENDRA, Rating.DI_BAWAH, Rating.DI_BAWAH),
        assessed(november, RATNA, YUSUF),
        assessed(october, BUDI, HENDRA),
        submitted_only,  # no predikat yet
    )
    async with demo(readonly=True) as tx:
        units = {u.code: u.id for u in await tx.org.units()}
        seksi = await tx.appraisal_queries.predikat_counts(november, [units["DISDUKCAPIL-IDP"]])
        both = await tx.appraisal_queries.predikat_counts(
            november, [units["DISDUKCAPIL-IDP"], units["DISDUKCAPIL-CAPIL"]]
        )
        elsewhere = await tx.appraisal_queries.predikat_counts(november, [units["DINKES"]])

    assert seksi == {Predikat.BAIK: 1, Predikat.SANGAT_KURANG: 1}
    assert both == {Predikat.BAIK: 2, Predikat.SANGAT_KURANG: 1}
    assert elsewhere == {}
