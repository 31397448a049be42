"""The organisation's repositories in memory: units, employees, services, registration codes,
chat accounts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TypeVar

from domain.actors import StaffMember
from domain.clock import Clock
from domain.errors import RegistrationRefused
from domain.org.identity import ChatAccount, RegistrationCode
from domain.org.ports import ImportSummary, ServiceRecord, UnitRecord
from domain.org.structure import Employee, PublicService, Unit
from tests.support.fakes.state import (
    AccountRow,
    CodeRow,
    EmployeeRow,
    FakeState,
    ServiceRow,
    UnitRow,
    _changed,
)

R = TypeVar("R")


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

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        return [
            row.telegram_id
            for row in sorted(self._state.employees.values(), key=lambda r: r.id)
            if row.is_admin
            and row.telegram_id is not None
            and (row.admin_unit_id is None or row.admin_unit_id in unit_path)
        ]

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

    async def service(self, service_id: int) -> ServiceRecord | None:
        row = self._state.services.get(service_id)
        return self._service(row) if row else None

    async def service_by_code(self, code: str) -> ServiceRecord | None:
        found = [row for row in self._state.services.values() if row.code == code]
        return self._service(found[0]) if found else None

    async def service_to_show(self, code: str) -> ServiceRecord | None:
        return await self.service_by_code(code)

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
        # As the SQL ``UPDATE … WHERE id = :id AND used_at IS NULL``: no such code, or used.
        row = self._state.codes.get(code_id)
        if row is None or row.used_at is not None:
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
        return ChatAccount(
            row.telegram_id, row.language, row.failed_attempts, row.locked_until, row.blocked_at
        )

    async def get_with_staff(self, telegram_id: int) -> tuple[ChatAccount, bool]:
        staff = any(r.telegram_id == telegram_id for r in self._state.employees.values())
        return await self.get(telegram_id), staff

    async def save(self, account: ChatAccount) -> None:
        row = self._state.accounts.setdefault(account.telegram_id, AccountRow(account.telegram_id))
        row.language = account.language
        row.failed_attempts = account.failed_attempts
        row.locked_until = account.locked_until
        row.blocked_at = account.blocked_at
