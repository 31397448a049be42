"""The pejabat penilai's tanggapan form: an explanation (required) and optional evidence, given
once, by its due time (:mod:`domain.appraisal.tanggapan`). The atasan who decides is told when
it has come."""

from __future__ import annotations

from domain.actors import Actor
from domain.appraisal import forms
from domain.appraisal.actions import ShowObjection
from domain.appraisal.cases import Case, CaseRef, decision_makers, notify
from domain.appraisal.flows import _CaseFlow
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.engine.flow import Change, Outcome
from domain.engine.questionnaire import Questionnaire
from domain.messages import Button, Notice
from domain.org.access import require_member


class TanggapanFlow(_CaseFlow):
    """Its subject names the employee: only their pejabat penilai opens it (``_CaseFlow``)."""

    questionnaire_id = forms.TANGGAPAN

    def _check(self, case: Case) -> None:
        case.appraisal.require_awaiting_tanggapan(self._clock.now())

    async def questionnaire(
        self, uow: AppraisalUnitOfWork, subject: CaseRef, actor: Actor
    ) -> Questionnaire:
        case = await self._case(uow, subject, actor)
        return forms.tanggapan(case.member.name)

    async def on_submit(self, uow: AppraisalUnitOfWork, change: Change[CaseRef]) -> Outcome:
        case = await self._locked(uow, change)
        me, now = require_member(change.actor), change.now
        responded = case.appraisal.respond(
            by_nip=me.nip,
            penilai_nip=me.nip,
            text=change.answers.get("text") or "",
            evidence=change.answers.get("evidence"),
            now=now,
        )
        await uow.appraisals.save(responded, now=now)
        params = {"name": case.member.name, "period": case.period.name, "penilai": me.name}
        examine = ShowObjection(case.period_id, case.member.id)
        for recipient in (await decision_makers(uow, case.member)).recipients:
            await notify(
                uow,
                recipient,
                "appraisal.notify.tanggapan_given",
                dedupe=f"tanggapan:{case.period_id}:{case.member.nip}:{recipient.nip}",
                now=now,
                params=params,
                buttons=((Button("appraisal.button.decide", examine),),),
            )
        return Outcome((Notice("appraisal.tanggapan.done", {"name": case.member.name}),))
