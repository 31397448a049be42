"""The admins' summary's and the recognition's queries (``ReportQueries``) on SQLite and
PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from sqlmodel import col

from domain.appraisal.model import Appraisal
from domain.appraisal.periods import PeriodStatus
from domain.appraisal.predikat import Rating
from domain.audit import AuditEntry
from domain.org.admin import OrgAdministration
from domain.org.identity import ChatAccount
from domain.reminders.recognition import SangatBaik
from domain.reminders.summary import UnitCounts
from storage.tables import ChatAccountRow, PeerAssignmentRow
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


async def _close(factory, period_id: int, at: datetime) -> None:
    async with factory() as tx:
        period = await tx.periods.get(period_id)
        await tx.periods.save(replace(period, status=PeriodStatus.CLOSED))
        await tx.audit.record(AuditEntry(at, "cli", "period.close", f"period:{period_id}"))
        await tx.commit()


async def test_completion_is_counted_per_unit_and_period(demo):
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    submitted = Appraisal(november, HENDRA).submit_self_assessment(
        by_nip=HENDRA, ratings={"berakhlak:loyal": Rating.SESUAI}, realisations={}, now=T0
    )
    await save(demo, assessed(november, NUR, HENDRA), assessed(november, RATNA, YUSUF), submitted)
    async with demo() as tx:
        await tx.org.bind_telegram((await tx.org.member_by_nip(NUR)).id, 501)
        await tx.commit()
    async with demo(readonly=True) as tx:
        units = {u.code: u.id for u in await tx.org.units()}
        counts = {c.unit_id: c for c in await tx.report_queries.unit_counts([november])}
        assert await tx.report_queries.unit_counts([]) == []
    idp, capil = units["DISDUKCAPIL-IDP"], units["DISDUKCAPIL-CAPIL"]
    # IDP: Hendra (submitted), Nur (assessed), Budi (nothing); Nur alone has a chat
    assert counts[idp] == UnitCounts(idp, november, 3, 2, 1, 2)
    assert (counts[capil].self_done, counts[capil].assessed) == (1, 1)
    assert sum(c.employees for c in counts.values()) == 33


async def test_people_who_blocked_the_bot_are_listed_by_name(demo, clock):
    async with demo() as tx:
        budi, nur = await tx.org.member_by_nip(BUDI), await tx.org.member_by_nip(NUR)
        await tx.org.bind_telegram(budi.id, 601)
        await tx.org.bind_telegram(nur.id, 602)
        await tx.accounts.save(ChatAccount(601))
        await tx.accounts.save(ChatAccount(602))
        blocked = update(ChatAccountRow).where(col(ChatAccountRow.telegram_id) == 601)
        await tx.session.exec(blocked.values(blocked_at=clock.now()))  # as the dispatcher does
        await tx.commit()
    async with demo(readonly=True) as tx:
        [found] = await tx.report_queries.unreachable()
    assert (found.employee_id, found.unit_id) == (budi.id, budi.unit_id)


async def test_sangat_baik_of_periods_closed_in_the_month(demo):
    october = await add_period(demo, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    top = Rating.DI_ATAS
    await save(
        demo,
        assessed(october, NUR, HENDRA, top, top),
        assessed(october, BUDI, HENDRA),  # Baik
        assessed(november, BUDI, HENDRA, top, top),
    )
    await _close(demo, october, datetime(2026, 11, 12, 3, tzinfo=UTC))
    await _close(demo, november, datetime(2026, 12, 10, 3, tzinfo=UTC))
    async with demo(readonly=True) as tx:
        nur = await tx.org.member_by_nip(NUR)
        found = await tx.report_queries.sangat_baik_closed(
            datetime(2026, 10, 31, 17, tzinfo=UTC), datetime(2026, 11, 30, 17, tzinfo=UTC)
        )
    assert found == [SangatBaik(nur.id, nur.name, nur.unit_id, "Oktober 2026")]


async def test_peer_ratings_are_counted_in_the_raters_unit(demo):
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    async with demo() as tx:
        nur, budi = await tx.org.member_by_nip(NUR), await tx.org.member_by_nip(BUDI)
        hendra = await tx.org.member_by_nip(HENDRA)
        for rater, ratee, done in ((nur, budi, True), (budi, nur, False), (nur, hendra, False)):
            tx.session.add(
                PeerAssignmentRow(
                    period_id=november, rater_id=rater.id, ratee_id=ratee.id,
                    relation="peer", source="auto", submitted=done,
                )
            )  # fmt: skip
        await tx.commit()
    async with demo(readonly=True) as tx:
        counts = {c.unit_id: c for c in await tx.report_queries.unit_counts([november])}
    assert (counts[nur.unit_id].peer_owed, counts[nur.unit_id].peer_done) == (3, 1)
