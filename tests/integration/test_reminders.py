"""The plan job on the real databases: each reminder queued once however often it runs, a
submission drops what was planned and not sent, a person who blocked the bot gets nothing until
they write again, /pengingat is kept, and the holidays' import is all or nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import col, select

from domain.appraisal import forms
from domain.appraisal.cases import own_subject
from domain.appraisal.flows import SelfAssessmentFlow
from domain.errors import ImportRejected
from domain.org.directory import Directory
from domain.reminders.calendar import HolidaySource
from domain.reminders.planning import ReminderPolicy, Reminders
from storage.tables import OutboxRow, ReminderMarkRow
from tests.integration.test_appraisal_concurrency import TZ, change, self_answers, setup, submitted


class National:
    def of_year(self, year: int) -> dict[date, str]:
        return {date(year, 12, 25): "Hari Raya Natal"}


async def keys(uow) -> list[str]:
    async with uow(readonly=True) as tx:
        rows = await tx.session.exec(select(OutboxRow).order_by(col(OutboxRow.id)))
        return [row.dedupe_key for row in rows]


def planner(uow, clock) -> Reminders:
    return Reminders(uow, clock, National(), ReminderPolicy(TZ))


async def test_a_reminder_is_queued_once_and_a_submission_drops_the_one_not_yet_sent(uow, clock):
    period_id, employee, penilai, items = await setup(uow, clock)  # Friday 27 Nov, 10:00 WIB
    reminders = planner(uow, clock)
    dewi, agus = employee.member.id, penilai.member.id
    queued = await reminders.plan()
    assert sorted(await keys(uow)) == sorted(
        [
            f"rem:self:{period_id}:{dewi}:opened",
            f"rem:self:{period_id}:{agus}:opened",
            f"rem:digest:0:{agus}:2026-11-27",  # Dewi has not submitted
            f"rem:digest:0:{dewi}:2026-11-27",  # nor has anyone of her team
        ]
    )
    assert queued == 4
    assert await reminders.plan() == 0  # again, and again: nothing new

    done = submitted(forms.SELF_ASSESSMENT, own_subject(period_id), 1001, self_answers(items))
    async with uow() as tx:
        await SelfAssessmentFlow(clock, TZ).on_submit(tx, change(employee, done, clock.now()))
        await tx.commit()
    assert f"rem:self:{period_id}:{dewi}:opened" not in await keys(uow)

    clock.set(datetime(2026, 11, 30, 2, tzinfo=UTC))  # Monday 09:00 WIB, the due date
    assert await reminders.plan() == 3
    now = await keys(uow)
    assert f"rem:self:{period_id}:{agus}:due" in now  # his own is due today
    assert f"rem:digest:0:{agus}:2026-11-30" in now  # Dewi waits for his assessment
    assert not any(key.startswith(f"rem:self:{period_id}:{dewi}:") for key in now)
    async with uow(readonly=True) as tx:
        marks = (await tx.session.exec(select(ReminderMarkRow))).all()
    assert f"rem:digest:0:{dewi}:2026-11-30" in now  # she still has a team to chase
    assert len(marks) == 7  # the ledger keeps the one dropped from the outbox too


async def test_nothing_is_planned_outside_office_hours_or_on_a_holiday(uow, clock):
    await setup(uow, clock)
    reminders = planner(uow, clock)
    clock.set(datetime(2026, 11, 27, 9, tzinfo=UTC))  # 16:00 WIB: the office has closed
    assert await reminders.plan() == 0
    clock.set(datetime(2026, 11, 28, 2, tzinfo=UTC))  # Saturday
    assert await reminders.plan() == 0
    clock.set(datetime(2026, 11, 30, 0, 30, tzinfo=UTC))  # Monday 07:30 WIB
    assert await reminders.plan() == 0
    clock.set(datetime(2026, 11, 30, 1, tzinfo=UTC))  # 08:00
    assert await reminders.plan() == 4


async def test_a_person_who_blocked_the_bot_gets_nothing_until_they_write_again(uow, clock):
    period_id, employee, _, _ = await setup(uow, clock)
    async with uow() as tx:
        account = await tx.accounts.get(1001)
        await tx.accounts.save(type(account)(1001, blocked_at=clock.now()))
        await tx.commit()
    reminders = planner(uow, clock)
    await reminders.plan()
    dewi = f"rem:self:{period_id}:{employee.member.id}:opened"
    assert dewi not in await keys(uow)

    await Directory(uow).identify(1001)  # she writes to the bot
    assert await reminders.plan() == 2  # her reminder, and her digest
    assert dewi in await keys(uow)


async def test_muted_reminders_stay_away_but_the_digest_cannot_be_muted(uow, clock):
    _, employee, penilai, _ = await setup(uow, clock)
    reminders = planner(uow, clock)
    assert (await reminders.set_mute(employee, "off")).value == "off"
    await reminders.set_mute(penilai, "off")
    assert (await reminders.mute(employee)).value == "off"
    assert await reminders.plan() == 2
    assert sorted(await keys(uow)) == sorted(
        [
            f"rem:digest:0:{employee.member.id}:2026-11-27",
            f"rem:digest:0:{penilai.member.id}:2026-11-27",
        ]
    )


async def test_a_holidays_file_with_a_bad_line_imports_nothing_and_names_every_bad_line(uow, clock):
    await setup(uow, clock)
    reminders = planner(uow, clock)
    bad = (
        "tanggal,nama,aksi\n"
        "2026-13-01,Cuti bersama,tambah\n"
        "2026-12-24,Cuti bersama Natal,tambah\n"
        "2026-12-24,Cuti bersama lagi,tambah\n"
        "2026-12-26,,hapus\n"
    )
    with pytest.raises(ImportRejected) as refused:
        await reminders.import_holidays(penilai_admin(), bad)
    assert [(e.line, e.reason) for e in refused.value.errors] == [
        (2, "bad_date"),
        (4, "duplicate"),
        (5, "not_a_holiday"),
    ]
    assert [h.day for h in await reminders.holidays(2026)] == [date(2026, 12, 25)]

    good = "2026-12-24,Cuti bersama Natal,tambah\n2026-12-25,,hapus\n"
    assert len(await reminders.import_holidays(penilai_admin(), good)) == 2
    listed = await reminders.holidays(2026)
    assert [(h.day, h.source) for h in listed] == [(date(2026, 12, 24), HolidaySource.IMPORTED)]


def penilai_admin():
    from domain.actors import Actor

    return Actor.operator()


async def test_a_rater_who_owes_feedback_is_reminded_of_how_many(uow, clock):
    from storage.tables import PeerAssignmentRow

    period_id, employee, penilai, _ = await setup(uow, clock)  # Fri 27 Nov; due Mon 30 Nov
    dewi, agus = employee.member.id, penilai.member.id
    async with uow() as tx:
        for ratee, done in ((agus, False), (dewi + 2, False), (dewi + 1, True)):
            tx.session.add(
                PeerAssignmentRow(
                    period_id=period_id, rater_id=dewi, ratee_id=ratee, relation="peer",
                    source="auto", submitted=done,
                )
            )  # fmt: skip
        await tx.commit()
    await planner(uow, clock).plan()
    async with uow(readonly=True) as tx:
        rows = (await tx.session.exec(select(OutboxRow))).all()
        found = [(r.dedupe_key, r.payload) for r in rows if r.dedupe_key.startswith("rem:peer:")]
    [(key, payload)] = found
    assert key == f"rem:peer:{period_id}:{dewi}:d1"  # Sunday's "1 day before" comes on Friday
    assert payload["key"] == "reminders.peer.before"
    assert payload["params"]["count"] == 2


async def test_a_digest_button_whose_item_is_done_is_told_so_and_others_are_refused(uow, clock):
    from domain.errors import PermissionDenied
    from domain.reminders.actions import DigestItem

    period_id, employee, penilai, items = await setup(uow, clock)
    reminders, dewi = planner(uow, clock), employee.member.id
    late = await reminders.digest_item(penilai, DigestItem.LATE, period_id, dewi)
    waiting = await reminders.digest_item(penilai, DigestItem.ASSESS, period_id, dewi)
    assert (late.pending, waiting.pending) == (True, True)  # not started: not yet assessed

    done = submitted(forms.SELF_ASSESSMENT, own_subject(period_id), 1001, self_answers(items))
    async with uow() as tx:
        await SelfAssessmentFlow(clock, TZ).on_submit(tx, change(employee, done, clock.now()))
        await tx.commit()
    late = await reminders.digest_item(penilai, DigestItem.LATE, period_id, dewi)
    assert (late.name, late.pending) == (employee.member.name, False)  # "already sent" note
    assert (await reminders.digest_item(penilai, DigestItem.ASSESS, period_id, dewi)).pending
    with pytest.raises(PermissionDenied):  # Dewi is not her own pejabat penilai
        await reminders.digest_item(employee, DigestItem.ASSESS, period_id, dewi)
