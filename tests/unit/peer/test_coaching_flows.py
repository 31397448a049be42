"""Coaching and development-plan flows run by ``Conversations`` on the fakes, with the demo
organisation: Hendra (Kepala Seksi IDP) is the pejabat penilai of Nur and Budi; Yusuf heads
another bidang. The fixed clock is 27 November 2026, 10:00 WIB; the period is November."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.appraisal.period_admin import PeriodAdministration
from domain.engine.conversations import Conversations
from domain.engine.questionnaire import REVIEW, Choose, Skip, Submit, Text
from domain.errors import (
    InvalidAnswer,
    InvalidTransition,
    InvalidValue,
    NotFound,
    PeriodNotOpen,
    PermissionDenied,
)
from domain.peer import coaching
from domain.peer.coaching_flows import (
    RECORD_FLOW,
    SESSIONS,
    TARGETS,
    CoachingFeedbackFlow,
    CoachingRecordFlow,
    CoachingRef,
    CoachingTarget,
)
from domain.peer.development import RecommendationKind
from domain.peer.development_cases import DevelopmentViews
from domain.peer.plan_flow import PLAN_FLOW, PlanFlow
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_world
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory
from tests.unit.appraisal.test_flows import (
    BUDI,
    DEFAULT_TIMEZONE,
    HENDRA,
    NOVEMBER,
    NUR,
    OPERATOR,
    TELEGRAM,
    YUSUF,
    chat,
    member_id,
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
async def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    return await demo_world(clock, telegram=TELEGRAM)


@pytest.fixture
async def period_id(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> int:
    periods = PeriodAdministration(fake, clock)
    period = await periods.create(OPERATOR, NOVEMBER)
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    return period.id


@pytest.fixture
def conversations(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> Conversations:
    flows = {
        RECORD_FLOW: CoachingRecordFlow(clock, DEFAULT_TIMEZONE),
        coaching.QUESTIONNAIRE_ID: CoachingFeedbackFlow(),
        PLAN_FLOW: PlanFlow(clock, DEFAULT_TIMEZONE),
    }
    return Conversations(fake, clock, flows)


def target(fake: FakeUnitOfWorkFactory, period_id: int, nip: str = NUR) -> str:
    return TARGETS.encode(CoachingTarget(period_id, member_id(fake, nip)))


async def test_the_pejabat_penilai_records_a_session_and_the_employee_is_asked_for_feedback(
    fake, conversations, period_id
):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(RECORD_FLOW, target(fake, period_id))
    turn = await hendra.ok(
        Text("25-11-2026"), Text("Capaian RHK perekaman KTP-el"), Text("Jemput bola dua kali.")
    )
    assert turn.session.cursor == REVIEW
    turn = await hendra.ok(Submit())
    assert [n.key for n in turn.outcome.notices] == ["coaching.recorded"]
    async with fake(readonly=True) as uow:
        [record] = await uow.coaching.of_employee(period_id, NUR)
    assert (record.coach_nip, record.held_on, record.topic) == (
        HENDRA,
        date(2026, 11, 25),
        "Capaian RHK perekaman KTP-el",
    )
    [asked] = [row for row in fake.state.outbox.values() if row.chat_id == TELEGRAM[NUR]]
    assert asked.payload["key"] == "coaching.notify.ask_feedback"
    assert "peer/coaching_answer" in str(asked.payload["buttons"])


@pytest.mark.parametrize("typed", ["31-10-2026", "28-11-2026", "01-12-2026"])
async def test_a_date_outside_the_period_or_in_the_future_is_refused_at_once(
    fake, conversations, period_id, typed
):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(RECORD_FLOW, target(fake, period_id))
    turn = await hendra.send(Text(typed))
    assert isinstance(turn.error, InvalidValue)
    assert turn.error.reason == "date_out_of_range"
    assert hendra.cursor == "held_on"


async def test_only_the_pejabat_penilai_may_record_coaching(fake, conversations, period_id):
    for who in (YUSUF, BUDI, NUR):
        person = await chat(fake, conversations, who)
        with pytest.raises(PermissionDenied):
            await person.begin(RECORD_FLOW, target(fake, period_id))


async def test_no_coaching_is_recorded_in_a_closed_or_draft_period(fake, conversations, clock):
    periods = PeriodAdministration(fake, clock)
    draft = await periods.create(OPERATOR, NOVEMBER)
    assert draft.id is not None
    hendra = await chat(fake, conversations, HENDRA)
    with pytest.raises(PeriodNotOpen):
        await hendra.begin(RECORD_FLOW, target(fake, draft.id))


async def test_too_short_a_topic_is_asked_again(fake, conversations, period_id):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(RECORD_FLOW, target(fake, period_id))
    await hendra.ok(Text("25-11-2026"))
    turn = await hendra.send(Text("ok"))
    assert isinstance(turn.error, InvalidAnswer)
    assert hendra.cursor == "topic"


async def _recorded(fake, conversations, period_id) -> int:
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(RECORD_FLOW, target(fake, period_id))
    await hendra.ok(Text("25-11-2026"), Text("Capaian RHK"), Text("Jemput bola."), Submit())
    async with fake(readonly=True) as uow:
        [record] = await uow.coaching.of_employee(period_id, NUR)
    assert record.id is not None
    return record.id


async def test_the_employee_answers_format_b18_once_and_the_coach_is_told(
    fake, conversations, period_id
):
    record_id = await _recorded(fake, conversations, period_id)
    subject = SESSIONS.encode(CoachingRef(period_id, record_id))
    nur = await chat(fake, conversations, NUR)
    turn = await nur.begin(coaching.QUESTIONNAIRE_ID, subject)
    assert turn.questionnaire is not None
    assert len(turn.questionnaire.steps) == coaching.STATEMENT_COUNT
    await nur.ok(*(Choose(str(score)) for score in (4, 4, 3, 4, 3, 2, 4, 4, 4)))
    turn = await nur.ok(Submit())
    assert [n.key for n in turn.outcome.notices] == ["coaching.answered"]
    async with fake(readonly=True) as uow:
        feedback = await uow.coaching.feedback(record_id)
    assert feedback is not None
    assert feedback.answers == (4, 4, 3, 4, 3, 2, 4, 4, 4)
    told = [row for row in fake.state.outbox.values() if row.chat_id == TELEGRAM[HENDRA]]
    assert [row.payload["key"] for row in told] == ["coaching.notify.answered"]
    with pytest.raises(InvalidTransition) as again:
        await nur.begin(coaching.QUESTIONNAIRE_ID, subject)
    assert again.value.reason == "already_answered"


async def test_nobody_but_the_coached_employee_answers_and_a_forged_record_is_unknown(
    fake, conversations, period_id
):
    record_id = await _recorded(fake, conversations, period_id)
    for who in (BUDI, HENDRA):
        person = await chat(fake, conversations, who)
        with pytest.raises(PermissionDenied):
            await person.begin(
                coaching.QUESTIONNAIRE_ID, SESSIONS.encode(CoachingRef(period_id, record_id))
            )
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(NotFound):
        await nur.begin(
            coaching.QUESTIONNAIRE_ID, SESSIONS.encode(CoachingRef(period_id, record_id + 99))
        )
    with pytest.raises(NotFound):  # the right record under another period
        await nur.begin(
            coaching.QUESTIONNAIRE_ID, SESSIONS.encode(CoachingRef(period_id + 1, record_id))
        )


async def test_the_record_shows_to_the_employee_and_the_coach_only(
    fake, conversations, period_id, clock
):
    record_id = await _recorded(fake, conversations, period_id)
    views = DevelopmentViews(fake, clock)
    nur, hendra, budi = [await chat(fake, conversations, n) for n in (NUR, HENDRA, BUDI)]
    own = await views.record(nur.actor, period_id)
    seen = await views.record(hendra.actor, period_id, member_id(fake, NUR))
    assert [s.record.id for s in own.sessions] == [record_id]
    assert seen.sessions == own.sessions
    assert own.sessions[0].coach_name.startswith("Hendra")
    assert seen.viewer_is_coach
    assert not own.viewer_is_coach
    with pytest.raises(PermissionDenied):
        await views.record(budi.actor, period_id, member_id(fake, NUR))
    [task] = await views.tasks(nur.actor)
    assert task.key == "coaching.task.answer"
    assert await views.tasks(budi.actor) == []


async def test_an_agreed_plan_item_is_stored_and_the_employee_told(
    fake, conversations, period_id, clock
):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(PLAN_FLOW, target(fake, period_id))
    await hendra.ok(Choose("kompeten"), Choose("pelatihan"), Text("Diklat teknis SIAK"))
    turn = await hendra.send(Text("01-11-2026"))  # a date already past
    assert isinstance(turn.error, InvalidValue)
    assert turn.error.reason == "date_in_past"
    turn = await hendra.ok(Text("31-03-2027"), Submit())
    assert [n.key for n in turn.outcome.notices] == ["plan.agreed"]
    async with fake(readonly=True) as uow:
        [item] = await uow.development_plans.of_employee(NUR)
    assert (item.value_code, item.kind, item.action, item.due_on, item.agreed_by) == (
        "kompeten",
        RecommendationKind.PELATIHAN,
        "Diklat teknis SIAK",
        date(2027, 3, 31),
        HENDRA,
    )
    told = [row for row in fake.state.outbox.values() if row.chat_id == TELEGRAM[NUR]]
    assert [row.payload["key"] for row in told] == ["plan.notify.agreed"]


async def test_a_plan_item_without_date_and_a_mentoring_item_without_a_suggested_mentor(
    fake, conversations, period_id
):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(PLAN_FLOW, target(fake, period_id))
    await hendra.ok(Choose("harmonis"), Choose("mentoring"), Text("Belajar dari rekan"), Skip())
    await hendra.ok(Submit())
    async with fake(readonly=True) as uow:
        [item] = await uow.development_plans.of_employee(NUR)
    assert item.mentor_nip is None  # no frozen peer results: nobody to suggest
    assert item.due_on is None
    budi = await chat(fake, conversations, BUDI)
    with pytest.raises(PermissionDenied):
        await budi.begin(PLAN_FLOW, target(fake, period_id))


async def test_the_previous_periods_plan_is_shown_before_the_next_self_assessment(
    fake, conversations, period_id, clock
):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(PLAN_FLOW, target(fake, period_id))
    await hendra.ok(Choose("adaptif"), Choose("kegiatan"), Text("Satu inovasi kecil"), Skip())
    await hendra.ok(Submit())
    periods = PeriodAdministration(fake, clock)
    await periods.close(OPERATOR, period_id)
    december = await periods.create(
        OPERATOR,
        replace(
            NOVEMBER,
            name="Desember 2026",
            start=date(2026, 12, 1),
            end=date(2026, 12, 31),
            self_due=date(2026, 12, 31),
            peer_due=date(2026, 12, 31),
            review_due=date(2027, 1, 10),
        ),
    )
    assert december.id is not None
    views = DevelopmentViews(fake, clock)
    nur = await chat(fake, conversations, NUR)
    [item] = await views.previous_plan(nur.actor, december.id)
    assert (item.value_code, item.action) == ("adaptif", "Satu inovasi kecil")
    assert await views.previous_plan(nur.actor, period_id) == []  # nothing before November
    budi = await chat(fake, conversations, BUDI)
    assert await views.previous_plan(budi.actor, december.id) == []  # only one's own plan
