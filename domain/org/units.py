"""Questions about the organisation's tree that several capabilities ask: which units lie below
a unit, and which unit (if any) a person heads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from domain.actors import Actor, StaffMember
from domain.org.ports import OrgRepository, UnitRecord


def subtree_ids(units: Iterable[UnitRecord], unit_id: int) -> tuple[int, ...]:
    """``unit_id`` and the ids of every unit below it, sorted."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit.id)
    found: set[int] = set()
    stack = [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack += children[current]
    return tuple(sorted(found))


async def headed_unit(org: OrgRepository, actor: Actor) -> int | None:
    """The unit ``actor`` heads (their own unit, if they lead it), else ``None``.

    A unit head supervises someone in the unit or below it, and their own pejabat penilai sits
    outside the unit (or there is none): a Kepala Dinas whose direct reports all lead bidang
    heads the dinas (reference §2.8).
    """
    member = actor.member
    if member is None or not actor.has_subordinates:
        return None
    supervisor = await org.member(member.supervisor_id) if member.supervisor_id else None
    subordinates = await org.subordinates(member.id)
    subtree = subtree_ids(await org.units(), member.unit_id)
    leads = heads_own_unit(
        member, supervisor=supervisor, subordinates=subordinates, subtree=subtree
    )
    return member.unit_id if leads else None


def heads_own_unit(
    member: StaffMember,
    *,
    supervisor: StaffMember | None,
    subordinates: Sequence[StaffMember],
    subtree: Sequence[int],
) -> bool:
    """Whether ``member`` leads their unit: they supervise someone in it (or below it) and their
    own pejabat penilai sits outside the unit (or there is none). Only a unit head records an RTL.
    """
    leads = any(s.unit_id in subtree for s in subordinates)
    return leads and (supervisor is None or supervisor.unit_id != member.unit_id)
