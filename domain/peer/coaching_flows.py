"""The coaching flows: the pejabat penilai records a bimbingan kinerja (date, topic, agreed
follow-up); the employee is then asked Format B.1.8 (nine statements) through the outbox, and
the pejabat penilai is told when the answers are in (PermenPANRB 6/2022, reference §2.8).

Recording is allowed at any time while the period is open; the date of the session lies in
the period and not in the future (the employee's unit's day). The employee answers once per
session; the answers are not anonymous (they are addressed to the coach by design).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.actors import Actor, StaffMember
from domain.appraisal.period_flow import DATE_PATTERN, parse_date
from domain.appraisal.periods import AppraisalPeriod
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Questionnaire, Step, StepKind
from domain.engine.subjects import Subjects
from domain.errors import InvalidTransition, NotFound
from domain.localtime import local_date
from domain.messages import Button, Notice
from domain.org.access import require_member
from domain.peer import coaching
from domain.peer.development_actions import AnswerCoaching, ShowDevelopment
from domain.peer.development_support import colleague, notify, period_of, subordinate, zone_of
from domain.peer.ports import PeerUnitOfWork

RECORD_FLOW = "coaching_record"
_DRAFT = "(draft)"  # stands for texts not typed yet while the other rules are checked


@dataclass(frozen=True, slots=True)
class CoachingTarget:
    """A subordinate of the actor in a period (the record flow's subject)."""

    period: int
    employee: int


@dataclass(frozen=True, slots=True)
class CoachingRef:
    """One coaching session (the feedback flow's subject, ``coaching:<period>:<record>``)."""

    period: int
    record: int


TARGETS = Subjects(CoachingTarget, "period:{period}:employee:{employee}")
SESSIONS = Subjects(CoachingRef, f"{coaching.SUBJECT_PREFIX}:{{period}}:{{record}}")

RECORD_FORM = Questionnaire(
    RECORD_FLOW,
    "coaching.record.title",
    (
        Step(
            "held_on",
            StepKind.TEXT,
            "coaching.ask.held_on",
            label="coaching.label.held_on",
            pattern=DATE_PATTERN,
            max_length=10,
        ),
        Step(
            "topic",
            StepKind.TEXT,
            "coaching.ask.topic",
            label="coaching.label.topic",
            min_length=coaching.TOPIC_LENGTH[0],
            max_length=coaching.TOPIC_LENGTH[1],
        ),
        Step(
            "follow_up",
            StepKind.TEXT,
            "coaching.ask.follow_up",
            label="coaching.label.follow_up",
            min_length=coaching.FOLLOW_UP_LENGTH[0],
            max_length=coaching.FOLLOW_UP_LENGTH[1],
        ),
    ),
)


class CoachingRecordFlow(Flow[PeerUnitOfWork, CoachingTarget]):
    questionnaire_id = RECORD_FLOW
    subjects = TARGETS

    def __init__(self, clock: Clock, default_timezone: str) -> None:
        self._clock = clock
        self._timezone = default_timezone

    async def _checked(
        self, uow: PeerUnitOfWork, subject: CoachingTarget, actor: Actor, held_on: str = ""
    ) -> tuple[AppraisalPeriod, StaffMember, coaching.CoachingRecord]:
        """``record_coaching``'s rules (their pejabat penilai, the period open, the date in the
        period and not in the future) on a draft whose texts are not typed yet; without a date,
        today's (in the employee's unit), or the period's first day if it lies ahead."""
        member = await subordinate(uow, actor, subject.employee)
        period = await period_of(uow, subject.period)
        tz = await zone_of(uow, member, self._timezone)
        now = self._clock.now()
        day = parse_date(held_on, "held_on") if held_on else max(local_date(now, tz), period.start)
        draft = coaching.record_coaching(
            period=period,
            employee=await colleague(uow, member),
            by_nip=require_member(actor).nip,
            held_on=min(day, period.end) if not held_on else day,
            topic=_DRAFT,
            follow_up=_DRAFT,
            now=now,
            tz=tz,
        )
        return period, member, draft

    async def can_start(self, uow: PeerUnitOfWork, subject: CoachingTarget, actor: Actor) -> None:
        await self._checked(uow, subject, actor)

    async def questionnaire(
        self, uow: PeerUnitOfWork, subject: CoachingTarget, actor: Actor
    ) -> Questionnaire:
        member = await subordinate(uow, actor, subject.employee)
        return replace(RECORD_FORM, params={"name": member.name})

    async def on_answer(self, uow: PeerUnitOfWork, change: Change[CoachingTarget]) -> Outcome:
        """A date outside the period, or in the future, is refused at once (the same question
        again), not at the end."""
        if held_on := change.answers.get("held_on"):
            await self._checked(uow, change.subject, change.actor, held_on)
        return Outcome()

    async def on_submit(self, uow: PeerUnitOfWork, change: Change[CoachingTarget]) -> Outcome:
        answers = change.answers
        period, member, draft = await self._checked(
            uow, change.subject, change.actor, answers.get("held_on") or ""
        )
        record = await uow.coaching.add(
            coaching.record_coaching(
                period=period,
                employee=await colleague(uow, member),
                by_nip=draft.coach_nip,
                held_on=draft.held_on,
                topic=answers.get("topic") or "",
                follow_up=answers.get("follow_up") or "",
                now=change.now,
                tz=await zone_of(uow, member, self._timezone),
            )
        )
        assert record.id is not None
        coach = change.actor.member
        assert coach is not None
        await uow.audit.record(
            AuditEntry(change.now, coach.nip, "coaching.record", f"coaching:{record.id}")
        )
        await notify(
            uow,
            member,
            "coaching.notify.ask_feedback",
            dedupe=f"coaching:{record.id}:ask",
            now=change.now,
            params={"coach": coach.name, "topic": record.topic, "date": record.held_on},
            buttons=(
                (Button("coaching.button.answer", AnswerCoaching(record.period_id, record.id)),),
            ),
        )
        params = {"name": member.name, "topic": record.topic}
        return Outcome((Notice("coaching.recorded", params),))


class CoachingFeedbackFlow(Flow[PeerUnitOfWork, CoachingRef]):
    questionnaire_id = coaching.QUESTIONNAIRE_ID
    subjects = SESSIONS

    def __init__(self, points: int = coaching.AGREEMENT_POINTS) -> None:
        coaching.agreement_options(points)  # refuses an unsupported scale at start-up
        self._points = points

    async def _record(
        self, uow: PeerUnitOfWork, subject: CoachingRef, actor: Actor
    ) -> coaching.CoachingRecord:
        record = await uow.coaching.get(subject.record)
        if record is None or record.period_id != subject.period:
            raise NotFound("coaching", ref=subject.record)
        coaching.require_coached_employee(record, actor.member.nip if actor.member else "")
        if await uow.coaching.feedback(subject.record) is not None:
            raise InvalidTransition("already_answered", current="answered", target="answered")
        return record

    async def can_start(self, uow: PeerUnitOfWork, subject: CoachingRef, actor: Actor) -> None:
        await self._record(uow, subject, actor)

    async def questionnaire(
        self, uow: PeerUnitOfWork, subject: CoachingRef, actor: Actor
    ) -> Questionnaire:
        record = await self._record(uow, subject, actor)
        coach = await uow.org.member_by_nip(record.coach_nip)
        name = coach.name if coach else record.coach_nip
        return coaching.coaching_feedback_form(
            coach_name=name, topic=record.topic, points=self._points
        )

    async def on_submit(self, uow: PeerUnitOfWork, change: Change[CoachingRef]) -> Outcome:
        record = await self._record(uow, change.subject, change.actor)
        feedback = coaching.feedback_from_answers(
            change.answers, record_id=change.subject.record, points=self._points
        )
        await uow.coaching.save_feedback(feedback, now=change.now)
        employee = await uow.org.member_by_nip(record.employee_nip)
        coach = await uow.org.member_by_nip(record.coach_nip)
        if employee is not None:
            show = ShowDevelopment(record.period_id, employee.id)
            await notify(
                uow,
                coach,
                "coaching.notify.answered",
                dedupe=f"coaching:{change.subject.record}:answered",
                now=change.now,
                params={"name": employee.name, "topic": record.topic},
                buttons=((Button("coaching.button.see_answers", show),),),
            )
        return Outcome((Notice("coaching.answered", {"topic": record.topic}),))
