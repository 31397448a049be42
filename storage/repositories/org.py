"""Units, employees (with their Telegram binding and admin grant) and public services."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from sqlalchemy import ColumnElement, exists, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from domain.actors import StaffMember
from domain.clock import Clock
from domain.org.ports import ImportSummary, ServiceRecord, UnitRecord
from domain.org.structure import Employee, PublicService, Unit
from storage.tables import EmployeeRow, ServiceRow, UnitRow


def _unit(row: UnitRow) -> UnitRecord:
    assert row.id is not None
    return UnitRecord(row.id, row.code, row.name, row.parent_id, row.timezone)


def _member(row: EmployeeRow, unit: UnitRow) -> StaffMember:
    assert row.id is not None
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


def _service(row: ServiceRow, unit: UnitRow) -> ServiceRecord:
    assert row.id is not None
    return ServiceRecord(row.id, row.code, row.name, row.unit_id, unit.code, unit.name, row.active)


def _changed(row: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


class ShownServices:
    """Services read lately, by code, for what is only shown (``service_to_show``): the SKM
    survey's title is asked on every answer, and reading it each time was a statement per
    update. One per process (the composition root's unit-of-work factory owns it); an entry
    lives ``ttl`` seconds, so a renamed service shows its new name within that."""

    LIMIT = 1_000  # distinct codes kept; then it starts over

    def __init__(self, ttl: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl, self._clock = ttl, clock
        self._entries: dict[str, tuple[float, ServiceRecord | None]] = {}

    def get(self, code: str) -> tuple[bool, ServiceRecord | None]:
        entry = self._entries.get(code)
        if entry is None or entry[0] < self._clock():
            return False, None
        return True, entry[1]

    def put(self, code: str, service: ServiceRecord | None) -> None:
        if len(self._entries) >= self.LIMIT:
            self._entries.clear()
        self._entries[code] = (self._clock() + self._ttl, service)


class SqlOrgRepository:
    def __init__(
        self, session: AsyncSession, clock: Clock, shown: ShownServices | None = None
    ) -> None:
        self._s = session
        self._units: list[UnitRecord] | None = None
        self._clock = clock
        self._shown = shown or ShownServices(ttl=0.0)

    # --- units --------------------------------------------------------------------------

    async def units(self) -> list[UnitRecord]:
        # Read once per transaction: every answer asks for a time zone (a walk up the tree).
        if self._units is None:
            rows = await self._s.exec(select(UnitRow).order_by(col(UnitRow.code)))
            self._units = [_unit(row) for row in rows]
        return list(self._units)

    async def unit_by_code(self, code: str) -> UnitRecord | None:
        row = (await self._s.exec(select(UnitRow).where(UnitRow.code == code))).first()
        return _unit(row) if row else None

    async def unit(self, unit_id: int) -> UnitRecord | None:
        row = await self._s.get(UnitRow, unit_id)
        return _unit(row) if row else None

    async def unit_path(self, unit_id: int) -> tuple[int, ...]:
        parents = {u.id: u.parent_id for u in await self.units()}
        path: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in path:
            path.append(current)
            current = parents.get(current)
        return tuple(reversed(path))

    async def effective_timezone(self, unit_id: int) -> str | None:
        units = {u.id: u for u in await self.units()}
        current: int | None = unit_id
        for _ in range(len(units)):  # bounded: a (forbidden) cycle cannot hang us
            if current is None or current not in units:
                return None
            if units[current].timezone:
                return units[current].timezone
            current = units[current].parent_id
        return None

    async def save_units(self, units: Sequence[Unit]) -> ImportSummary:
        self._units = None  # the tree changes
        existing = {row.code: row for row in await self._s.exec(select(UnitRow))}
        summary = ImportSummary()
        for unit in _parents_first(units):
            values: dict[str, object] = {
                "name": unit.name,
                "parent_id": existing[unit.parent_code].id if unit.parent_code else None,
                "timezone": unit.timezone,
            }
            summary += await self._upsert_unit(existing, unit.code, values)
        return summary

    async def _upsert_unit(
        self, existing: dict[str, UnitRow], code: str, values: dict[str, object]
    ) -> ImportSummary:
        row = existing.get(code)
        now = self._clock.now()
        if row is None:
            row = UnitRow(code=code, updated_at=now, **values)  # type: ignore[arg-type]
            self._s.add(row)
            await self._s.flush()
            existing[code] = row
            return ImportSummary(created=1)
        if _changed(row, values):
            row.updated_at = now
            await self._s.flush()
            return ImportSummary(updated=1)
        return ImportSummary(unchanged=1)

    # --- employees ----------------------------------------------------------------------

    async def nips(self) -> set[str]:
        return set(await self._s.exec(select(EmployeeRow.nip)))

    async def save_employees(self, employees: Sequence[Employee]) -> ImportSummary:
        units = {row.code: row.id for row in await self._s.exec(select(UnitRow))}
        rows = {row.nip: row for row in await self._s.exec(select(EmployeeRow))}
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
                row = EmployeeRow(nip=nip, updated_at=now, **values)  # type: ignore[arg-type]
                self._s.add(row)
                rows[nip] = row
                created.add(nip)
            elif _changed(row, values):
                touched.add(nip)
        await self._s.flush()
        for employee in employees:
            nip = str(employee.nip)
            boss = rows[str(employee.supervisor_nip)].id if employee.supervisor_nip else None
            if _changed(rows[nip], {"supervisor_id": boss}):
                touched.add(nip)
        for nip in touched | created:
            rows[nip].updated_at = now
        await self._s.flush()
        updated = len(touched - created)
        return ImportSummary(len(created), updated, len(employees) - len(created) - updated)

    @staticmethod
    def _members_query() -> Select[EmployeeRow, UnitRow]:
        return select(EmployeeRow, UnitRow).join(UnitRow, col(EmployeeRow.unit_id) == UnitRow.id)

    async def _one_member(self, *where: ColumnElement[bool]) -> StaffMember | None:
        query = self._members_query().where(*where)
        found = (await self._s.exec(query)).first()
        return _member(*found) if found else None

    async def member(self, member_id: int) -> StaffMember | None:
        return await self._one_member(col(EmployeeRow.id) == member_id)

    async def member_by_nip(self, nip: str) -> StaffMember | None:
        return await self._one_member(col(EmployeeRow.nip) == nip)

    async def member_by_telegram(self, telegram_id: int) -> StaffMember | None:
        return await self._one_member(col(EmployeeRow.telegram_id) == telegram_id)

    async def members(self, unit_ids: Sequence[int] | None = None) -> list[StaffMember]:
        query = self._members_query().order_by(col(EmployeeRow.name), col(EmployeeRow.id))
        if unit_ids is not None:
            query = query.where(col(EmployeeRow.unit_id).in_(unit_ids))
        return [_member(*found) for found in await self._s.exec(query)]

    async def subordinates(self, member_id: int) -> list[StaffMember]:
        query = (
            self._members_query()
            .where(EmployeeRow.supervisor_id == member_id)
            .order_by(col(EmployeeRow.name), col(EmployeeRow.id))
        )
        return [_member(*found) for found in await self._s.exec(query)]

    async def has_subordinates(self, member_id: int) -> bool:
        sub = aliased(EmployeeRow)
        query = select(exists().where(col(sub.supervisor_id) == member_id))
        return bool((await self._s.exec(query)).one())

    async def bind_telegram(self, member_id: int, telegram_id: int | None) -> None:
        now = self._clock.now()
        if telegram_id is not None:
            await self._s.exec(
                update(EmployeeRow)
                .where(col(EmployeeRow.telegram_id) == telegram_id)
                .values(telegram_id=None, updated_at=now)
            )
            await self._s.flush()
        row = await self._s.get_one(EmployeeRow, member_id)
        row.telegram_id = telegram_id
        row.updated_at = now
        await self._s.flush()

    async def set_admin(self, member_id: int, *, is_admin: bool, unit_id: int | None) -> None:
        row = await self._s.get_one(EmployeeRow, member_id)
        row.is_admin = is_admin
        row.admin_unit_id = unit_id if is_admin else None
        row.updated_at = self._clock.now()
        await self._s.flush()

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        query = (
            select(EmployeeRow.telegram_id)
            .where(
                col(EmployeeRow.is_admin).is_(True),
                col(EmployeeRow.telegram_id).is_not(None),
                or_(
                    col(EmployeeRow.admin_unit_id).is_(None),
                    col(EmployeeRow.admin_unit_id).in_(unit_path),
                ),
            )
            .order_by(col(EmployeeRow.id))
        )
        return [int(chat) for chat in await self._s.exec(query) if chat is not None]

    # --- services -----------------------------------------------------------------------

    async def save_services(self, services: Sequence[PublicService]) -> ImportSummary:
        units = {row.code: row.id for row in await self._s.exec(select(UnitRow))}
        rows = {row.code: row for row in await self._s.exec(select(ServiceRow))}
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
                self._s.add(ServiceRow(code=service.code, updated_at=now, **values))  # type: ignore[arg-type]
                summary += ImportSummary(created=1)
            elif _changed(row, values):
                row.updated_at = now
                summary += ImportSummary(updated=1)
            else:
                summary += ImportSummary(unchanged=1)
        await self._s.flush()
        return summary

    async def _one_service(self, *where: ColumnElement[bool]) -> ServiceRecord | None:
        query = (
            select(ServiceRow, UnitRow)
            .join(UnitRow, col(ServiceRow.unit_id) == UnitRow.id)
            .where(*where)
        )
        found = (await self._s.exec(query)).first()
        return _service(*found) if found else None

    async def service(self, service_id: int) -> ServiceRecord | None:
        return await self._one_service(col(ServiceRow.id) == service_id)

    async def service_by_code(self, code: str) -> ServiceRecord | None:
        return await self._one_service(col(ServiceRow.code) == code)

    async def service_to_show(self, code: str) -> ServiceRecord | None:
        known, service = self._shown.get(code)
        if not known:
            service = await self.service_by_code(code)
            self._shown.put(code, service)
        return service

    async def services(
        self, *, unit_ids: Sequence[int] | None = None, query: str | None = None, limit: int = 50
    ) -> list[ServiceRecord]:
        stmt = select(ServiceRow, UnitRow).join(UnitRow, col(ServiceRow.unit_id) == UnitRow.id)
        if unit_ids is not None:
            stmt = stmt.where(col(ServiceRow.unit_id).in_(unit_ids))
        if query:
            # What people type is text, not a pattern: % and _ match themselves.
            literal = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{literal}%"
            stmt = stmt.where(
                or_(
                    func.lower(ServiceRow.name).like(pattern, escape="\\"),
                    func.lower(ServiceRow.code).like(pattern, escape="\\"),
                    func.lower(UnitRow.name).like(pattern, escape="\\"),
                )
            )
        stmt = stmt.order_by(col(UnitRow.name), col(ServiceRow.name), col(ServiceRow.id))
        stmt = stmt.limit(limit)
        return [_service(*found) for found in await self._s.exec(stmt)]


def _parents_first(units: Sequence[Unit]) -> list[Unit]:
    """Order units so every parent in the batch comes before its children."""
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
