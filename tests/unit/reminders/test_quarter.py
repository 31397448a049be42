"""A whole quarter, hour by hour, for a demo organisation in WIB, WITA and WIT: exactly which
reminders and digests each person gets and when. The plan runs every hour (as the job runs
every minute: planning again adds nothing); work is submitted, assessed, objected to and
decided along the way."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from domain.localtime import local_date
from domain.reminders.model import Purpose, Work, World, stream_of
from domain.reminders.planning import due_reminders
from tests.unit.reminders.world import PEOPLE, QUARTER, WIB, WIT, WITA, calendar, utc

# (moment, employee, new status): what people do during the quarter
EVENTS = [
    (utc(2027, 1, 6, 1), 20, "submitted"),  # 10:00 WIT
    (utc(2027, 1, 6, 2), 10, "submitted"),  # 10:00 WITA
    (utc(2027, 1, 6, 3), 1, "submitted"),  # 10:00 WIB
    (utc(2027, 1, 7, 2), 12, "submitted"),
    (utc(2027, 1, 15, 3), 10, "assessed"),
    (utc(2027, 1, 15, 3), 20, "assessed"),
    (utc(2027, 1, 15, 4), 10, "acknowledged"),
    (utc(2027, 1, 15, 4), 20, "acknowledged"),
    (utc(2027, 1, 20, 2), 11, "submitted"),
    (utc(2027, 1, 27, 2), 11, "assessed"),
    (utc(2027, 1, 27, 2), 12, "assessed"),  # Hana never answers: her window closes 1 Feb
    (utc(2027, 1, 28, 2), 11, "objected"),
    (utc(2027, 2, 2, 4), 11, "decided"),
    (utc(2027, 2, 3, 3), 2, "submitted"),
    (utc(2027, 2, 3, 2), 13, "submitted"),
    (utc(2027, 2, 4, 2), 13, "assessed"),
    (utc(2027, 2, 4, 3), 13, "acknowledged"),
    (utc(2027, 2, 5, 3), 22, "submitted"),  # 12:00 WIT, after that morning's reminder
    (utc(2027, 3, 10, 3), 2, "assessed"),
    (utc(2027, 3, 10, 4), 2, "acknowledged"),
]


def _walk() -> list[tuple[datetime, int, str, str]]:
    """Every message planned in the quarter: (when, recipient, purpose, occasion)."""
    cal = calendar()
    work: dict[tuple[int, int], Work] = {}
    planned: dict[str, datetime] = {}
    last: dict[str, datetime] = {}
    sent = []
    events = sorted(EVENTS)
    now = utc(2027, 1, 1, 0)
    while now < utc(2027, 3, 31, 15):  # midnight in WIT: the quarter is over everywhere
        while events and events[0][0] <= now:
            at, who, status = events.pop(0)
            closes = None
            if status == "assessed":
                closes = QUARTER.objection_deadline(at, PEOPLE[who].timezone)
            elif (old := work.get((1, who))) is not None:
                closes = old.window_closes
            work[(1, who)] = Work(1, who, status, at, closes)
        world = World((QUARTER,), PEOPLE, work, dict(last))
        for reminder in due_reminders(world, now, cal):
            if reminder.dedupe_key in planned:
                continue
            planned[reminder.dedupe_key] = now
            stream = stream_of(reminder.purpose, reminder.period_id, reminder.recipient.id)
            last[stream] = now
            sent.append((now, reminder.recipient.id, reminder.purpose.value, reminder.occasion))
        now += timedelta(hours=1)
    return sent


SENT = _walk()


def _of(person: int, purpose: str | None = None) -> list[tuple[date, str]]:
    tz = PEOPLE[person].timezone
    return [
        (local_date(at, tz), occasion)
        for at, who, kind, occasion in SENT
        if who == person and (purpose is None or kind == purpose)
    ]


def _working_days(first: date, last: date) -> list[date]:
    cal = calendar()
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [d for d in days if cal.is_working_day(d)]


def test_every_message_comes_in_office_hours_of_a_working_day_in_the_recipients_zone():
    cal = calendar()
    for at, who, _, _ in SENT:
        tz = PEOPLE[who].timezone
        assert cal.in_office_hours(at, tz), (at, who)
        assert at.astimezone(cal.opening(local_date(at, tz), tz).tzinfo).time() == time(8)


def test_nothing_comes_on_a_weekend_or_a_holiday():
    cal = calendar()
    days = {local_date(at, PEOPLE[who].timezone) for at, who, _, _ in SENT}
    assert all(cal.is_working_day(day) for day in days)
    assert date(2027, 1, 5) not in days  # Isra Mikraj
    assert date(2027, 2, 8) not in days  # the deadline itself: a cuti bersama


def test_an_employee_who_never_submits_gets_the_opening_the_reminders_and_three_overdue():
    assert _of(3) == [
        (date(2027, 1, 4), "opened"),  # 1 Jan a holiday, then a weekend
        (date(2027, 2, 1), "d7"),
        (date(2027, 2, 5), "due"),  # d3, d1 and the due date (a day off) fall together on Friday
        (date(2027, 2, 10), "late1"),
        (date(2027, 2, 12), "late2"),
        (date(2027, 2, 15), "late3"),  # 14 Feb is a Sunday
    ]


def test_no_reminder_comes_after_the_employee_submitted():
    assert _of(2) == [(date(2027, 1, 4), "opened"), (date(2027, 2, 1), "d7")]
    assert _of(22) == [
        (date(2027, 1, 4), "opened"),
        (date(2027, 2, 1), "d7"),
        (date(2027, 2, 5), "due"),
    ]
    assert _of(11) == [(date(2027, 1, 4), "opened")]


def test_the_same_rules_hold_in_every_zone_at_eight_local():
    for person, tz in ((3, WIB), (13, WITA), (22, WIT)):
        first = next(at for at, who, _, _ in SENT if who == person)
        assert first.astimezone(calendar().opening(date(2027, 1, 4), tz).tzinfo).hour == 8


def test_muted_settings_are_kept():
    assert _of(21) == []  # off: nothing, though Eka never submits
    assert _of(23) == [  # only deadlines: from the due date's reminder on
        (date(2027, 2, 5), "due"),
        (date(2027, 2, 10), "late1"),
        (date(2027, 2, 12), "late2"),
        (date(2027, 2, 15), "late3"),
    ]


def test_an_unanswered_result_is_reminded_the_last_working_day_before_the_window_closes():
    # assessed Wed 27 Jan; the 5-day window ends Mon 1 Feb; the day before is a Sunday
    assert _of(12) == [(date(2027, 1, 4), "opened"), (date(2027, 1, 29), "closing:2027-02-01")]


def test_one_digest_per_working_day_only_while_something_is_pending():
    digests = defaultdict(list)
    for day, occasion in _of(10, Purpose.DIGEST.value):
        digests[10].append(day)
        assert occasion == day.isoformat()
    # Gita late until 3 Feb, waiting until 4 Feb 10:00; Hana and Dedi waiting, Dedi's objection
    assert digests[10] == _working_days(date(2027, 1, 4), date(2027, 2, 4))
    for penilai in (1, 20):  # Budi, and Eka, never submit
        days = [day for day, _ in _of(penilai, Purpose.DIGEST.value)]
        assert days == _working_days(date(2027, 1, 4), date(2027, 3, 31))


def test_the_atasan_sees_the_objection_waiting_for_their_decision_in_their_digest():
    cal = calendar()
    work = {(1, 11): Work(1, 11, "objected", utc(2027, 1, 28, 2))}
    world = World((QUARTER,), PEOPLE, work)
    digest = next(
        r
        for r in due_reminders(world, utc(2027, 1, 29, 1), cal)
        if r.recipient.id == 1 and r.purpose is Purpose.DIGEST
    )
    assert '"decide": [["Dedi", "2027-01-28", "2027-02-11"]]' in str(digest.params["digest"])
    assert any(b.action.name == "reminders/item" for row in digest.buttons for b in row)


def test_a_deadline_on_a_day_off_is_reminded_before_it_and_the_reminder_says_so():
    world = World(
        (QUARTER,), PEOPLE, {}, {stream_of(Purpose.SELF_ASSESSMENT, 1, 3): utc(2027, 2, 1, 1)}
    )
    friday = utc(2027, 2, 5, 1)  # 08:00 WIB; the deadline is Monday 8 Feb, a cuti bersama
    budi = next(r for r in due_reminders(world, friday, calendar()) if r.recipient.id == 3)
    assert budi.key == "reminders.self.before"
    assert budi.params["days_left"] == 3
    assert budi.params["note"].key == "reminders.note.due_on_day_off"  # type: ignore[union-attr]
    assert budi.buttons[0][0].action.name == "appraisal/self_assessment"


def test_a_rater_is_reminded_of_the_feedback_still_owed_until_the_peer_deadline_only():
    cal = calendar()
    work = {(1, 2): Work(1, 2, "submitted")}  # Ani's own self-assessment is done
    sent = []
    last: dict[str, datetime] = {}
    now = utc(2027, 1, 25, 1)
    while now < utc(2027, 3, 1, 1):
        world = World((QUARTER,), PEOPLE, work, dict(last), peer_owed={(1, 2): 2})
        for r in due_reminders(world, now, cal):
            if r.recipient.id == 2 and r.dedupe_key not in {k for _, k in sent}:
                sent.append((local_date(now, WIB), r.dedupe_key))
                last[stream_of(r.purpose, r.period_id, 2)] = now
                assert r.params["count"] == 2 if r.purpose is Purpose.PEER_FEEDBACK else True
        now += timedelta(hours=1)
    assert sent == [
        (date(2027, 2, 1), "rem:peer:1:2:d7"),
        (date(2027, 2, 5), "rem:peer:1:2:due"),  # the deadline (8 Feb) is a cuti bersama
    ]  # no overdue: after the deadline feedback is refused
