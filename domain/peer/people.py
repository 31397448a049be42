"""What the peer use cases share: the staff as the rules see them, a person's clock (their
unit's time zone), the one message that tells a rater what they are asked to do, and the
settings of the area."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.actors import StaffMember
from domain.appraisal.periods import AppraisalPeriod
from domain.errors import NotFound
from domain.messages import Button, OutboundMessage
from domain.peer.actions import ListFeedback
from domain.peer.aggregate import peer_deadline
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import (
    DEFAULT_MIN_RATERS,
    Colleague,
    PeerAssignment,
    checked_min_raters,
    colleagues_from,
)

ASSIGNED = "peer.notify.assigned"


@dataclass(frozen=True, slots=True)
class PeerPolicy:
    """The installation's settings for the area: the anonymity threshold (at least 3), the
    secret that seeds each ratee's comment order, and the time zone of units without one."""

    secret: bytes
    default_timezone: str
    min_raters: int = DEFAULT_MIN_RATERS

    def __post_init__(self) -> None:
        checked_min_raters(self.min_raters)


@dataclass(frozen=True, slots=True)
class Staff:
    """Everyone, by NIP: as stored (names, Telegram ids, units) and as the rules see them."""

    members: dict[str, StaffMember]
    colleagues: dict[str, Colleague]

    def member(self, nip: str) -> StaffMember:
        found = self.members.get(nip)
        if found is None:
            raise NotFound("employee", ref=nip)
        return found


async def load_staff(uow: PeerUnitOfWork) -> Staff:
    members = await uow.org.members()
    return Staff(
        {m.nip: m for m in members},
        {c.nip: c for c in colleagues_from(members)},
    )


async def member_of(uow: PeerUnitOfWork, nip: str) -> StaffMember:
    found = await uow.org.member_by_nip(nip)
    if found is None:
        raise NotFound("employee", ref=nip)
    return found


async def colleague_of(uow: PeerUnitOfWork, member: StaffMember) -> Colleague:
    """One person as the rules see them, without reading the whole staff (a form's every
    input checks its rater and ratee)."""
    supervisor = await uow.org.member(member.supervisor_id) if member.supervisor_id else None
    return Colleague(
        member.nip,
        member.unit_code,
        str(member.position_kind),
        supervisor.nip if supervisor else None,
    )


async def timezone_of(uow: PeerUnitOfWork, member: StaffMember, default: str) -> str:
    return await uow.org.effective_timezone(member.unit_id) or default


async def notify_raters(
    uow: PeerUnitOfWork,
    period: AppraisalPeriod,
    added: Sequence[PeerAssignment],
    staff: Staff,
    *,
    now: datetime,
    default_timezone: str,
) -> int:
    """One outbox message per rater listing everyone they were just asked to rate (issue 11:
    not one message per person); how many raters were told. Raters without Telegram are told
    nothing here and find the list in ``/umpanbalik`` once registered."""
    by_rater: dict[str, list[PeerAssignment]] = defaultdict(list)
    for assignment in added:
        by_rater[assignment.rater_nip].append(assignment)
    told = 0
    for rater_nip, mine in sorted(by_rater.items()):
        rater = staff.members.get(rater_nip)
        if rater is None or rater.telegram_id is None:
            continue
        zone = await timezone_of(uow, rater, default_timezone)
        names = "\n".join(
            f"• {staff.member(a.ratee_nip).name}"
            for a in sorted(mine, key=lambda a: staff.member(a.ratee_nip).name)
        )
        first = min(a.id or 0 for a in mine)
        message = OutboundMessage(
            rater.telegram_id,
            ASSIGNED,
            f"peer-assigned:{period.id}:{rater_nip}:{first}",
            {
                "period": period.name,
                "names": names,
                "count": len(mine),
                "deadline": peer_deadline(period, zone),
            },
            ((Button("peer.button.give", ListFeedback(period.id)),),),
            timezone=zone,
        )
        told += await uow.outbox.enqueue(message, now=now)
    return told
