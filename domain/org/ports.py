"""What the organisation's use cases need from storage: units, employees and services, the
registration codes, the chat accounts; and the unit of work that holds them.

``storage`` implements these; so do the in-memory fakes of the tests, which pass the same
contract tests (``tests/contract/org/``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.actors import StaffMember
from domain.audit import AuditLog
from domain.org.identity import ChatAccount, RegistrationCode
from domain.org.structure import Employee, PublicService, Unit
from domain.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: int
    code: str
    name: str
    parent_id: int | None
    timezone: str | None


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    id: int
    code: str
    name: str
    unit_id: int
    unit_code: str
    unit_name: str
    active: bool


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: rows created, updated, and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: ImportSummary) -> ImportSummary:
        return ImportSummary(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


class OrgRepository(Protocol):
    """The organisation: units, employees (with their Telegram binding and admin grant) and
    public services. Lists come in a fixed order, stated per method."""

    # --- units ---------------------------------------------------------------------------
    async def units(self) -> list[UnitRecord]:
        """Every unit, by code."""
        ...

    async def unit_by_code(self, code: str) -> UnitRecord | None: ...
    async def unit(self, unit_id: int) -> UnitRecord | None: ...
    async def unit_path(self, unit_id: int) -> tuple[int, ...]:
        """The unit's ids from the root down to the unit itself."""
        ...

    async def effective_timezone(self, unit_id: int) -> str | None:
        """The unit's time zone, inherited from the nearest ancestor that sets one."""
        ...

    async def save_units(self, units: Sequence[Unit]) -> ImportSummary:
        """Upsert by code (parents before children, whatever the order given)."""
        ...

    # --- employees and admins -------------------------------------------------------------
    async def nips(self) -> set[str]: ...
    async def save_employees(self, employees: Sequence[Employee]) -> ImportSummary:
        """Upsert by NIP; a supervisor may be anyone in the batch or already stored."""
        ...

    async def member(self, member_id: int) -> StaffMember | None: ...
    async def member_by_nip(self, nip: str) -> StaffMember | None: ...
    async def member_by_telegram(self, telegram_id: int) -> StaffMember | None: ...
    async def members(self, unit_ids: Sequence[int] | None = None) -> list[StaffMember]:
        """The employees of these units (``None``: everyone), by name."""
        ...

    async def subordinates(self, member_id: int) -> list[StaffMember]:
        """The employees this one is the direct supervisor of, by name."""
        ...

    async def has_subordinates(self, member_id: int) -> bool: ...
    async def bind_telegram(self, member_id: int, telegram_id: int | None) -> None:
        """Bind (or with ``None`` unbind) an account; any other binding of it is removed."""
        ...

    async def set_admin(self, member_id: int, *, is_admin: bool, unit_id: int | None) -> None:
        """Grant (over ``unit_id`` and below it, or with ``None`` everything) or withdraw."""
        ...

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        """Telegram ids of the admins whose grant covers a unit (given its path from the root),
        in employee order; admins without an account are left out."""
        ...

    # --- public services ------------------------------------------------------------------
    async def save_services(self, services: Sequence[PublicService]) -> ImportSummary:
        """Upsert by code."""
        ...

    async def service(self, service_id: int) -> ServiceRecord | None: ...
    async def service_by_code(self, code: str) -> ServiceRecord | None: ...
    async def service_to_show(self, code: str) -> ServiceRecord | None:
        """As :meth:`service_by_code`, for what is only shown (a survey's title, asked on every
        answer): it may be read from a copy up to a minute old. Never for a decision."""
        ...

    async def services(
        self, *, unit_ids: Sequence[int] | None = None, query: str | None = None, limit: int = 50
    ) -> list[ServiceRecord]:
        """Services of these units (``None``: all), active or not, by unit name then service
        name; ``query`` keeps those whose name, code or unit name contains it (plain text,
        ignoring case: ``%`` and ``_`` are no wildcards)."""
        ...


class RegistrationRepository(Protocol):
    async def add_code(
        self, *, employee_id: int, code_hash: str, expires_at: datetime, now: datetime
    ) -> None:
        """Store a new code; the employee's earlier unused codes stop working."""
        ...

    async def code_by_hash(self, code_hash: str) -> RegistrationCode | None: ...
    async def mark_used(self, code_id: int, *, now: datetime, telegram_id: int) -> None:
        """Use the code; :class:`~domain.errors.RegistrationRefused` ("used") if another
        account used it first."""
        ...


class AccountRepository(Protocol):
    async def get(self, telegram_id: int) -> ChatAccount:
        """The account, or a fresh default one if the bot has never seen it."""
        ...

    async def save(self, account: ChatAccount) -> None: ...

    async def get_with_staff(self, telegram_id: int) -> tuple[ChatAccount, bool]:
        """The account (as :meth:`get`) and whether an employee is bound to it, read
        together: who sent an update is asked on every update, and most are citizens."""
        ...


class OrgUnitOfWork(UnitOfWork, Protocol):
    """The repositories the organisation's use cases touch (read-only properties, so an
    implementation may hold more specific types)."""

    @property
    def org(self) -> OrgRepository: ...
    @property
    def registration(self) -> RegistrationRepository: ...
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def audit(self) -> AuditLog: ...
