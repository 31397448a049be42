"""Two people acting on one appraisal at the same moment: the second waits for the first and
sees its result; nothing is lost or mixed (on PostgreSQL through row locks, on SQLite through
the writer lock)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from domain.actors import Actor
from domain.appraisal import forms
from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.cases import CASES, CaseRef, employee_subject, own_subject
from domain.appraisal.flows import AssessmentFlow, SelfAssessmentFlow
from domain.appraisal.model import AppraisalStatus
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.periods import PeriodKind
from domain.appraisal.predikat import Predikat
from domain.engine.flow import Change
from domain.engine.questionnaire import DONE, Session, SessionStatus
from domain.errors import InvalidTransition
from domain.org.admin import OrgAdministration
from domain.org.directory import actor_of
from storage.tables import OutboxRow

OPERATOR = Actor.operator()  # the command line: every administrative right

DEMO = Path(__file__).resolve().parents[2] / "bot" / "demo"
DEWI = "198004172005012003"  # Kepala Bidang; her pejabat penilai is the Kepala Dinas
TZ = "Asia/Jakarta"


async def setup(uow, clock):
    org = OrgAdministration(uow, clock)
    await org.import_units(OPERATOR, (DEMO / "units.csv").read_bytes())
    await org.import_employees(OPERATOR, (DEMO / "employees.csv").read_bytes())
    periods = PeriodAdministration(uow, clock, TZ)
    await periods.import_skp(OPERATOR, (DEMO / "skp.csv").read_bytes())
    november = PeriodDraft(
        "November 2026",
        PeriodKind.MONTHLY,
        date(2026, 11, 1),
        date(2026, 11, 30),
        date(2026, 11, 30),
        date(2026, 11, 30),
        date(2026, 12, 10),
    )
    period = await periods.create(OPERATOR, november)
    await periods.open(OPERATOR, period.id)
    async with uow() as tx:
        dewi = await tx.org.member_by_nip(DEWI)
        await tx.org.bind_telegram(dewi.id, 1001)
        await tx.org.bind_telegram(dewi.supervisor_id, 1002)
        await tx.commit()
    async with uow(readonly=True) as tx:
        employee, supervisor = await actor_of(tx, 1001), await actor_of(tx, 1002)
        items = await tx.skp.items(DEWI, 2026)
    return period.id, employee, supervisor, items


def change(actor: Actor, session: Session, now) -> Change[CaseRef]:
    """The input that leaves ``session`` as it is, as the engine hands it to a flow's hook."""
    return Change(actor, CASES.parse(session.subject), session, session, now)


def submitted(questionnaire, subject, owner, answers) -> Session:
    return Session(questionnaire, subject, owner, DONE, answers, SessionStatus.SUBMITTED, 9, id=1)


def self_answers(items) -> dict[str, str | None]:
    answers: dict[str, str | None] = {}
    for item in items:
        answers |= {
            f"rhk.{item.id}.realisation": "selesai",
            f"rhk.{item.id}.evidence": None,
            f"rhk.{item.id}.rating": "2",
        }
    for value in BERAKHLAK:
        answers |= {f"ber.{value.code}.rating": "2", f"ber.{value.code}.note": None}
    return answers


async def test_a_resubmission_racing_the_supervisors_assessment_waits_and_is_refused(uow, clock):
    period_id, employee, supervisor, items = await setup(uow, clock)
    own = SelfAssessmentFlow(clock, TZ)
    started = Session(
        forms.SELF_ASSESSMENT, own_subject(period_id), 1001, "x", {}, SessionStatus.ACTIVE, 1, id=1
    )
    async with uow() as tx:
        await own.on_answer(tx, change(employee, started, clock.now()))
        await tx.commit()

    assessment = submitted(
        forms.ASSESSMENT,
        employee_subject(period_id, employee.member.id),
        1002,
        {"hasil": "3", "perilaku": "3", "detail": "no", "feedback": None},
    )
    first = uow()
    tx1 = await first.__aenter__()
    await AssessmentFlow(clock, TZ).on_submit(tx1, change(supervisor, assessment, clock.now()))

    async def resubmit() -> None:
        resubmission = submitted(
            forms.SELF_ASSESSMENT, own_subject(period_id), 1001, self_answers(items)
        )
        async with uow() as tx2:
            await own.on_submit(tx2, change(employee, resubmission, clock.now()))
            await tx2.commit()

    racing = asyncio.create_task(resubmit())
    await asyncio.sleep(0.3)  # the employee's transaction is now waiting for the lock
    assert not racing.done()
    await first.commit()
    await first.__aexit__(None, None, None)
    with pytest.raises(InvalidTransition) as refused:
        await racing
    assert refused.value.reason == "already_assessed"

    async with uow(readonly=True) as tx:
        final = await tx.appraisals.get(period_id, DEWI)
        keys = [row.payload["key"] for row in await tx.session.exec(select(OutboxRow))]
    assert final.status is AppraisalStatus.ASSESSED
    assert final.predikat is Predikat.SANGAT_BAIK
    assert [entry.action for entry in final.audit] == ["self_assessment_started", "assessed"]
    assert keys == ["appraisal.notify.assessed"]
