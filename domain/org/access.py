"""Who may do what: the roles and relations every area's use cases check, derived in one place.

A use case that changes or reveals something takes the :class:`~domain.actors.Actor` and asks
these predicates (or the ``require_*`` checks, which raise :class:`PermissionDenied` with a
reason that has a text). Handlers never decide who may do what.

The relations (reference §2.8): an *org admin* holds a grant over the whole organisation; a
*unit admin* over one unit and every unit below it; a *unit head* leads their unit (see
:func:`domain.org.units.headed_unit`) and reads everything below it; the *pejabat penilai* of an
employee is their direct superior, and the *atasan pejabat penilai* that superior's superior.
The server's *operator* (the command line) holds every administrative right, and no person's
role: they have no appraisal and no chat.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.actors import Actor, Role, StaffMember
from domain.errors import PermissionDenied
from domain.org.ports import OrgRepository
from domain.org.units import headed_unit

# Who may use what, as groups of roles: the routing table names them for each command (its help
# and the menu follow). PEOPLE is everyone who talks to the bot; the operator has no chat.
PEOPLE = frozenset(Role) - {Role.OPERATOR}
CITIZENS = frozenset({Role.CITIZEN})
EMPLOYEES = frozenset({Role.EMPLOYEE})
SUPERVISORS = frozenset({Role.SUPERVISOR})  # a pejabat penilai, and an atasan pejabat penilai
UNIT_HEADS = frozenset({Role.UNIT_HEAD})
ADMINS = frozenset({Role.ADMIN})  # of the organisation or of one unit
ORG_ADMINS = frozenset({Role.ORG_ADMIN})


def is_org_admin(actor: Actor) -> bool:
    """The operator, or an admin of the whole organisation."""
    return actor.is_operator or (actor.member is not None and actor.member.is_org_admin)


def is_admin(actor: Actor) -> bool:
    """The operator, or an admin of the organisation or of one unit."""
    return actor.is_operator or (actor.member is not None and actor.member.is_admin)


def administers(actor: Actor, unit_path: Sequence[int]) -> bool:
    """Whether ``actor``'s grant covers a unit, given the unit's ids from the root down."""
    if is_org_admin(actor):
        return True
    member = actor.member
    return member is not None and member.is_admin and member.admin_unit_id in unit_path


async def heads(org: OrgRepository, actor: Actor, unit_path: Sequence[int]) -> bool:
    """Whether ``actor`` heads a unit on ``unit_path`` (the unit itself or one above it)."""
    headed = await headed_unit(org, actor)
    return headed is not None and headed in unit_path


def supervises(actor: Actor, member: StaffMember) -> bool:
    """Whether ``actor`` is ``member``'s pejabat penilai kinerja (their direct superior)."""
    return actor.member is not None and member.supervisor_id == actor.member.id


def require_member(actor: Actor) -> StaffMember:
    """The registered employee behind ``actor``; citizens and the operator are refused."""
    if actor.member is None:
        raise PermissionDenied("not_registered")
    return actor.member


def require_org_admin(actor: Actor) -> None:
    """Periods, SKP, paper forms and the organisation's files belong to the whole
    organisation: its admins (not a unit's) and the operator."""
    if not is_org_admin(actor):
        raise PermissionDenied("not_admin")


def require_operator(actor: Actor) -> None:
    """Admin rights come from the server: only its operator grants or revokes them."""
    if not actor.is_operator:
        raise PermissionDenied("operator_only")


def require_person(actor: Actor) -> None:
    """Things a person does in the chat with their own account (registering, rating a
    service); the operator has no chat account."""
    if actor.is_operator:
        raise PermissionDenied("chat_only")


def require_administers(
    actor: Actor, unit_path: Sequence[int], reason: str = "not_admin_of_unit"
) -> None:
    if not administers(actor, unit_path):
        raise PermissionDenied(reason)
