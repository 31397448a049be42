"""Importing the organisation (units, employees, public services) and granting admin rights.

The organisation's files are the whole organisation's: its admins and the operator import them.
Admin rights come from the server: only the operator grants or revokes them.

An import is all or nothing: the file is validated completely against what the database
already holds (references, supervisor and unit loops through existing rows), every error is
reported with its line, and only a clean file is written, in one transaction. Re-importing the
same file changes nothing; a changed row updates its record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from domain.actors import Actor, StaffMember
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.errors import ImportRejected, NotFound, RowError
from domain.org.access import require_operator, require_org_admin
from domain.org.csvimport import (
    CsvTable,
    parse_employees,
    parse_services,
    parse_units,
    read_csv_bytes,
)
from domain.org.ports import ImportSummary, OrgUnitOfWork
from domain.org.structure import (
    Employee,
    PublicService,
    Unit,
    find_supervisor_cycles,
    find_unit_cycles,
)
from domain.unit_of_work import UnitOfWorkFactory

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str
    rows: int
    summary: ImportSummary
    dry_run: bool


class OrgAdministration:
    def __init__(self, uow: UnitOfWorkFactory[OrgUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def import_units(
        self, actor: Actor, data: bytes, *, dry_run: bool = False
    ) -> ImportReport:
        async def validate(uow: OrgUnitOfWork, table: CsvTable) -> list[Unit]:
            existing = await uow.org.units()
            units = parse_units(table, existing_codes={u.code for u in existing})
            by_id = {u.id: u.code for u in existing}
            parents = {u.code: by_id.get(u.parent_id) if u.parent_id else None for u in existing}
            _reject_loops(
                table,
                column="parent_code",
                stored=parents,
                incoming={u.code: u.parent_code for u in units},
                find=find_unit_cycles,
                reason="parent_cycle",
            )
            return units

        return await self._import(actor, "units", data, validate, _save_units, dry_run=dry_run)

    async def import_employees(
        self, actor: Actor, data: bytes, *, dry_run: bool = False
    ) -> ImportReport:
        async def validate(uow: OrgUnitOfWork, table: CsvTable) -> list[Employee]:
            units = {u.code for u in await uow.org.units()}
            members = await uow.org.members()
            employees = parse_employees(
                table,
                today=self._clock.now().date(),
                unit_codes=units,
                existing_nips={m.nip for m in members},
            )
            by_id = {m.id: m.nip for m in members}
            stored = {
                m.nip: by_id.get(m.supervisor_id) if m.supervisor_id else None for m in members
            }
            incoming = {
                str(e.nip): str(e.supervisor_nip) if e.supervisor_nip else None for e in employees
            }
            _reject_loops(
                table,
                column="supervisor_nip",
                stored=stored,
                incoming=incoming,
                find=find_supervisor_cycles,
                reason="supervisor_cycle",
            )
            return employees

        return await self._import(
            actor, "employees", data, validate, _save_employees, dry_run=dry_run
        )

    async def import_services(
        self, actor: Actor, data: bytes, *, dry_run: bool = False
    ) -> ImportReport:
        async def validate(uow: OrgUnitOfWork, table: CsvTable) -> list[PublicService]:
            units = {u.code for u in await uow.org.units()}
            return parse_services(table, unit_codes=units)

        return await self._import(
            actor, "services", data, validate, _save_services, dry_run=dry_run
        )

    async def _import(
        self,
        actor: Actor,
        kind: str,
        data: bytes,
        validate: Callable[[OrgUnitOfWork, CsvTable], Awaitable[list[T]]],
        save: Callable[[OrgUnitOfWork, list[T]], Awaitable[ImportSummary]],
        *,
        dry_run: bool,
    ) -> ImportReport:
        require_org_admin(actor)
        table = read_csv_bytes(data)
        # Validate in a read-only transaction: a large file must not hold SQLite's single
        # writer lock (the bot's own answers wait for it) while it is checked row by row.
        async with self._uow(readonly=True) as uow:
            rows = await validate(uow, table)
        if dry_run:
            return ImportReport(kind, len(rows), ImportSummary(), dry_run=True)
        async with self._uow() as uow:
            summary = await save(uow, rows)
            entry = _audit(self._clock.now(), actor, f"import.{kind}", summary)
            await uow.audit.record(entry)
            await uow.commit()
            return ImportReport(kind, len(rows), summary, dry_run=False)

    async def grant_admin(self, actor: Actor, nip: str, unit_code: str | None = None) -> None:
        """Make an employee an admin of the whole organisation, or of one unit and below."""
        require_operator(actor)
        async with self._uow() as uow:
            member = await _member(uow, nip)
            unit_id = None
            if unit_code is not None:
                unit = await uow.org.unit_by_code(unit_code.upper())
                if unit is None:
                    raise NotFound("unit", ref=unit_code)
                unit_id = unit.id
            await uow.org.set_admin(member.id, is_admin=True, unit_id=unit_id)
            await uow.audit.record(
                AuditEntry(
                    self._clock.now(),
                    actor.audit_name,
                    "admin.grant",
                    f"employee:{member.id}",
                    {"unit": unit_code or ""},
                )
            )
            await uow.commit()

    async def revoke_admin(self, actor: Actor, nip: str) -> None:
        require_operator(actor)
        async with self._uow() as uow:
            member = await _member(uow, nip)
            await uow.org.set_admin(member.id, is_admin=False, unit_id=None)
            await uow.audit.record(
                AuditEntry(
                    self._clock.now(), actor.audit_name, "admin.revoke", f"employee:{member.id}", {}
                )
            )
            await uow.commit()


async def _member(uow: OrgUnitOfWork, nip: str) -> StaffMember:
    digits = "".join(ch for ch in nip if ch.isdigit())
    member = await uow.org.member_by_nip(digits)
    if member is None:
        raise NotFound("employee", ref=nip)
    return member


async def _save_units(uow: OrgUnitOfWork, units: list[Unit]) -> ImportSummary:
    return await uow.org.save_units(units)


async def _save_employees(uow: OrgUnitOfWork, employees: list[Employee]) -> ImportSummary:
    return await uow.org.save_employees(employees)


async def _save_services(uow: OrgUnitOfWork, services: list[PublicService]) -> ImportSummary:
    return await uow.org.save_services(services)


def _audit(now: datetime, actor: Actor, action: str, summary: ImportSummary) -> AuditEntry:
    return AuditEntry(
        now,
        actor.audit_name,
        action,
        "organisation",
        {
            "created": str(summary.created),
            "updated": str(summary.updated),
            "unchanged": str(summary.unchanged),
        },
    )


def _reject_loops(
    table: CsvTable,
    *,
    column: str,
    stored: Mapping[str, str | None],
    incoming: Mapping[str, str | None],
    find: Callable[[Mapping[str, str | None]], list[list[str]]],
    reason: str,
) -> None:
    """Loops that appear only when the file's links meet the database's (the parser already
    refused loops inside the file)."""
    key = "code" if column == "parent_code" else "nip"
    lines = {_digits_or_code(row[key], key): row.line for row in table.rows}
    errors: list[RowError] = []
    for cycle in find({**stored, **incoming}):
        in_file = [node for node in cycle if node in incoming]
        if in_file:
            errors.append(
                RowError(
                    lines.get(in_file[0], 0),
                    column,
                    reason,
                    {"cycle": tuple(cycle), "lines": tuple(lines.get(n, 0) for n in in_file)},
                )
            )
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.line))


def _digits_or_code(value: str, key: str) -> str:
    if key == "nip":
        return "".join(ch for ch in value if ch.isdigit())
    return value.strip().upper()
