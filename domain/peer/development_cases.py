"""What people see of coaching and development, and the relations that authorise it: the
employee sees their own record; their pejabat penilai (direct superior, reference §2.8) sees a
subordinate's. The helpers here are shared by the coaching and plan flows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.clock import Clock
from domain.errors import NotFound, PermissionDenied
from domain.messages import Button, Notice, OutboundMessage, Param
from domain.org.access import require_member, supervises
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import DevelopmentPlanItem
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import Colleague
from domain.unit_of_work import UnitOfWorkFactory


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


@dataclass(frozen=True, slots=True)
class CoachingSession:
    record: CoachingRecord
    coach_name: str
    feedback: CoachingFeedback | None


@dataclass(frozen=True, slots=True)
class DevelopmentRecord:
    """One employee's coaching and agreed plan in a period, as the employee or their pejabat
    penilai may see it. ``mentors`` names the plan's mentors (NIP -> name)."""

    period: AppraisalPeriod
    member: StaffMember
    sessions: tuple[CoachingSession, ...]
    plan: tuple[DevelopmentPlanItem, ...]
    mentors: Mapping[str, str]
    viewer_is_coach: bool

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.plan


async def load_record(
    uow: PeerUnitOfWork, period: AppraisalPeriod, member: StaffMember, viewer: StaffMember
) -> DevelopmentRecord:
    assert period.id is not None
    sessions = []
    for record in await uow.coaching.of_employee(period.id, member.nip):
        coach = await uow.org.member_by_nip(record.coach_nip)
        feedback = await uow.coaching.feedback(record.id or 0)
        sessions.append(CoachingSession(record, coach.name if coach else "", feedback))
    plan = tuple(await uow.development_plans.of_employee(member.nip, period_id=period.id))
    mentors = {}
    for nip in {item.mentor_nip for item in plan if item.mentor_nip}:
        mentor = await uow.org.member_by_nip(nip)
        mentors[nip] = mentor.name if mentor else nip
    return DevelopmentRecord(period, member, tuple(sessions), plan, mentors, viewer.id != member.id)


class DevelopmentViews:
    """Coaching and development records, and what waits for the employee."""

    def __init__(self, uow: UnitOfWorkFactory[PeerUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def record(
        self, actor: Actor, period_id: int, employee_id: int | None = None
    ) -> DevelopmentRecord:
        """The employee's own record (``None``) or a subordinate's, for their pejabat penilai."""
        viewer = require_member(actor)
        async with self._uow(readonly=True) as uow:
            member = await own_or_subordinate(uow, actor, employee_id)
            return await load_record(uow, await period_of(uow, period_id), member, viewer)

    async def previous_plan(self, actor: Actor, period_id: int) -> list[DevelopmentPlanItem]:
        """The plan agreed in the employee's latest period before ``period_id`` (shown in the
        next self-assessment's intro)."""
        member = require_member(actor)
        async with self._uow(readonly=True) as uow:
            current = await period_of(uow, period_id)
            items = await uow.development_plans.of_employee(member.nip)
            earlier = {p.id: p for p in await uow.periods.all() if p.start < current.start}
        found = [item for item in items if item.period_id in earlier]
        if not found:
            return []
        latest = found[0].period_id  # newest period first
        return [item for item in found if item.period_id == latest]

    async def tasks(self, actor: Actor) -> list[Notice]:
        """Coaching sessions of the open periods still waiting for the employee's answers."""
        if actor.member is None:
            return []
        me = actor.member
        found: list[Notice] = []
        async with self._uow(readonly=True) as uow:
            for period in await uow.periods.all():
                if period.status is not PeriodStatus.OPEN or period.id is None:
                    continue
                for record in await uow.coaching.of_employee(period.id, me.nip):
                    if await uow.coaching.feedback(record.id or 0) is None:
                        params = {"topic": record.topic, "date": record.held_on}
                        found.append(Notice("coaching.task.answer", params))
        return found
