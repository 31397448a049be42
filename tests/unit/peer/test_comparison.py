"""Self vs peers vs subordinates vs pejabat penilai, and the largest gaps."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.model import Appraisal
from domain.appraisal.predikat import Rating
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.comparison import BANDS, band_of, compare
from domain.peer.raters import Relation

PEER, UPWARD = Relation.PEER, Relation.UPWARD
ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
CODES = [value.code for value in BERAKHLAK]


def summary(peer_totals=None, upward_totals=None, raters=4):
    """Frozen means given as totals over ``raters`` per value (``None``: not shown)."""
    relations = {}
    for relation, totals in ((PEER, peer_totals), (UPWARD, upward_totals)):
        if totals is not None:
            values = tuple(
                ValueSummary(code) if total is None else ValueSummary(code, raters, total)
                for code, total in zip(CODES, totals, strict=True)
            )
            relations[relation] = RelationSummary(relation, raters, values)
    return FrozenSummary(1, "x", datetime(2026, 4, 11, tzinfo=UTC), 3, 0, relations)


def appraisal(self_ratings, perilaku=None, feedback=None):
    return Appraisal(
        period_id=1,
        employee_nip="x",
        self_ratings={f"berakhlak:{c}": r for c, r in zip(CODES, self_ratings, strict=True)},
        perilaku=perilaku,
        item_feedback=feedback or {},
    )


@pytest.mark.parametrize(
    ("mean", "band"),
    [
        (Fraction(1), BAWAH),
        (Fraction(249, 100), BAWAH),
        (Fraction(5, 2), SESUAI),
        (Fraction(349, 100), SESUAI),
        (Fraction(7, 2), ATAS),
        (Fraction(5), ATAS),
    ],
)
def test_a_behaviour_mean_falls_in_the_band_of_the_level_it_rounds_to(mean, band):
    assert band_of(mean) is band
    low, high = BANDS[band]
    assert low <= mean <= high


def test_each_value_shows_self_peers_subordinates_and_the_pejabat_penilais_text():
    result = compare(
        appraisal=appraisal([SESUAI] * 7, perilaku=SESUAI, feedback={"berakhlak:loyal": "Baik"}),
        summary=summary([12] * 7, [None] + [16] * 6),
    )
    loyal = result.values[CODES.index("loyal")]
    assert loyal.self_rating is SESUAI
    assert loyal.peers is not None
    assert loyal.peers.mean == 3
    assert loyal.subordinates is not None
    assert loyal.subordinates.mean == 4
    assert loyal.pejabat_penilai_feedback == "Baik"
    assert result.values[0].subordinates is None  # too few rated it
    assert result.perilaku is SESUAI


def test_the_pejabat_penilai_gives_one_rating_never_one_per_value():
    result = compare(appraisal=appraisal([SESUAI] * 7, perilaku=ATAS), summary=None)
    assert result.perilaku is ATAS
    assert not hasattr(result.values[0], "perilaku")


def test_the_largest_gaps_come_first_and_equal_bands_are_no_gap():
    # Self Di Atas everywhere; peers: 1.5 on pelayanan (2 bands), 3 on akuntabel (1 band),
    # 2.75 on kompeten (1 band, farther from the anchor 4.5 than 3), 4 elsewhere (no gap).
    peers = [6, 12, 11, 16, 16, 16, 16]
    result = compare(appraisal=appraisal([ATAS] * 7), summary=summary(peers))
    assert [(g.code, g.steps, g.others_band) for g in result.gaps] == [
        ("berorientasi_pelayanan", 2, BAWAH),
        ("kompeten", 1, SESUAI),
        ("akuntabel", 1, SESUAI),
    ]
    assert {g.text_key for g in result.gaps} == {"peer.gap.self_higher"}


def test_a_self_rating_below_the_others_is_a_gap_the_other_way():
    result = compare(appraisal=appraisal([BAWAH] * 7), summary=summary(None, [20] * 7))
    assert len(result.gaps) == 3
    assert {(g.relation, g.steps, g.text_key) for g in result.gaps} == {
        (UPWARD, -2, "peer.gap.self_lower")
    }


def test_without_a_self_rating_or_shown_means_there_are_no_gaps():
    assert compare(appraisal=None, summary=summary([4] * 7)).gaps == ()
    assert compare(appraisal=appraisal([ATAS] * 7), summary=None).gaps == ()
    hidden = FrozenSummary(
        1, "x", datetime(2026, 4, 11, tzinfo=UTC), 3, 0, {PEER: RelationSummary(PEER)}
    )
    assert compare(appraisal=appraisal([ATAS] * 7), summary=hidden).values[0].peers is None


def test_the_chart_series_are_the_shown_means_in_value_order():
    result = compare(appraisal=None, summary=summary([None, 8, 12, 16, 20, 4, 10]))
    assert result.series(PEER) == (None, 2, 3, 4, 5, 1, Fraction(5, 2))
    assert result.series(UPWARD) == (None,) * 7
