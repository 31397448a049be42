"""SKM arithmetic (PermenPANRB 14/2017): unsur, NRR, IKM, mutu, Krejcie–Morgan sample size."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.skm import texts as skm_texts
from domain.errors import InvalidAnswer, InvalidValue
from domain.skm.ikm import (
    BOBOT,
    INTERVAL_TABLE,
    METHOD_KEY,
    UNSUR,
    UNSUR_CODES,
    Mutu,
    SampleProgress,
    UnsurTotals,
    compute_ikm,
    krejcie_morgan_sample,
    mutu_for_ikm,
    round_half_up,
    tally,
    unsur_by_code,
    validate_score,
)

PROPERTIES = settings(database=None, max_examples=200, deadline=None)
MUTU_ORDER = {Mutu.D: 0, Mutu.C: 1, Mutu.B: 2, Mutu.A: 3}


def totals_all_answered(sums: list[int], respondents: int) -> list[UnsurTotals]:
    return [UnsurTotals(code, s, respondents) for code, s in zip(UNSUR_CODES, sums, strict=True)]


# --- the nine unsur -------------------------------------------------------------------------


def test_the_nine_unsur_are_in_the_standard_questionnaire_order() -> None:
    assert UNSUR_CODES == ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
    assert unsur_by_code("U8").name == "Sarana dan Prasarana"
    assert unsur_by_code("U9").name == "Penanganan Pengaduan, Saran dan Masukan"


def test_each_unsur_names_its_text_keys_by_code() -> None:
    u1 = unsur_by_code("U1")
    assert u1.name_key == "skm.U1.name"
    assert u1.question_key == "skm.U1.question"
    assert u1.option_keys == tuple(f"skm.U1.option.{n}" for n in (1, 2, 3, 4))
    assert u1.option_key(4) == "skm.U1.option.4"


def test_an_unknown_unsur_code_is_an_invalid_value() -> None:
    with pytest.raises(InvalidValue) as caught:
        unsur_by_code("U10")
    assert caught.value.params["field"] == "unsur"


def test_the_weight_of_every_unsur_is_exactly_one_ninth() -> None:
    assert Fraction(1, 9) == BOBOT


# --- validate_score ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, "1", " 4 "])
def test_a_score_from_1_to_4_is_accepted_from_chat_or_paper(value: object) -> None:
    assert validate_score("U3", value) == int(str(value))


@pytest.mark.parametrize("value", [0, 5, -1, "0", "5"])
def test_a_score_outside_1_to_4_is_out_of_range(value: object) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        validate_score("U3", value)
    assert caught.value.message_key == "error.invalid_answer.out_of_range"
    assert caught.value.params["min"] == 1
    assert caught.value.params["max"] == 4


@pytest.mark.parametrize("value", [True, 3.0, "tiga", "", None, "٣"])
def test_a_score_that_is_not_a_whole_number_is_refused(value: object) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        validate_score("U3", value)
    assert caught.value.message_key == "error.invalid_answer.expected_number"


def test_a_score_for_an_unknown_unsur_is_refused() -> None:
    with pytest.raises(InvalidValue):
        validate_score("U0", 3)


# --- mutu and the interval table --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ikm", "mutu"),
    [
        ("88.31", Mutu.A),
        ("88.30", Mutu.B),
        ("76.61", Mutu.B),
        ("76.60", Mutu.C),
        ("65.00", Mutu.C),
        ("64.99", Mutu.D),
        ("88.305", Mutu.A),  # rounds half up to 88.31
        ("88.3049", Mutu.B),  # rounds to 88.30
        ("64.995", Mutu.C),  # rounds to 65.00: no gap between 64.99 and 65.00
        ("76.605", Mutu.B),
        ("25.00", Mutu.D),
        ("100.00", Mutu.A),
    ],
)
def test_an_ikm_at_a_band_edge_gets_the_mutu_of_its_2_dp_value(ikm: str, mutu: Mutu) -> None:
    assert mutu_for_ikm(Decimal(ikm)) is mutu
    assert mutu_for_ikm(Fraction(ikm)) is mutu


def test_ikm_of_88_31_is_mutu_a_and_88_30_is_mutu_b() -> None:
    assert mutu_for_ikm(Decimal("88.31")) is Mutu.A
    assert mutu_for_ikm(Decimal("88.30")) is Mutu.B


@pytest.mark.parametrize("ikm", ["24.99", "100.01", "0", "-25", "24.994"])
def test_an_ikm_outside_25_to_100_is_an_invalid_value(ikm: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        mutu_for_ikm(Decimal(ikm))
    assert caught.value.params["field"] == "ikm"


def test_mutu_carries_the_regulation_s_kinerja_label_and_a_text_key() -> None:
    labels = {m: m.kinerja for m in Mutu}
    assert labels == {
        Mutu.A: "Sangat Baik",
        Mutu.B: "Baik",
        Mutu.C: "Kurang Baik",
        Mutu.D: "Tidak Baik",
    }
    assert Mutu.A.key == "skm.mutu.A"


def test_the_interval_table_reproduces_the_regulation_s_ni_and_nik_columns() -> None:
    rows = [
        (b.nilai_persepsi, b.mutu, b.ni_min, b.ni_max, b.nik_min, b.nik_max) for b in INTERVAL_TABLE
    ]
    d = Decimal
    assert rows == [
        (1, Mutu.D, d("1.00"), d("2.5996"), d("25.00"), d("64.99")),
        (2, Mutu.C, d("2.60"), d("3.064"), d("65.00"), d("76.60")),
        (3, Mutu.B, d("3.0644"), d("3.532"), d("76.61"), d("88.30")),
        (4, Mutu.A, d("3.5324"), d("4.00"), d("88.31"), d("100.00")),
    ]


def test_every_2_dp_ikm_falls_in_exactly_one_band_of_the_table() -> None:
    for hundredths in range(2500, 10001):
        nik = Decimal(hundredths).scaleb(-2)
        bands = [b for b in INTERVAL_TABLE if b.nik_min <= nik <= b.nik_max]
        assert [b.mutu for b in bands] == [mutu_for_ikm(nik)]


@PROPERTIES
@given(
    st.decimals(min_value=25, max_value=100, places=3),
    st.decimals(min_value=25, max_value=100, places=3),
)
def test_mutu_never_goes_down_when_the_ikm_goes_up(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert MUTU_ORDER[mutu_for_ikm(low)] <= MUTU_ORDER[mutu_for_ikm(high)]


# --- round_half_up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Fraction(5, 2), 0, "3"),
        (Fraction(-5, 2), 0, "-3"),
        (Fraction(1, 3), 3, "0.333"),
        (Fraction(2, 3), 3, "0.667"),
        (Decimal("91.475"), 2, "91.48"),
        (Decimal("0.0005"), 3, "0.001"),
        (Fraction(4), 3, "4.000"),
        (Decimal("100"), 2, "100.00"),
    ],
)
def test_round_half_up_rounds_ties_away_from_zero_to_the_given_places(
    value: Fraction | Decimal, places: int, shown: str
) -> None:
    assert str(round_half_up(value, places)) == shown


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
def test_round_half_up_refuses_a_value_that_is_not_a_number(value: Decimal) -> None:
    with pytest.raises(InvalidValue):
        round_half_up(value, 2)


@PROPERTIES
@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=8),
)
def test_round_half_up_agrees_with_decimal_round_half_up(value: Decimal, places: int) -> None:
    with localcontext() as ctx:
        ctx.prec = 100
        expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    for given_as in (value, Fraction(value)):
        got = round_half_up(given_as, places)
        assert got == expected
        assert got.as_tuple().exponent == -places


# --- NRR and IKM ------------------------------------------------------------------------------

EXAMPLE_A_SUMS = [105, 101, 100, 116, 102, 105, 106, 105, 115]
# Example A's answer distributions (count, score) per unsur, DOMAIN.md §1.6.
EXAMPLE_A_DISTRIBUTION = [
    [(18, 4), (11, 3)],
    [(14, 4), (15, 3)],
    [(15, 4), (12, 3), (2, 2)],
    [(29, 4)],
    [(15, 4), (14, 3)],
    [(18, 4), (11, 3)],
    [(19, 4), (10, 3)],
    [(18, 4), (11, 3)],
    [(28, 4), (1, 3)],
]


def test_worked_example_a_with_29_respondents_gives_ikm_91_48_mutu_a() -> None:
    result = compute_ikm(totals_all_answered(EXAMPLE_A_SUMS, 29), respondents=29)

    shown = [str(result.nrr_display(code)) for code in UNSUR_CODES]
    assert shown == [
        "3.621",
        "3.483",
        "3.448",
        "4.000",
        "3.517",
        "3.621",
        "3.655",
        "3.621",
        "3.966",
    ]
    assert result.ikm == Fraction(955, 29 * 9) * 25
    assert result.skm_index == Fraction(955, 29 * 9)
    assert str(result.ikm_display) == "91.48"
    assert result.mutu is Mutu.A
    assert str(result.tertimbang_display("U1")) == "0.402"
    assert result.no_ikm_key is None


def test_worked_example_a_from_the_individual_answers_gives_the_same_result() -> None:
    columns = [
        [score for count, score in dist for _ in range(count)] for dist in EXAMPLE_A_DISTRIBUTION
    ]
    responses = [dict(zip(UNSUR_CODES, row, strict=True)) for row in zip(*columns, strict=True)]
    assert len(responses) == 29

    result = compute_ikm(tally(responses), respondents=len(responses))

    assert result == compute_ikm(totals_all_answered(EXAMPLE_A_SUMS, 29), respondents=29)


def test_worked_example_b_one_respondent_answering_4_everywhere_gives_ikm_100() -> None:
    result = compute_ikm(totals_all_answered([4] * 9, 1), respondents=1)

    assert result.ikm == 100
    assert str(result.ikm_display) == "100.00"
    assert result.mutu is Mutu.A
    assert str(result.tertimbang_display("U5")) == "0.444"
    # Σ of the unrounded tertimbang is exactly 4, not 9 × 0.44 (the report's printed values).
    assert result.skm_index == 4


def test_nrr_divides_by_the_respondents_who_answered_that_unsur_not_by_all() -> None:
    totals = totals_all_answered([30] * 9, 10)
    totals[8] = UnsurTotals("U9", score_sum=16, answered=4)

    result = compute_ikm(totals, respondents=10)

    assert result.nrr["U9"] == 4
    assert result.answered["U9"] == 4
    assert result.ikm == (Fraction(3) * 8 + 4) / 9 * 25


def test_an_unsur_nobody_answered_leaves_the_ikm_and_mutu_undefined_and_says_why() -> None:
    totals = [*totals_all_answered([30] * 9, 10)[:8], UnsurTotals("U9", 0, 0)]

    result = compute_ikm(totals, respondents=10)

    assert result.ikm is None
    assert result.mutu is None
    assert result.ikm_display is None
    assert result.unanswered == ("U9",)
    assert result.no_ikm_key == "skm.no_ikm.unanswered_unsur"
    assert result.nrr_display("U1") == Decimal("3.000")


def test_an_unsur_missing_from_the_totals_counts_as_unanswered() -> None:
    result = compute_ikm(totals_all_answered([30] * 9, 10)[1:], respondents=10)
    assert result.unanswered == ("U1",)
    assert result.answered["U1"] == 0


def test_a_survey_without_respondents_has_no_ikm() -> None:
    result = compute_ikm([], respondents=0)
    assert result.ikm is None
    assert result.unanswered == UNSUR_CODES
    assert result.no_ikm_key == "skm.no_ikm.no_respondents"


def test_the_mutu_of_one_unsur_comes_from_its_nrr_times_25() -> None:
    result = compute_ikm(totals_all_answered([105, 101, 100, 116, 102, 105, 106, 105, 115], 29), 29)
    assert result.unsur_ikm("U2") == Fraction(101, 29) * 25
    assert result.unsur_mutu("U2") is Mutu.B  # 87.07
    assert result.unsur_mutu("U4") is Mutu.A


@pytest.mark.parametrize(
    ("code", "score_sum", "answered"),
    [("U1", 5, 1), ("U1", 0, 1), ("U1", 1, 0), ("U1", -4, -1), ("U10", 4, 1)],
)
def test_impossible_unsur_totals_are_refused(code: str, score_sum: int, answered: int) -> None:
    with pytest.raises(InvalidValue):
        UnsurTotals(code, score_sum, answered)


def test_more_answers_than_respondents_is_refused() -> None:
    with pytest.raises(InvalidValue):
        compute_ikm(totals_all_answered([12] * 9, 3), respondents=2)


def test_the_same_unsur_twice_in_the_totals_is_refused() -> None:
    with pytest.raises(InvalidValue):
        compute_ikm([UnsurTotals("U1", 4, 1), UnsurTotals("U1", 4, 1)], respondents=1)


def test_a_negative_respondent_count_is_refused() -> None:
    with pytest.raises(InvalidValue):
        compute_ikm([], respondents=-1)


score = st.integers(min_value=1, max_value=4)
full_response = st.fixed_dictionaries(dict.fromkeys(UNSUR_CODES, score))
partial_response = st.dictionaries(st.sampled_from(UNSUR_CODES), score)


@PROPERTIES
@given(st.lists(partial_response, min_size=1, max_size=40))
def test_any_computable_ikm_lies_between_25_and_100(responses: list[dict[str, int]]) -> None:
    result = compute_ikm(tally(responses), respondents=len(responses))
    if result.ikm is not None:
        assert 25 <= result.ikm <= 100
        assert result.mutu is mutu_for_ikm(result.ikm)
    else:
        assert result.unanswered


@PROPERTIES
@given(st.lists(full_response, min_size=1, max_size=40))
def test_when_everyone_answers_everything_ikm_is_25_times_the_mean_score(
    responses: list[dict[str, int]],
) -> None:
    scores = [s for r in responses for s in r.values()]
    result = compute_ikm(tally(responses), respondents=len(responses))
    assert result.ikm == 25 * Fraction(sum(scores), len(scores))


@PROPERTIES
@given(st.lists(partial_response, min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_the_order_of_respondents_changes_nothing(
    responses: list[dict[str, int]], rnd: random.Random
) -> None:
    shuffled = list(responses)
    rnd.shuffle(shuffled)
    assert compute_ikm(tally(shuffled), len(shuffled)) == compute_ikm(
        tally(responses), len(responses)
    )


@PROPERTIES
@given(st.lists(partial_response, min_size=1, max_size=30))
def test_each_nrr_is_the_mean_of_that_unsur_s_answers(responses: list[dict[str, int]]) -> None:
    result = compute_ikm(tally(responses), respondents=len(responses))
    for code in UNSUR_CODES:
        given_scores = [r[code] for r in responses if code in r]
        if given_scores:
            assert result.nrr[code] == Fraction(sum(given_scores), len(given_scores))
        else:
            assert code not in result.nrr


# --- Krejcie & Morgan -------------------------------------------------------------------------

# DOMAIN.md §1.7: Krejcie & Morgan (1970), N → S.
KREJCIE_MORGAN_TABLE = {
    10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 35: 32, 40: 36, 45: 40, 50: 44, 55: 48,
    60: 52, 65: 56, 70: 59, 75: 63, 80: 66, 85: 70, 90: 73, 95: 76, 100: 80, 110: 86,
    120: 92, 130: 97, 140: 103, 150: 108, 160: 113, 170: 118, 180: 123, 190: 127, 200: 132,
    210: 136, 220: 140, 230: 144, 240: 148, 250: 152, 260: 155, 270: 159, 280: 162, 290: 165,
    300: 169, 320: 175, 340: 181, 360: 186, 380: 191, 400: 196, 420: 201, 440: 205, 460: 210,
    480: 214, 500: 217, 550: 226, 600: 234, 650: 242, 700: 248, 750: 254, 800: 260, 850: 265,
    900: 269, 950: 274, 1000: 278, 1100: 285, 1200: 291, 1300: 297, 1400: 302, 1500: 306,
    1600: 310, 1700: 313, 1800: 317, 1900: 320, 2000: 322, 2200: 327, 2400: 331, 2600: 335,
    2800: 338, 3000: 341, 3500: 346, 4000: 351, 4500: 354, 5000: 357, 6000: 361, 7000: 364,
    8000: 367, 9000: 368, 10000: 370, 15000: 375, 20000: 377, 30000: 379, 40000: 380,
    50000: 381, 75000: 382, 1000000: 384,
}  # fmt: skip


def test_the_krejcie_morgan_formula_reproduces_every_row_of_the_1970_table() -> None:
    assert len(KREJCIE_MORGAN_TABLE) == 90
    computed = {n: krejcie_morgan_sample(n) for n in KREJCIE_MORGAN_TABLE}
    assert computed == KREJCIE_MORGAN_TABLE


def test_a_population_of_one_needs_one_respondent() -> None:
    assert krejcie_morgan_sample(1) == 1


@pytest.mark.parametrize("population", [0, -1])
def test_a_population_below_one_is_an_invalid_value(population: int) -> None:
    with pytest.raises(InvalidValue) as caught:
        krejcie_morgan_sample(population)
    assert caught.value.params["field"] == "population"


@PROPERTIES
@given(st.integers(min_value=1, max_value=10**7))
def test_the_sample_never_exceeds_the_population_nor_shrinks_as_it_grows(population: int) -> None:
    sample = krejcie_morgan_sample(population)
    assert 1 <= sample <= population
    assert sample <= krejcie_morgan_sample(population + 1)


def test_sample_progress_reports_a_missed_target_without_refusing_anything() -> None:
    progress = SampleProgress.for_population(1000, collected=139)
    assert progress.target == 278
    assert progress.ratio == Fraction(1, 2)
    assert not progress.met
    assert progress.remaining == 139


def test_sample_progress_is_met_at_and_beyond_the_target() -> None:
    assert SampleProgress(80, 80).met
    over = SampleProgress(80, 120)
    assert over.met
    assert over.remaining == 0
    assert over.ratio == Fraction(3, 2)


@pytest.mark.parametrize(("target", "collected"), [(0, 0), (10, -1)])
def test_impossible_sample_progress_is_refused(target: int, collected: int) -> None:
    with pytest.raises(InvalidValue):
        SampleProgress(target, collected)


# --- texts ------------------------------------------------------------------------------------


def test_every_skm_text_key_the_domain_names_exists_in_both_languages() -> None:
    keys = {METHOD_KEY, "skm.no_ikm.no_respondents", "skm.no_ikm.unanswered_unsur"}
    keys |= {m.key for m in Mutu}
    for u in UNSUR:
        keys |= {u.name_key, u.question_key, *u.option_keys}
    assert set(skm_texts.ID) == set(skm_texts.EN)
    assert keys <= set(skm_texts.ID)


def test_the_indonesian_unsur_names_are_the_regulation_s_names() -> None:
    assert [skm_texts.ID[u.name_key] for u in UNSUR] == [u.name for u in UNSUR]


def test_the_indonesian_labels_are_the_standard_questionnaire_s() -> None:
    labels = {u.code: [skm_texts.ID[k] for k in u.option_keys] for u in UNSUR}
    assert labels["U4"] == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert labels["U8"] == ["Buruk", "Cukup", "Baik", "Sangat Baik"]
    assert labels["U9"] == [
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ]


def test_the_regulation_s_wording_contains_no_raw_html_special_characters() -> None:
    regulation = [k for k in skm_texts.ID if k.startswith(("skm.U", "skm.mutu.", "skm.method"))]
    values = [catalog[k] for catalog in (skm_texts.ID, skm_texts.EN) for k in regulation]
    for value in values:
        assert "<" not in value
        assert ">" not in value
        assert "&" not in value.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")
