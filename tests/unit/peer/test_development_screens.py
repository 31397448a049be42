"""The coaching and development screen in both languages: the sessions with their Format B.1.8
answers, the weak values with recommendations and a mentor's name, the plan; buttons for the
coach (record, plan) and for the employee (answer a waiting session)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction

from bot.peer.development_screens import development, previous_plan
from domain.actors import StaffMember
from domain.appraisal.periods import PeriodStatus
from domain.peer.catalogue import DEFAULT_CATALOGUE
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import DevelopmentPlanItem, RecommendationKind, WeakSource
from domain.peer.development_actions import AgreePlanItem, AnswerCoaching, RecordCoaching
from domain.peer.development_cases import CoachingSession, DevelopmentRecord
from domain.peer.recommendations import WeakValueAdvice
from tests.unit.peer.test_results_render import period

NUR, HENDRA, BUDI = "199608182022042001", "198509302010041001", "199202292019031004"
AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def record(*, answered: bool, coach: bool, status: PeriodStatus = PeriodStatus.OPEN):
    member = StaffMember(
        3, NUR, "Nur Aisyah", "Pengadministrasi", "pelaksana", 5, "IDP", "IDP", 4, 1
    )
    session = CoachingRecord(
        7, NUR, HENDRA, date(2026, 11, 20), "Capaian RHK", "Jemput bola.", AT, 11
    )
    feedback = CoachingFeedback(11, 4, (4, 3, 4, 4, 2, 3, 4, 4, 1)) if answered else None
    plan = (
        DevelopmentPlanItem(
            7, NUR, "harmonis", "Belajar dari rekan", HENDRA, AT,
            RecommendationKind.MENTORING, BUDI, date(2027, 3, 31), 12,
        ),
    )  # fmt: skip
    advice = (
        WeakValueAdvice(
            "harmonis",
            frozenset({WeakSource.PEER_MEAN}),
            DEFAULT_CATALOGUE.for_value("harmonis"),
            "Budi Santoso",
            Fraction(3),
        ),
    )
    return DevelopmentRecord(
        replace_status(status),
        member,
        (CoachingSession(session, "Hendra Gunawan", feedback),),
        plan,
        {BUDI: "Budi Santoso"},
        coach,
        advice,
    )


def replace_status(status: PeriodStatus):
    from dataclasses import replace

    return replace(period(), status=status)


def test_the_employee_sees_the_answers_advice_and_plan_in_indonesian():
    screen = development("id", record(answered=True, coach=False))
    assert "Capaian RHK" in screen.text
    assert "Diperhatikan dan dipahami: <b>Sangat setuju</b>" in screen.text
    assert "Memahami tujuan bimbingan: <b>Sangat tidak setuju</b>" in screen.text
    assert "<b>Harmonis</b> (rata-rata dari rekan kerja di bawah 3)" in screen.text
    assert "Pelatihan komunikasi efektif dan pengelolaan konflik" in screen.text
    assert "Calon mentor di unit Anda: <b>Budi Santoso</b>" in screen.text
    assert "mentor: Budi Santoso" in screen.text
    assert "(target 31 Mar 2027)" in screen.text
    assert screen.buttons == ()  # answered: nothing to press


def test_a_waiting_session_gives_the_employee_its_answer_button():
    screen = development("en", record(answered=False, coach=False))
    assert "Format B.1.8 feedback: not given yet." in screen.text
    [[(label, action)]] = screen.buttons
    assert label.startswith("Give feedback on the coaching")
    assert action == AnswerCoaching(7, 11)


def test_the_coach_records_sessions_while_open_and_plans_until_the_end():
    open_ = [
        action
        for row in development("id", record(answered=True, coach=True)).buttons
        for _, action in row
    ]
    assert open_ == [RecordCoaching(7, 3), AgreePlanItem(7, 3)]
    closed = record(answered=True, coach=True, status=PeriodStatus.CLOSED)
    assert [a for row in development("id", closed).buttons for _, a in row] == [AgreePlanItem(7, 3)]


def test_the_previous_plan_in_english():
    item = DevelopmentPlanItem(6, NUR, "adaptif", "One small innovation", HENDRA, AT)
    text = previous_plan("en", [item]).text
    assert "from the previous period" in text
    assert "<b>Adaptive</b>" in text or "Adaptif" in text
    assert "One small innovation" in text
