"""Deadline, freeze, threshold and the difference attack."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.appraisal.berakhlak import BERAKHLAK_CODES
from domain.appraisal.periods import PeriodStatus
from domain.errors import InvalidTransition, InvalidValue, PeriodNotOpen, PermissionDenied
from domain.peer.aggregate import (
    FrozenSummary,
    RelationSummary,
    comment_seed,
    freeze,
    is_visible,
    latest_peer_deadline,
    may_submit,
    peer_deadline,
    require_may_view,
    require_not_frozen,
    require_sealable,
    require_submittable,
    round_half_up,
    summarise,
)
from domain.peer.forms import PeerResponse
from domain.peer.raters import Relation
from tests.unit.peer.conftest import PEER_DUE, WIB, WIT, at, colleague, nip, quarter

PEER, UPWARD = Relation.PEER, Relation.UPWARD
PERIOD = quarter()
RATEE = nip(1)
BEFORE = at(PEER_DUE, 23, 59)
AFTER = at(PEER_DUE + timedelta(days=1), 0, 0)
SECRET = b"server secret for tests"


def response(score=3, *, relation=PEER, keep=None, improve=None, **overrides):
    scores = dict.fromkeys(BERAKHLAK_CODES, score) | overrides
    return PeerResponse(PERIOD.id or 0, RATEE, relation, scores, keep, improve)


def frozen(responses, *, now=AFTER, assigned=(PEER,), seed=1, min_raters=3, tz=WIB):
    return freeze(
        period=PERIOD,
        ratee_nip=RATEE,
        responses=responses,
        assigned=assigned,
        now=now,
        tz=tz,
        seed=seed,
        min_raters=min_raters,
    )


# --- the deadline ---------------------------------------------------------------------------


def test_feedback_may_be_given_until_the_end_of_the_peer_due_date():
    assert may_submit(BEFORE, PERIOD, WIB)
    assert not may_submit(AFTER, PERIOD, WIB)


def test_a_late_response_is_refused_with_the_deadline():
    with pytest.raises(PeriodNotOpen) as refused:
        require_submittable(AFTER, PERIOD, WIB)
    assert refused.value.reason == "past_due"
    assert refused.value.params["due"] == PEER_DUE


def test_the_deadline_is_read_in_the_ratees_timezone_for_every_rater():
    # A rater in Jakarta at 22:30 WIB is already past midnight in Jayapura (WIT, UTC+9).
    late_evening_in_jakarta = at(PEER_DUE, 22, 30, tz=WIB)
    assert may_submit(late_evening_in_jakarta, PERIOD, WIB)
    assert not may_submit(late_evening_in_jakarta, PERIOD, WIT)
    assert peer_deadline(PERIOD, WIT) < peer_deadline(PERIOD, WIB)


def test_a_closed_period_accepts_no_feedback():
    closed = quarter(status=PeriodStatus.CLOSED)
    assert not may_submit(BEFORE, closed, WIB)


def test_nothing_is_accepted_once_the_summary_is_frozen():
    assert not may_submit(BEFORE, PERIOD, WIB, frozen=True)
    with pytest.raises(PeriodNotOpen) as refused:
        require_submittable(BEFORE, PERIOD, WIB, frozen=True)
    assert refused.value.reason == "peer_results_frozen"


# --- the freeze and the threshold -------------------------------------------------------------


def test_freezing_before_the_deadline_is_refused():
    with pytest.raises(InvalidTransition) as refused:
        frozen([response()] * 3, now=BEFORE)
    assert refused.value.reason == "peer_feedback_open"


def test_a_threshold_below_three_is_refused():
    with pytest.raises(InvalidValue) as refused:
        frozen([response()] * 3, min_raters=2)
    assert refused.value.reason == "below_anonymity_floor"


def test_three_responses_give_exact_means_and_counts_per_value():
    summary = frozen([response(3), response(4), response(5, harmonis=None)])
    peer = summary.of(PEER)
    assert peer is not None
    assert peer.visible
    assert peer.responses == 3
    akuntabel = peer.value("akuntabel")
    assert akuntabel is not None
    assert (akuntabel.raters, akuntabel.mean, akuntabel.mean_display) == (
        3,
        Fraction(4),
        Decimal("4.00"),
    )


def test_a_value_rated_by_fewer_than_the_threshold_shows_no_mean_and_no_count():
    summary = frozen([response(3), response(4), response(5, harmonis=None)])
    peer = summary.of(PEER)
    assert peer is not None
    harmonis = peer.value("harmonis")
    assert harmonis is not None
    assert (harmonis.shown, harmonis.raters, harmonis.mean, harmonis.mean_display) == (
        False,
        None,
        None,
        None,
    )


def test_means_are_shown_to_two_decimals_rounded_half_up():
    assert round_half_up(Fraction(25, 8)) == Decimal("3.13")  # 3.125: half up, not to even
    assert round_half_up(Fraction(10, 3)) == Decimal("3.33")
    assert round_half_up(Fraction(11, 3)) == Decimal("3.67")
    summary = frozen([response(3), response(3), response(4)] + [response(3)] * 5)
    peer = summary.of(PEER)
    assert peer is not None
    value = peer.value("loyal")
    assert value is not None
    assert value.mean_display == Decimal("3.13")


def test_peer_and_upward_feedback_are_summarised_apart():
    responses = [response(2)] * 3 + [response(5, relation=UPWARD)] * 2
    summary = frozen(responses, assigned=(PEER, UPWARD))
    peer, upward = summary.of(PEER), summary.of(UPWARD)
    assert peer is not None
    assert peer.visible
    assert upward == RelationSummary(UPWARD)  # two subordinates: nothing of theirs is kept


def test_a_relation_without_raters_has_no_summary():
    assert frozen([response()] * 3).of(UPWARD) is None


def test_responses_of_another_ratee_or_period_are_a_programming_error():
    other = PeerResponse(1, nip(9), PEER, dict.fromkeys(BERAKHLAK_CODES, 3))
    with pytest.raises(ValueError, match="ratee"):
        frozen([response(), response(), other])


# --- the difference attack ---------------------------------------------------------------------


def test_with_two_responses_nothing_about_them_is_kept():
    two = frozen([response(1, keep="a"), response(5, improve="b")])
    none = frozen([])
    assert two.of(PEER) == none.of(PEER) == RelationSummary(PEER)
    assert two.relations == none.relations
    assert not is_visible(two, PEER, now=AFTER, period=PERIOD, tz=WIB)


def test_after_the_freeze_a_late_response_changes_nothing():
    three = [response(3, keep="x"), response(4), response(5)]
    summary = frozen(three)
    # The 4th rater is too late: refused by the deadline and by the freeze, ...
    with pytest.raises(PeriodNotOpen):
        require_submittable(AFTER, PERIOD, WIB, frozen=True)
    with pytest.raises(PeriodNotOpen):
        require_submittable(AFTER, PERIOD, WIB)
    # ... and the summary is never computed again.
    with pytest.raises(InvalidTransition) as refused:
        require_not_frozen(summary)
    assert refused.value.reason == "already_frozen"
    require_not_frozen(None)


def test_nothing_is_visible_before_the_deadline_even_with_a_summary():
    summary = frozen([response()] * 3)
    assert not is_visible(summary, PEER, now=BEFORE, period=PERIOD, tz=WIB)
    assert is_visible(summary, PEER, now=AFTER, period=PERIOD, tz=WIB)
    assert not is_visible(None, PEER, now=AFTER, period=PERIOD, tz=WIB)
    assert not is_visible(summary, UPWARD, now=AFTER, period=PERIOD, tz=WIB)


# --- comments ----------------------------------------------------------------------------------


def test_comments_do_not_follow_submission_order_and_refreeze_reproduces_them():
    responses = [response(3, keep=f"k{i}", improve=f"i{i}") for i in range(8)]
    seed = comment_seed(SECRET, 1, RATEE)
    first = frozen(responses, seed=seed)
    shuffled = list(responses)
    random.Random(4).shuffle(shuffled)
    again = frozen(shuffled, seed=first.seed)
    assert again == first
    peer = first.of(PEER)
    assert peer is not None
    assert sorted(peer.keep_doing) == [f"k{i}" for i in range(8)]


def test_the_two_comment_lists_are_shuffled_independently():
    responses = [response(3, keep=f"{i}", improve=f"{i}") for i in range(12)]
    peer = frozen(responses, seed=comment_seed(SECRET, 1, RATEE)).of(PEER)
    assert peer is not None
    assert peer.keep_doing != peer.improve  # a rater's two comments are not paired by position


def test_the_comment_seed_depends_on_the_secret_the_period_and_the_ratee():
    seed = comment_seed(SECRET, 1, RATEE)
    assert seed == comment_seed(SECRET, 1, RATEE)
    assert (
        len(
            {
                seed,
                comment_seed(b"other", 1, RATEE),
                comment_seed(SECRET, 2, RATEE),
                comment_seed(SECRET, 1, nip(2)),
            }
        )
        == 4
    )


def test_a_frozen_summary_carries_no_dates_or_raters_of_responses():
    fields = set(FrozenSummary.__slots__) | set(RelationSummary.__slots__)
    assert not {"rater", "rater_nip", "submitted_at", "assignment_id"} & fields


# --- who may read ------------------------------------------------------------------------------


def test_only_the_ratee_and_their_pejabat_penilai_may_read_the_results():
    ratee = colleague(1, supervisor=0)
    require_may_view(nip(1), ratee)
    require_may_view(nip(0), ratee)
    with pytest.raises(PermissionDenied) as refused:
        require_may_view(nip(2), ratee)
    assert refused.value.reason == "not_ratee_or_pejabat_penilai"


# --- properties --------------------------------------------------------------------------------

scores = st.none() | st.integers(1, 5)
responses_st = st.lists(
    st.fixed_dictionaries(dict.fromkeys(sorted(BERAKHLAK_CODES), scores)).filter(
        lambda s: any(v is not None for v in s.values())
    ),
    max_size=9,
)


@settings(max_examples=150, deadline=None)
@given(responses_st, st.integers(3, 5))
def test_no_shown_value_rests_on_fewer_than_the_threshold(all_scores, min_raters):
    answers = [PeerResponse(1, RATEE, PEER, s) for s in all_scores]
    summary = summarise(PEER, answers, min_raters=min_raters, rng=random.Random(0))
    if len(answers) < min_raters:
        assert summary == RelationSummary(PEER)
        return
    for value in summary.values:
        rated = [s[value.code] for s in all_scores if s[value.code] is not None]
        if len(rated) < min_raters:
            assert (value.raters, value.total) == (None, None)
        else:
            assert value.mean == Fraction(sum(rated), len(rated))


def test_the_deadline_is_the_end_of_the_day():
    deadline = peer_deadline(PERIOD, WIB)
    assert deadline.date() == PEER_DUE
    assert (deadline + timedelta(microseconds=1)).date() == date(2026, 4, 11)


def test_rater_links_may_be_sealed_only_after_the_last_timezone_passed_the_deadline():
    with pytest.raises(InvalidTransition) as refused:
        require_sealable(at(PEER_DUE, 23, 59, tz=WIB), PERIOD)
    assert refused.value.reason == "peer_feedback_open"
    require_sealable(at(PEER_DUE + timedelta(days=1), 0, 0, tz=WIB), PERIOD)
    # Past midnight in Jayapura, but Jakarta may still be editing.
    with pytest.raises(InvalidTransition):
        require_sealable(at(PEER_DUE + timedelta(days=1), 1, 0, tz=WIT), PERIOD)
    assert latest_peer_deadline(PERIOD) == peer_deadline(PERIOD, WIB)
