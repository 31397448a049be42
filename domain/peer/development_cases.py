"""What people see of coaching and development: the employee sees their own record; their
pejabat penilai (direct superior, reference §2.8) sees a subordinate's. Once the period is
closed (its results frozen) the record carries the recommendations for the weak values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.clock import Clock
from domain.messages import Notice
from domain.org.access import require_member
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import DevelopmentPlanItem
from domain.peer.development_support import own_or_subordinate, period_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.recommendations import DEFAULT_POLICY, Policy, WeakValueAdvice, advice_for
from domain.unit_of_work import UnitOfWorkFactory


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
    advice: tuple[WeakValueAdvice, ...] = ()  # once the period is closed

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.plan and not self.advice


async def load_record(
    uow: PeerUnitOfWork,
    period: AppraisalPeriod,
    member: StaffMember,
    viewer: StaffMember,
    policy: Policy | None = None,
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
    advice = await advice_for(uow, period, member, policy) if policy and period.is_frozen else ()
    as_coach = viewer.id != member.id
    return DevelopmentRecord(period, member, tuple(sessions), plan, mentors, as_coach, advice)


class DevelopmentViews:
    """Coaching and development records, and what waits for the employee."""

    def __init__(
        self, uow: UnitOfWorkFactory[PeerUnitOfWork], clock: Clock, policy: Policy = DEFAULT_POLICY
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._policy = policy

    async def record(
        self, actor: Actor, period_id: int, employee_id: int | None = None
    ) -> DevelopmentRecord:
        """The employee's own record (``None``) or a subordinate's, for their pejabat penilai."""
        viewer = require_member(actor)
        async with self._uow(readonly=True) as uow:
            member = await own_or_subordinate(uow, actor, employee_id)
            period = await period_of(uow, period_id)
            return await load_record(uow, period, member, viewer, self._policy)

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
