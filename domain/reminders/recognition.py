"""The monthly recognition (the seeds' "program penghargaan bulanan"): on the first working day
of a month, each unit head gets the candidates of their unit for the month before — employees
whose predikat is Sangat Baik in a period closed that month, and the unit's services whose IKM
rose the most from the month before that — and confirms whom to recognise. A confirmed
recognition is announced to the employee and listed in the admins' weekly summary.

A candidate goes to the head of the nearest unit at or above its own that has a head (a
Kepala Seksi's Sangat Baik reaches the Kepala Bidang when the seksi has no head of its own); a
head's own Sangat Baik goes to the head above them, never to themself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final

from domain.actors import StaffMember
from domain.errors import InvalidTransition
from domain.localtime import local_date
from domain.messages import Button, Line, Lines, OutboundMessage, Param, TextRef
from domain.org.ports import UnitRecord
from domain.org.units import heads_own_unit, subtree_ids
from domain.reminders.summary import Calendar, month_key

SERVICES_PER_UNIT: Final = 3
PER_MESSAGE: Final = 15  # candidates (lines and buttons) in one message
NAME_LIMIT: Final = 80
LIST_KEY: Final = "reminders.recognition.candidates"


class RecognitionKind(StrEnum):
    EMPLOYEE = "employee"
    SERVICE = "service"


class RecognitionStatus(StrEnum):
    CANDIDATE = "candidate"
    CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Recognition:
    """A candidate for a month's recognition, proposed to the head of ``unit_id``.

    ``subject_id`` is the employee's or the service's id; ``period_name`` the period of a Sangat
    Baik, ``ikm_before``/``ikm_after`` a service's IKM in the two months compared."""

    id: int | None
    month: date  # its first day
    unit_id: int
    head_id: int
    kind: RecognitionKind
    subject_id: int
    subject_name: str
    period_name: str | None = None
    ikm_before: Decimal | None = None
    ikm_after: Decimal | None = None
    status: RecognitionStatus = RecognitionStatus.CANDIDATE
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None

    def confirm(self, *, by_nip: str, now: datetime) -> Recognition:
        if self.status is RecognitionStatus.CONFIRMED:
            raise InvalidTransition(
                "already_confirmed", current=self.status.value, target=self.status.value
            )
        return replace(
            self, status=RecognitionStatus.CONFIRMED, confirmed_at=now, confirmed_by=by_nip
        )


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(day: date) -> date:
    """The first day of the month before ``day``'s."""
    return month_start(month_start(day) - timedelta(days=1))


def month_end(month: date) -> date:
    """The last day of ``month``'s month."""
    following = (month_start(month) + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


def first_working_day_of_month(day: date, calendar: Calendar) -> date:
    first = month_start(day)
    return next(
        (
            first + timedelta(days=n)
            for n in range(31)
            if calendar.is_working_day(first + timedelta(days=n))
        ),
        first,
    )


def recognition_month(now: datetime, tz: str, calendar: Calendar) -> date | None:
    """The month whose candidates are due at ``now`` for a head in ``tz``: the month before,
    during office hours on the first working day of a month; ``None`` otherwise."""
    if not calendar.in_office_hours(now, tz):
        return None
    today = local_date(now, tz)
    return previous_month(today) if first_working_day_of_month(today, calendar) == today else None


def unit_heads(
    members: Sequence[StaffMember], units: Sequence[UnitRecord]
) -> dict[int, StaffMember]:
    """Who heads each unit that has a head (:func:`domain.org.units.heads_own_unit`)."""
    by_id = {m.id: m for m in members}
    below: dict[int, list[StaffMember]] = {}
    for member in members:
        if member.supervisor_id is not None:
            below.setdefault(member.supervisor_id, []).append(member)
    heads: dict[int, StaffMember] = {}
    for member in members:
        subordinates = below.get(member.id, [])
        if not subordinates:
            continue
        supervisor = by_id.get(member.supervisor_id) if member.supervisor_id else None
        subtree = subtree_ids(units, member.unit_id)
        if heads_own_unit(
            member, supervisor=supervisor, subordinates=subordinates, subtree=subtree
        ):
            heads.setdefault(member.unit_id, member)
    return heads


def head_for(
    unit_id: int,
    heads: Mapping[int, StaffMember],
    parents: Mapping[int, int | None],
    *,
    not_: int | None = None,
) -> StaffMember | None:
    """The head of the nearest unit at or above ``unit_id`` that has one (other than ``not_``)."""
    current: int | None = unit_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        head = heads.get(current)
        if head is not None and head.id != not_:
            return head
        current = parents.get(current)
    return None


@dataclass(frozen=True, slots=True)
class SangatBaik:
    """An employee's Sangat Baik in a period closed in the month."""

    employee_id: int
    name: str
    unit_id: int
    period_name: str


@dataclass(frozen=True, slots=True)
class ServiceIkm:
    """A service's IKM (as displayed) in the month and in the month before it."""

    service_id: int
    name: str
    unit_id: int
    before: Decimal | None
    after: Decimal | None

    @property
    def rise(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def candidates(
    month: date,
    sangat_baik: Iterable[SangatBaik],
    services: Iterable[ServiceIkm],
    heads: Mapping[int, StaffMember],
    units: Sequence[UnitRecord],
) -> list[Recognition]:
    """The month's candidates, each for the head who confirms it: every Sangat Baik, and per
    head the services whose IKM rose the most (at most three, a rise above zero)."""
    parents = {u.id: u.parent_id for u in units}
    found: list[Recognition] = []
    for person in sangat_baik:
        head = head_for(person.unit_id, heads, parents, not_=person.employee_id)
        if head is not None:
            found.append(
                Recognition(
                    None,
                    month,
                    head.unit_id,
                    head.id,
                    RecognitionKind.EMPLOYEE,
                    person.employee_id,
                    person.name,
                    period_name=person.period_name,
                )
            )
    risen: dict[int, list[tuple[ServiceIkm, StaffMember]]] = {}
    for service in services:
        head = head_for(service.unit_id, heads, parents)
        if head is not None and (service.rise or 0) > 0:
            risen.setdefault(head.id, []).append((service, head))
    for picks in risen.values():
        picks.sort(key=lambda pick: (-(pick[0].rise or 0), pick[0].name))
        found += [_service(month, s, head) for s, head in picks[:SERVICES_PER_UNIT]]
    return found


def _service(month: date, service: ServiceIkm, head: StaffMember) -> Recognition:
    return Recognition(
        None,
        month,
        head.unit_id,
        head.id,
        RecognitionKind.SERVICE,
        service.service_id,
        service.name,
        ikm_before=service.before,
        ikm_after=service.after,
    )


def _short(name: str) -> str:
    return name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…"


def candidate_line(item: Recognition) -> Line:
    if item.kind is RecognitionKind.EMPLOYEE:
        return Line(
            "reminders.recognition.employee",
            {"name": _short(item.subject_name), "period": _short(item.period_name or "")},
        )
    return Line(
        "reminders.recognition.service",
        {
            "name": _short(item.subject_name),
            "before": item.ikm_before or Decimal(0),
            "after": item.ikm_after or Decimal(0),
        },
    )


def candidates_message(
    head_telegram: int,
    timezone: str,
    items: Sequence[Recognition],
    buttons: tuple[tuple[Button, ...], ...],
    now: datetime,
    *,
    part: int = 1,
) -> OutboundMessage:
    """The head's list of the month's candidates, a confirm button for each; a long list comes
    in parts of :data:`PER_MESSAGE` (``part``), each within Telegram's limits."""
    month = items[0].month
    params: dict[str, Param] = {
        "month": TextRef(month_key(month)),
        "year": month.year,
        "candidates": Lines(tuple(candidate_line(i) for i in items)),
    }
    dedupe = f"recog:{items[0].head_id}:{month:%Y-%m}" + (f":{part}" if part > 1 else "")
    return OutboundMessage(head_telegram, LIST_KEY, dedupe, params, buttons, now, timezone)


def announcement(
    item: Recognition, telegram_id: int, timezone: str, head_name: str, now: datetime
) -> OutboundMessage:
    """The employee told of a confirmed recognition."""
    params: dict[str, Param] = {
        "head": head_name,
        "month": TextRef(month_key(item.month)),
        "year": item.month.year,
        "period": item.period_name or "",
    }
    return OutboundMessage(
        telegram_id,
        "reminders.recognition.announce",
        f"recog:{item.id}:announce",
        params,
        (),
        now,
        timezone,
    )
