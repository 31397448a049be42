"""The reminders' storage: the world the rules read (``SqlReminderQueries``), the ledger of
reminders planned, the ``/pengingat`` settings and the calendar's stored changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from types import MappingProxyType

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.reminders.holidays import HolidayAction, HolidayChange
from domain.reminders.model import ALL_PERIODS, Mute, Person, Reminder, Work, World
from storage.repositories.appraisal import _period
from storage.tables import (
    AppraisalRow,
    ChatAccountRow,
    EmployeeRow,
    HolidayChangeRow,
    OutboxRow,
    PeerAssignmentRow,
    PeriodRow,
    ReminderMarkRow,
    ReminderPeriodRow,
    ReminderSettingRow,
    UnitRow,
)

RECENT_DIGESTS = timedelta(days=3)  # digests are one a day: older marks time nothing


class SqlReminderQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def world(self, default_timezone: str, *, now: datetime) -> World:
        periods = tuple(
            _period(row)
            for row in await self._s.exec(
                select(PeriodRow).where(PeriodRow.status == PeriodStatus.OPEN.value)
            )
        )
        people = await self._people(default_timezone)
        ids = [p.id for p in periods if p.id is not None]
        return World(
            periods,
            MappingProxyType(people),
            MappingProxyType(await self._work(periods, people)),
            MappingProxyType(await self._last(ids, now)),
            MappingProxyType(await self._before_days(ids)),
            peer_owed=MappingProxyType(await self._peer_owed(ids)),
        )

    async def _people(self, default_timezone: str) -> dict[int, Person]:
        zones = _zones(list(await self._s.exec(select(UnitRow))), default_timezone)
        query = (
            select(EmployeeRow, ChatAccountRow.blocked_at, ReminderSettingRow.mute)
            .join(
                ChatAccountRow,
                col(ChatAccountRow.telegram_id) == EmployeeRow.telegram_id,
                isouter=True,
            )
            .join(
                ReminderSettingRow,
                col(ReminderSettingRow.employee_id) == EmployeeRow.id,
                isouter=True,
            )
        )
        people: dict[int, Person] = {}
        for row, blocked_at, mute in await self._s.exec(query):
            assert row.id is not None
            people[row.id] = Person(
                row.id,
                row.nip,
                row.name,
                row.unit_id,
                zones.get(row.unit_id, default_timezone),
                row.supervisor_id,
                row.telegram_id,
                Mute(mute) if mute else Mute.ALL,
                reachable=blocked_at is None,
            )
        return people

    async def _work(
        self, periods: tuple[AppraisalPeriod, ...], people: Mapping[int, Person]
    ) -> dict[tuple[int, int], Work]:
        by_id = {p.id: p for p in periods}
        if not by_id:
            return {}
        query = sa_select(
            col(AppraisalRow.period_id),
            col(AppraisalRow.employee_id),
            col(AppraisalRow.status),
            col(AppraisalRow.updated_at),
            col(AppraisalRow.assessed_at),
            col(AppraisalRow.objection_filed_at),
        ).where(col(AppraisalRow.period_id).in_(list(by_id)))
        told = await self._told()
        work: dict[tuple[int, int], Work] = {}
        connection = await self._s.connection()  # core SQL: six plain columns, no ORM rows
        rows = (await connection.execute(query)).all()
        for period_id, employee_id, status, updated_at, assessed_at, filed_at in rows:
            period, person = by_id[period_id], people.get(employee_id)
            if person is None:
                continue
            opened = told.get((period_id, person.nip), assessed_at)  # when they were told
            closes = period.objection_deadline(opened, person.timezone) if opened else None
            since = filed_at if status == "objected" else updated_at
            work[(period_id, employee_id)] = Work(period_id, employee_id, status, since, closes)
        return work

    async def _told(self) -> dict[tuple[int, str], datetime | None]:
        """Per (period, NIP) when the latest result message went (``domain.appraisal.results``),
        ``None`` while it waits; one that failed is left out (its window runs from the
        assessment, as ``domain.appraisal.notified.window_opened`` says)."""
        query = select(OutboxRow.dedupe_key, OutboxRow.status, OutboxRow.sent_at).where(
            col(OutboxRow.dedupe_key).like("result:%")
        )
        latest: dict[tuple[int, str], tuple[int, str, datetime | None]] = {}
        for key, status, sent_at in await self._s.exec(query):
            _, period, nip, number = key.split(":")
            where = (int(period), nip)
            if where not in latest or int(number) > latest[where][0]:
                latest[where] = (int(number), status, sent_at)
        return {
            where: sent_at
            for where, (_, status, sent_at) in latest.items()
            if status in ("pending", "sent")
        }

    async def _last(self, period_ids: Sequence[int], now: datetime) -> dict[str, datetime]:
        recent_digest = (col(ReminderMarkRow.period_id) == ALL_PERIODS) & (
            col(ReminderMarkRow.planned_at) > now - RECENT_DIGESTS
        )
        query = (
            select(ReminderMarkRow.stream, func.max(ReminderMarkRow.planned_at))
            .where(col(ReminderMarkRow.period_id).in_(list(period_ids)) | recent_digest)
            .group_by(col(ReminderMarkRow.stream))
        )
        return dict((await self._s.exec(query)).all())

    async def _peer_owed(self, period_ids: Sequence[int]) -> dict[tuple[int, int], int]:
        """Per (period, rater) the feedback not given yet (``peer_assignments``)."""
        query = (
            select(PeerAssignmentRow.period_id, PeerAssignmentRow.rater_id, func.count())
            .where(
                col(PeerAssignmentRow.period_id).in_(list(period_ids)),
                col(PeerAssignmentRow.submitted).is_(False),
            )
            .group_by(col(PeerAssignmentRow.period_id), col(PeerAssignmentRow.rater_id))
        )
        return {(p, r): int(n) for p, r, n in await self._s.exec(query)}

    async def _before_days(self, period_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
        query = select(ReminderPeriodRow).where(col(ReminderPeriodRow.period_id).in_(period_ids))
        return {row.period_id: _days(row.before_days) for row in await self._s.exec(query)}


def _days(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _zones(units: list[UnitRow], default_timezone: str) -> dict[int, str]:
    """Each unit's zone: its own, else the nearest ancestor's, else the installation's."""
    by_id = {u.id: u for u in units}
    zones: dict[int, str] = {}
    for unit in units:
        assert unit.id is not None
        current: UnitRow | None = unit
        seen: set[int] = set()
        while current is not None and current.timezone is None and current.id not in seen:
            seen.add(current.id or 0)
            current = by_id.get(current.parent_id) if current.parent_id else None
        zones[unit.id] = current.timezone if current and current.timezone else default_timezone
    return zones


class SqlReminderLedger:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def record(self, reminder: Reminder, *, now: datetime) -> bool:
        insert = pg_insert if self._dialect == "postgresql" else sqlite_insert
        key = reminder.dedupe_key
        statement = (
            insert(ReminderMarkRow)
            .values(
                dedupe_key=key,
                stream=key[: -len(reminder.occasion)],
                employee_id=reminder.recipient.id,
                period_id=reminder.period_id,
                planned_at=now,
            )
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
        )
        result = await self._s.exec(statement)
        return bool(result.rowcount)

    async def before_days(self) -> Mapping[int, tuple[int, ...]]:
        rows = await self._s.exec(select(ReminderPeriodRow))
        return {row.period_id: _days(row.before_days) for row in rows}

    async def set_before_days(self, period_id: int, days: tuple[int, ...]) -> None:
        row = await self._s.get(ReminderPeriodRow, period_id)
        text = ",".join(str(d) for d in days)
        if row is None:
            self._s.add(ReminderPeriodRow(period_id=period_id, before_days=text))
        else:
            row.before_days = text
        await self._s.flush()


class SqlReminderSettings:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def mute(self, employee_id: int) -> Mute:
        row = await self._s.get(ReminderSettingRow, employee_id)
        return Mute(row.mute) if row else Mute.ALL

    async def set_mute(self, employee_id: int, mute: Mute, *, now: datetime) -> None:
        row = await self._s.get(ReminderSettingRow, employee_id)
        if row is None:
            self._s.add(
                ReminderSettingRow(employee_id=employee_id, mute=mute.value, updated_at=now)
            )
        else:
            row.mute, row.updated_at = mute.value, now
        await self._s.flush()


class SqlHolidayRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def changes(self) -> list[HolidayChange]:
        rows = await self._s.exec(select(HolidayChangeRow).order_by(col(HolidayChangeRow.day)))
        return [HolidayChange(r.day, r.name, HolidayAction(r.action)) for r in rows]

    async def save_changes(self, changes: Sequence[HolidayChange], *, now: datetime) -> int:
        for change in changes:
            row = await self._s.get(HolidayChangeRow, change.day)
            if row is None:
                row = HolidayChangeRow(day=change.day, name="", action="", imported_at=now)
                self._s.add(row)
            row.name, row.action, row.imported_at = change.name, change.action.value, now
        await self._s.flush()
        return len(changes)
