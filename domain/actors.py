"""Who is acting: the staff member behind an update (if any) and their roles, or the server's
operator at the command line.

The engine and every area take an :class:`Actor`; whether it may do what it asks is decided by
the use case, with the predicates of :mod:`domain.org.access` (the one place that derives who may
do what from the roles and relations).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

OPERATOR_AUDIT_NAME = "cli"  # how the audit trail names the server's operator


@dataclass(frozen=True, slots=True)
class StaffMember:
    """An employee as stored: the imported record plus its Telegram binding and admin grant."""

    id: int
    nip: str
    name: str
    position: str
    position_kind: str
    unit_id: int
    unit_code: str
    unit_name: str
    supervisor_id: int | None
    telegram_id: int | None
    is_admin: bool = False
    admin_unit_id: int | None = None  # the unit an admin's grant covers; None: everything

    @property
    def is_org_admin(self) -> bool:
        """An admin of the whole organisation (a grant not limited to one unit)."""
        return self.is_admin and self.admin_unit_id is None


class Role(StrEnum):
    CITIZEN = "citizen"
    EMPLOYEE = "employee"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    ORG_ADMIN = "org_admin"  # an admin of the whole organisation (not of one unit)
    UNIT_HEAD = "unit_head"  # leads their unit (reports, distribution)
    OPERATOR = "operator"  # the server's operator at the command line


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind one update, or the operator (:meth:`operator`)."""

    telegram_id: int
    language: str
    member: StaffMember | None = None
    has_subordinates: bool = False
    timezone: str | None = None  # the member's unit's (inherited) time zone
    heads_unit: bool = False
    is_operator: bool = False

    @classmethod
    def operator(cls, language: str = "id") -> Actor:
        """The server's operator (``kinerja`` at the command line): every administrative right,
        and no person's role (no appraisal, no chat). The audit trail names them ``cli``."""
        return cls(0, language, is_operator=True)

    @property
    def roles(self) -> frozenset[Role]:
        if self.is_operator:
            return frozenset({Role.OPERATOR})
        if self.member is None:
            return frozenset({Role.CITIZEN})
        roles = {Role.EMPLOYEE}
        if self.has_subordinates:
            roles.add(Role.SUPERVISOR)
        if self.heads_unit:
            roles.add(Role.UNIT_HEAD)
        if self.member.is_admin:
            roles.add(Role.ADMIN)
            if self.member.is_org_admin:
                roles.add(Role.ORG_ADMIN)
        return frozenset(roles)

    @property
    def audit_name(self) -> str:
        """How the audit trail names whoever did something: ``cli``, or an employee's NIP."""
        if self.is_operator:
            return OPERATOR_AUDIT_NAME
        return self.member.nip if self.member else str(self.telegram_id)
