"""In-memory implementations of every port in :mod:`domain.ports`, for fast use-case tests.

They behave like the SQL repositories in ``storage/`` (same orderings, same import counts, the
same optimistic version check on sessions, the same outbox dedupe), and the unit of work is a
real transaction:

* a write unit of work takes a deep copy of the shared :class:`FakeState` on entry; its changes
  reach the shared state only on :meth:`FakeUnitOfWork.commit`, and leaving the block without
  committing discards them;
* writers are serialised by an asyncio lock, as ``storage.database`` serialises SQLite writers
  (``BEGIN IMMEDIATE`` behind an in-process lock), so a writer always starts from the latest
  committed state; a writer nested inside another writer of the same task raises instead of
  hanging;
* a read-only unit of work reads a snapshot and refuses to commit.

Tests inspect :attr:`FakeUnitOfWorkFactory.state` (rows, not domain objects) and
:attr:`FakeUnitOfWorkFactory.commits` to assert what was, and was not, written.

One deliberate difference: :meth:`FakeOrgRepository.services` matches ``query`` as a plain
case-insensitive substring, where the SQL repository hands it to ``LIKE`` (so ``%`` and ``_``
typed by a person act as wildcards there).
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, Self, TypeVar

from domain.actors import StaffMember
from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import Appraisal, AppraisalStatus, Objection, ObjectionDecision
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem, SkpKind
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.engine.questionnaire import Session, SessionStatus
from domain.errors import RegistrationRefused, StaleInput
from domain.messages import Button, OutboundMessage
from domain.org.admin import OrgAdministration
from domain.org.identity import ChatAccount, RegistrationCode
from domain.org.ports import ImportSummary, ServiceRecord, UnitRecord
from domain.org.structure import Employee, PublicService, Unit
from domain.outbox import QueuedMessage
from domain.skm.ikm import UNSUR_CODES, UnsurTotals
from domain.skm.ports import SkmRepository
from domain.skm.report_model import (
    Grouping,
    Population,
    ProfileCount,
    ResponseFilter,
    Rtl,
    ScopeKind,
    Suggestion,
    UnsurAggregate,
)
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import PROFILE, Channel, SkmResponse
from domain.unit_of_work import UnitOfWorkFactory
from tests.support.clock import FixedClock

DEMO = Path(__file__).resolve().parents[1] / "bot" / "demo"
PENDING, SENT, FAILED, BLOCKED = "pending", "sent", "failed", "blocked"
R = TypeVar("R")


# --- rows: what the fake database holds ----------------------------------------------------


@dataclass
class UnitRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    timezone: str | None
    updated_at: datetime


@dataclass
class EmployeeRow:
    id: int
    nip: str
    name: str
    position: str
    position_kind: str
    unit_id: int
    updated_at: datetime
    supervisor_id: int | None = None
    telegram_id: int | None = None
    is_admin: bool = False
    admin_unit_id: int | None = None


@dataclass
class ServiceRow:
    id: int
    code: str
    name: str
    unit_id: int
    active: bool
    updated_at: datetime


@dataclass
class AccountRow:
    telegram_id: int
    language: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    blocked_at: datetime | None = None


@dataclass
class CodeRow:
    id: int
    employee_id: int
    code_hash: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: int | None = None


@dataclass
class SessionRow:
    id: int
    owner_id: int
    questionnaire_id: str
    subject: str
    cursor: str
    answers: dict[str, str | None]
    status: str
    version: int
    editing: bool
    created_at: datetime
    updated_at: datetime


@dataclass
class OutboxRow:
    id: int
    dedupe_key: str
    chat_id: int
    payload: dict[str, Any]
    not_before: datetime
    created_at: datetime
    status: str = PENDING
    attempts: int = 0
    claimed_until: datetime | None = None
    claim_token: str | None = None
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, str]


@dataclass
class FakeState:
    """Every table of the fake database. Plain, deep-copyable rows keyed by id."""

    units: dict[int, UnitRow] = field(default_factory=dict)
    employees: dict[int, EmployeeRow] = field(default_factory=dict)
    services: dict[int, ServiceRow] = field(default_factory=dict)
    accounts: dict[int, AccountRow] = field(default_factory=dict)
    codes: dict[int, CodeRow] = field(default_factory=dict)
    sessions: dict[int, SessionRow] = field(default_factory=dict)
    outbox: dict[int, OutboxRow] = field(default_factory=dict)
    audit: list[AuditRow] = field(default_factory=list)
    updates: dict[int, datetime] = field(default_factory=dict)
    skm: SkmTables = field(default_factory=lambda: SkmTables())  # noqa: PLW0108 - defined below
    appraisal: AppraisalTables = field(default_factory=lambda: AppraisalTables())  # noqa: PLW0108
    last_id: int = 0  # one sequence for every table: ids are unique and grow

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id


def _changed(row: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


# --- organisation ---------------------------------------------------------------------------


class FakeOrgRepository:
    def __init__(self, state: FakeState, clock: Clock) -> None:
        self._state = state
        self._clock = clock

    def _unit(self, row: UnitRow) -> UnitRecord:
        return UnitRecord(row.id, row.code, row.name, row.parent_id, row.timezone)

    def _member(self, row: EmployeeRow) -> StaffMember:
        unit = self._state.units[row.unit_id]
        return StaffMember(
            id=row.id,
            nip=row.nip,
            name=row.name,
            position=row.position,
            position_kind=row.position_kind,
            unit_id=row.unit_id,
            unit_code=unit.code,
            unit_name=unit.name,
            supervisor_id=row.supervisor_id,
            telegram_id=row.telegram_id,
            is_admin=row.is_admin,
            admin_unit_id=row.admin_unit_id,
        )

    def _service(self, row: ServiceRow) -> ServiceRecord:
        unit = self._state.units[row.unit_id]
        return ServiceRecord(
            row.id, row.code, row.name, row.unit_id, unit.code, unit.name, row.active
        )

    def _first_member(self, rows: Iterable[EmployeeRow]) -> StaffMember | None:
        found = min(rows, key=lambda row: row.id, default=None)
        return self._member(found) if found else None

    def _sorted_members(self, rows: Iterable[EmployeeRow]) -> list[StaffMember]:
        return [self._member(row) for row in sorted(rows, key=lambda r: (r.name, r.id))]

    async def units(self) -> list[UnitRecord]:
        return [self._unit(row) for row in sorted(self._state.units.values(), key=_by_code)]

    async def unit_by_code(self, code: str) -> UnitRecord | None:
        found = [row for row in self._state.units.values() if row.code == code]
        return self._unit(found[0]) if found else None

    async def unit(self, unit_id: int) -> UnitRecord | None:
        row = self._state.units.get(unit_id)
        return self._unit(row) if row else None

    async def unit_path(self, unit_id: int) -> tuple[int, ...]:
        parents = {u.id: u.parent_id for u in self._state.units.values()}
        path: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in path:
            path.append(current)
            current = parents.get(current)
        return tuple(reversed(path))

    async def effective_timezone(self, unit_id: int) -> str | None:
        units = self._state.units
        current: int | None = unit_id
        for _ in range(len(units)):  # bounded, like the SQL version
            if current is None or current not in units:
                return None
            if units[current].timezone:
                return units[current].timezone
            current = units[current].parent_id
        return None

    async def save_units(self, units: Sequence[Unit]) -> ImportSummary:
        existing = {row.code: row for row in self._state.units.values()}
        summary = ImportSummary()
        now = self._clock.now()
        for unit in _parents_first(units):
            values: dict[str, object] = {
                "name": unit.name,
                "parent_id": existing[unit.parent_code].id if unit.parent_code else None,
                "timezone": unit.timezone,
            }
            row = existing.get(unit.code)
            if row is None:
                row = UnitRow(self._state.next_id(), unit.code, unit.name, None, None, now)
                _changed(row, values)
                self._state.units[row.id] = existing[unit.code] = row
                summary += ImportSummary(created=1)
            elif _changed(row, values):
                row.updated_at = now
                summary += ImportSummary(updated=1)
            else:
                summary += ImportSummary(unchanged=1)
        return summary

    async def nips(self) -> set[str]:
        return {row.nip for row in self._state.employees.values()}

    async def save_employees(self, employees: Sequence[Employee]) -> ImportSummary:
        units = {row.code: row.id for row in self._state.units.values()}
        rows = {row.nip: row for row in self._state.employees.values()}
        now = self._clock.now()
        created: set[str] = set()
        touched: set[str] = set()
        for employee in employees:
            nip = str(employee.nip)
            values: dict[str, object] = {
                "name": employee.name,
                "position": employee.position,
                "position_kind": employee.position_kind.value,
                "unit_id": units[employee.unit_code],
            }
            row = rows.get(nip)
            if row is None:
                row = EmployeeRow(self._state.next_id(), nip, "", "", "", 0, now)
                _changed(row, values)
                self._state.employees[row.id] = rows[nip] = row
                created.add(nip)
            elif _changed(row, values):
                touched.add(nip)
        for employee in employees:
            nip = str(employee.nip)
            boss = rows[str(employee.supervisor_nip)].id if employee.supervisor_nip else None
            if _changed(rows[nip], {"supervisor_id": boss}):
                touched.add(nip)
        for nip in touched | created:
            rows[nip].updated_at = now
        updated = len(touched - created)
        return ImportSummary(len(created), updated, len(employees) - len(created) - updated)

    async def member(self, member_id: int) -> StaffMember | None:
        row = self._state.employees.get(member_id)
        return self._member(row) if row else None

    async def member_by_nip(self, nip: str) -> StaffMember | None:
        return self._first_member(r for r in self._state.employees.values() if r.nip == nip)

    async def member_by_telegram(self, telegram_id: int) -> StaffMember | None:
        rows = self._state.employees.values()
        return self._first_member(r for r in rows if r.telegram_id == telegram_id)

    async def members(self, unit_ids: Sequence[int] | None = None) -> list[StaffMember]:
        rows = [
            row
            for row in self._state.employees.values()
            if unit_ids is None or row.unit_id in unit_ids
        ]
        return self._sorted_members(rows)

    async def subordinates(self, member_id: int) -> list[StaffMember]:
        rows = self._state.employees.values()
        return self._sorted_members(r for r in rows if r.supervisor_id == member_id)

    async def has_subordinates(self, member_id: int) -> bool:
        return any(r.supervisor_id == member_id for r in self._state.employees.values())

    async def bind_telegram(self, member_id: int, telegram_id: int | None) -> None:
        now = self._clock.now()
        if telegram_id is not None:
            for other in self._state.employees.values():
                if other.telegram_id == telegram_id:
                    other.telegram_id = None
                    other.updated_at = now
        row = _get_one(self._state.employees, member_id, "employee")
        row.telegram_id = telegram_id
        row.updated_at = now

    async def set_admin(self, member_id: int, *, is_admin: bool, unit_id: int | None) -> None:
        row = _get_one(self._state.employees, member_id, "employee")
        row.is_admin = is_admin
        row.admin_unit_id = unit_id if is_admin else None
        row.updated_at = self._clock.now()

    async def save_services(self, services: Sequence[PublicService]) -> ImportSummary:
        units = {row.code: row.id for row in self._state.units.values()}
        rows = {row.code: row for row in self._state.services.values()}
        now = self._clock.now()
        summary = ImportSummary()
        for service in services:
            values: dict[str, object] = {
                "name": service.name,
                "unit_id": units[service.unit_code],
                "active": service.active,
            }
            row = rows.get(service.code)
            if row is None:
                new = ServiceRow(self._state.next_id(), service.code, "", 0, True, now)
                _changed(new, values)
                self._state.services[new.id] = new
                summary += ImportSummary(created=1)
            elif _changed(row, values):
                row.updated_at = now
                summary += ImportSummary(updated=1)
            else:
                summary += ImportSummary(unchanged=1)
        return summary

    async def service_by_code(self, code: str) -> ServiceRecord | None:
        found = [row for row in self._state.services.values() if row.code == code]
        return self._service(found[0]) if found else None

    async def services(
        self, *, unit_ids: Sequence[int] | None = None, query: str | None = None, limit: int = 50
    ) -> list[ServiceRecord]:
        records = [self._service(row) for row in self._state.services.values()]
        if unit_ids is not None:
            records = [r for r in records if r.unit_id in unit_ids]
        if query:
            needle = query.lower()
            records = [
                r
                for r in records
                if any(needle in text.lower() for text in (r.name, r.code, r.unit_name))
            ]
        records.sort(key=lambda r: (r.unit_name, r.name, r.id))
        return records[:limit]


def _by_code(row: UnitRow) -> str:
    return row.code


def _get_one(table: dict[int, R], row_id: int, kind: str) -> R:
    """Like ``AsyncSession.get_one``: a missing row is a programming error, not a refusal."""
    if row_id not in table:
        raise LookupError(f"no {kind} with id {row_id}")
    return table[row_id]


def _parents_first(units: Sequence[Unit]) -> list[Unit]:
    by_code = {unit.code: unit for unit in units}
    ordered: list[Unit] = []
    placed: set[str] = set()

    def place(unit: Unit) -> None:
        if unit.code in placed:
            return
        placed.add(unit.code)
        if unit.parent_code in by_code:
            place(by_code[unit.parent_code])
        ordered.append(unit)

    for unit in units:
        place(unit)
    return ordered


# --- identity -------------------------------------------------------------------------------


class FakeRegistrationRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def add_code(
        self, *, employee_id: int, code_hash: str, expires_at: datetime, now: datetime
    ) -> None:
        # Only the newest code of an employee works: earlier unused ones expire now.
        for row in self._state.codes.values():
            if row.employee_id == employee_id and row.used_at is None and row.expires_at > now:
                row.expires_at = now
        if any(row.code_hash == code_hash for row in self._state.codes.values()):
            raise ValueError("duplicate code_hash (a UNIQUE constraint in the database)")
        row_id = self._state.next_id()
        self._state.codes[row_id] = CodeRow(row_id, employee_id, code_hash, now, expires_at)

    async def code_by_hash(self, code_hash: str) -> RegistrationCode | None:
        for row in self._state.codes.values():
            if row.code_hash == code_hash:
                return RegistrationCode(row.id, row.employee_id, row.expires_at, row.used_at)
        return None

    async def mark_used(self, code_id: int, *, now: datetime, telegram_id: int) -> None:
        row = _get_one(self._state.codes, code_id, "registration code")
        if row.used_at is not None:
            raise RegistrationRefused("used")
        row.used_at = now
        row.used_by = telegram_id


class FakeAccountRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def get(self, telegram_id: int) -> ChatAccount:
        row = self._state.accounts.get(telegram_id)
        if row is None:
            return ChatAccount(telegram_id)
        return ChatAccount(row.telegram_id, row.language, row.failed_attempts, row.locked_until)

    async def save(self, account: ChatAccount) -> None:
        row = self._state.accounts.setdefault(account.telegram_id, AccountRow(account.telegram_id))
        row.language = account.language
        row.failed_attempts = account.failed_attempts
        row.locked_until = account.locked_until


# --- sessions -------------------------------------------------------------------------------


def _session(row: SessionRow) -> Session:
    return Session(
        questionnaire_id=row.questionnaire_id,
        subject=row.subject,
        owner_id=row.owner_id,
        cursor=row.cursor,
        answers=dict(row.answers),
        status=SessionStatus(row.status),
        version=row.version,
        editing=row.editing,
        id=row.id,
    )


class FakeSessionRepository:
    def __init__(self, state: FakeState, clock: Clock) -> None:
        self._state = state
        self._clock = clock

    def _active(self, owner_id: int) -> list[SessionRow]:
        return [
            row
            for row in self._state.sessions.values()
            if row.owner_id == owner_id and row.status == SessionStatus.ACTIVE.value
        ]

    async def get(self, session_id: int, *, for_update: bool = False) -> Session | None:
        row = self._state.sessions.get(session_id)
        return _session(row) if row else None

    async def latest_active(self, owner_id: int, *, for_update: bool = False) -> Session | None:
        rows = self._active(owner_id)
        latest = max(rows, key=lambda row: (row.updated_at, row.id), default=None)
        return _session(latest) if latest else None

    async def find_active(
        self, owner_id: int, questionnaire_id: str, subject: str
    ) -> Session | None:
        rows = [
            row
            for row in self._active(owner_id)
            if row.questionnaire_id == questionnaire_id and row.subject == subject
        ]
        first = min(rows, key=lambda row: row.id, default=None)
        return _session(first) if first else None

    async def add(self, session: Session) -> Session:
        now = self._clock.now()
        row = SessionRow(
            id=self._state.next_id(),
            owner_id=session.owner_id,
            questionnaire_id=session.questionnaire_id,
            subject=session.subject,
            cursor=session.cursor,
            answers=dict(session.answers),
            status=session.status.value,
            version=session.version,
            editing=session.editing,
            created_at=now,
            updated_at=now,
        )
        self._state.sessions[row.id] = row
        return _session(row)

    async def save(self, session: Session, *, expected_version: int) -> None:
        row = self._state.sessions.get(session.id) if session.id is not None else None
        if row is None or row.version != expected_version:
            raise StaleInput()
        row.cursor = session.cursor
        row.answers = dict(session.answers)
        row.status = session.status.value
        row.version = session.version
        row.editing = session.editing
        row.updated_at = self._clock.now()

    async def touch(self, session_id: int) -> None:
        if (row := self._state.sessions.get(session_id)) is not None:
            row.updated_at = self._clock.now()

    async def delete(self, session_id: int, *, expected_version: int) -> None:
        row = self._state.sessions.get(session_id)
        if row is None or row.version != expected_version:
            raise StaleInput()
        del self._state.sessions[session_id]


# --- outbox and audit -----------------------------------------------------------------------


def _payload(message: OutboundMessage) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "key": message.key,
        "params": dict(message.params),
        "buttons": [
            [{"label": b.label, "data": b.data, "params": dict(b.params)} for b in row]
            for row in message.buttons
        ],
    }
    if message.timezone is not None:
        payload["timezone"] = message.timezone
    return payload


class FakeOutbox:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def enqueue(self, message: OutboundMessage, *, now: datetime) -> bool:
        if any(row.dedupe_key == message.dedupe_key for row in self._state.outbox.values()):
            return False
        row_id = self._state.next_id()
        self._state.outbox[row_id] = OutboxRow(
            id=row_id,
            dedupe_key=message.dedupe_key,
            chat_id=message.chat_id,
            payload=_payload(message),
            not_before=message.not_before or now,
            created_at=now,
        )
        return True

    def messages(self) -> list[OutboxRow]:
        return sorted(self._state.outbox.values(), key=lambda row: row.id)


class FakeUpdateLog:
    """``processed_updates``: update id -> when it was first handled."""

    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def first_time(self, update_id: int, *, now: datetime) -> bool:
        if update_id in self._state.updates:
            return False
        self._state.updates[update_id] = now
        return True

    async def forget_before(self, moment: datetime) -> int:
        old = [key for key, at in self._state.updates.items() if at < moment]
        for key in old:
            del self._state.updates[key]
        return len(old)


class FakeAuditLog:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def record(self, entry: AuditEntry) -> None:
        row = AuditRow(
            self._state.next_id(),
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            dict(entry.details),
        )
        self._state.audit.append(row)

    async def entries(self, subject: str) -> list[AuditEntry]:
        return [
            AuditEntry(row.at, row.actor, row.action, row.subject, dict(row.details))
            for row in self._state.audit
            if row.subject == subject
        ]


# --- appraisal ------------------------------------------------------------------------------


@dataclass
class PeriodRow:
    id: int
    name: str
    kind: str
    start: date
    end: date
    self_due: date
    peer_due: date
    review_due: date
    objection_days: int
    status: str
    created_at: datetime
    updated_at: datetime


@dataclass
class SkpItemRow:
    id: int
    employee_id: int
    year: int
    kind: str
    position: int  # order in the imported file
    rhk: str
    indicator: str
    target: str
    updated_at: datetime


@dataclass
class AppraisalRow:
    """One appraisal per (period, employee); its history is in ``FakeState.audit``."""

    id: int
    period_id: int
    employee_id: int
    status: str
    updated_at: datetime
    self_ratings: dict[str, str] = field(default_factory=dict)
    realisations: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    hasil: str | None = None
    perilaku: str | None = None
    predikat: str | None = None
    feedback: str | None = None
    item_feedback: dict[str, str] = field(default_factory=dict)
    assessed_by: str | None = None
    assessed_at: datetime | None = None
    acknowledged_at: datetime | None = None
    objection_reason: str | None = None
    objection_filed_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_keep: bool | None = None
    decision_reason: str | None = None


@dataclass
class OrgPredikatRow:
    predikat: str
    updated_at: datetime


@dataclass
class AppraisalTables:
    """Periods, SKP items, appraisals and organisation predikat (keyed (period id, unit id))."""

    periods: dict[int, PeriodRow] = field(default_factory=dict)
    skp_items: dict[int, SkpItemRow] = field(default_factory=dict)
    appraisals: dict[int, AppraisalRow] = field(default_factory=dict)
    org_predikat: dict[tuple[int, int], OrgPredikatRow] = field(default_factory=dict)


def _utc(moment: datetime) -> datetime:
    """What ``UtcDateTime`` does: refuse naive datetimes, store (and return) UTC."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime given to the database; use an aware one")
    return moment.astimezone(UTC)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


def _employee_id(state: FakeState, nip: str) -> int:
    """Like the SQL ``select(EmployeeRow.id).where(nip == ...).one()``."""
    found = [row.id for row in state.employees.values() if row.nip == nip]
    if len(found) != 1:
        raise LookupError(f"no employee with NIP {nip}")
    return found[0]


_PERIOD_FIELDS = ("name", "start", "end", "self_due", "peer_due", "review_due", "objection_days")


def _period(row: PeriodRow) -> AppraisalPeriod:
    return AppraisalPeriod(
        id=row.id,
        name=row.name,
        kind=PeriodKind(row.kind),
        start=row.start,
        end=row.end,
        self_due=row.self_due,
        peer_due=row.peer_due,
        review_due=row.review_due,
        objection_days=row.objection_days,
        status=PeriodStatus(row.status),
    )


class FakePeriodRepository:
    def __init__(self, state: FakeState, clock: Clock) -> None:
        self._state = state
        self._t = state.appraisal
        self._clock = clock

    async def add(self, period: AppraisalPeriod) -> AppraisalPeriod:
        now = _utc(self._clock.now())
        row = PeriodRow(
            id=self._state.next_id(),
            kind=period.kind.value,
            status=period.status.value,
            created_at=now,
            updated_at=now,
            **{name: getattr(period, name) for name in _PERIOD_FIELDS},
        )
        self._t.periods[row.id] = row
        return _period(row)

    async def get(
        self, period_id: int, *, for_update: bool = False, shared: bool = False
    ) -> AppraisalPeriod | None:
        row = self._t.periods.get(period_id)
        return _period(row) if row else None

    async def all(self) -> list[AppraisalPeriod]:
        rows = sorted(self._t.periods.values(), key=lambda r: (r.start, r.id), reverse=True)
        return [_period(row) for row in rows]

    async def save(self, period: AppraisalPeriod) -> None:
        row = _get_one(self._t.periods, period.id or 0, "period")
        for name in _PERIOD_FIELDS:
            setattr(row, name, getattr(period, name))
        row.kind = period.kind.value
        row.status = period.status.value
        row.updated_at = _utc(self._clock.now())

    async def set_org_predikat(
        self, period_id: int, unit_id: int, predikat: OrganisationPredikat, *, now: datetime
    ) -> None:
        _get_one(self._t.periods, period_id, "period")  # foreign keys
        _get_one(self._state.units, unit_id, "unit")
        self._t.org_predikat[(period_id, unit_id)] = OrgPredikatRow(predikat.value, _utc(now))

    async def org_predikat(self, period_id: int, unit_id: int) -> OrganisationPredikat | None:
        row = self._t.org_predikat.get((period_id, unit_id))
        return OrganisationPredikat(row.predikat) if row else None


class FakeSkpRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.appraisal

    async def items(self, employee_nip: str, year: int) -> list[SkpItem]:
        ids = {row.id for row in self._state.employees.values() if row.nip == employee_nip}
        rows = [r for r in self._t.skp_items.values() if r.employee_id in ids and r.year == year]
        # ORDER BY kind DESC (utama before tambahan), position, id; Python's sort is stable.
        rows.sort(key=lambda r: (r.position, r.id))
        rows.sort(key=lambda r: r.kind, reverse=True)
        return [
            SkpItem(r.id, employee_nip, r.year, SkpKind(r.kind), r.rhk, r.indicator, r.target)
            for r in rows
        ]

    async def save_items(self, items: Sequence[SkpItem], *, now: datetime) -> ImportSummary:
        employees = {row.nip: row.id for row in self._state.employees.values()}
        existing = {
            (r.employee_id, r.year, r.rhk, r.indicator): r for r in self._t.skp_items.values()
        }
        summary = ImportSummary()
        positions: dict[tuple[str, int], int] = {}  # order within each employee's SKP of a year
        for item in items:
            group = (item.employee_nip, item.year)
            position = positions[group] = positions.get(group, -1) + 1
            employee_id = employees[item.employee_nip]
            key = (employee_id, item.year, item.rhk, item.indicator)
            values: dict[str, object] = {
                "kind": item.kind.value,
                "target": item.target,
                "position": position,
            }
            row = existing.get(key)
            if row is None:
                row = SkpItemRow(
                    self._state.next_id(),
                    employee_id,
                    item.year,
                    item.kind.value,
                    position,
                    item.rhk,
                    item.indicator,
                    item.target,
                    _utc(now),
                )
                self._t.skp_items[row.id] = existing[key] = row
                summary += ImportSummary(created=1)
            elif _changed(row, values):
                row.updated_at = _utc(now)
                summary += ImportSummary(updated=1)
            else:
                summary += ImportSummary(unchanged=1)
        return summary


class FakeAppraisalRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.appraisal

    def _rows(self) -> list[tuple[AppraisalRow, EmployeeRow]]:
        employees = self._state.employees
        return [
            (row, employees[row.employee_id])
            for row in sorted(self._t.appraisals.values(), key=lambda r: r.id)
        ]

    async def get(
        self, period_id: int, employee_nip: str, *, for_update: bool = False
    ) -> Appraisal | None:
        for row, employee in self._rows():
            if row.period_id == period_id and employee.nip == employee_nip:
                return self._appraisal(row, employee.nip)
        return None

    async def save(self, appraisal: Appraisal, *, now: datetime) -> None:
        employee_id = _employee_id(self._state, appraisal.employee_nip)
        _get_one(self._t.periods, appraisal.period_id, "period")  # foreign key
        found = [
            row
            for row in self._t.appraisals.values()
            if row.period_id == appraisal.period_id and row.employee_id == employee_id
        ]
        if found:
            row = found[0]
        else:
            row = AppraisalRow(
                self._state.next_id(), appraisal.period_id, employee_id, "", _utc(now)
            )
            self._t.appraisals[row.id] = row
        _fill(row, appraisal, now)
        subject = f"appraisal:{row.id}"
        stored = sum(1 for entry in self._state.audit if entry.subject == subject)
        for entry in appraisal.audit[stored:]:
            self._state.audit.append(
                AuditRow(
                    self._state.next_id(),
                    _utc(entry.at),
                    entry.actor,
                    entry.action,
                    subject,
                    dict(entry.details),
                )
            )

    async def for_period(
        self, period_id: int, employee_nips: Sequence[str] | None = None
    ) -> dict[str, Appraisal]:
        return {
            employee.nip: self._appraisal(row, employee.nip)
            for row, employee in self._rows()
            if row.period_id == period_id
            and (employee_nips is None or employee.nip in employee_nips)
        }

    async def of_employee(self, employee_nip: str) -> list[Appraisal]:
        found = [(row, e) for row, e in self._rows() if e.nip == employee_nip]
        periods = self._state.appraisal.periods
        found.sort(
            key=lambda pair: (periods[pair[0].period_id].start, pair[0].period_id), reverse=True
        )
        return [self._appraisal(row, employee.nip) for row, employee in found]

    async def objected(self) -> list[Appraisal]:
        found = [
            (row, employee)
            for row, employee in self._rows()
            if row.status == AppraisalStatus.OBJECTED.value
        ]
        found.sort(key=lambda pair: (pair[0].objection_filed_at or _EPOCH, pair[0].id))
        return [self._appraisal(row, employee.nip) for row, employee in found]

    async def predikat_counts(self, period_id: int, unit_ids: Sequence[int]) -> dict[Predikat, int]:
        counts: dict[Predikat, int] = {}
        for row, employee in self._rows():
            if row.period_id == period_id and employee.unit_id in unit_ids and row.predikat:
                predikat = Predikat(row.predikat)
                counts[predikat] = counts.get(predikat, 0) + 1
        return counts

    def _appraisal(self, row: AppraisalRow, nip: str) -> Appraisal:
        subject = f"appraisal:{row.id}"
        audit = tuple(
            AuditEntry(a.at, a.actor, a.action, details=MappingProxyType(dict(a.details)))
            for a in sorted(self._state.audit, key=lambda a: a.id)
            if a.subject == subject
        )
        return _appraisal_of(row, nip, audit)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _appraisal_of(row: AppraisalRow, nip: str, audit: tuple[AuditEntry, ...]) -> Appraisal:
    objection = (
        Objection(row.objection_reason, row.objection_filed_at)
        if row.objection_reason is not None and row.objection_filed_at is not None
        else None
    )
    decision = (
        ObjectionDecision(
            row.decided_by, row.decided_at, bool(row.decision_keep), row.decision_reason or ""
        )
        if row.decided_by is not None and row.decided_at is not None
        else None
    )
    return Appraisal(
        period_id=row.period_id,
        employee_nip=nip,
        status=AppraisalStatus(row.status),
        self_ratings=MappingProxyType({k: Rating(v) for k, v in row.self_ratings.items()}),
        realisations=MappingProxyType(dict(row.realisations)),
        evidence=MappingProxyType(dict(row.evidence)),
        notes=MappingProxyType(dict(row.notes)),
        hasil=Rating(row.hasil) if row.hasil else None,
        perilaku=Rating(row.perilaku) if row.perilaku else None,
        predikat=Predikat(row.predikat) if row.predikat else None,
        feedback=row.feedback,
        item_feedback=MappingProxyType(dict(row.item_feedback)),
        assessed_by=row.assessed_by,
        assessed_at=row.assessed_at,
        acknowledged_at=row.acknowledged_at,
        objection=objection,
        decision=decision,
        audit=audit,
    )


def _fill(row: AppraisalRow, appraisal: Appraisal, now: datetime) -> None:
    """As the SQL ``_fill``: an objection or decision, once stored, is never cleared."""
    row.status = appraisal.status.value
    row.self_ratings = {key: rating.value for key, rating in appraisal.self_ratings.items()}
    row.realisations = dict(appraisal.realisations)
    row.evidence = dict(appraisal.evidence)
    row.notes = dict(appraisal.notes)
    row.hasil = appraisal.hasil.value if appraisal.hasil else None
    row.perilaku = appraisal.perilaku.value if appraisal.perilaku else None
    row.predikat = appraisal.predikat.value if appraisal.predikat else None
    row.feedback = appraisal.feedback
    row.item_feedback = dict(appraisal.item_feedback)
    row.assessed_by = appraisal.assessed_by
    row.assessed_at = _utc_or_none(appraisal.assessed_at)
    row.acknowledged_at = _utc_or_none(appraisal.acknowledged_at)
    if appraisal.objection is not None:
        row.objection_reason = appraisal.objection.reason
        row.objection_filed_at = _utc(appraisal.objection.filed_at)
    if appraisal.decision is not None:
        row.decided_by = appraisal.decision.by_nip
        row.decided_at = _utc(appraisal.decision.at)
        row.decision_keep = appraisal.decision.keep
        row.decision_reason = appraisal.decision.reason
    row.updated_at = _utc(now)


# --- unit of work ---------------------------------------------------------------------------


class FakeUnitOfWork:
    org: FakeOrgRepository
    registration: FakeRegistrationRepository
    accounts: FakeAccountRepository
    sessions: FakeSessionRepository
    outbox: FakeOutbox
    audit: FakeAuditLog
    updates: FakeUpdateLog
    periods: FakePeriodRepository
    skp: FakeSkpRepository
    appraisals: FakeAppraisalRepository
    skm: SkmRepository

    def __init__(self, factory: FakeUnitOfWorkFactory, *, readonly: bool = False) -> None:
        self._factory = factory
        self._readonly = readonly
        self._state: FakeState | None = None
        self._holds_lock = False

    @property
    def state(self) -> FakeState:
        """This transaction's working copy (what its repositories read and write)."""
        if self._state is None:
            raise RuntimeError("the unit of work is not open")
        return self._state

    async def __aenter__(self) -> Self:
        if self._state is not None:
            raise RuntimeError("a unit of work is entered once")
        if not self._readonly:
            await self._factory.lock_writer()
            self._holds_lock = True
        state = copy.deepcopy(self._factory.state)
        clock = self._factory.clock
        self.org = FakeOrgRepository(state, clock)
        self.registration = FakeRegistrationRepository(state)
        self.accounts = FakeAccountRepository(state)
        self.sessions = FakeSessionRepository(state, clock)
        self.outbox = FakeOutbox(state)
        self.audit = FakeAuditLog(state)
        self.updates = FakeUpdateLog(state)
        self.periods = FakePeriodRepository(state, clock)
        self.skp = FakeSkpRepository(state)
        self.appraisals = FakeAppraisalRepository(state)
        self.skm = FakeSkmRepository(state)
        self._state = state
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Whatever was not committed is simply dropped with the working copy.
        if self._holds_lock:
            self._holds_lock = False
            self._factory.unlock_writer()

    async def commit(self) -> None:
        if self._readonly:
            raise RuntimeError("a read-only unit of work cannot commit")
        if not self._holds_lock:
            raise RuntimeError("commit outside the unit of work's block")
        # Publish a copy: later changes in this block need another commit, as in SQL.
        self._factory.state = copy.deepcopy(self.state)
        self._factory.commits += 1


class FakeUnitOfWorkFactory:
    """Makes :class:`FakeUnitOfWork` s over one shared :class:`FakeState`."""

    def __init__(self, clock: Clock | None = None, state: FakeState | None = None) -> None:
        self.clock: Clock = clock or FixedClock()
        self.state = state or FakeState()
        self.commits = 0
        self._lock = asyncio.Lock()
        self._writer: asyncio.Task[Any] | None = None

    def __call__(self, *, readonly: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, readonly=readonly)

    async def lock_writer(self) -> None:
        task = asyncio.current_task()
        if self._lock.locked() and self._writer is task:
            raise RuntimeError("a write unit of work inside another one would deadlock")
        await self._lock.acquire()
        self._writer = task

    def unlock_writer(self) -> None:
        self._writer = None
        self._lock.release()

    def snapshot(self) -> FakeState:
        """A copy of the committed state, to compare before and after a use case."""
        return copy.deepcopy(self.state)


class FakeOutboxQueue:
    """The dispatcher's side of the outbox; each call is its own committed transaction.

    Like ``storage.outbox.SqlOutboxQueue``, each claim writes a fresh owner token and every later
    update applies only while that token still owns the row (or when no ``claim`` is given)."""

    def __init__(self, factory: FakeUnitOfWorkFactory) -> None:
        self._factory = factory

    async def claim(self, *, now: datetime, limit: int, lease: timedelta) -> list[QueuedMessage]:
        async with self._factory() as uow:
            due = sorted(
                (
                    row
                    for row in uow.state.outbox.values()
                    if row.status == PENDING
                    and row.not_before <= now
                    and (row.claimed_until is None or row.claimed_until < now)
                ),
                key=lambda row: (row.not_before, row.id),
            )[:limit]
            token = f"claim-{uow.state.next_id()}"
            claimed = []
            for row in due:
                row.claimed_until = now + lease
                row.claim_token = token
                account = uow.state.accounts.get(row.chat_id)
                claimed.append(_queued(row, account.language if account else None))
            await uow.commit()
            return claimed

    async def renew(
        self, message_id: int, *, claim: str | None, now: datetime, lease: timedelta
    ) -> bool:
        return await self._set(message_id, claim, pending=True, claimed_until=now + lease)

    async def mark_sent(self, message_id: int, *, now: datetime, claim: str | None = None) -> bool:
        return await self._set(message_id, claim, status=SENT, sent_at=now, **_FREE)

    async def retry_later(
        self,
        message_id: int,
        *,
        not_before: datetime,
        error: str,
        failed: bool = True,
        claim: str | None = None,
    ) -> bool:
        async with self._factory() as uow:
            row = uow.state.outbox.get(message_id)
            if row is None or not _owns(row, claim):
                return False
            row.attempts += 1 if failed else 0
            row.not_before = not_before
            row.claimed_until = row.claim_token = None
            row.last_error = error[:500]
            await uow.commit()
            return True

    async def mark_failed(self, message_id: int, *, error: str, claim: str | None = None) -> bool:
        return await self._set(message_id, claim, status=FAILED, last_error=error[:500], **_FREE)

    async def mark_blocked(
        self, message_id: int, chat_id: int, *, now: datetime, claim: str | None = None
    ) -> bool:
        """The person blocked the bot: drop their pending messages (but not those another
        claimer holds under a live lease) and remember it."""
        async with self._factory() as uow:
            ours = False
            for row in uow.state.outbox.values():
                if row.status != PENDING:
                    continue
                if row.id == message_id:
                    ours = _owns(row, claim)
                    drop = ours
                else:
                    drop = row.chat_id == chat_id and (
                        row.claim_token is None
                        or (claim is not None and row.claim_token == claim)
                        or (row.claimed_until is not None and row.claimed_until < now)
                    )
                if drop:
                    row.status = BLOCKED
                    row.claimed_until = row.claim_token = None
            uow.state.accounts.setdefault(chat_id, AccountRow(chat_id)).blocked_at = now
            await uow.commit()
            return ours

    async def prune(self, *, before: datetime) -> int:
        async with self._factory() as uow:
            old = [
                row.id
                for row in uow.state.outbox.values()
                if (row.status == SENT and row.sent_at is not None and row.sent_at < before)
                or (row.status in (FAILED, BLOCKED) and row.not_before < before)
            ]
            for row_id in old:
                del uow.state.outbox[row_id]
            await uow.commit()
            return len(old)

    async def _set(
        self, message_id: int, claim: str | None, *, pending: bool = False, **values: object
    ) -> bool:
        async with self._factory() as uow:
            row = uow.state.outbox.get(message_id)
            # an UPDATE of a missing row, or of one another claim owns, changes nothing
            if row is None or not _owns(row, claim) or (pending and row.status != PENDING):
                return False
            for name, value in values.items():
                setattr(row, name, value)
            await uow.commit()
            return True


_FREE: dict[str, Any] = {"claimed_until": None, "claim_token": None}


def _owns(row: OutboxRow, claim: str | None) -> bool:
    return claim is None or row.claim_token == claim


def _queued(row: OutboxRow, language: str | None) -> QueuedMessage:
    payload = row.payload
    buttons = tuple(
        tuple(Button(b["label"], b["data"], b.get("params", {})) for b in line)
        for line in payload.get("buttons", [])
    )
    return QueuedMessage(
        row.id,
        row.chat_id,
        payload["key"],
        payload.get("params", {}),
        buttons,
        row.attempts,
        language,
        payload.get("timezone"),
        row.claim_token,
    )


# --- seeding --------------------------------------------------------------------------------


def demo_csv(kind: str) -> bytes:
    """``units``, ``employees`` or ``services`` of the demo organisation in ``bot/demo``."""
    return (DEMO / f"{kind}.csv").read_bytes()


async def load_demo(factory: UnitOfWorkFactory, clock: Clock) -> None:
    """The demo organisation (18 units, 33 employees, 9 services), imported the admin's way."""
    admin = OrgAdministration(factory, clock)
    await admin.import_units(demo_csv("units"))
    await admin.import_employees(demo_csv("employees"))
    await admin.import_services(demo_csv("services"))


async def seed(
    factory: FakeUnitOfWorkFactory,
    *,
    units: Sequence[Unit] = (),
    employees: Sequence[Employee] = (),
    services: Sequence[PublicService] = (),
) -> None:
    """A small organisation written straight through the repository (no CSV validation)."""
    async with factory() as uow:
        await uow.org.save_units(units)
        await uow.org.save_employees(employees)
        await uow.org.save_services(services)
        await uow.commit()


async def demo_world(
    clock: Clock,
    *,
    telegram: Mapping[str, int],
    admins: Mapping[str, str | None] | None = None,
) -> FakeUnitOfWorkFactory:
    """The demo organisation in a fake database, with these employees' Telegram accounts bound
    (NIP -> Telegram id) and these admins granted (NIP -> unit code, or None for everything)."""
    from domain.org.admin import OrgAdministration  # the real use case, as production uses

    fake = FakeUnitOfWorkFactory(clock)
    await load_demo(fake, clock)
    for nip, telegram_id in telegram.items():
        bind_account(fake, nip, telegram_id)
    org = OrgAdministration(fake, clock)
    for nip, unit in (admins or {}).items():
        await org.grant_admin(nip, unit)
    return fake


def bind_account(factory: FakeUnitOfWorkFactory, nip: str, telegram_id: int) -> None:
    """Bind an employee's Telegram account straight in the committed state (test set-up
    without issuing and redeeming a code); like ``bind_telegram``, other bindings go."""
    for row in factory.state.employees.values():
        if row.telegram_id == telegram_id:
            row.telegram_id = None
    row = next(r for r in factory.state.employees.values() if r.nip == nip)
    row.telegram_id = telegram_id


# --- SKM ------------------------------------------------------------------------------------


@dataclass
class SkmResponseRow:
    """A stored response: :class:`SkmResponse`'s fields as plain, deep-copyable values."""

    service_id: int
    unit_id: int
    submitted_at: datetime
    local_date: date
    channel: Channel
    scores: dict[str, int]
    profile: dict[str, str]
    suggestion: str | None
    contact: str | None

    @classmethod
    def of(cls, response: SkmResponse) -> SkmResponseRow:
        return cls(
            response.service_id,
            response.unit_id,
            response.submitted_at,
            response.local_date,
            response.channel,
            dict(response.scores),
            dict(response.profile),
            response.suggestion,
            response.contact,
        )


@dataclass
class SkmTables:
    """The SKM tables: responses by id (never a Telegram id), marks, populations, RTL."""

    responses: dict[int, SkmResponseRow] = field(default_factory=dict)
    marks: dict[str, tuple[date, int]] = field(default_factory=dict)
    populations: dict[tuple[str, int, date, date], Population] = field(default_factory=dict)
    rtls: dict[tuple[str, int, date, date, str], Rtl] = field(default_factory=dict)
    paper_imports: dict[str, tuple[int, datetime]] = field(default_factory=dict)


def _skm_group(state: FakeState, response: SkmResponseRow, by: Grouping) -> int | None:
    """A service, or the unit the service belongs to *now* (as the SQL repository groups)."""
    if by is Grouping.SERVICE:
        return response.service_id
    return state.services[response.service_id].unit_id if by is Grouping.UNIT else None


class FakeSkmRepository:
    """Aggregates in Python what the SQL repository aggregates with GROUP BY."""

    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.skm

    def _matching(self, where: ResponseFilter) -> list[tuple[int, SkmResponseRow]]:
        return [
            (row_id, r)
            for row_id, r in sorted(self._t.responses.items())
            if where.period.contains(r.local_date)
            and (where.service_ids is None or r.service_id in where.service_ids)
        ]

    async def add_responses(self, responses: Sequence[SkmResponse]) -> list[int]:
        ids = []
        for response in responses:
            row_id = self._state.next_id()
            self._t.responses[row_id] = SkmResponseRow.of(response)
            ids.append(row_id)
        return ids

    async def take_mark(self, mark: str, *, day: date, limit: int) -> bool:
        _, count = self._t.marks.get(mark, (day, 0))
        if count >= limit:
            return False
        self._t.marks[mark] = (day, count + 1)
        return True

    async def release_mark(self, mark: str) -> None:
        day, count = self._t.marks.get(mark, (date.min, 0))
        if count > 1:
            self._t.marks[mark] = (day, count - 1)
        else:
            self._t.marks.pop(mark, None)

    async def mark_count(self, mark: str) -> int:
        return self._t.marks.get(mark, (None, 0))[1]

    async def prune_marks(self, *, before: date) -> int:
        old = [mark for mark, (day, _) in self._t.marks.items() if day < before]
        for mark in old:
            del self._t.marks[mark]
        return len(old)

    async def aggregate(self, where: ResponseFilter, *, by: Grouping) -> list[UnsurAggregate]:
        groups: dict[int | None, list[SkmResponseRow]] = {}
        for _, response in self._matching(where):
            groups.setdefault(_skm_group(self._state, response, by), []).append(response)
        return [
            UnsurAggregate(key, len(rows), _skm_totals(rows))
            for key, rows in sorted(groups.items(), key=lambda item: item[0] or 0)
        ]

    async def profile_counts(self, where: ResponseFilter, *, by: Grouping) -> list[ProfileCount]:
        counts: dict[tuple[int | None, str, str | None], int] = {}
        for _, response in self._matching(where):
            for profile in PROFILE:
                group = _skm_group(self._state, response, by)
                key = (group, profile.key, response.profile.get(profile.key))
                counts[key] = counts.get(key, 0) + 1
        return [ProfileCount(g, f, v, n) for (g, f, v), n in counts.items()]

    async def suggestions(
        self, where: ResponseFilter, *, by: Grouping, limit: int | None = None
    ) -> list[Suggestion]:
        found = [(i, r) for i, r in self._matching(where) if r.suggestion]
        found.sort(key=lambda item: (item[1].local_date, item[0]), reverse=True)
        codes = {row.id: row.code for row in self._state.services.values()}
        return [
            Suggestion(
                _skm_group(self._state, r, by),
                codes[r.service_id],
                r.local_date,
                r.channel.value,
                r.suggestion or "",
                r.contact,
            )
            for _, r in found[:limit]
        ]

    async def suggestion_count(self, where: ResponseFilter) -> int:
        return sum(1 for _, r in self._matching(where) if r.suggestion)

    async def services_with_responses(self, service_ids: Sequence[int]) -> set[int]:
        return {r.service_id for r in self._t.responses.values()} & set(service_ids)

    async def paper_import_at(self, sha256: str) -> datetime | None:
        found = self._t.paper_imports.get(sha256)
        return None if found is None else found[1]

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None:
        self._t.paper_imports[sha256] = (rows, at)

    async def save_population(self, population: Population) -> None:
        p = population.period
        key = (population.scope.value, population.scope_id, p.date_from, p.date_to)
        self._t.populations[key] = population

    async def populations(
        self, scope: ScopeKind, scope_ids: Sequence[int], period: ReportPeriod
    ) -> dict[int, int]:
        found = {}
        for scope_id in scope_ids:
            key = (scope.value, scope_id, period.date_from, period.date_to)
            if key in self._t.populations:
                found[scope_id] = self._t.populations[key].population
        return found

    async def save_rtl(self, rtl: Rtl) -> None:
        p = rtl.period
        self._t.rtls[(rtl.scope.value, rtl.scope_id, p.date_from, p.date_to, rtl.unsur)] = rtl

    async def previous_rtl(
        self, scope: ScopeKind, scope_ids: Sequence[int], before: date
    ) -> list[Rtl]:
        found = []
        for scope_id in scope_ids:
            mine = [
                r
                for r in self._t.rtls.values()
                if r.scope is scope and r.scope_id == scope_id and r.period.date_to < before
            ]
            latest = max((r.period.date_to for r in mine), default=None)
            mine = [r for r in mine if r.period.date_to == latest]
            start = max((r.period.date_from for r in mine), default=None)  # one period only
            found += sorted((r for r in mine if r.period.date_from == start), key=lambda r: r.unsur)
        return found

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        return [
            row.telegram_id
            for row in sorted(self._state.employees.values(), key=lambda r: r.id)
            if row.is_admin
            and row.telegram_id is not None
            and (row.admin_unit_id is None or row.admin_unit_id in unit_path)
        ]

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        stale = [
            row.id
            for row in self._state.sessions.values()
            if row.questionnaire_id == questionnaire_id and row.updated_at < before
        ]
        for row_id in stale:
            del self._state.sessions[row_id]
        return len(stale)

    async def service(self, service_id: int) -> ServiceRecord | None:
        row = self._state.services.get(service_id)
        if row is None:
            return None
        unit = self._state.units[row.unit_id]
        return ServiceRecord(
            row.id, row.code, row.name, row.unit_id, unit.code, unit.name, row.active
        )


def _skm_totals(rows: Sequence[SkmResponseRow]) -> tuple[UnsurTotals, ...]:
    return tuple(
        UnsurTotals(
            code,
            sum(r.scores[code] for r in rows if code in r.scores),
            sum(1 for r in rows if code in r.scores),
        )
        for code in UNSUR_CODES
    )
