"""The appraisal flows: the employee's self-assessment, the pejabat penilai's assessment, the
employee's objection (keberatan) and the atasan's final decision. Each answer is saved with the
session; each completed flow updates the appraisal, writes its audit entry and queues the next
person's notification, all in one transaction.
"""

from __future__ import annotations

from datetime import datetime

from domain import appraisal_forms as forms
from domain.appraisal import AppraisalStatus, Rating
from domain.errors import InvalidTransition, PeriodNotOpen
from domain.identity import Actor
from domain.periods import Phase
from domain.ports import Button, Clock, Param, TextRef, UnitOfWork
from domain.questionnaire import Answers, Questionnaire, Session, SessionStatus
from domain.services.appraisal_cases import (
    Case,
    atasan_of,
    checked_year,
    load_case,
    may_decide,
    notify,
    parse_subject,
    pejabat_penilai,
    require_member,
    subordinate,
)
from domain.services.conversation import Flow, Notice, Outcome

BEFORE_ASSESSMENT = frozenset(
    {AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS, AppraisalStatus.SUBMITTED}
)


class _CaseFlow(Flow):
    """Shared plumbing: the clock, the installation's time zone, loading the case."""

    def __init__(self, clock: Clock, default_timezone: str) -> None:
        self._clock = clock
        self._timezone = default_timezone

    async def _own_case(self, uow: UnitOfWork, subject: str, actor: Actor) -> Case:
        period_id, _ = parse_subject(subject)
        return await load_case(uow, period_id, require_member(actor), self._timezone)

    async def _their_case(self, uow: UnitOfWork, subject: str, actor: Actor) -> Case:
        period_id, employee_id = parse_subject(subject)
        assert employee_id is not None
        member = await subordinate(uow, actor, employee_id)
        return await load_case(uow, period_id, member, self._timezone)


class SelfAssessmentFlow(_CaseFlow):
    questionnaire_id = forms.SELF_ASSESSMENT

    async def can_start(self, uow: UnitOfWork, subject: str, actor: Actor) -> None:
        case = await self._own_case(uow, subject, actor)
        checked_year(case.items, case.period)
        case.period.require(Phase.SELF_ASSESSMENT, self._clock.now(), case.timezone)
        if case.appraisal.status not in BEFORE_ASSESSMENT:
            raise InvalidTransition(
                "already_assessed",
                current=case.appraisal.status.value,
                target=AppraisalStatus.SUBMITTED.value,
            )

    async def questionnaire(self, uow: UnitOfWork, subject: str, actor: Actor) -> Questionnaire:
        case = await self._own_case(uow, subject, actor)
        return forms.self_assessment(case.period.name, case.items)

    async def prefill(self, uow: UnitOfWork, subject: str, actor: Actor) -> Answers | None:
        case = await self._own_case(uow, subject, actor)
        if case.appraisal.status is not AppraisalStatus.SUBMITTED:
            return None
        return forms.answers_of(case.appraisal, case.items)

    async def on_change(
        self, uow: UnitOfWork, actor: Actor, before: Session, after: Session, now: datetime
    ) -> Outcome:
        if after.status is SessionStatus.CANCELLED:
            return Outcome()
        await self.can_start(uow, after.subject, actor)  # the deadline may have passed meanwhile
        case = await self._own_case(uow, after.subject, actor)
        nip = case.member.nip
        if after.status is not SessionStatus.SUBMITTED:
            if case.appraisal.status is AppraisalStatus.NOT_STARTED:
                started = case.appraisal.begin_self_assessment(by_nip=nip, now=now)
                await uow.appraisals.save(started, now=now)
            return Outcome()
        maps = forms.self_assessment_answers(after.answers, case.items)
        submitted = case.appraisal.submit_self_assessment(
            by_nip=nip,
            ratings={k: Rating(v) for k, v in maps["ratings"].items()},
            realisations=maps["realisations"],
            evidence=maps["evidence"],
            notes=maps["notes"],
            now=now,
        )
        await uow.appraisals.save(submitted, now=now)
        await notify(
            uow,
            await pejabat_penilai(uow, case.member),
            "appraisal.notify.submitted",
            dedupe=f"self:{case.period_id}:{nip}:{len(submitted.audit)}",
            now=now,
            params={"name": case.member.name, "period": case.period.name},
            buttons=((Button("appraisal.button.open", f"sub:{case.period_id}:{case.member.id}"),),),
        )
        return Outcome(
            (
                Notice(
                    "appraisal.self.submitted",
                    {"period": case.period.name, "due": case.period.self_due},
                ),
            )
        )


class AssessmentFlow(_CaseFlow):
    questionnaire_id = forms.ASSESSMENT

    async def can_start(self, uow: UnitOfWork, subject: str, actor: Actor) -> None:
        case = await self._their_case(uow, subject, actor)
        case.period.require(Phase.REVIEW, self._clock.now(), case.timezone)
        if case.appraisal.status not in BEFORE_ASSESSMENT | {AppraisalStatus.ASSESSED}:
            raise InvalidTransition(
                "already_final",
                current=case.appraisal.status.value,
                target=AppraisalStatus.ASSESSED.value,
            )

    async def questionnaire(self, uow: UnitOfWork, subject: str, actor: Actor) -> Questionnaire:
        case = await self._their_case(uow, subject, actor)
        return forms.assessment(case.member.name, case.items)

    async def on_change(
        self, uow: UnitOfWork, actor: Actor, before: Session, after: Session, now: datetime
    ) -> Outcome:
        if after.status is not SessionStatus.SUBMITTED:
            return Outcome()
        await self.can_start(uow, after.subject, actor)
        case = await self._their_case(uow, after.subject, actor)
        me = require_member(actor)
        hasil = forms.rating_of(after.answers, "hasil")
        perilaku = forms.rating_of(after.answers, "perilaku")
        assert hasil is not None
        assert perilaku is not None
        assessed = case.appraisal.assess(
            hasil=hasil,
            perilaku=perilaku,
            feedback=after.answers.get("feedback"),
            item_feedback=forms.item_feedback(after.answers, case.items),
            by_nip=me.nip,
            supervisor_nip=me.nip,
            now=now,
        )
        await uow.appraisals.save(assessed, now=now)
        assert assessed.predikat is not None
        deadline = case.period.objection_deadline(now, case.timezone)
        await notify(
            uow,
            case.member,
            "appraisal.notify.assessed",
            dedupe=f"assessed:{case.period_id}:{case.member.nip}:{len(assessed.audit)}",
            now=now,
            params={
                "period": case.period.name,
                "predikat": TextRef(assessed.predikat.text_key),
                "deadline": deadline,
            },
            buttons=((Button("appraisal.button.results", f"results:{case.period_id}"),),),
        )
        return Outcome(
            (
                Notice(
                    "appraisal.assess.done",
                    {"name": case.member.name, "predikat": TextRef(assessed.predikat.text_key)},
                ),
            )
        )


class ObjectionFlow(_CaseFlow):
    questionnaire_id = forms.OBJECTION

    async def can_start(self, uow: UnitOfWork, subject: str, actor: Actor) -> None:
        case = await self._own_case(uow, subject, actor)
        self._check_window(case)
        assert case.appraisal.assessed_at is not None
        deadline = case.period.objection_deadline(case.appraisal.assessed_at, case.timezone)
        if self._clock.now() > deadline:  # refuse before the reason is typed, not at submit
            raise PeriodNotOpen("objection_window_closed", deadline=deadline)

    def _check_window(self, case: Case) -> None:
        appraisal = case.appraisal
        if appraisal.status not in {AppraisalStatus.ASSESSED, AppraisalStatus.ACKNOWLEDGED}:
            raise InvalidTransition(
                "not_assessed",
                current=appraisal.status.value,
                target=AppraisalStatus.OBJECTED.value,
            )
        if case.period.is_frozen:
            raise InvalidTransition(
                "closed", current=case.period.status.value, target=AppraisalStatus.OBJECTED.value
            )

    async def questionnaire(self, uow: UnitOfWork, subject: str, actor: Actor) -> Questionnaire:
        return forms.objection()

    async def on_change(
        self, uow: UnitOfWork, actor: Actor, before: Session, after: Session, now: datetime
    ) -> Outcome:
        if after.status is not SessionStatus.SUBMITTED:
            return Outcome()
        case = await self._own_case(uow, after.subject, actor)
        self._check_window(case)
        assert case.appraisal.assessed_at is not None
        deadline = case.period.objection_deadline(case.appraisal.assessed_at, case.timezone)
        objected = case.appraisal.object(
            by_nip=case.member.nip,
            reason=after.answers.get("reason") or "",
            now=now,
            deadline=deadline,
        )
        await uow.appraisals.save(objected, now=now)
        await self._tell_atasan(uow, case, now)
        return Outcome((Notice("appraisal.object.filed", {"period": case.period.name}),))

    async def _tell_atasan(self, uow: UnitOfWork, case: Case, now: datetime) -> None:
        atasan = await atasan_of(uow, case.member)
        recipients = (
            [atasan]
            if atasan
            else [m for m in await uow.org.members() if m.is_admin and m.admin_unit_id is None]
        )
        for recipient in recipients:
            await notify(
                uow,
                recipient,
                "appraisal.notify.objected",
                dedupe=f"objected:{case.period_id}:{case.member.nip}:{recipient.nip}",
                now=now,
                params={"name": case.member.name, "period": case.period.name},
                buttons=(
                    (Button("appraisal.button.decide", f"case:{case.period_id}:{case.member.id}"),),
                ),
            )


class DecisionFlow(_CaseFlow):
    questionnaire_id = forms.DECISION

    async def _case(self, uow: UnitOfWork, subject: str, actor: Actor) -> tuple[Case, str]:
        period_id, employee_id = parse_subject(subject)
        member = await uow.org.member(employee_id or 0)
        if member is None:
            raise InvalidTransition("not_objected", current="", target="decided")
        deciding_nip = await may_decide(uow, actor, member)
        return await load_case(uow, period_id, member, self._timezone), deciding_nip

    async def can_start(self, uow: UnitOfWork, subject: str, actor: Actor) -> None:
        case, _ = await self._case(uow, subject, actor)
        if case.appraisal.status is not AppraisalStatus.OBJECTED:
            raise InvalidTransition(
                "not_objected",
                current=case.appraisal.status.value,
                target=AppraisalStatus.DECIDED.value,
            )

    async def questionnaire(self, uow: UnitOfWork, subject: str, actor: Actor) -> Questionnaire:
        case, _ = await self._case(uow, subject, actor)
        return forms.decision(case.member.name)

    async def on_change(
        self, uow: UnitOfWork, actor: Actor, before: Session, after: Session, now: datetime
    ) -> Outcome:
        if after.status is not SessionStatus.SUBMITTED:
            return Outcome()
        await self.can_start(uow, after.subject, actor)
        case, nip = await self._case(uow, after.subject, actor)
        keep = after.answers.get("keep") == forms.KEEP
        decided = case.appraisal.decide(
            by_nip=nip,
            atasan_nip=nip,
            keep=keep,
            reason=after.answers.get("reason") or "",
            now=now,
            new_hasil=None if keep else forms.rating_of(after.answers, "hasil"),
            new_perilaku=None if keep else forms.rating_of(after.answers, "perilaku"),
        )
        await uow.appraisals.save(decided, now=now)
        assert decided.predikat is not None
        params: dict[str, Param] = {
            "period": case.period.name,
            "name": case.member.name,
            "predikat": TextRef(decided.predikat.text_key),
        }
        for who in (case.member, await pejabat_penilai(uow, case.member)):
            await notify(
                uow,
                who,
                "appraisal.notify.decided",
                now=now,
                params=params,
                dedupe=f"decided:{case.period_id}:{case.member.nip}:{who.nip if who else ''}",
                buttons=((Button("appraisal.button.results", f"results:{case.period_id}"),),)
                if who is case.member
                else (),
            )
        return Outcome((Notice("appraisal.decide.done", params),))
