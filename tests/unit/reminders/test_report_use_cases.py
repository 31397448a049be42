"""The recognition's confirmation and the nudge, on the fakes (the summary and the planning of
candidates read report queries: tests/integration/test_report_use_cases.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.actors import Actor
from domain.appraisal.model import Appraisal
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Rating
from domain.errors import InvalidTransition, NotFound, PermissionDenied, RateLimited
from domain.org.directory import actor_of
from domain.reminders.recognition import Recognition, RecognitionKind, RecognitionStatus
from domain.reminders.reports import ReportPolicy, Reports
from tests.support.calendar import FixedCalendars
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_world

HENDRA, NUR, BUDI = "198509302010041001", "199608182022042001", "199202292019031004"
DEWI, AGUS = "198004172005012003", "197511021997081001"
TELEGRAM = {HENDRA: 100, NUR: 200, BUDI: 300, DEWI: 400, AGUS: 500}
THURSDAY_10_WIB = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(THURSDAY_10_WIB)


@pytest.fixture
async def fake(clock):
    return await demo_world(clock, telegram=TELEGRAM)


@pytest.fixture
def reports(fake, clock) -> Reports:
    return Reports(fake, clock, FixedCalendars(), ReportPolicy("Asia/Jakarta"))


async def actor(fake, nip: str) -> Actor:
    async with fake(readonly=True) as uow:
        return await actor_of(uow, TELEGRAM[nip])


async def member_id(fake, nip: str) -> int:
    async with fake(readonly=True) as uow:
        return (await uow.org.member_by_nip(nip)).id


async def open_period(fake) -> AppraisalPeriod:
    period = AppraisalPeriod.create(
        name="November 2026",
        kind=PeriodKind.MONTHLY,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        self_due=date(2026, 12, 5),
        peer_due=date(2026, 12, 5),
        review_due=date(2026, 12, 15),
    )
    async with fake() as uow:
        stored = await uow.periods.add(replace(period, status=PeriodStatus.OPEN))
        await uow.commit()
    return stored


# --- the nudge ---------------------------------------------------------------------------------


async def test_the_nudge_reaches_every_late_subordinate_once_a_day(fake, reports, clock):
    period = await open_period(fake)
    async with fake() as uow:  # Budi submitted; Nur has not
        submitted = Appraisal(period.id, BUDI).submit_self_assessment(
            by_nip=BUDI,
            ratings={"berakhlak:loyal": Rating.SESUAI},
            realisations={},
            now=clock.now(),
        )
        await uow.appraisals.save(submitted, now=clock.now())
        await uow.commit()
    hendra = await actor(fake, HENDRA)
    nudged = await reports.nudge(hendra)
    assert (nudged.count, nudged.names) == (1, ("Nur Aisyah",))
    [row] = fake.state.outbox.values()
    assert row.chat_id == TELEGRAM[NUR]
    assert row.payload["key"] == "reminders.nudge"
    assert row.payload["params"]["supervisor"].startswith("Hendra")
    with pytest.raises(RateLimited) as refused:
        await reports.nudge(hendra)
    assert refused.value.params["again"] == date(2026, 12, 4)
    clock.set(datetime(2026, 12, 4, 2, tzinfo=UTC))
    assert (await reports.nudge(hendra)).count == 1


async def test_a_nudge_outside_the_recipients_office_hours_waits_for_the_morning(
    fake, reports, clock
):
    await open_period(fake)
    clock.set(datetime(2026, 12, 3, 9, 30, tzinfo=UTC))  # 16:30 WIB: the office has closed
    await reports.nudge(await actor(fake, HENDRA))
    rows = list(fake.state.outbox.values())
    assert len(rows) == 2  # Nur and Budi
    assert {row.not_before for row in rows} == {datetime(2026, 12, 4, 1, 0, tzinfo=UTC)}  # 08:00


async def test_only_a_pejabat_penilai_may_nudge(fake, reports):
    with pytest.raises(PermissionDenied):
        await reports.nudge(await actor(fake, NUR))
    with pytest.raises(PermissionDenied):
        await reports.nudge(Actor(999, "id"))


async def test_nothing_is_sent_and_the_day_is_not_used_when_nobody_is_late(fake, reports):
    hendra = await actor(fake, HENDRA)
    nudged = await reports.nudge(hendra)  # no open period
    assert nudged.count == 0
    assert fake.state.outbox == {}
    await open_period(fake)
    assert (await reports.nudge(hendra)).count == 2  # the same day: Nur and Budi


# --- confirming a recognition ------------------------------------------------------------------


async def candidate(fake, *, head: str, subject: str, kind=RecognitionKind.EMPLOYEE) -> Recognition:
    async with fake() as uow:
        head_member = await uow.org.member_by_nip(head)
        subject_member = await uow.org.member_by_nip(subject)
        item = Recognition(
            None, date(2026, 11, 1), head_member.unit_id, head_member.id, kind,
            subject_member.id, subject_member.name, period_name="Oktober 2026",
        )  # fmt: skip
        [stored] = await uow.recognitions.add([item], now=THURSDAY_10_WIB)
        await uow.commit()
    return stored


async def test_the_unit_head_confirms_and_the_employee_is_told(fake, reports, clock):
    item = await candidate(fake, head=HENDRA, subject=NUR)
    confirmed = await reports.confirm(await actor(fake, HENDRA), item.id)
    assert confirmed.status is RecognitionStatus.CONFIRMED
    assert confirmed.confirmed_by == HENDRA
    [row] = fake.state.outbox.values()
    assert (row.chat_id, row.payload["key"]) == (TELEGRAM[NUR], "reminders.recognition.announce")
    assert row.dedupe_key == f"recog:{item.id}:announce"
    assert [e.action for e in fake.state.audit][-1:] == ["recognition.confirm"]
    with pytest.raises(InvalidTransition) as again:
        await reports.confirm(await actor(fake, HENDRA), item.id)
    assert again.value.reason == "already_confirmed"


async def test_a_head_above_may_confirm_but_nobody_else(fake, reports):
    item = await candidate(fake, head=HENDRA, subject=NUR)
    with pytest.raises(PermissionDenied):
        await reports.confirm(await actor(fake, BUDI), item.id)
    confirmed = await reports.confirm(await actor(fake, DEWI), item.id)  # heads the bidang above
    assert confirmed.confirmed_by == DEWI


async def test_a_service_recognition_is_not_announced_to_anyone(fake, reports):
    item = await candidate(fake, head=HENDRA, subject=NUR, kind=RecognitionKind.SERVICE)
    await reports.confirm(await actor(fake, HENDRA), item.id)
    assert fake.state.outbox == {}


async def test_an_unknown_recognition_is_not_found(fake, reports):
    with pytest.raises(NotFound):
        await reports.confirm(await actor(fake, HENDRA), 9999)
