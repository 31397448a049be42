"""Who is acting: the staff member behind an update (if any), their roles, and what they may do.

The engine and every area take an :class:`Actor`; an area decides from it whether the person may
do what they ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
    admin_unit_id: int | None = None


class Role(StrEnum):
    CITIZEN = "citizen"
    EMPLOYEE = "employee"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    ORG_ADMIN = "org_admin"  # an admin of the whole organisation (not of one unit)
    UNIT_HEAD = "unit_head"  # leads their unit (reports, distribution)


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind one update, with what they may do."""

    telegram_id: int
    language: str
    member: StaffMember | None = None
    has_subordinates: bool = False
    timezone: str | None = None  # the member's unit's (inherited) time zone
    heads_unit: bool = False

    @property
    def roles(self) -> frozenset[Role]:
        if self.member is None:
            return frozenset({Role.CITIZEN})
        roles = {Role.EMPLOYEE}
        if self.has_subordinates:
            roles.add(Role.SUPERVISOR)
        if self.heads_unit:
            roles.add(Role.UNIT_HEAD)
        if self.member.is_admin:
            roles.add(Role.ADMIN)
            if self.member.admin_unit_id is None:
                roles.add(Role.ORG_ADMIN)
        return frozenset(roles)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    def administers(self, unit_path: tuple[int, ...]) -> bool:
        """Whether an admin's grant covers a unit, given the unit's ids from the root down."""
        if self.member is None or not self.member.is_admin:
            return False
        return self.member.admin_unit_id is None or self.member.admin_unit_id in unit_path
