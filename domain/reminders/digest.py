"""The morning digest of a pejabat penilai (and of an atasan pejabat penilai): on working-day
mornings, while anything is pending — subordinates who have not submitted (named), who waits
for their assessment and since when, days left to the review deadline, open objections of
their subordinates, and objections waiting for their own decision with the days left. Nothing
pending, no digest. One per working day; it cannot be muted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from domain.appraisal.periods import AppraisalPeriod
from domain.localtime import local_date
from domain.messages import Button
from domain.reminders.actions import DigestItem, OpenDigestItem
from domain.reminders.calendar import WorkingCalendar
from domain.reminders.model import (
    ALL_PERIODS,
    DIGEST_MORNING,
    Person,
    Purpose,
    Reminder,
    World,
)
from domain.reminders.report_actions import NudgeLateSubordinates
from domain.reminders.rules import OWES_SELF_ASSESSMENT

MAX_BUTTONS = 8  # a digest's keyboard stays short; /tim lists everyone
MAX_NAMES = 15
DIGEST_KEY: Final = "reminders.digest"
NUDGE_BUTTON: Final = "reminders.nudge.button"
DIGEST_PARAM: Final = "digest"  # JSON: a list of sections, see _section
# The atasan is expected to decide an objection within this many days of its filing; the
# digest counts the days left (a working rule of the bot, shown to the atasan, not enforced).
DECISION_EXPECTED_DAYS: Final = 14


@dataclass(frozen=True, slots=True)
class PeriodDigest:
    period: AppraisalPeriod
    late: tuple[Person, ...]  # not submitted
    waiting: tuple[tuple[Person, datetime | None], ...]  # submitted, not yet assessed
    objections: tuple[Person, ...]  # objected, waiting for the atasan
    to_decide: tuple[tuple[Person, datetime | None], ...]  # objections this person decides

    @property
    def empty(self) -> bool:
        return not (self.late or self.waiting or self.objections or self.to_decide)


def digests(world: World, now: datetime, calendar: WorkingCalendar) -> Iterator[Reminder]:
    team: dict[int, list[Person]] = defaultdict(list)  # pejabat penilai -> subordinates
    for person in world.people.values():
        if person.supervisor_id is not None:
            team[person.supervisor_id].append(person)
    for person in world.people.values():
        if not person.can_receive or not _morning(now, person, calendar):
            continue
        today = local_date(now, person.timezone)
        parts = [_period_digest(world, p, person, team) for p in world.periods]
        found = [part for part in parts if not part.empty]
        if found:
            yield _reminder(person, found, today, now)


def _morning(now: datetime, person: Person, calendar: WorkingCalendar) -> bool:
    if not calendar.in_office_hours(now, person.timezone):
        return False
    opening = calendar.opening(local_date(now, person.timezone), person.timezone)
    return now < opening + DIGEST_MORNING


def _period_digest(
    world: World, period: AppraisalPeriod, person: Person, team: dict[int, list[Person]]
) -> PeriodDigest:
    assert period.id is not None
    late, waiting, objections, to_decide = [], [], [], []
    for other in team.get(person.id, ()):
        work = world.work_of(period.id, other.id)
        if work.status in OWES_SELF_ASSESSMENT:
            late.append(other)
        elif work.status == "submitted":
            waiting.append((other, work.since))
        elif work.status == "objected":
            objections.append(other)
    for penilai in team.get(person.id, ()):  # the atasan decides their subordinates' objections
        for other in team.get(penilai.id, ()):
            work = world.work_of(period.id, other.id)
            if work.status == "objected":
                to_decide.append((other, work.since))
    return PeriodDigest(
        period,
        tuple(sorted(late, key=lambda p: p.name)),
        tuple(sorted(waiting, key=_oldest_first)),
        tuple(sorted(objections, key=lambda p: p.name)),
        tuple(sorted(to_decide, key=_oldest_first)),
    )


def _oldest_first(pair: tuple[Person, datetime | None]) -> tuple[bool, str, str]:
    who, since = pair
    return since is None, since.isoformat() if since else "", who.name


def _reminder(person: Person, parts: list[PeriodDigest], today: date, now: datetime) -> Reminder:
    buttons: list[tuple[Button, ...]] = []
    for part in parts:
        for who, _ in part.waiting:
            buttons.append(_button("reminders.button.assess", DigestItem.ASSESS, part, who))
        for who, _ in part.to_decide:
            buttons.append(_button("reminders.button.decide", DigestItem.DECIDE, part, who))
    if any(part.late for part in parts):  # one press reminds them all, once a day (nudge.py)
        buttons.insert(0, (Button(NUDGE_BUTTON, NudgeLateSubordinates()),))
    data = [_section(part, today, person.timezone) for part in parts]
    return Reminder(
        person,
        Purpose.DIGEST,
        ALL_PERIODS,
        today.isoformat(),
        DIGEST_KEY,
        {DIGEST_PARAM: json.dumps(data, ensure_ascii=False)},
        tuple(buttons[:MAX_BUTTONS]),
    )


def _button(label: str, item: DigestItem, part: PeriodDigest, who: Person) -> tuple[Button, ...]:
    assert part.period.id is not None
    action = OpenDigestItem(item, part.period.id, who.id)
    return (Button(label, action, {"name": who.name}),)


def _section(part: PeriodDigest, today: date, tz: str) -> dict[str, Any]:
    """One period of the digest as language-neutral data (names, ISO dates, day counts); the
    adapter words it in the reader's language when it is sent (``bot.reminders.digest_text``)."""

    def since(pairs: tuple[tuple[Person, datetime | None], ...]) -> list[list[str]]:
        return [
            [p.name, local_date(at, tz).isoformat() if at else ""] for p, at in pairs[:MAX_NAMES]
        ]

    decide = [
        [p.name, local_date(at, tz).isoformat() if at else "", _decide_by(at, tz)]
        for p, at in part.to_decide[:MAX_NAMES]
    ]
    return {
        "period": part.period.name,
        "review_due": part.period.review_due.isoformat(),
        "review_days_left": (part.period.review_due - today).days,
        "late": [p.name for p in part.late[:MAX_NAMES]],
        "late_count": len(part.late),
        "waiting": since(part.waiting),
        "waiting_count": len(part.waiting),
        "objections": [p.name for p in part.objections[:MAX_NAMES]],
        "decide": decide,
        "today": today.isoformat(),
    }


def _decide_by(filed_at: datetime | None, tz: str) -> str:
    if filed_at is None:
        return ""
    return (local_date(filed_at, tz) + timedelta(days=DECISION_EXPECTED_DAYS)).isoformat()
