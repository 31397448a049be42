"""What people see of peer feedback in chat: a rater's list (``/umpanbalik``), the form's
start with its who-sees-what statement, a subordinate's raters for the pejabat penilai, the
frozen summary for the ratee and their pejabat penilai, the menu's task, and the freeze.

Anonymity (``domain/peer/aggregate.py``): before the peer deadline nothing about responses is
read at all (no summary, no count, no "submitted" flag to anyone but the rater about their own
assignment); after it, summaries are frozen once and only their visible relations are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.clock import Clock
from domain.engine.conversations import Conversations, Turn
from domain.engine.ports import EngineUnitOfWork
from domain.errors import InvalidTransition, NotFound, PermissionDenied
from domain.messages import Notice
from domain.org.access import require_member, supervises
from domain.peer import forms
from domain.peer.aggregate import (
    FrozenSummary,
    comment_seed,
    freeze,
    may_submit,
    peer_deadline,
    require_may_view,
)
from domain.peer.feedback_flow import FEEDBACK, FeedbackRef, load_feedback
from domain.peer.people import PeerPolicy, colleague_of, member_of, timezone_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import PeerAssignment, Relation
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Waiting:
    """One line of a rater's list: whom, in which relation, until when, and whether *they*
    have sent it (their own answer; nobody else sees this)."""

    assignment_id: int
    ratee_name: str
    relation: Relation
    deadline: datetime
    sent: bool
    open: bool


@dataclass(frozen=True, slots=True)
class RaterList:
    period: AppraisalPeriod
    lines: tuple[Waiting, ...]


@dataclass(frozen=True, slots=True)
class RatersView:
    """A subordinate's raters for their pejabat penilai: names only, never progress."""

    period: AppraisalPeriod
    ratee: StaffMember
    raters: dict[Relation, tuple[str, ...]]
    may_change: bool
    has_subordinates: bool
    deadline: datetime


@dataclass(frozen=True, slots=True)
class SummaryView:
    """What may be shown about a ratee: ``summary`` is ``None`` before the deadline."""

    period: AppraisalPeriod
    ratee: StaffMember
    deadline: datetime
    summary: FrozenSummary | None
    min_raters: int


class PeerFeedback:
    def __init__(
        self,
        uow: UnitOfWorkFactory[PeerUnitOfWork],
        clock: Clock,
        conversations: Conversations[EngineUnitOfWork],
        policy: PeerPolicy,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._conversations = conversations
        self._policy = policy

    @property
    def min_raters(self) -> int:
        return self._policy.min_raters

    async def my_list(self, actor: Actor) -> list[RaterList]:
        """The rater's assignments in each open period, with their own progress."""
        me = require_member(actor)
        now = self._clock.now()
        found = []
        async with self._uow(readonly=True) as uow:
            for period in await _open_periods(uow):
                mine = await uow.peer_assignments.of_rater(period.id or 0, me.nip)
                if mine:
                    lines = [await self._line(uow, a, period, now) for a in mine]
                    lines.sort(key=lambda line: (line.sent, line.ratee_name))
                    found.append(RaterList(period, tuple(lines)))
        return found

    async def _line(
        self,
        uow: PeerUnitOfWork,
        assignment: PeerAssignment,
        period: AppraisalPeriod,
        now: datetime,
    ) -> Waiting:
        ratee = await member_of(uow, assignment.ratee_nip)
        zone = await timezone_of(uow, ratee, self._policy.default_timezone)
        frozen = await uow.peer_summaries.get(period.id or 0, ratee.nip) is not None
        sent = await uow.peer_responses.of_assignment(assignment.id or 0) is not None
        return Waiting(
            assignment.id or 0,
            ratee.name,
            assignment.relation,
            peer_deadline(period, zone),
            sent,
            may_submit(now, period, zone, frozen=frozen),
        )

    async def rated_periods(self, actor: Actor, limit: int = 4) -> list[AppraisalPeriod]:
        """The periods (newest first) in which someone was asked about ``actor``: where their
        own results will be, or are. Says nothing about answers."""
        me = require_member(actor)
        found = []
        async with self._uow(readonly=True) as uow:
            for period in await uow.periods.all():
                if period.status is PeriodStatus.DRAFT or period.id is None:
                    continue
                if await uow.peer_assignments.for_period(period.id, ratee_nips=[me.nip]):
                    found.append(period)
                if len(found) == limit:
                    break
        return found

    async def begin(self, actor: Actor, assignment_id: int) -> tuple[Notice, Turn]:
        """Open (or resume, or edit until the deadline) one feedback form; the notice is the
        who-sees-what statement shown before the first question."""
        async with self._uow(readonly=True) as uow:
            found = await load_feedback(uow, actor, assignment_id, self._policy, self._clock)
        deadline = peer_deadline(found.period, found.timezone)
        subject = FEEDBACK.encode(FeedbackRef(found.period.id or 0, assignment_id))
        turn = await self._conversations.begin(actor, forms.QUESTIONNAIRE_ID, subject)
        return forms.who_sees_what(min_raters=self._policy.min_raters, deadline=deadline), turn

    async def tasks(self, actor: Actor) -> list[Notice]:
        """The menu's line while something waits for this person's feedback."""
        if actor.member is None:
            return []
        waiting = [
            line
            for found in await self.my_list(actor)
            for line in found.lines
            if line.open and not line.sent
        ]
        if not waiting:
            return []
        deadline = min(line.deadline for line in waiting)
        return [Notice("peer.task.give", {"count": len(waiting), "deadline": deadline})]

    async def raters_of(self, actor: Actor, period_id: int, employee_id: int) -> RatersView:
        """A subordinate's raters in each relation, for their pejabat penilai."""
        require_member(actor)
        async with self._uow(readonly=True) as uow:
            ratee = await uow.org.member(employee_id)
            if ratee is None or not supervises(actor, ratee):
                raise PermissionDenied("not_pejabat_penilai")
            period = await _period(uow, period_id)
            mine = await uow.peer_assignments.for_period(period_id, ratee_nips=[ratee.nip])
            names = {a.rater_nip: (await member_of(uow, a.rater_nip)).name for a in mine}
            zone = await timezone_of(uow, ratee, self._policy.default_timezone)
            subordinates = await uow.org.has_subordinates(ratee.id)
        raters = {
            relation: tuple(sorted(names[a.rater_nip] for a in mine if a.relation is relation))
            for relation in Relation
        }
        open_ = period.accepts_peer_feedback(self._clock.now(), zone)
        return RatersView(period, ratee, raters, open_, subordinates, peer_deadline(period, zone))

    async def summary(
        self, actor: Actor, period_id: int, employee_id: int | None = None
    ) -> SummaryView:
        """The frozen summary about ``employee_id`` (``None``: the actor), for the ratee and
        their pejabat penilai only; before the deadline ``summary`` is ``None`` whatever was
        submitted. The first reader after the deadline freezes it if the job has not yet."""
        me = require_member(actor)
        async with self._uow(readonly=True) as uow:
            ratee = me if employee_id is None else await uow.org.member(employee_id)
            if ratee is None:
                raise NotFound("employee", ref=employee_id)
            require_may_view(me.nip, await colleague_of(uow, ratee))
            period = await _period(uow, period_id)
            zone = await timezone_of(uow, ratee, self._policy.default_timezone)
            deadline = peer_deadline(period, zone)
            summary = await uow.peer_summaries.get(period_id, ratee.nip)
        if self._clock.now() <= deadline:
            summary = None
        elif summary is None:
            summary = await self.freeze_one(period_id, ratee.nip)
        return SummaryView(period, ratee, deadline, summary, self._policy.min_raters)

    async def freeze_one(self, period_id: int, ratee_nip: str) -> FrozenSummary | None:
        """Freeze one ratee's summary once their deadline has passed; the stored summary if
        it was frozen before; ``None`` before the deadline."""
        summary, _ = await self._freeze(period_id, ratee_nip)
        return summary

    async def _freeze(self, period_id: int, ratee_nip: str) -> tuple[FrozenSummary | None, bool]:
        """(the summary, whether this call froze it)."""
        now = self._clock.now()
        async with self._uow() as uow:
            period = await _period(uow, period_id)
            ratee = await uow.org.member_by_nip(ratee_nip)
            if ratee is None:
                raise NotFound("employee", ref=ratee_nip)
            zone = await timezone_of(uow, ratee, self._policy.default_timezone)
            existing = await uow.peer_summaries.get(period_id, ratee_nip)
            if existing is not None or now <= peer_deadline(period, zone):
                return existing, False
            assigned = await uow.peer_assignments.for_period(period_id, ratee_nips=[ratee_nip])
            summary = freeze(
                period=period,
                ratee_nip=ratee_nip,
                responses=await uow.peer_responses.for_ratee(period_id, ratee_nip),
                assigned={a.relation for a in assigned},
                now=now,
                tz=zone,
                seed=comment_seed(self._policy.secret, period_id, ratee_nip),
                min_raters=self._policy.min_raters,
            )
            try:
                await uow.peer_summaries.add(summary)
            except InvalidTransition:  # frozen by another process meanwhile: theirs counts
                pass
            else:
                await uow.commit()
                return summary, True
        async with self._uow(readonly=True) as uow:
            frozen = await uow.peer_summaries.get(period_id, ratee_nip)
        return frozen, False

    async def freeze_due(self) -> int:
        """The job: freeze every ratee whose peer deadline has passed; how many were frozen."""
        due: list[tuple[int, str]] = []
        async with self._uow(readonly=True) as uow:
            for period in await uow.periods.all():
                if period.status is not PeriodStatus.DRAFT and period.id is not None:
                    unfrozen = await uow.peer_summaries.unfrozen_ratees(period.id)
                    due += [(period.id, nip) for nip in unfrozen]
        frozen = 0
        for period_id, nip in due:
            _, created = await self._freeze(period_id, nip)
            frozen += created
        return frozen


async def _open_periods(uow: PeerUnitOfWork) -> list[AppraisalPeriod]:
    return [p for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]


async def _period(uow: PeerUnitOfWork, period_id: int) -> AppraisalPeriod:
    period = await uow.periods.get(period_id)
    if period is None:
        raise NotFound("period", ref=period_id)
    return period
