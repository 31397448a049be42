"""The admins' weekly summary and the unit heads' recognition lists, planned on SQLite and
PostgreSQL (they read report queries, which the fakes do not have)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.router import Router
from bot.routes import ROUTES
from domain.appraisal.periods import PeriodStatus
from domain.appraisal.predikat import Rating
from domain.audit import AuditEntry
from domain.messages import Lines
from domain.reminders.reports import ReportPolicy, Reports
from domain.skm.ikm import UNSUR_CODES
from domain.skm.survey import Channel, SkmResponse
from storage.outbox import SqlOutboxQueue
from tests.support.appraisals import (
    AGUS,
    DEWI,
    HENDRA,
    NUR,
    add_period,
    assessed,
    month,
    save,
)
from tests.support.calendar import FixedCalendars, OfficeCalendar
from tests.support.fakes.seeding import populate_demo

NOVITA = "199211152019032005"
MONDAY_9_WIB = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
CALENDAR = OfficeCalendar()


@pytest.fixture
async def world(uow, clock):
    admins = {DEWI: None}
    telegram = {DEWI: 400, HENDRA: 100, NUR: 200, AGUS: 500}
    await populate_demo(uow, clock, telegram=telegram, admins=admins)
    return uow


def reports(uow, clock) -> Reports:
    return Reports(uow, clock, FixedCalendars(CALENDAR), ReportPolicy("Asia/Jakarta", 2))


async def queued(uow) -> dict[str, object]:
    queue = SqlOutboxQueue(uow.db, Router(ROUTES).catalogue)
    claimed = await queue.claim(
        now=MONDAY_9_WIB + timedelta(days=60), limit=100, lease=timedelta(minutes=1)
    )
    return {m.key + "@" + str(m.chat_id): m for m in claimed}


async def rate(
    uow, code: str, day: date, score: int, count: int = 2, saran: str | None = None
) -> None:
    async with uow() as tx:
        service = await tx.org.service_by_code(code)
        at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=3)
        await tx.skm_responses.add([
            SkmResponse(service.id, service.unit_id, at, day, Channel.TELEGRAM,
                        dict.fromkeys(UNSUR_CODES, score), suggestion=saran)
            for _ in range(2)
        ])  # fmt: skip
        await tx.commit()


async def test_the_monday_summary_reaches_each_admin_once_with_chart_and_text(world, clock):
    november = await add_period(
        world, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    async with world() as tx:
        period = await tx.periods.get(november)
        await tx.periods.save(replace(period, status=PeriodStatus.OPEN))
        await tx.commit()
    await save(world, assessed(november, NUR, HENDRA))
    await rate(world, "KTP-EL", date(2026, 12, 2), 2, saran="Antrean terlalu panjang")
    await rate(world, "AKTA-LAHIR", date(2026, 12, 1), 4)
    await rate(world, "KTP-EL", date(2026, 11, 20), 4)  # the week before last: not new

    planner = reports(world, clock)
    assert await planner.plan(MONDAY_9_WIB - timedelta(hours=2), CALENDAR) == 0  # 07:00 WIB
    assert await planner.plan(MONDAY_9_WIB, CALENDAR) == 3  # chart, text, one part of units
    assert await planner.plan(MONDAY_9_WIB + timedelta(hours=1), CALENDAR) == 0  # once a week
    messages = await queued(world)
    assert set(messages) == {
        "reminders.summary.chart@400",
        "reminders.summary@400",
        "reminders.summary.units@400",
    }
    text = messages["reminders.summary@400"]
    assert (text.params["ratings"], text.params["saran"]) == (4, 2)
    lowest = text.params["lowest"]
    assert isinstance(lowest, Lines)
    assert [line.params["unit"] for line in lowest.items][:1] == ["Seksi Identitas Penduduk"]
    chart = messages["reminders.summary.chart@400"]
    assert chart.params["$photo"] == "completion_chart"
    assert "Dinas Kependudukan dan Pencatatan Sipil" in str(chart.params["chart"])


async def test_the_recognition_list_reaches_the_unit_head_on_the_first_working_day(world, clock):
    october = await add_period(world, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    top = Rating.DI_ATAS
    await save(world, assessed(october, NUR, HENDRA, top, top))
    async with world() as tx:
        period = await tx.periods.get(october)
        await tx.periods.save(replace(period, status=PeriodStatus.CLOSED))
        close = datetime(2026, 11, 10, 3, tzinfo=UTC)
        await tx.audit.record(AuditEntry(close, "cli", "period.close", f"period:{october}"))
        await tx.commit()
    await rate(world, "KTP-EL", date(2026, 10, 10), 2)
    await rate(world, "KTP-EL", date(2026, 11, 10), 4)

    planner = reports(world, clock)
    tuesday = datetime(2026, 12, 1, 2, tzinfo=UTC)  # 1 Dec 2026, 09:00 WIB, a Tuesday
    assert await planner.plan_recognitions(tuesday - timedelta(days=1), CALENDAR) == 0
    assert await planner.plan_recognitions(tuesday, CALENDAR) == 1
    assert await planner.plan_recognitions(tuesday + timedelta(hours=2), CALENDAR) == 0
    messages = await queued(world)
    head = messages["reminders.recognition.candidates@100"]  # Hendra heads Seksi IDP
    candidates = head.params["candidates"]
    assert isinstance(candidates, Lines)
    assert [line.key for line in candidates.items] == [
        "reminders.recognition.employee",
        "reminders.recognition.service",
    ]
    assert [len(row) for row in head.buttons] == [1, 1]
