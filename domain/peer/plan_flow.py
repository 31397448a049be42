"""The pejabat penilai records an agreed development-plan item for a subordinate: the
BerAKHLAK value, the kind (pelatihan, kegiatan, mentoring), the action, optionally a target
date; review, then it is stored and the employee is told. A mentoring item names the mentor
the rules suggest for that value, if any (``development.suggest_mentor``: from frozen peer
results, never with a score). The item shows on the employee's ``/hasil`` and in the intro of
their next self-assessment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.actors import Actor, StaffMember
from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.period_flow import DATE_PATTERN, parse_date
from domain.appraisal.periods import AppraisalPeriod
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Option, Questionnaire, Step, StepKind
from domain.messages import Button, Notice, Param, TextRef
from domain.org.access import require_member
from domain.peer import development
from domain.peer.coaching_flows import TARGETS, CoachingTarget
from domain.peer.development_actions import ShowDevelopment
from domain.peer.development_support import colleague, notify, period_of, subordinate, zone_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import DEFAULT_MIN_RATERS, colleagues_from

PLAN_FLOW = "development_plan"
_DRAFT = "(draft)"  # stands for the action not typed yet while the other rules are checked

PLAN_FORM = Questionnaire(
    PLAN_FLOW,
    "plan.title",
    (
        Step(
            "value",
            StepKind.CHOICE,
            "plan.ask.value",
            tuple(Option(v.code, f"berakhlak.{v.code}.name") for v in BERAKHLAK),
            label="plan.label.value",
        ),
        Step(
            "kind",
            StepKind.CHOICE,
            "plan.ask.kind",
            tuple(Option(k.value, k.text_key) for k in development.RecommendationKind),
            label="plan.label.kind",
        ),
        Step(
            "action",
            StepKind.TEXT,
            "plan.ask.action",
            label="plan.label.action",
            min_length=development.ACTION_LENGTH[0],
            max_length=development.ACTION_LENGTH[1],
        ),
        Step(
            "due_on",
            StepKind.TEXT,
            "plan.ask.due_on",
            label="plan.label.due_on",
            required=False,
            pattern=DATE_PATTERN,
            max_length=10,
        ),
    ),
)


class PlanFlow(Flow[PeerUnitOfWork, CoachingTarget]):
    questionnaire_id = PLAN_FLOW
    subjects = TARGETS

    def __init__(
        self, clock: Clock, default_timezone: str, min_raters: int = DEFAULT_MIN_RATERS
    ) -> None:
        self._clock = clock
        self._timezone = default_timezone
        self._min_raters = min_raters

    async def _item(
        self,
        uow: PeerUnitOfWork,
        subject: CoachingTarget,
        actor: Actor,
        *,
        value: str | None = None,
        action: str = _DRAFT,
        due_on: date | None = None,
        kind: development.RecommendationKind | None = None,
        mentor_nip: str | None = None,
    ) -> tuple[AppraisalPeriod, StaffMember, development.DevelopmentPlanItem]:
        """``agree_plan_item``'s rules (their pejabat penilai, a period that has begun, a date
        not past) on what is answered so far."""
        member = await subordinate(uow, actor, subject.employee)
        period = await period_of(uow, subject.period)
        item = development.agree_plan_item(
            period=period,
            employee=await colleague(uow, member),
            by_nip=require_member(actor).nip,
            value_code=value or BERAKHLAK[0].code,
            action=action,
            now=self._clock.now(),
            tz=await zone_of(uow, member, self._timezone),
            kind=kind,
            mentor_nip=mentor_nip,
            due_on=due_on,
        )
        return period, member, item

    async def can_start(self, uow: PeerUnitOfWork, subject: CoachingTarget, actor: Actor) -> None:
        await self._item(uow, subject, actor)

    async def questionnaire(
        self, uow: PeerUnitOfWork, subject: CoachingTarget, actor: Actor
    ) -> Questionnaire:
        member = await subordinate(uow, actor, subject.employee)
        return replace(PLAN_FORM, params={"name": member.name})

    async def on_answer(self, uow: PeerUnitOfWork, change: Change[CoachingTarget]) -> Outcome:
        if due := change.answers.get("due_on"):
            await self._item(uow, change.subject, change.actor, due_on=parse_date(due, "due_on"))
        return Outcome()

    async def on_submit(self, uow: PeerUnitOfWork, change: Change[CoachingTarget]) -> Outcome:
        answers = change.answers
        kind = development.RecommendationKind(answers.get("kind") or "")
        value = answers.get("value") or ""
        due = answers.get("due_on")
        member = await subordinate(uow, change.actor, change.subject.employee)
        mentor = None
        if kind is development.RecommendationKind.MENTORING:
            mentor = await self._mentor(uow, change.subject.period, member, value)
        period, member, item = await self._item(
            uow,
            change.subject,
            change.actor,
            value=value,
            action=answers.get("action") or "",
            due_on=parse_date(due, "due_on") if due else None,
            kind=kind,
            mentor_nip=mentor.nip if mentor else None,
        )
        stored = await uow.development_plans.add(item)
        await uow.audit.record(
            AuditEntry(change.now, item.agreed_by, "development.plan", f"plan:{stored.id}")
        )
        params: dict[str, Param] = {
            "period": period.name,
            "value": TextRef(f"berakhlak.{value}.name"),
            "action": item.action,
        }
        await notify(
            uow,
            member,
            "plan.notify.agreed",
            dedupe=f"plan:{stored.id}",
            now=change.now,
            params=params,
            buttons=((Button("plan.button.see", ShowDevelopment(item.period_id)),),),
        )
        done = {**params, "name": member.name, "mentor": mentor.name if mentor else "-"}
        return Outcome((Notice("plan.agreed", done),))

    async def _mentor(
        self, uow: PeerUnitOfWork, period_id: int, member: StaffMember, value: str
    ) -> StaffMember | None:
        """The suggested mentor for ``value``, from the period's frozen peer results."""
        staff = await uow.org.members([member.unit_id])
        summaries = await uow.peer_summaries.for_period(period_id, [m.nip for m in staff])
        suggestion = development.suggest_mentor(
            period_id=period_id,
            mentee=await colleague(uow, member),
            value_code=value,
            colleagues=colleagues_from(staff),
            summaries=summaries,
            min_raters=self._min_raters,
        )
        return await uow.org.member_by_nip(suggestion.mentor_nip) if suggestion else None
