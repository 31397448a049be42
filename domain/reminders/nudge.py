"""The pejabat penilai's nudge: one button of their digest sends a reminder to every subordinate
who has not submitted their self-assessment in an open period, saying it comes from their
pejabat penilai. At most once a (local) day: pressed again the same day, it is refused with the
day it can be used again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from domain.actors import Actor, StaffMember
from domain.appraisal.actions import StartSelfAssessment
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.errors import PermissionDenied, RateLimited
from domain.messages import Button, OutboundMessage, Param
from domain.org.access import require_member, supervises

NUDGE_KEY: Final = "reminders.nudge"
OWES: Final = frozenset({AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS})


def require_pejabat_penilai(actor: Actor) -> StaffMember:
    """Only someone who supervises others may nudge (their subordinates, nobody else's)."""
    member = require_member(actor)
    if not actor.has_subordinates:
        raise PermissionDenied("not_pejabat_penilai")
    return member


def check_once_a_day(last: date | None, today: date) -> None:
    """Refuse a second nudge on the same day, naming the day it can be sent again."""
    if last is not None and last >= today:
        raise RateLimited("nudge_today", again=last + timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Late:
    """A subordinate who has not submitted their self-assessment in an open period."""

    member: StaffMember
    period: AppraisalPeriod


def late_subordinates(
    actor: Actor,
    subordinates: Sequence[StaffMember],
    periods: Iterable[AppraisalPeriod],
    appraisals: Mapping[int, Mapping[str, Appraisal]],
) -> list[Late]:
    """Who of ``actor``'s subordinates owes a self-assessment, per open period (``appraisals``:
    per period id, by NIP; a missing appraisal is one not started)."""
    found: list[Late] = []
    for period in periods:
        if period.status is not PeriodStatus.OPEN or period.id is None:
            continue
        of_period = appraisals.get(period.id, {})
        for member in subordinates:
            if not supervises(actor, member):
                continue  # the rule, whatever the caller passed
            appraisal = of_period.get(member.nip)
            if appraisal is None or appraisal.status in OWES:
                found.append(Late(member, period))
    return found


def nudge_message(
    supervisor: StaffMember, late: Late, timezone: str, today: date, deliver_at: datetime
) -> OutboundMessage | None:
    """The nudge of one late subordinate, from their pejabat penilai; ``None`` without a chat."""
    if late.member.telegram_id is None or late.period.id is None:
        return None
    params: dict[str, Param] = {
        "supervisor": supervisor.name,
        "period": late.period.name,
        "due": late.period.self_due,
    }
    button = Button("reminders.nudge.open", StartSelfAssessment(late.period.id))
    dedupe = f"nudge:{supervisor.id}:{today.isoformat()}:{late.member.id}:{late.period.id}"
    return OutboundMessage(
        late.member.telegram_id, NUDGE_KEY, dedupe, params, ((button,),), deliver_at, timezone
    )
