"""An employee's reminders: the period opened, before their own deadline (by default 7, 3 and
1 days before), on the due day, then overdue every 2 days at most 3 times — only while they
still owe the work; and after the predikat, 1 day before the objection window closes while
they have neither acknowledged nor objected.

Each reminder is for an *occasion* on a local date. One before or on the due date that falls on
a day off comes on the last working day before it (the due date stays the due date, and the
reminder says so); an overdue one comes on the next working day. Of the occasions whose day has
come, only the latest that is newer than the last reminder planned is sent: after a pause (a
weekend, the bot down for a while) a person gets one message, not the backlog.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.appraisal.actions import ShowResults, StartSelfAssessment
from domain.appraisal.periods import AppraisalPeriod
from domain.localtime import local_date
from domain.messages import Button, Param, TextRef
from domain.peer.actions import ListFeedback
from domain.reminders.calendar import WorkingCalendar
from domain.reminders.model import (
    OVERDUE_AT_MOST,
    OVERDUE_EVERY_DAYS,
    Mute,
    Person,
    Purpose,
    Reminder,
    World,
    stream_of,
)

OWES_SELF_ASSESSMENT = frozenset({"not_started", "in_progress"})
OPENED = "opened"


@dataclass(frozen=True, slots=True)
class Occasion:
    name: str  # d7, due, late1, ...
    day: date  # the working day it is delivered on
    deadline: bool  # on or after the due date (still sent to those who chose "only deadlines")


def occasions(due: date, before_days: tuple[int, ...], calendar: WorkingCalendar) -> list[Occasion]:
    """The reminder occasions around ``due``, in the order they come."""
    found = [
        Occasion(f"d{days}", calendar.last_working_day(due - timedelta(days=days)), False)
        for days in sorted(set(before_days), reverse=True)
        if days > 0
    ]
    found.append(Occasion("due", calendar.last_working_day(due), True))
    for k in range(1, OVERDUE_AT_MOST + 1):
        late = due + timedelta(days=OVERDUE_EVERY_DAYS * k)
        found.append(Occasion(f"late{k}", calendar.next_working_day(late), True))
    return found


def current_occasion(
    due: date,
    today: date,
    before_days: tuple[int, ...],
    calendar: WorkingCalendar,
    last_planned_on: date | None,
    *,
    opening: bool = True,
) -> Occasion | None:
    """The occasion to remind of today: the latest whose day has come, newer than the day of
    the last reminder planned in this stream; the period's opening (if ``opening``) when none
    was planned yet and the due date has not passed."""
    if opening and last_planned_on is None and today <= due:
        return Occasion(OPENED, today, False)
    come = [o for o in occasions(due, before_days, calendar) if o.day <= today]
    if not come:
        return None
    latest = max(come, key=lambda o: o.day)
    latest = [o for o in come if o.day == latest.day][-1]
    if last_planned_on is not None and latest.day <= last_planned_on:
        return None
    return latest


def wanted(person: Person, purpose: Purpose, occasion: Occasion) -> bool:
    """Whether the person's ``/pengingat`` setting lets this reminder through."""
    if purpose.essential or person.mute is Mute.ALL:
        return True
    return person.mute is Mute.DEADLINES and occasion.deadline


def employee_reminders(
    world: World, now: datetime, calendar: WorkingCalendar
) -> Iterator[Reminder]:
    for period in world.periods:
        assert period.id is not None
        for person in world.people.values():
            if not person.can_receive or not calendar.in_office_hours(now, person.timezone):
                continue
            reminder = _self_assessment(world, period, person, now, calendar)
            if reminder is not None:
                yield reminder
            peer = _peer_feedback(world, period, person, now, calendar)
            if peer is not None:
                yield peer
            closing = _objection_closing(world, period, person, now, calendar)
            if closing is not None:
                yield closing


def _self_assessment(
    world: World, period: AppraisalPeriod, person: Person, now: datetime, calendar: WorkingCalendar
) -> Reminder | None:
    assert period.id is not None
    if world.work_of(period.id, person.id).status not in OWES_SELF_ASSESSMENT:
        return None
    stream = stream_of(Purpose.SELF_ASSESSMENT, period.id, person.id)
    last = world.last_planned(stream)
    today = local_date(now, person.timezone)
    before = world.before(period.id)
    last_on = local_date(last, person.timezone) if last else None
    opening = person.mute is Mute.ALL
    occasion = current_occasion(period.self_due, today, before, calendar, last_on, opening=opening)
    if occasion is None or not wanted(person, Purpose.SELF_ASSESSMENT, occasion):
        return None
    buttons: tuple[tuple[Button, ...], ...] = ()
    if period.accepts_self_assessment(now, person.timezone):
        buttons = ((Button("reminders.button.self", StartSelfAssessment(period.id)),),)
    return Reminder(
        person,
        Purpose.SELF_ASSESSMENT,
        period.id,
        occasion.name,
        _self_key(occasion.name, (period.self_due - today).days),
        deadline_params(period.name, period.self_due, today, calendar),
        buttons,
    )


def _peer_feedback(
    world: World, period: AppraisalPeriod, person: Person, now: datetime, calendar: WorkingCalendar
) -> Reminder | None:
    """The feedback a rater still owes colleagues, their pejabat penilai or subordinates: the
    same occasions around ``peer_due`` (the raters were told of their assignments when they were
    made, so no opening message here)."""
    assert period.id is not None
    owed = world.peer_owed.get((period.id, person.id), 0)
    if owed == 0:
        return None
    last = world.last_planned(stream_of(Purpose.PEER_FEEDBACK, period.id, person.id))
    today = local_date(now, person.timezone)
    last_on = local_date(last, person.timezone) if last else None
    occasion = current_occasion(
        period.peer_due, today, world.before(period.id), calendar, last_on, opening=False
    )
    days_left = (period.peer_due - today).days
    # after the deadline feedback is refused and the summaries frozen: nothing left to remind
    if occasion is None or days_left < 0 or not wanted(person, Purpose.PEER_FEEDBACK, occasion):
        return None
    key = "before" if days_left > 0 else "due_today"
    params = deadline_params(period.name, period.peer_due, today, calendar) | {"count": owed}
    buttons = ((Button("reminders.button.peer", ListFeedback(period.id)),),)
    return Reminder(
        person,
        Purpose.PEER_FEEDBACK,
        period.id,
        occasion.name,
        f"reminders.peer.{key}",
        params,
        buttons,
    )


def _self_key(occasion: str, days_left: int) -> str:
    """The text by the days left, not the occasion's name: the due date's reminder comes
    before it when the due date is a day off."""
    if occasion == OPENED:
        return "reminders.self.opened"
    if days_left < 0:
        return "reminders.self.overdue"
    if days_left == 0:
        return "reminders.self.due_today"
    return "reminders.self.before"


def deadline_params(
    name: str, due: date, today: date, calendar: WorkingCalendar
) -> dict[str, Param]:
    """The period, the due date, the days left (negative once past) and a note when the due
    date is a day off (it is still the due date)."""
    off = not calendar.is_working_day(due)
    note = "reminders.note.due_on_day_off" if off else "reminders.note.none"
    return {
        "period": name,
        "due": due,
        "days_left": (due - today).days,
        "days_late": (today - due).days,
        "note": TextRef(note),
    }


def _objection_closing(
    world: World, period: AppraisalPeriod, person: Person, now: datetime, calendar: WorkingCalendar
) -> Reminder | None:
    """One day before the objection window closes (the last working day before, when that day
    is off), if the employee has neither acknowledged nor objected."""
    assert period.id is not None
    work = world.work_of(period.id, person.id)
    if work.status != "assessed" or work.window_closes is None or now > work.window_closes:
        return None
    closes_on = local_date(work.window_closes, person.timezone)
    remind_on = calendar.last_working_day(closes_on - timedelta(days=1))
    today = local_date(now, person.timezone)
    if not remind_on <= today <= closes_on:
        return None
    return Reminder(
        person,
        Purpose.OBJECTION_CLOSING,
        period.id,
        f"closing:{closes_on.isoformat()}",
        "reminders.objection.closing",
        {"period": period.name, "deadline": work.window_closes},
        ((Button("appraisal.button.results", ShowResults(period.id)),),),
    )
