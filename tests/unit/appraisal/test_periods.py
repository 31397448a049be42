"""Appraisal periods: date rules, status transitions, and due dates read in the unit's timezone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus, Phase
from domain.errors import InvalidTransition, InvalidValue, PeriodNotOpen
from domain.localtime import end_of_day

WIB = ZoneInfo("Asia/Jakarta")  # UTC+7
WITA = ZoneInfo("Asia/Makassar")  # UTC+8
WIT = ZoneInfo("Asia/Jayapura")  # UTC+9

Q1_START, Q1_END = date(2027, 1, 1), date(2027, 3, 31)
SELF_DUE = date(2027, 4, 5)
PEER_DUE = date(2027, 4, 7)
REVIEW_DUE = date(2027, 4, 15)


def make(**overrides: Any) -> AppraisalPeriod:
    values: dict[str, Any] = {
        "name": "Triwulan I 2027",
        "kind": PeriodKind.QUARTERLY,
        "start": Q1_START,
        "end": Q1_END,
        "self_due": SELF_DUE,
        "peer_due": PEER_DUE,
        "review_due": REVIEW_DUE,
    }
    values.update(overrides)
    return AppraisalPeriod.create(**values)


def opened(**overrides) -> AppraisalPeriod:
    return make(**overrides).open([])


def field_of(error: pytest.ExceptionInfo[InvalidValue]) -> object:
    return error.value.params["field"]


# --- creation ---------------------------------------------------------------------------------


def test_a_new_period_is_a_draft_with_five_objection_days():
    period = make()
    assert period.status is PeriodStatus.DRAFT
    assert period.objection_days == 5
    assert period.id is None


def test_the_name_is_stored_without_surrounding_spaces():
    assert make(name="  Triwulan I  ").name == "Triwulan I"


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(name):
    with pytest.raises(InvalidValue) as error:
        make(name=name)
    assert field_of(error) == "name"
    assert error.value.reason == "required"


def test_a_name_of_80_characters_is_accepted_and_81_refused():
    assert len(make(name="x" * 80).name) == 80
    with pytest.raises(InvalidValue) as error:
        make(name="x" * 81)
    assert field_of(error) == "name"
    assert error.value.reason == "too_long"


def test_an_end_before_the_start_is_refused_on_the_end_field():
    with pytest.raises(InvalidValue) as error:
        make(start=date(2027, 3, 31), end=date(2027, 1, 1))
    assert field_of(error) == "end"
    assert error.value.reason == "end_before_start"


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (PeriodKind.MONTHLY, date(2027, 1, 1), date(2027, 1, 31)),
        (PeriodKind.MONTHLY, date(2027, 2, 1), date(2027, 2, 28)),
        (PeriodKind.MONTHLY, date(2028, 2, 1), date(2028, 2, 29)),
        (PeriodKind.MONTHLY, date(2027, 1, 15), date(2027, 2, 14)),
        (PeriodKind.QUARTERLY, date(2027, 1, 1), date(2027, 3, 31)),
        (PeriodKind.QUARTERLY, date(2027, 4, 1), date(2027, 6, 30)),
        (PeriodKind.QUARTERLY, date(2027, 7, 1), date(2027, 9, 30)),
        (PeriodKind.QUARTERLY, date(2027, 10, 1), date(2027, 12, 31)),
        (PeriodKind.SEMESTER, date(2027, 1, 1), date(2027, 6, 30)),
        (PeriodKind.SEMESTER, date(2027, 7, 1), date(2027, 12, 31)),
        (PeriodKind.ANNUAL, date(2027, 1, 1), date(2027, 12, 31)),
        (PeriodKind.ANNUAL, date(2028, 1, 1), date(2028, 12, 31)),
    ],
)
def test_every_calendar_month_quarter_semester_and_year_fits_its_kind(kind, start, end):
    period = make(kind=kind, start=start, end=end, self_due=end, peer_due=end, review_due=end)
    assert period.kind is kind


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (PeriodKind.MONTHLY, date(2027, 1, 4), date(2027, 1, 24)),  # 21 days: 28 - 7
        (PeriodKind.MONTHLY, date(2027, 1, 1), date(2027, 2, 7)),  # 38 days: 31 + 7
        (PeriodKind.QUARTERLY, date(2027, 1, 4), date(2027, 3, 26)),  # 82 days
        (PeriodKind.SEMESTER, date(2027, 1, 4), date(2027, 6, 30)),  # 178 days
        (PeriodKind.ANNUAL, date(2027, 1, 4), date(2027, 12, 31)),  # 362 days
    ],
)
def test_a_week_of_tolerance_is_allowed_around_calendar_lengths(kind, start, end):
    assert make(kind=kind, start=start, end=end, self_due=end, peer_due=end, review_due=end)


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (PeriodKind.MONTHLY, date(2027, 1, 1), date(2027, 7, 19)),  # 200 days
        (PeriodKind.MONTHLY, date(2027, 1, 5), date(2027, 1, 24)),  # 20 days
        (PeriodKind.MONTHLY, date(2027, 1, 1), date(2027, 2, 8)),  # 39 days
        (PeriodKind.QUARTERLY, date(2027, 1, 1), date(2027, 1, 31)),
        (PeriodKind.SEMESTER, date(2027, 1, 1), date(2027, 3, 31)),
        (PeriodKind.ANNUAL, date(2027, 1, 1), date(2027, 6, 30)),
        (PeriodKind.ANNUAL, date(2027, 1, 1), date(2028, 3, 31)),
    ],
)
def test_a_period_far_from_its_kinds_length_is_refused(kind, start, end):
    with pytest.raises(InvalidValue) as error:
        make(kind=kind, start=start, end=end, self_due=end, peer_due=end, review_due=end)
    assert field_of(error) == "kind"
    assert error.value.reason == "length_for_kind"


@pytest.mark.parametrize("due_field", ["self_due", "peer_due"])
def test_self_and_peer_due_dates_may_run_from_the_start_to_31_days_after_the_end(due_field):
    latest = Q1_END + timedelta(days=31)
    assert make(**{due_field: Q1_START})
    assert make(**{due_field: latest, "review_due": latest})


@pytest.mark.parametrize("due_field", ["self_due", "peer_due"])
@pytest.mark.parametrize(
    "due", [Q1_START - timedelta(days=1), Q1_END + timedelta(days=32)], ids=["before", "after"]
)
def test_self_and_peer_due_dates_outside_their_window_are_refused(due_field, due):
    with pytest.raises(InvalidValue) as error:
        make(**{due_field: due, "review_due": date(2027, 5, 30)})
    assert field_of(error) == due_field


def test_the_review_may_be_due_on_the_self_assessment_due_date_or_up_to_60_days_after_the_end():
    assert make(review_due=SELF_DUE)
    assert make(review_due=Q1_END + timedelta(days=60))


@pytest.mark.parametrize("review_due", [SELF_DUE - timedelta(days=1), Q1_END + timedelta(days=61)])
def test_a_review_due_date_before_self_due_or_too_late_is_refused(review_due):
    with pytest.raises(InvalidValue) as error:
        make(review_due=review_due)
    assert field_of(error) == "review_due"


@pytest.mark.parametrize("days", [1, 30])
def test_objection_days_from_1_to_30_are_accepted(days):
    assert make(objection_days=days).objection_days == days


@pytest.mark.parametrize("days", [0, 31, -5])
def test_objection_days_outside_1_to_30_are_refused(days):
    with pytest.raises(InvalidValue) as error:
        make(objection_days=days)
    assert field_of(error) == "objection_days"
    assert error.value.params["min"] == 1
    assert error.value.params["max"] == 30


def test_an_unknown_timezone_name_is_refused():
    with pytest.raises(InvalidValue) as error:
        opened().accepts_self_assessment(datetime(2027, 2, 1, tzinfo=UTC), "Asia/Atlantis")
    assert field_of(error) == "timezone"


# --- transitions ------------------------------------------------------------------------------


def test_a_draft_period_opens():
    assert make().open([]).status is PeriodStatus.OPEN


def test_an_open_period_closes_and_is_then_frozen():
    closed = opened().close()
    assert closed.status is PeriodStatus.CLOSED
    assert closed.is_frozen
    assert not opened().is_frozen


def test_opening_leaves_the_original_draft_unchanged():
    draft = make()
    draft.open([])
    assert draft.status is PeriodStatus.DRAFT


@pytest.mark.parametrize(
    ("period", "action", "current", "target"),
    [
        (make(), "close", "draft", "closed"),
        (opened(), "open", "open", "open"),
        (opened().close(), "open", "closed", "open"),
        (opened().close(), "close", "closed", "closed"),
    ],
)
def test_every_other_transition_is_refused(period, action, current, target):
    transition = (lambda: period.open([])) if action == "open" else period.close
    with pytest.raises(InvalidTransition) as error:
        transition()
    assert error.value.params == {"current": current, "target": target}


def test_opening_is_refused_while_an_open_period_of_the_same_kind_overlaps():
    other = opened(name="Triwulan I (lama)", start=date(2027, 2, 1), end=date(2027, 4, 30))
    other = replace(other, id=7)
    with pytest.raises(InvalidTransition) as error:
        make(id=8).open([other])
    assert error.value.reason == "overlap"
    assert error.value.params["other"] == "Triwulan I (lama)"


def test_periods_sharing_only_one_boundary_day_overlap():
    other = opened(
        start=date(2026, 10, 1),
        end=date(2027, 1, 1),
        self_due=date(2027, 1, 1),
        peer_due=date(2027, 1, 1),
        review_due=date(2027, 1, 10),
    )
    with pytest.raises(InvalidTransition):
        make().open([other])


def test_adjacent_periods_of_the_same_kind_may_both_be_open():
    q4 = opened(
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        self_due=date(2027, 1, 5),
        peer_due=date(2027, 1, 5),
        review_due=date(2027, 1, 15),
    )
    assert make().open([q4]).status is PeriodStatus.OPEN


def test_an_open_period_of_another_kind_may_overlap():
    annual = opened(
        kind=PeriodKind.ANNUAL,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        self_due=date(2028, 1, 10),
        peer_due=date(2028, 1, 10),
        review_due=date(2028, 1, 31),
    )
    assert make().open([annual]).status is PeriodStatus.OPEN


def test_overlapping_draft_and_closed_periods_do_not_block_opening():
    assert make().open([make(), opened().close()]).status is PeriodStatus.OPEN


def test_the_period_itself_in_the_list_of_others_does_not_block_opening():
    draft = make(id=3)
    assert draft.open([draft, replace(draft, status=PeriodStatus.OPEN)]).is_frozen is False


# --- phases and due dates ---------------------------------------------------------------------


def at(day: date, hour: int, minute: int, zone: ZoneInfo, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)


@pytest.mark.parametrize("zone", [WIB, WITA, WIT], ids=["WIB", "WITA", "WIT"])
def test_self_assessment_is_accepted_until_the_last_minute_of_the_due_date_in_the_unit_zone(zone):
    period = opened()
    assert period.accepts_self_assessment(at(SELF_DUE, 23, 59, zone, 59), zone.key)
    next_day = SELF_DUE + timedelta(days=1)
    assert not period.accepts_self_assessment(at(next_day, 0, 0, zone), zone.key)


def test_23_59_wit_on_the_due_date_accepts_and_00_00_wit_the_next_day_refuses():
    period = opened()
    assert period.accepts_self_assessment(at(SELF_DUE, 23, 59, WIT), "Asia/Jayapura")
    assert not period.accepts_self_assessment(
        at(SELF_DUE + timedelta(days=1), 0, 0, WIT), "Asia/Jayapura"
    )


def test_the_same_instant_can_be_on_time_in_wib_and_late_in_wit():
    # 15:30 UTC is 22:30 WIB on the due date but already 00:30 WIT the day after.
    instant = datetime(SELF_DUE.year, SELF_DUE.month, SELF_DUE.day, 15, 30, tzinfo=UTC)
    period = opened()
    assert period.accepts_self_assessment(instant, "Asia/Jakarta")
    assert period.accepts_self_assessment(instant, "Asia/Makassar")
    assert not period.accepts_self_assessment(instant, "Asia/Jayapura")


def test_peer_feedback_follows_its_own_due_date():
    period = opened()
    assert period.accepts_peer_feedback(at(PEER_DUE, 23, 59, WITA), WITA)
    assert not period.accepts_peer_feedback(at(PEER_DUE + timedelta(days=1), 0, 0, WITA), WITA)


def test_supervisor_review_is_accepted_until_review_due_after_self_assessment_closed():
    period = opened()
    late_for_self = at(SELF_DUE + timedelta(days=3), 9, 0, WIB)
    assert not period.accepts_self_assessment(late_for_self, WIB)
    assert period.accepts_review(late_for_self, WIB)
    assert period.accepts_review(at(REVIEW_DUE, 23, 59, WIB), WIB)
    assert not period.accepts_review(at(REVIEW_DUE + timedelta(days=1), 0, 0, WIB), WIB)


@pytest.mark.parametrize("period", [make(), opened().close()], ids=["draft", "closed"])
def test_a_period_that_is_not_open_accepts_nothing(period):
    during = at(date(2027, 2, 15), 10, 0, WIB)
    assert not period.accepts_self_assessment(during, WIB)
    assert not period.accepts_peer_feedback(during, WIB)
    assert not period.accepts_review(during, WIB)


def test_require_explains_why_a_phase_is_refused():
    during = at(date(2027, 2, 15), 10, 0, WIB)
    with pytest.raises(PeriodNotOpen) as draft:
        make().require(Phase.SELF_ASSESSMENT, during, WIB)
    assert draft.value.reason == "draft"
    with pytest.raises(PeriodNotOpen) as closed:
        opened().close().require(Phase.REVIEW, during, WIB)
    assert closed.value.reason == "closed"
    with pytest.raises(PeriodNotOpen) as late:
        opened().require(Phase.PEER_FEEDBACK, at(PEER_DUE + timedelta(days=1), 0, 0, WIB), WIB)
    assert late.value.reason == "past_due"
    assert late.value.params["due"] == PEER_DUE
    opened().require(Phase.REVIEW, during, WIB)


def test_a_naive_now_is_a_programming_error():
    with pytest.raises(ValueError, match="timezone-aware"):
        opened().accepts_self_assessment(datetime(2027, 2, 1, 10, 0), WIB)


# --- objection window -------------------------------------------------------------------------


def test_the_objection_deadline_is_the_end_of_the_day_objection_days_after_assessment():
    assessed_at = at(date(2027, 4, 10), 14, 0, WITA)
    deadline = opened().objection_deadline(assessed_at)
    assert deadline == end_of_day(date(2027, 4, 15), WITA)
    assert deadline.hour == 23
    assert deadline.minute == 59


def test_the_objection_deadline_counts_days_in_the_units_timezone():
    # 16:30 UTC on 10 April is already 01:30 WIT on 11 April.
    assessed_at = datetime(2027, 4, 10, 16, 30, tzinfo=UTC)
    deadline = opened(objection_days=3).objection_deadline(assessed_at, "Asia/Jayapura")
    assert deadline == end_of_day(date(2027, 4, 14), WIT)


def test_an_objection_is_accepted_at_the_deadline_and_refused_one_moment_later():
    period = opened()
    assessed_at = at(date(2027, 4, 10), 9, 0, WIB)
    deadline = period.objection_deadline(assessed_at, WIB)
    assert period.accepts_objection(assessed_at, deadline, WIB)
    assert not period.accepts_objection(assessed_at, deadline + timedelta(microseconds=1), WIB)


def test_a_closed_period_refuses_objections_even_inside_the_window():
    period = opened()
    assessed_at = at(date(2027, 4, 10), 9, 0, WIB)
    assert not period.close().accepts_objection(assessed_at, assessed_at, WIB)


def test_kind_and_status_text_keys_follow_the_period_namespace():
    assert PeriodKind.SEMESTER.text_key == "period.kind.semester"
    assert PeriodStatus.CLOSED.text_key == "period.status.closed"
