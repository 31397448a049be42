"""Weak values, recommendations, mentors and the development plan."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction

import pytest

from domain.appraisal.berakhlak import BERAKHLAK, BERAKHLAK_CODES
from domain.appraisal.periods import PeriodStatus
from domain.appraisal.predikat import Rating
from domain.errors import InvalidValue, PeriodNotOpen, PermissionDenied
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.catalogue import DEFAULT_CATALOGUE
from domain.peer.development import (
    MentorSuggestion,
    RecommendationKind,
    WeakSource,
    agree_plan_item,
    recommendations_for,
    suggest_mentor,
    weak_values,
)
from domain.peer.raters import Relation
from tests.unit.peer.conftest import WIB, at, colleague, nip, quarter

PEER, UPWARD = Relation.PEER, Relation.UPWARD
CODES = [value.code for value in BERAKHLAK]
FROZEN_AT = datetime(2026, 4, 11, tzinfo=UTC)


def frozen(peer=None, upward=None, *, raters=3, ratee="x", period_id=1, min_raters=3):
    """Peer/upward means per value (``None``: not shown), each from ``raters`` raters."""
    relations = {}
    for relation, means in ((PEER, peer), (UPWARD, upward)):
        if means is not None:
            values = tuple(
                ValueSummary(c) if m is None else ValueSummary(c, raters, int(m * raters))
                for c, m in zip(CODES, means, strict=True)
            )
            relations[relation] = RelationSummary(relation, raters, values)
    return FrozenSummary(period_id, ratee, FROZEN_AT, min_raters, 0, relations)


def weak(summary, perilaku=None, **kw):
    return {w.code: set(w.sources) for w in weak_values(summary=summary, perilaku=perilaku, **kw)}


# --- weak values -------------------------------------------------------------------------------


def test_a_peer_or_upward_mean_below_three_makes_a_value_weak():
    summary = frozen([3, 2, 4, 4, 4, 4, 4], [4, 4, Fraction(8, 3), 4, 4, 4, 4])
    assert weak(summary) == {
        "akuntabel": {WeakSource.PEER_MEAN},
        "kompeten": {WeakSource.UPWARD_MEAN},
    }


def test_the_threshold_is_configurable_and_checked():
    summary = frozen([3, 2, 4, 4, 4, 4, 4])
    assert set(weak(summary, threshold=Fraction(7, 2))) == {"berorientasi_pelayanan", "akuntabel"}
    for bad in (Fraction(1), Fraction(6)):
        with pytest.raises(InvalidValue):
            weak_values(summary=summary, perilaku=None, threshold=bad)


def test_rating_perilaku_di_bawah_adds_the_lowest_rated_values():
    summary = frozen([4, Fraction(10, 3), 4, Fraction(10, 3), 5, 5, 5])
    assert weak(summary, Rating.DI_BAWAH) == {
        "akuntabel": {WeakSource.PERILAKU},
        "harmonis": {WeakSource.PERILAKU},
    }
    assert weak(summary, Rating.SESUAI) == {}


def test_rating_perilaku_di_bawah_without_shown_means_makes_every_value_weak():
    assert weak(None, Rating.DI_BAWAH) == {code: {WeakSource.PERILAKU} for code in CODES}
    hidden = FrozenSummary(1, "x", FROZEN_AT, 3, 0, {PEER: RelationSummary(PEER)})
    assert set(weak(hidden, Rating.DI_BAWAH)) == BERAKHLAK_CODES


def test_values_not_shown_are_never_weak_from_a_mean():
    assert weak(frozen([None] * 7)) == {}


def test_each_weak_value_maps_to_its_catalogue_entries():
    found = weak_values(summary=frozen([2, 4, 4, 4, 4, 4, 4]), perilaku=None)
    recommended = recommendations_for(found, DEFAULT_CATALOGUE)
    assert list(recommended) == ["berorientasi_pelayanan"]
    assert {r.kind for r in recommended["berorientasi_pelayanan"]} == set(RecommendationKind)


# --- mentors -----------------------------------------------------------------------------------

MENTEE = colleague(1, supervisor=0)
UNIT = [
    colleague(0, kind="pengawas"),  # the mentee's pejabat penilai
    MENTEE,
    colleague(2, supervisor=0),
    colleague(3, supervisor=0),
    colleague(4, supervisor=1),  # the mentee's own subordinate
    colleague(5, unit="DISDIK"),
]
STRONG = [5, 4, 4, 4, 4, 4, 4]


def mentor(summaries, code="berorientasi_pelayanan", min_raters=3):
    return suggest_mentor(
        period_id=1,
        mentee=MENTEE,
        value_code=code,
        colleagues=UNIT,
        summaries=summaries,
        min_raters=min_raters,
    )


def test_a_colleague_of_the_unit_rated_four_or_more_by_peers_is_suggested_without_scores():
    suggestion = mentor({nip(2): frozen(STRONG, ratee=nip(2))})
    assert suggestion == MentorSuggestion(nip(1), "berorientasi_pelayanan", nip(2))
    assert not {"mean", "score", "raters"} & set(MentorSuggestion.__slots__)


def test_nobody_below_four_from_enough_raters_or_outside_the_unit_is_suggested():
    summaries = {
        nip(0): frozen(STRONG, ratee=nip(0)),  # pejabat penilai
        nip(1): frozen(STRONG, ratee=nip(1)),  # the mentee
        nip(2): frozen([Fraction(11, 3)] * 7, ratee=nip(2)),  # 3.67: not high enough
        nip(3): frozen(STRONG, raters=3, ratee=nip(3), min_raters=4),  # frozen under 4
        nip(4): frozen(STRONG, ratee=nip(4)),  # the mentee's subordinate
        nip(5): frozen(STRONG, ratee=nip(5)),  # another unit
    }
    assert mentor(summaries) is None
    assert mentor({nip(2): frozen(STRONG, ratee=nip(2))}, min_raters=4) is None
    assert mentor({nip(2): frozen(None, STRONG, ratee=nip(2))}) is None  # upward means do not count
    assert mentor({nip(2): frozen(STRONG, ratee=nip(2), period_id=9)}) is None


def test_the_mentor_choice_is_deterministic_and_spread_over_the_eligible():
    many = [colleague(n, supervisor=0) for n in range(10, 40)]
    summaries = {c.nip: frozen(STRONG, ratee=c.nip) for c in many}
    chosen = {
        suggest_mentor(
            period_id=1,
            mentee=m,
            value_code=code,
            colleagues=many,
            summaries=summaries,
            min_raters=3,
        )
        for m in many[:6]
        for code in CODES
    }
    again = {
        suggest_mentor(
            period_id=1, mentee=m, value_code=c, colleagues=many, summaries=summaries, min_raters=3
        )
        for m in many[:6]
        for c in CODES
    }
    assert chosen == again
    assert len({s.mentor_nip for s in chosen if s}) > 5


# --- the development plan ----------------------------------------------------------------------

NOW = at(date(2026, 4, 15), 9)


def plan(**changes):
    arguments = {
        "period": quarter(),
        "employee": MENTEE,
        "by_nip": nip(0),
        "value_code": "kompeten",
        "action": " Ikut pelatihan teknis ",
        "now": NOW,
        "tz": WIB,
    } | changes
    return agree_plan_item(**arguments)


def test_the_pejabat_penilai_records_an_agreed_plan_item():
    item = plan(kind=RecommendationKind.PELATIHAN, mentor_nip=nip(2), due_on=date(2026, 6, 30))
    assert (item.employee_nip, item.value_code, item.action, item.agreed_by) == (
        nip(1),
        "kompeten",
        "Ikut pelatihan teknis",
        nip(0),
    )
    assert (item.kind, item.mentor_nip, item.due_on, item.agreed_at) == (
        RecommendationKind.PELATIHAN,
        nip(2),
        date(2026, 6, 30),
        NOW,
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"value_code": "jujur"}, "unknown_option"),
        ({"mentor_nip": nip(1)}, "self_mentor"),
        ({"due_on": date(2026, 4, 14)}, "date_in_past"),
        ({"action": "  "}, "required"),
        ({"action": "ab"}, "too_short"),
        ({"action": "x" * 501}, "too_long"),
    ],
)
def test_a_plan_item_breaking_a_rule_is_refused(changes, reason):
    with pytest.raises(InvalidValue) as refused:
        plan(**changes)
    assert refused.value.reason == reason


def test_only_the_pejabat_penilai_agrees_a_plan_and_not_in_a_draft_period():
    with pytest.raises(PermissionDenied):
        plan(by_nip=nip(2))
    with pytest.raises(PeriodNotOpen):
        plan(period=quarter(status=PeriodStatus.DRAFT))
    assert plan(period=quarter(status=PeriodStatus.CLOSED)).period_id == 1


def test_a_naive_time_is_refused_for_a_plan():
    with pytest.raises(ValueError, match="timezone-aware"):
        plan(now=datetime(2026, 4, 15, 9))
