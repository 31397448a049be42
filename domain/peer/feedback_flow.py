"""The rater's feedback form on the conversation engine (``/umpanbalik``).

The session's subject is ``peer:<period>:<assignment>``: it names no person. Every input
checks again that the assignment is the presser's, that they may still rate that person
(same unit and level, or still a direct subordinate), that the peer deadline (in the ratee's
unit time zone) has not passed and that the ratee's results are not frozen. On submit the
response is stored without its rater (``PeerResponseRepository.submit``) and the session is
deleted (``forget``): what remains links the rater to the response only through the
assignment, until the seal.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Answers, Questionnaire
from domain.engine.subjects import Subjects
from domain.errors import NotFound
from domain.messages import Notice
from domain.org.access import require_member
from domain.outbox import reminder_stream
from domain.peer import forms
from domain.peer.aggregate import peer_deadline, require_submittable
from domain.peer.people import PeerPolicy, colleague_of, member_of, timezone_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import PeerAssignment, require_rater_of, require_still_eligible

SUBMITTED = "peer.form.submitted"


@dataclass(frozen=True, slots=True)
class FeedbackRef:
    period: int
    assignment: int


FEEDBACK = Subjects(FeedbackRef, f"{forms.SUBJECT_PREFIX}:{{period}}:{{assignment}}")


@dataclass(frozen=True, slots=True)
class Feedback:
    """One assignment as its rater may act on it now."""

    assignment: PeerAssignment
    period: AppraisalPeriod
    ratee: StaffMember
    timezone: str  # the ratee's unit's

    @property
    def ratee_name(self) -> str:
        return self.ratee.name


async def load_feedback(
    uow: PeerUnitOfWork,
    actor: Actor,
    assignment_id: int,
    policy: PeerPolicy,
    clock: Clock,
    *,
    lock: bool = False,
) -> Feedback:
    """The assignment, if it is ``actor``'s and may be answered now; refused otherwise (module
    docstring). The period's row is read shared under ``lock``: closing it waits for us."""
    me = require_member(actor)
    assignment = await uow.peer_assignments.get(assignment_id, for_update=lock)
    if assignment is None:
        raise NotFound("peer_assignment", ref=assignment_id)
    require_rater_of(assignment, me.nip)
    period = await uow.periods.get(assignment.period_id, shared=lock)
    if period is None:
        raise NotFound("period", ref=assignment.period_id)
    ratee = await member_of(uow, assignment.ratee_nip)
    require_still_eligible(assignment, await colleague_of(uow, me), await colleague_of(uow, ratee))
    zone = await timezone_of(uow, ratee, policy.default_timezone)
    frozen = await uow.peer_summaries.get(period.id or 0, ratee.nip) is not None
    require_submittable(clock.now(), period, zone, frozen=frozen)
    return Feedback(assignment, period, ratee, zone)


class PeerFeedbackFlow(Flow[PeerUnitOfWork, FeedbackRef]):
    questionnaire_id = forms.QUESTIONNAIRE_ID
    subjects = FEEDBACK

    def __init__(self, policy: PeerPolicy, clock: Clock) -> None:
        self._policy = policy
        self._clock = clock

    async def _load(
        self, uow: PeerUnitOfWork, subject: FeedbackRef, actor: Actor, *, lock: bool = False
    ) -> Feedback:
        found = await load_feedback(
            uow, actor, subject.assignment, self._policy, self._clock, lock=lock
        )
        if found.period.id != subject.period:  # a subject that was never written by us
            raise NotFound("peer_assignment", ref=subject.assignment)
        return found

    async def can_start(self, uow: PeerUnitOfWork, subject: FeedbackRef, actor: Actor) -> None:
        await self._load(uow, subject, actor)

    async def questionnaire(
        self, uow: PeerUnitOfWork, subject: FeedbackRef, actor: Actor
    ) -> Questionnaire:
        found = await self._load(uow, subject, actor)
        return forms.feedback_form(
            ratee_name=found.ratee_name,
            relation=found.assignment.relation,
            period_name=found.period.name,
        )

    async def prefill(
        self, uow: PeerUnitOfWork, subject: FeedbackRef, actor: Actor
    ) -> Answers | None:
        """The rater's own earlier answers, to change them until the deadline."""
        response = await uow.peer_responses.of_assignment(subject.assignment)
        return None if response is None else forms.answers_of(response)

    async def on_submit(self, uow: PeerUnitOfWork, change: Change[FeedbackRef]) -> Outcome:
        found = await self._load(uow, change.subject, change.actor, lock=True)
        assignment = found.assignment
        response = forms.response_from_answers(
            change.answers,
            period_id=assignment.period_id,
            ratee_nip=assignment.ratee_nip,
            relation=assignment.relation,
        )
        await uow.peer_responses.submit(assignment.id or 0, response)
        await _cancel_reminders_when_all_given(uow, assignment.period_id, change.actor)
        params = {
            "name": found.ratee_name,
            "deadline": peer_deadline(found.period, found.timezone),
        }
        return Outcome((Notice(SUBMITTED, params),), forget=True)

    async def on_cancel(self, uow: PeerUnitOfWork, change: Change[FeedbackRef]) -> Outcome:
        """Nothing of a cancelled form is kept (the answers were the rater's, unsent)."""
        return Outcome(forget=True)


async def _cancel_reminders_when_all_given(
    uow: PeerUnitOfWork, period_id: int, actor: Actor
) -> None:
    """The rater gave every feedback asked of them: their reminders planned and not yet sent
    are no longer true (``domain.reminders``)."""
    me = require_member(actor)
    mine = await uow.peer_assignments.of_rater(period_id, me.nip)
    given = await uow.peer_assignments.submitted(period_id)
    if all(given.get(a.id or 0, False) for a in mine):
        await uow.outbox.cancel(reminder_stream("peer", period_id, me.id))
