"""The use cases of the admins' weekly summary, the unit heads' monthly recognition and the
pejabat penilai's nudge. The plan job calls :meth:`Reports.plan` with the working calendar; the
chat calls :meth:`Reports.confirm` and :meth:`Reports.nudge` with the :class:`Actor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.errors import NotFound, PermissionDenied
from domain.localtime import local_date, start_of_day
from domain.messages import Button, OutboundMessage
from domain.org.access import heads, require_member
from domain.org.ports import UnitRecord
from domain.org.units import subtree_ids
from domain.reminders.calendar import WorkingCalendar
from domain.reminders.nudge import (
    check_once_a_day,
    late_subordinates,
    nudge_message,
    require_pejabat_penilai,
)
from domain.reminders.planning import Reminders
from domain.reminders.recognition import (
    PER_MESSAGE,
    Recognition,
    RecognitionKind,
    ServiceIkm,
    announcement,
    candidates,
    candidates_message,
    month_end,
    recognition_month,
    unit_heads,
)
from domain.reminders.report_actions import ConfirmRecognition
from domain.reminders.report_ports import ReportUnitOfWork, Unreachable
from domain.reminders.summary import (
    Admin,
    Calendar,
    Person,
    Recognised,
    UnitCounts,
    UnitIkm,
    WeeklySummary,
    completion,
    lowest_ikm,
    summary_messages,
    summary_week,
)
from domain.skm.report_model import Grouping, ResponseFilter, UnsurAggregate
from domain.skm.report_period import ReportPeriod, ReportSpan
from domain.unit_of_work import UnitOfWorkFactory

ALL_SERVICES = 1_000_000  # the services port pages by default; the reports want every one


class CalendarSource(Protocol):
    async def calendar(self) -> Calendar:
        """The working calendar as stored now (weekends, holidays, office hours)."""
        ...


class StoredCalendar:
    """The calendar the reminders use (weekends, the national and imported holidays, office
    hours), of the years around the clock's: a :class:`CalendarSource`."""

    def __init__(self, reminders: Reminders, clock: Clock) -> None:
        self._reminders = reminders
        self._clock = clock

    async def calendar(self) -> WorkingCalendar:
        year = self._clock.now().year
        return await self._reminders.calendar({year - 1, year, year + 1})


@dataclass(frozen=True, slots=True)
class ReportPolicy:
    default_timezone: str
    min_respondents: int = 5  # a service's IKM from fewer respondents is not compared


@dataclass(frozen=True, slots=True)
class Nudged:
    """What a nudge did: how many messages were queued, to whom (names)."""

    count: int
    names: tuple[str, ...]


class Reports:
    def __init__(
        self,
        uow: UnitOfWorkFactory[ReportUnitOfWork],
        clock: Clock,
        calendars: CalendarSource,
        policy: ReportPolicy,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._calendars = calendars
        self._policy = policy

    async def plan_due(self) -> int:
        """:meth:`plan` at the clock's time with the stored calendar (the plan job)."""
        return await self.plan(self._clock.now(), await self._calendars.calendar())

    async def plan(self, now: datetime, calendar: Calendar) -> int:
        """Queue the summaries and recognition lists due at ``now``; how many messages."""
        return await self.plan_summaries(now, calendar) + await self.plan_recognitions(
            now, calendar
        )

    # --- the admins' weekly summary ------------------------------------------------------------

    async def plan_summaries(self, now: datetime, calendar: Calendar) -> int:
        queued = 0
        async with self._uow() as uow:
            admins = await self._due_admins(uow, now, calendar)
            if not admins:
                return 0
            facts = await _Facts.read(uow)
            for admin, week in admins:
                summary = await facts.summary(uow, admin, week, local_date(now, admin.timezone))
                for message in summary_messages(admin, summary, now):
                    queued += await uow.outbox.enqueue(message, now=now)
            await uow.commit()
        return queued

    async def _due_admins(
        self, uow: ReportUnitOfWork, now: datetime, calendar: Calendar
    ) -> list[tuple[Admin, str]]:
        blocked = {u.employee_id for u in await uow.report_queries.unreachable()}
        due: list[tuple[Admin, str]] = []
        for member in await uow.org.members():
            if not member.is_admin or member.telegram_id is None or member.id in blocked:
                continue
            tz = await self._timezone(uow, member.unit_id)
            week = summary_week(now, tz, calendar)
            if week is not None:
                due.append((Admin(member.id, member.telegram_id, tz, member.admin_unit_id), week))
        return due

    async def _timezone(self, uow: ReportUnitOfWork, unit_id: int) -> str:
        return await uow.org.effective_timezone(unit_id) or self._policy.default_timezone

    # --- the unit heads' monthly recognition ---------------------------------------------------

    async def plan_recognitions(self, now: datetime, calendar: Calendar) -> int:
        queued = 0
        async with self._uow() as uow:
            members = await uow.org.members()
            units = await uow.org.units()
            heads_by_unit = unit_heads(members, units)
            due: dict[int, tuple[StaffMember, str, date]] = {}
            for head in heads_by_unit.values():
                tz = await self._timezone(uow, head.unit_id)
                month = recognition_month(now, tz, calendar)
                if month is not None and head.telegram_id is not None:
                    due[head.id] = (head, tz, month)
            for month in sorted({m for _, _, m in due.values()}):
                found = await self._candidates(uow, month, heads_by_unit, units)
                stored = await uow.recognitions.add(
                    [c for c in found if c.head_id in due and due[c.head_id][2] == month], now=now
                )
                for head_id in sorted({c.head_id for c in stored}):
                    head, tz, _ = due[head_id]
                    items = [c for c in stored if c.head_id == head_id]
                    for message in _lists(head, tz, items, now):
                        queued += await uow.outbox.enqueue(message, now=now)
            await uow.commit()
        return queued

    async def _candidates(
        self,
        uow: ReportUnitOfWork,
        month: date,
        heads_by_unit: dict[int, StaffMember],
        units: Sequence[UnitRecord],
    ) -> list[Recognition]:
        tz = self._policy.default_timezone
        following = month_end(month) + timedelta(days=1)
        sangat_baik = await uow.report_queries.sangat_baik_closed(
            start_of_day(month, tz), start_of_day(following, tz)
        )
        before = ReportPeriod((month - timedelta(days=1)).replace(day=1), month - timedelta(days=1))
        after = ReportPeriod(month, month_end(month))
        services = await _service_ikm(uow, before, after, self._policy.min_respondents)
        return candidates(month, sangat_baik, services, heads_by_unit, units)

    async def confirm(self, actor: Actor, recognition_id: int) -> Recognition:
        """A unit head confirms a candidate: stored, audited, and announced to the employee."""
        member = require_member(actor)
        now = self._clock.now()
        async with self._uow() as uow:
            item = await uow.recognitions.get(recognition_id, for_update=True)
            if item is None:
                raise NotFound(kind="recognition", ref=str(recognition_id))
            if not await heads(uow.org, actor, await uow.org.unit_path(item.unit_id)):
                raise PermissionDenied("not_unit_head")
            confirmed = item.confirm(by_nip=member.nip, now=now)
            await uow.recognitions.save(confirmed)
            await uow.audit.record(
                AuditEntry(now, actor.audit_name, "recognition.confirm", f"recognition:{item.id}")
            )
            if item.kind is RecognitionKind.EMPLOYEE:
                await self._announce(uow, confirmed, member, now)
            await uow.commit()
        return confirmed

    async def _announce(
        self, uow: ReportUnitOfWork, item: Recognition, head: StaffMember, now: datetime
    ) -> None:
        employee = await uow.org.member(item.subject_id)
        if employee is None or employee.telegram_id is None:
            return
        tz = await self._timezone(uow, employee.unit_id)
        at = (await self._calendars.calendar()).next_delivery(now, tz)
        await uow.outbox.enqueue(
            announcement(item, employee.telegram_id, tz, head.name, at), now=now
        )

    # --- the pejabat penilai's nudge -----------------------------------------------------------

    async def nudge(self, actor: Actor) -> Nudged:
        """Remind every late subordinate, once a day; refused again the same day."""
        supervisor = require_pejabat_penilai(actor)
        now = self._clock.now()
        today = local_date(now, actor.timezone or self._policy.default_timezone)
        calendar = await self._calendars.calendar()
        async with self._uow() as uow:
            check_once_a_day(await uow.nudges.last(supervisor.id), today)
            subordinates = await uow.org.subordinates(supervisor.id)
            periods = [p for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]
            appraisals = {
                p.id: await uow.appraisals.for_period(p.id, [s.nip for s in subordinates])
                for p in periods
                if p.id is not None
            }
            late = late_subordinates(actor, subordinates, periods, appraisals)
            names: list[str] = []
            for item in late:
                tz = await self._timezone(uow, item.member.unit_id)
                message = nudge_message(
                    supervisor, item, tz, today, calendar.next_delivery(now, tz)
                )
                if message is not None and await uow.outbox.enqueue(message, now=now):
                    names.append(item.member.name)
            if names:  # a press that reached nobody does not use up the day
                await uow.nudges.record(supervisor.id, today, now=now)
            await uow.commit()
        return Nudged(len(names), tuple(dict.fromkeys(names)))


@dataclass(frozen=True, slots=True)
class _Facts:
    """What every admin's summary of one run shares; :meth:`summary` narrows it to a scope."""

    units: list[UnitRecord]
    periods: list[AppraisalPeriod]
    counts: list[UnitCounts]
    unreachable: list[Unreachable]

    @classmethod
    async def read(cls, uow: ReportUnitOfWork) -> _Facts:
        periods = [p for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]
        ids = [p.id for p in periods if p.id is not None]
        counts = await uow.report_queries.unit_counts(ids) if ids else []
        return cls(await uow.org.units(), periods, counts, await uow.report_queries.unreachable())

    async def summary(
        self, uow: ReportUnitOfWork, admin: Admin, week: str, today: date
    ) -> WeeklySummary:
        units, scope = self.units, _scope(self.units, admin.scope)
        names = {u.id: u.name for u in units}
        monday = today - timedelta(days=today.weekday())
        since, until = monday - timedelta(days=7), monday - timedelta(days=1)
        return WeeklySummary(
            week=week,
            since=since,
            until=until,
            periods=tuple(p.name for p in self.periods),
            completion=tuple(completion(self.counts, units, admin.scope)),
            unreachable=tuple(
                Person(u.name, names.get(u.unit_id, ""))
                for u in self.unreachable
                if u.unit_id in scope
            ),
            new_ratings=await _respondents(uow, ReportPeriod(since, until), scope),
            new_saran=await _saran(uow, ReportPeriod(since, until), units, scope),
            lowest=tuple(lowest_ikm(await _unit_ikm(uow, today, units, scope))),
            recognised=tuple(await _recognised(uow, since, admin.timezone, units, scope)),
        )


def _scope(units: Sequence[UnitRecord], scope: int | None) -> set[int]:
    if scope is None:
        return {u.id for u in units}
    return set(subtree_ids(units, scope))


def _lists(
    head: StaffMember, tz: str, items: Sequence[Recognition], now: datetime
) -> list[OutboundMessage]:
    """A head's candidates, :data:`PER_MESSAGE` to a message."""
    assert head.telegram_id is not None
    found = []
    for part, start in enumerate(range(0, len(items), PER_MESSAGE), start=1):
        chunk = items[start : start + PER_MESSAGE]
        buttons = confirm_buttons(chunk)
        found.append(candidates_message(head.telegram_id, tz, chunk, buttons, now, part=part))
    return found


def confirm_buttons(items: Sequence[Recognition]) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        (
            Button(
                "reminders.recognition.confirm",
                ConfirmRecognition(i.id),
                {"name": i.subject_name[:40]},
            ),
        )
        for i in items
        if i.id is not None
    )


async def _respondents(uow: ReportUnitOfWork, period: ReportPeriod, scope: set[int]) -> int:
    rows = await uow.skm_queries.aggregate(ResponseFilter(period), by=Grouping.UNIT)
    return sum(r.respondents for r in rows if r.group_id in scope)


async def _saran(
    uow: ReportUnitOfWork, period: ReportPeriod, units: Sequence[UnitRecord], scope: set[int]
) -> int:
    if len(scope) == len(units):
        return await uow.skm_queries.suggestion_count(ResponseFilter(period))
    services = await uow.org.services(limit=ALL_SERVICES)
    ids = tuple(s.id for s in services if s.unit_id in scope)
    return await uow.skm_queries.suggestion_count(ResponseFilter(period, ids)) if ids else 0


async def _unit_ikm(
    uow: ReportUnitOfWork, today: date, units: Sequence[UnitRecord], scope: set[int]
) -> list[UnitIkm]:
    quarter = ReportPeriod.of(ReportSpan.QUARTER, today)
    names = {u.id: u.name for u in units}
    found: list[UnitIkm] = []
    for row in await uow.skm_queries.aggregate(ResponseFilter(quarter), by=Grouping.UNIT):
        result = row.result
        if row.group_id in scope and result.ikm_display is not None and result.mutu is not None:
            found.append(
                UnitIkm(row.group_id, names[row.group_id], result.ikm_display, result.mutu.value)
            )
    return found


async def _service_ikm(
    uow: ReportUnitOfWork, before: ReportPeriod, after: ReportPeriod, minimum: int
) -> list[ServiceIkm]:
    def displayed(rows: Sequence[UnsurAggregate]) -> dict[int, Decimal]:
        found: dict[int, Decimal] = {}
        for row in rows:
            ikm = row.result.ikm_display
            if row.group_id is not None and row.respondents >= minimum and ikm is not None:
                found[row.group_id] = ikm
        return found

    old = displayed(await uow.skm_queries.aggregate(ResponseFilter(before), by=Grouping.SERVICE))
    new = displayed(await uow.skm_queries.aggregate(ResponseFilter(after), by=Grouping.SERVICE))
    services = {s.id: s for s in await uow.org.services(limit=ALL_SERVICES)}
    return [
        ServiceIkm(sid, services[sid].name, services[sid].unit_id, old.get(sid), new[sid])
        for sid in sorted(new)
        if sid in services
    ]


async def _recognised(
    uow: ReportUnitOfWork, since: date, tz: str, units: Sequence[UnitRecord], scope: set[int]
) -> list[Recognised]:
    names = {u.id: u.name for u in units}
    found = await uow.recognitions.confirmed_since(start_of_day(since, tz))
    return [
        Recognised(
            r.subject_name, names.get(r.unit_id, ""), r.month, r.kind is RecognitionKind.SERVICE
        )
        for r in found
        if r.unit_id in scope
    ]
