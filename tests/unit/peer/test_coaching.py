"""Bimbingan kinerja records and the employee's Format B.1.8 feedback."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.appraisal.periods import PeriodStatus
from domain.engine.questionnaire import REVIEW, Press, SessionStatus, Submit, Text, advance, start
from domain.errors import InvalidAnswer, InvalidValue, NotFound, PeriodNotOpen, PermissionDenied
from domain.peer.coaching import (
    STATEMENT_COUNT,
    CoachingFeedback,
    coaching_feedback_form,
    coaching_subject,
    feedback_from_answers,
    parse_coaching_subject,
    record_coaching,
    require_coached_employee,
    require_may_read_coaching,
)
from tests.unit.peer.conftest import WIB, at, colleague, nip, quarter

EMPLOYEE = colleague(1, supervisor=0)
NOW = at(date(2026, 2, 20), 10)


def _record(**changes):
    arguments = {
        "period": quarter(),
        "employee": EMPLOYEE,
        "by_nip": nip(0),
        "held_on": date(2026, 2, 18),
        "topic": "  Target   layanan  ",
        "follow_up": "Menyusun SOP antrean.",
        "now": NOW,
        "tz": WIB,
    } | changes
    return record_coaching(**arguments)


def test_the_pejabat_penilai_records_a_coaching_session():
    record = _record()
    assert (record.period_id, record.employee_nip, record.coach_nip) == (1, nip(1), nip(0))
    assert (record.topic, record.follow_up, record.recorded_at) == (
        "Target layanan",
        "Menyusun SOP antrean.",
        NOW,
    )


def test_only_the_employees_pejabat_penilai_records_coaching():
    with pytest.raises(PermissionDenied) as refused:
        _record(by_nip=nip(2))
    assert refused.value.reason == "not_pejabat_penilai"


@pytest.mark.parametrize("held_on", [date(2025, 12, 31), date(2026, 2, 21), date(2026, 4, 1)])
def test_a_session_outside_the_period_or_in_the_future_is_refused(held_on):
    with pytest.raises(InvalidValue) as refused:
        _record(held_on=held_on, now=at(date(2026, 2, 20), 23, 59))
    assert refused.value.reason == "date_out_of_range"


def test_the_last_day_of_the_period_is_accepted_after_the_period():
    assert _record(held_on=date(2026, 3, 31), now=at(date(2026, 4, 3), 9)).held_on.day == 31


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"topic": "   "}, "required"),
        ({"topic": "ab"}, "too_short"),
        ({"topic": "x" * 201}, "too_long"),
        ({"follow_up": ""}, "required"),
        ({"follow_up": "y" * 1001}, "too_long"),
    ],
)
def test_topic_and_follow_up_are_checked(changes, reason):
    with pytest.raises(InvalidValue) as refused:
        _record(**changes)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("status", "reason"), [(PeriodStatus.DRAFT, "draft"), (PeriodStatus.CLOSED, "closed")]
)
def test_coaching_is_recorded_in_an_open_period_only(status, reason):
    with pytest.raises(PeriodNotOpen) as refused:
        _record(period=quarter(status=status))
    assert refused.value.reason == reason


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        _record(now=datetime(2026, 2, 20, 10))


def test_the_employee_answers_the_nine_statements_and_the_coach_reads_them():
    form = coaching_feedback_form(coach_name="Ibu Sari", topic="Target layanan")
    assert len(form.steps) == STATEMENT_COUNT
    assert [o.value for o in form.steps[0].options] == ["1", "2", "3", "4"]
    session = start(form, owner_id=1, subject=coaching_subject(1, 5))
    for index in (3, 2, 3, 3, 1, 0, 2, 3, 3):
        session = advance(form, session, Press(index))
    assert session.cursor == REVIEW
    session = advance(form, session, Submit())
    assert session.status is SessionStatus.SUBMITTED
    feedback = feedback_from_answers(session.answers, record_id=5)
    assert feedback == CoachingFeedback(5, 4, (4, 3, 4, 4, 2, 1, 3, 4, 4))


def test_a_five_point_scale_can_be_configured_and_others_are_refused():
    form = coaching_feedback_form(coach_name="x", topic="y", points=5)
    assert [o.label for o in form.steps[0].options][2] == "peer.coaching.agree.5.3"
    with pytest.raises(InvalidValue):
        coaching_feedback_form(coach_name="x", topic="y", points=7)


def test_typed_text_is_not_an_answer_to_a_statement():
    form = coaching_feedback_form(coach_name="x", topic="y")
    session = start(form, owner_id=1, subject=coaching_subject(1, 5))
    with pytest.raises(InvalidAnswer):
        advance(form, session, Text("4"))


@pytest.mark.parametrize("answers", [(1,) * 8, (0,) + (1,) * 8, (5,) + (1,) * 8])
def test_feedback_with_missing_or_out_of_scale_answers_is_refused(answers):
    with pytest.raises(InvalidValue):
        CoachingFeedback(1, 4, answers)


def test_incomplete_answers_are_refused():
    with pytest.raises(InvalidValue):
        feedback_from_answers({"s1": "4"}, record_id=1)


def test_only_the_coached_employee_answers_and_only_they_and_the_coach_read():
    record = _record()
    require_coached_employee(record, nip(1))
    with pytest.raises(PermissionDenied):
        require_coached_employee(record, nip(0))
    require_may_read_coaching(record, nip(0))
    require_may_read_coaching(record, nip(1))
    with pytest.raises(PermissionDenied):
        require_may_read_coaching(record, nip(2))


def test_the_subject_names_the_period_and_the_record():
    assert parse_coaching_subject(coaching_subject(2, 7)) == (2, 7)
    with pytest.raises(NotFound):
        parse_coaching_subject("coaching:2")
