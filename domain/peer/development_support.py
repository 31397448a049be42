"""Who a coaching or development action is about, and how they are told: the relations that
authorise it (the employee themself, or their pejabat penilai kinerja: the direct superior,
reference §2.8), the period, the unit's time zone, and outbox notifications."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod
from domain.errors import NotFound, PermissionDenied
from domain.messages import Button, OutboundMessage, Param
from domain.org.access import require_member, supervises
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import Colleague


async def subordinate(uow: PeerUnitOfWork, actor: Actor, employee_id: int) -> StaffMember:
    """The employee, if ``actor`` is their pejabat penilai kinerja; refused otherwise."""
    require_member(actor)
    member = await uow.org.member(employee_id)
    if member is None or not supervises(actor, member):
        raise PermissionDenied("not_pejabat_penilai")
    return member


async def own_or_subordinate(
    uow: PeerUnitOfWork, actor: Actor, employee_id: int | None
) -> StaffMember:
    """The actor themself (``None``), or a subordinate they are pejabat penilai of."""
    if employee_id is None or (actor.member is not None and actor.member.id == employee_id):
        return require_member(actor)
    return await subordinate(uow, actor, employee_id)


async def period_of(uow: PeerUnitOfWork, period_id: int) -> AppraisalPeriod:
    period = await uow.periods.get(period_id)
    if period is None:
        raise NotFound("period", ref=period_id)
    return period


async def zone_of(uow: PeerUnitOfWork, member: StaffMember, default: str) -> str:
    return await uow.org.effective_timezone(member.unit_id) or default


async def colleague(uow: PeerUnitOfWork, member: StaffMember) -> Colleague:
    """``member`` as the peer rules see them (with their pejabat penilai's NIP)."""
    supervisor = await uow.org.member(member.supervisor_id) if member.supervisor_id else None
    return Colleague(
        member.nip,
        member.unit_code,
        str(member.position_kind),
        supervisor.nip if supervisor else None,
    )


async def notify(
    uow: PeerUnitOfWork,
    recipient: StaffMember | None,
    key: str,
    *,
    dedupe: str,
    now: datetime,
    params: Mapping[str, Param] | None = None,
    buttons: tuple[tuple[Button, ...], ...] = (),
) -> None:
    """Queue a message for a registered employee in the outbox (same transaction), its dates
    in the recipient's unit's time zone."""
    if recipient is None or recipient.telegram_id is None:
        return
    zone = await uow.org.effective_timezone(recipient.unit_id)
    message = OutboundMessage(
        recipient.telegram_id, key, dedupe, params or {}, buttons, timezone=zone
    )
    await uow.outbox.enqueue(message, now=now)
