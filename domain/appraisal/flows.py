"""The appraisal flows: the employee's self-assessment, the pejabat penilai's assessment, the
employee's objection (keberatan) and the atasan's final decision. Each answer is saved with the
session; each completed flow updates the appraisal, writes its audit entry and queues the next
person's notification, all in one transaction.

An appraisal is shared: the employee, the pejabat penilai and the atasan act on the same row. So
every input loads its case once, *locked* (the appraisal ``FOR UPDATE``, its period
``FOR SHARE``), and checks the rules on that locked state; a second person's input waits and
then sees the first one's result. The same checks (``_check``) run when a flow is begun and
before every input (through ``can_start``), so a form that is no longer admissible ends with
its reason instead of refusing each answer.
"""

from __future__ import annotations

from datetime import timedelta

from domain.actors import Actor
from domain.appraisal import forms
from domain.appraisal.actions import (
    RespondToObjection,
    ShowObjection,
    ShowResults,
    ShowSubordinate,
)
from domain.appraisal.cases import (
    CASES,
    Case,
    CaseRef,
    checked_year,
    decision_makers,
    load_case,
    may_decide,
    notify,
    pejabat_penilai,
    subordinate,
)
from domain.appraisal.model import AppraisalStatus, Objection
from domain.appraisal.periods import Phase
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.appraisal.predikat import Rating
from domain.appraisal.results import DEFAULT_GRACE, tell_result
from domain.appraisal.tanggapan import DEFAULT_TANGGAPAN_DAYS, tanggapan_due
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Answers, Questionnaire
from domain.errors import InvalidTransition, PeriodNotOpen
from domain.messages import Button, Notice, Param, TextRef
from domain.org.access import require_member
from domain.outbox import reminder_stream

BEFORE_ASSESSMENT = frozenset(
    {AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS, AppraisalStatus.SUBMITTED}
)
OBJECTABLE = frozenset({AppraisalStatus.ASSESSED, AppraisalStatus.ACKNOWLEDGED})


def _refuse(
    reason: str, current: AppraisalStatus, target: AppraisalStatus, **params: object
) -> InvalidTransition:
    return InvalidTransition(reason, current=current.value, target=target.value, **params)


class _CaseFlow(Flow[AppraisalUnitOfWork, CaseRef]):
    """Shared plumbing: the clock, the installation's time zone, loading the case."""

    subjects = CASES

    def __init__(self, clock: Clock, default_timezone: str) -> None:
        self._clock = clock
        self._timezone = default_timezone

    async def _case(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor, *, lock: bool = False
    ) -> Case:
        """The case ``subject`` names, as ``actor`` may see it (own, or a subordinate's)."""
        if subject.employee is None:
            member = require_member(actor)
        else:
            member = await subordinate(uow, actor, subject.employee)
        return await load_case(uow, subject.period, member, self._timezone, for_update=lock)

    def _check(self, case: Case) -> None:
        """The rules for taking part in this flow now; raise a domain error if not."""

    async def can_start(self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor) -> None:
        self._check(await self._case(uow, subject, actor))

    async def _locked(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Case:
        """The case for applying an input: locked, and checked again (a deadline may have
        passed, or someone else may have acted, since the flow began)."""
        case = await self._case(uow, change.subject, change.actor, lock=True)
        self._check(case)
        return case


class SelfAssessmentFlow(_CaseFlow):
    questionnaire_id = forms.SELF_ASSESSMENT

    def _check(self, case: Case) -> None:
        checked_year(case.items, case.period)
        case.period.require(Phase.SELF_ASSESSMENT, self._clock.now(), case.timezone)
        if case.appraisal.status not in BEFORE_ASSESSMENT:
            raise _refuse("already_assessed", case.appraisal.status, AppraisalStatus.SUBMITTED)

    async def questionnaire(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor
    ) -> Questionnaire:
        case = await self._case(uow, subject, actor)
        return forms.self_assessment(case.period.name, case.items)

    async def prefill(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor
    ) -> Answers | None:
        case = await self._case(uow, subject, actor)
        if case.appraisal.status is not AppraisalStatus.SUBMITTED:
            return None
        return forms.answers_of(case.appraisal, case.items)

    async def on_answer(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Outcome:
        """The first answer marks the appraisal as in progress (the supervisor's team shows it)."""
        case = await self._locked(uow, change)
        if case.appraisal.status is AppraisalStatus.NOT_STARTED:
            started = case.appraisal.begin_self_assessment(by_nip=case.member.nip, now=change.now)
            await uow.appraisals.save(started, now=change.now)
        return Outcome()

    async def on_submit(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Outcome:
        case = await self._locked(uow, change)
        nip, now = case.member.nip, change.now
        maps = forms.self_assessment_answers(change.answers, case.items)
        submitted = case.appraisal.submit_self_assessment(
            by_nip=nip,
            ratings={k: Rating(v) for k, v in maps["ratings"].items()},
            realisations=maps["realisations"],
            evidence=maps["evidence"],
            notes=maps["notes"],
            now=now,
        )
        await uow.appraisals.save(submitted, now=now)
        # the reminders planned for it and not yet sent are no longer true (domain.reminders)
        await uow.outbox.cancel(reminder_stream("self", case.period_id, case.member.id))
        subordinate = ShowSubordinate(case.period_id, case.member.id)
        await notify(
            uow,
            await pejabat_penilai(uow, case.member),
            "appraisal.notify.submitted",
            dedupe=f"self:{case.period_id}:{nip}:{len(submitted.audit)}",
            now=now,
            params={"name": case.member.name, "period": case.period.name},
            buttons=((Button("appraisal.button.open", subordinate),),),
        )
        params = {"period": case.period.name, "due": case.period.self_due}
        return Outcome((Notice("appraisal.self.submitted", params),))


class AssessmentFlow(_CaseFlow):
    """The pejabat penilai's assessment. The employee is told after ``grace``: corrections
    within it replace the waiting message (:mod:`domain.appraisal.results`)."""

    questionnaire_id = forms.ASSESSMENT

    def __init__(
        self, clock: Clock, default_timezone: str, grace: timedelta = DEFAULT_GRACE
    ) -> None:
        super().__init__(clock, default_timezone)
        self._grace = grace

    def _check(self, case: Case) -> None:
        case.period.require(Phase.REVIEW, self._clock.now(), case.timezone)
        if case.appraisal.status not in BEFORE_ASSESSMENT | {AppraisalStatus.ASSESSED}:
            raise _refuse("already_final", case.appraisal.status, AppraisalStatus.ASSESSED)

    async def questionnaire(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor
    ) -> Questionnaire:
        case = await self._case(uow, subject, actor)
        return forms.assessment(case.member.name, case.items)

    async def on_submit(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Outcome:
        case = await self._locked(uow, change)
        me, now, answers = require_member(change.actor), change.now, change.answers
        hasil = forms.rating_of(answers, "hasil")
        perilaku = forms.rating_of(answers, "perilaku")
        assert hasil is not None
        assert perilaku is not None
        assessed = case.appraisal.assess(
            hasil=hasil,
            perilaku=perilaku,
            feedback=answers.get("feedback"),
            item_feedback=forms.item_feedback(answers, case.items),
            by_nip=me.nip,
            supervisor_nip=me.nip,
            now=now,
        )
        await uow.appraisals.save(assessed, now=now)
        assert assessed.predikat is not None
        predikat = TextRef(assessed.predikat.text_key)
        await tell_result(uow, case, assessed, now=now, grace=self._grace)
        params = {"name": case.member.name, "predikat": predikat}
        return Outcome((Notice("appraisal.assess.done", params),))


class ObjectionFlow(_CaseFlow):
    """The employee's keberatan. The pejabat penilai is asked for a tanggapan, due
    ``tanggapan_days`` after the filing (PP 30/2019 Pasal 59)."""

    questionnaire_id = forms.OBJECTION

    def __init__(
        self, clock: Clock, default_timezone: str, tanggapan_days: int = DEFAULT_TANGGAPAN_DAYS
    ) -> None:
        super().__init__(clock, default_timezone)
        self._tanggapan_days = tanggapan_days

    def _check(self, case: Case) -> None:
        appraisal = case.appraisal
        appraisal.require_objectable()  # names the state: already filed, already decided...
        if case.period.is_frozen:
            raise _refuse("closed", appraisal.status, AppraisalStatus.OBJECTED)
        assert appraisal.assessed_at is not None
        deadline = case.objection_deadline(self._clock.now())
        if self._clock.now() > deadline:  # refuse before the reason is typed, not at submit
            raise PeriodNotOpen("objection_window_closed", deadline=deadline)

    async def questionnaire(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor
    ) -> Questionnaire:
        return forms.objection()

    async def on_submit(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Outcome:
        case = await self._locked(uow, change)
        now = change.now
        assert case.appraisal.assessed_at is not None
        deadline = case.objection_deadline(now)
        objected = case.appraisal.object(
            by_nip=case.member.nip,
            reason=change.answers.get("reason") or "",
            now=now,
            deadline=deadline,
            response_due=tanggapan_due(now, self._tanggapan_days, case.timezone),
        )
        await uow.appraisals.save(objected, now=now)
        await self._ask_penilai(uow, case, objected.objection)
        deciding = await decision_makers(uow, case.member)
        params: dict[str, Param] = {"name": case.member.name, "period": case.period.name}
        if deciding.atasan is None:
            key = "appraisal.notify.objected_for_kepala_daerah"
        elif deciding.on_behalf:
            key = "appraisal.notify.objected_on_behalf"
            params["atasan"] = deciding.atasan.name
        else:
            key = "appraisal.notify.objected"
        objection = ShowObjection(case.period_id, case.member.id)
        for recipient in deciding.recipients:
            await notify(
                uow,
                recipient,
                key,
                dedupe=f"objected:{case.period_id}:{case.member.nip}:{recipient.nip}",
                now=now,
                params=params,
                buttons=((Button("appraisal.button.decide", objection),),),
            )
        return Outcome((Notice("appraisal.object.filed", {"period": case.period.name}),))

    async def _ask_penilai(
        self, uow: AppraisalUnitOfWork, case: Case, objection: Objection | None
    ) -> None:
        """The pejabat penilai learns of the objection, with its reasons, and is asked for a
        tanggapan by its due time."""
        assert objection is not None
        penilai = await pejabat_penilai(uow, case.member)
        respond = RespondToObjection(case.period_id, case.member.id)
        await notify(
            uow,
            penilai,
            "appraisal.notify.tanggapan_asked",
            dedupe=f"tanggapan_asked:{case.period_id}:{case.member.nip}",
            now=objection.filed_at,
            params={
                "name": case.member.name,
                "period": case.period.name,
                "reason": objection.reason,
                "due": objection.response_due or objection.filed_at,
            },
            buttons=((Button("appraisal.button.respond", respond),),),
        )


class DecisionFlow(_CaseFlow):
    """The atasan's final decision. Before the pejabat penilai's tanggapan came or was due,
    only through the ``early`` form, which asks why first (the reason is recorded)."""

    questionnaire_id = forms.DECISION

    def __init__(self, clock: Clock, default_timezone: str, *, early: bool = False) -> None:
        super().__init__(clock, default_timezone)
        self._early = early
        self.questionnaire_id = forms.DECISION_EARLY if early else forms.DECISION

    async def _case(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor, *, lock: bool = False
    ) -> Case:
        """The objecting employee's case, if ``actor`` may decide it."""
        member = await uow.org.member(subject.employee or 0)
        if member is None:
            raise InvalidTransition("not_objected", current="", target="decided")
        await may_decide(uow, actor, member)
        return await load_case(uow, subject.period, member, self._timezone, for_update=lock)

    def _check(self, case: Case) -> None:
        appraisal = case.appraisal
        appraisal.require_decidable()  # names the state: already decided (on DATE)...
        if not self._early and appraisal.awaits_tanggapan(self._clock.now()):
            assert appraisal.objection is not None
            due = appraisal.objection.response_due
            raise _refuse("tanggapan_pending", appraisal.status, AppraisalStatus.DECIDED, due=due)

    async def questionnaire(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor
    ) -> Questionnaire:
        case = await self._case(uow, subject, actor)
        return forms.decision(case.member.name, early=self._early)

    async def on_submit(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Outcome:
        case = await self._locked(uow, change)
        nip = await may_decide(uow, change.actor, case.member)
        answers, now = change.answers, change.now
        keep = answers.get("keep") == forms.KEEP
        decided = case.appraisal.decide(
            by_nip=nip,
            atasan_nip=nip,
            keep=keep,
            reason=answers.get("reason") or "",
            now=now,
            new_hasil=None if keep else forms.rating_of(answers, "hasil"),
            new_perilaku=None if keep else forms.rating_of(answers, "perilaku"),
            without_tanggapan=answers.get("without_tanggapan"),
        )
        await uow.appraisals.save(decided, now=now)
        assert decided.predikat is not None
        params: dict[str, Param] = {
            "period": case.period.name,
            "name": case.member.name,
            "predikat": TextRef(decided.predikat.text_key),
        }
        results = ((Button("appraisal.button.results", ShowResults(case.period_id)),),)
        for who in (case.member, await pejabat_penilai(uow, case.member)):
            await notify(
                uow,
                who,
                "appraisal.notify.decided",
                now=now,
                params=params,
                dedupe=f"decided:{case.period_id}:{case.member.nip}:{who.nip if who else ''}",
                buttons=results if who is case.member else (),
            )
        return Outcome((Notice("appraisal.decide.done", params),))
