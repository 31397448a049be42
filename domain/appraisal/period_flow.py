"""Creating an appraisal period in the bot (admins), as a questionnaire: name, kind, dates and the
objection window; the review page shows it all before it is created (as a draft)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from domain.actors import Actor
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.periods import DEFAULT_OBJECTION_DAYS, PeriodKind
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Option, Questionnaire, Step, StepKind
from domain.engine.subjects import NoSubject, Subjects
from domain.errors import InvalidValue
from domain.messages import Notice
from domain.org.access import require_org_admin

PERIOD_CREATE = "period_create"
DATE_PATTERN = r"\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_date(text: str, field: str) -> date:
    """``2027-03-31`` or ``31-03-2027`` / ``31/03/2027`` (day first, as written here)."""
    try:
        if match := _DAY_FIRST.fullmatch(text.strip()):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue("not_a_date", field=field, value=text) from None


def _date_step(key: str) -> Step:
    return Step(
        key,
        StepKind.TEXT,
        f"period.ask.{key}",
        label=f"period.label.{key}",
        pattern=DATE_PATTERN,
        max_length=10,
    )


PERIOD_FORM = Questionnaire(
    PERIOD_CREATE,
    "period.create.title",
    (
        Step("name", StepKind.TEXT, "period.ask.name", label="period.label.name", max_length=80),
        Step(
            "kind",
            StepKind.CHOICE,
            "period.ask.kind",
            tuple(Option(k.value, k.text_key) for k in PeriodKind),
            label="period.label.kind",
        ),
        _date_step("start"),
        _date_step("end"),
        _date_step("self_due"),
        _date_step("peer_due"),
        _date_step("review_due"),
        Step(
            "objection_days",
            StepKind.NUMBER,
            "period.ask.objection_days",
            label="period.label.objection_days",
            min_value=Decimal(1),
            max_value=Decimal(30),
            whole=True,
        ),
    ),
)


class PeriodCreateFlow(Flow[AppraisalUnitOfWork, NoSubject]):
    questionnaire_id = PERIOD_CREATE
    subjects = Subjects(NoSubject, "new")

    def __init__(self, periods: PeriodAdministration, clock: Clock) -> None:
        self._periods = periods
        self._clock = clock

    async def can_start(self, uow: AppraisalUnitOfWork, subject: NoSubject, actor: Actor) -> None:
        require_org_admin(actor)

    async def questionnaire(
        self, uow: AppraisalUnitOfWork, subject: NoSubject, actor: Actor
    ) -> Questionnaire:
        return PERIOD_FORM

    async def on_submit(self, uow: AppraisalUnitOfWork, change: Change[NoSubject]) -> Outcome:
        answers = change.answers
        draft = PeriodDraft(
            name=answers.get("name") or "",
            kind=PeriodKind(answers.get("kind") or ""),
            **{
                k: parse_date(answers.get(k) or "", k)
                for k in ("start", "end", "self_due", "peer_due", "review_due")
            },
            objection_days=int(answers.get("objection_days") or DEFAULT_OBJECTION_DAYS),
        )
        period = await self._periods.create_in(uow, change.actor, draft)
        return Outcome((Notice("period.created", {"name": period.name, "id": period.id or 0}),))
