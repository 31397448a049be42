"""The admins' weekly summary: on the first working day of each week, in office hours of the
admin's unit, completion per unit for the open periods (self-assessments, assessments, peer
feedback where it exists), who blocked the bot or never registered, the citizens' ratings and
saran of the week before, the units with the lowest IKM this quarter, and the recognitions
confirmed — as a PNG chart of completion per unit followed by the text.

Pure: the use case (:mod:`domain.reminders.reports`) reads the figures, these functions decide
when it is due, what each admin's scope shows, and what the two messages say.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final, Protocol

from domain.localtime import local_date
from domain.messages import Line, Lines, OutboundMessage, Param, TextRef
from domain.org.ports import UnitRecord

PHOTO: Final = "$photo"  # a param naming the picture the adapter draws for the message
COMPLETION_CHART: Final = "completion_chart"
CHART_DATA: Final = "chart"
LOWEST_IKM_UNITS: Final = 3
MAX_NAMES: Final = 15  # people who blocked the bot listed by name (then "and N more")
MAX_RECOGNISED: Final = 10
UNITS_PER_MESSAGE: Final = 15
NAME_LIMIT: Final = 80  # characters of a unit's or a person's name in a line
WORKING_DAYS_OF_WEEK: Final = 5
SUMMARY_KEY: Final = "reminders.summary"
UNITS_KEY: Final = "reminders.summary.units"
UNREACHABLE_KEY: Final = "reminders.summary.unreachable"
CHART_KEY: Final = "reminders.summary.chart"


class Calendar(Protocol):
    """What the summary and the recognitions ask of the working calendar
    (:class:`domain.reminders.calendar.WorkingCalendar` answers it)."""

    def is_working_day(self, day: date) -> bool: ...
    def in_office_hours(self, now: datetime, tz: str) -> bool: ...
    def next_delivery(self, moment: datetime, tz: str) -> datetime:
        """The earliest moment at or after ``moment`` in office hours on a working day."""
        ...


def week_label(day: date) -> str:
    """``2026-W49``: the ISO week ``day`` is in (the summary's dedupe occasion)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def first_working_day_of_week(day: date, calendar: Calendar) -> date | None:
    """Monday, or the first working day after it in the same week (a Monday holiday)."""
    monday = day - timedelta(days=day.weekday())
    days = (monday + timedelta(days=offset) for offset in range(WORKING_DAYS_OF_WEEK))
    return next((d for d in days if calendar.is_working_day(d)), None)


def summary_week(now: datetime, tz: str, calendar: Calendar) -> str | None:
    """The week whose summary is due at ``now`` for a reader in ``tz``: during office hours on
    the first working day of the week; ``None`` at any other moment."""
    if not calendar.in_office_hours(now, tz):
        return None
    today = local_date(now, tz)
    return week_label(today) if first_working_day_of_week(today, calendar) == today else None


@dataclass(frozen=True, slots=True)
class UnitCounts:
    """One unit's employees (its own, not its subunits') and their work in one open period."""

    unit_id: int
    period_id: int
    employees: int
    self_done: int  # submitted their self-assessment (or were assessed without it)
    assessed: int  # the pejabat penilai has set the predikat
    unregistered: int = 0  # never bound a Telegram account
    peer_owed: int = 0  # peer ratings assigned
    peer_done: int = 0  # peer ratings given


@dataclass(frozen=True, slots=True)
class Completion:
    """A line of the summary and a group of bars of the chart: one unit with everything below
    it, over every open period."""

    unit_id: int
    name: str
    employees: int = 0
    self_done: int = 0
    assessed: int = 0
    unregistered: int = 0
    peer_owed: int = 0
    peer_done: int = 0

    def add(self, counts: UnitCounts) -> Completion:
        return Completion(
            self.unit_id,
            self.name,
            self.employees + counts.employees,
            self.self_done + counts.self_done,
            self.assessed + counts.assessed,
            self.unregistered,  # counted once per unit by completion(), not per period
            self.peer_owed + counts.peer_owed,
            self.peer_done + counts.peer_done,
        )

    @property
    def self_percent(self) -> int:
        return percent(self.self_done, self.employees)

    @property
    def assessed_percent(self) -> int:
        return percent(self.assessed, self.employees)

    @property
    def peer_percent(self) -> int | None:
        return percent(self.peer_done, self.peer_owed) if self.peer_owed else None


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent, rounded down (99,6 % is not yet 100 %)."""
    return part * 100 // whole if whole else 0


def groups_of(units: Sequence[UnitRecord], scope: int | None) -> dict[int, int]:
    """Which group of the summary each unit counts in: the units right below the scope's unit
    (each with everything below it), and the scope's unit itself for its own staff. An
    organisation admin's scope (``None``) is the root units'."""
    parent = {u.id: u.parent_id for u in units}
    roots = [u.id for u in units if u.parent_id is None] if scope is None else [scope]
    tops = {u.id for u in units if u.parent_id in roots} | set(roots)
    found: dict[int, int] = {}
    for unit in units:
        current: int | None = unit.id
        while current is not None and current not in tops:
            current = parent.get(current)
        if current is not None:
            found[unit.id] = current
    return found


def completion(
    counts: Iterable[UnitCounts], units: Sequence[UnitRecord], scope: int | None
) -> list[Completion]:
    """Completion per group of the scope, groups without employees left out, by name. The work
    is summed over the open periods; the people never registered are counted once."""
    groups = groups_of(units, scope)
    names = {u.id: u.name for u in units}
    rolled: dict[int, Completion] = {}
    unregistered: dict[int, int] = {}  # per unit: the same people in every period
    for row in counts:
        group = groups.get(row.unit_id)
        if group is not None:
            rolled[group] = rolled.get(group, Completion(group, names[group])).add(row)
            unregistered[row.unit_id] = row.unregistered
    for unit, people in unregistered.items():
        group = groups[unit]
        rolled[group] = replace(rolled[group], unregistered=rolled[group].unregistered + people)
    return sorted((c for c in rolled.values() if c.employees), key=lambda c: c.name)


@dataclass(frozen=True, slots=True)
class UnitIkm:
    unit_id: int
    name: str
    ikm: Decimal  # as displayed (two places)
    mutu: str


def lowest_ikm(found: Iterable[UnitIkm], limit: int = LOWEST_IKM_UNITS) -> list[UnitIkm]:
    """The ``limit`` units with the lowest IKM (ties by name)."""
    return sorted(found, key=lambda u: (u.ikm, u.name))[:limit]


@dataclass(frozen=True, slots=True)
class Person:
    """A name in the summary: an employee and their unit."""

    name: str
    unit: str


@dataclass(frozen=True, slots=True)
class Recognised:
    """A recognition confirmed by a unit head (an employee, or a service of the unit)."""

    name: str
    unit: str
    month: date
    service: bool = False


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """Everything one admin's summary shows (already limited to their scope)."""

    week: str
    since: date  # the first day of the week before: ratings and saran are counted from it
    until: date  # the last day of the week before
    periods: tuple[str, ...]
    completion: tuple[Completion, ...]
    unreachable: tuple[Person, ...]
    new_ratings: int
    new_saran: int
    lowest: tuple[UnitIkm, ...]
    recognised: tuple[Recognised, ...] = ()


@dataclass(frozen=True, slots=True)
class Admin:
    """A recipient of the summary: an admin with a chat, and the unit their grant covers."""

    id: int
    telegram_id: int
    timezone: str
    scope: int | None  # None: the whole organisation


def summary_messages(admin: Admin, summary: WeeklySummary, now: datetime) -> list[OutboundMessage]:
    """The chart (a photo with a short caption), the summary, the completion table in parts of
    at most :data:`UNITS_PER_MESSAGE` units, and the people who blocked the bot (when there are
    any): each an outbox row under its own dedupe key, so a restart in between repeats none, and
    each within Telegram's 4,096 characters whatever the names (they are shortened)."""
    key = f"summary:{admin.id}:{summary.week}"

    def message(text_key: str, occasion: str, params: dict[str, Param]) -> OutboundMessage:
        return OutboundMessage(
            admin.telegram_id, text_key, f"{key}:{occasion}", params, (), now, admin.timezone
        )

    found = []
    if summary.completion:
        chart: dict[str, Param] = {
            PHOTO: COMPLETION_CHART,
            CHART_DATA: chart_data(summary.completion),
            "until": summary.until,
        }
        found.append(message(CHART_KEY, "chart", chart))
    found.append(message(SUMMARY_KEY, "text", _text_params(summary)))
    rows = summary.completion
    parts = [rows[i : i + UNITS_PER_MESSAGE] for i in range(0, len(rows), UNITS_PER_MESSAGE)]
    for number, part in enumerate(parts, start=1):
        params: dict[str, Param] = {
            "part": number,
            "parts": len(parts),
            "completion": Lines(tuple(_completion_line(c) for c in part)),
        }
        found.append(message(UNITS_KEY, f"units{number}", params))
    if summary.unreachable:
        names: dict[str, Param] = {
            "count": len(summary.unreachable),
            "names": _names(summary.unreachable),
        }
        found.append(message(UNREACHABLE_KEY, "unreachable", names))
    return found


def chart_data(rows: Sequence[Completion]) -> str:
    """The chart's figures as JSON: ``[[unit, self %, assessed %, peer % or null], ...]``."""
    return json.dumps(
        [[c.name, c.self_percent, c.assessed_percent, c.peer_percent] for c in rows],
        ensure_ascii=False,
    )


def _text_params(summary: WeeklySummary) -> dict[str, Param]:
    none = Lines((Line("reminders.summary.none"),))
    return {
        "since": summary.since,
        "until": summary.until,
        "periods": _lines_or(
            none, (Line("reminders.summary.period", {"name": p}) for p in summary.periods)
        ),
        "units": len(summary.completion),
        "unreachable": len(summary.unreachable),
        "ratings": summary.new_ratings,
        "saran": summary.new_saran,
        "lowest": _lines_or(none, (_ikm_line(u) for u in summary.lowest)),
        "recognised": _lines_or(none, _recognised_lines(summary.recognised)),
    }


def _lines_or(empty: Lines, lines: Iterable[Line]) -> Lines:
    found = tuple(lines)
    return Lines(found) if found else empty


def _completion_line(row: Completion) -> Line:
    peer = row.peer_percent
    return Line(
        "reminders.summary.unit" if peer is None else "reminders.summary.unit_peer",
        {
            "unit": _short(row.name),
            "employees": row.employees,
            "self": row.self_done,
            "self_pct": row.self_percent,
            "assessed": row.assessed,
            "assessed_pct": row.assessed_percent,
            "unregistered": row.unregistered,
            "peer_pct": peer if peer is not None else 0,
        },
    )


def _names(people: Sequence[Person]) -> Lines:
    lines = [
        Line("reminders.summary.person", {"name": _short(p.name), "unit": _short(p.unit)})
        for p in people[:MAX_NAMES]
    ]
    if len(people) > MAX_NAMES:
        lines.append(Line("reminders.summary.more", {"count": len(people) - MAX_NAMES}))
    return Lines(tuple(lines))


def _short(name: str) -> str:
    """A name cut to :data:`NAME_LIMIT` characters, so that a message's length is bounded."""
    return name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…"


def _recognised_lines(items: Sequence[Recognised]) -> Iterable[Line]:
    yield from (_recognised_line(r) for r in items[:MAX_RECOGNISED])
    if len(items) > MAX_RECOGNISED:
        yield Line("reminders.summary.more", {"count": len(items) - MAX_RECOGNISED})


def _ikm_line(unit: UnitIkm) -> Line:
    return Line(
        "reminders.summary.ikm",
        {
            "unit": _short(unit.name),
            "ikm": unit.ikm,
            "mutu": unit.mutu,
            "kinerja": TextRef(f"skm.kinerja.{unit.mutu}"),
        },
    )


def _recognised_line(item: Recognised) -> Line:
    key = "reminders.summary.recognised_service" if item.service else "reminders.summary.recognised"
    return Line(
        key,
        {
            "name": _short(item.name),
            "unit": _short(item.unit),
            "month": TextRef(month_key(item.month)),
            "year": item.month.year,
        },
    )


def month_key(month: date) -> str:
    """The text key of a month's name (``Januari``/``January``)."""
    return f"reminders.month.{month.month}"
