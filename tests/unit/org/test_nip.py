"""NIP PNS and NI PPPK: structure and plausibility rules of DOMAIN.md §3."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidNip
from domain.org.nip import EARLIEST_BIRTH_YEAR, MIN_AGE_YEARS, Nip

TODAY = date(2026, 11, 27)
REASONS = {"not_18_digits", "birth_date", "age", "tmt", "tmt_future", "sex", "sequence"}


def refusal(text: str, today: date = TODAY) -> InvalidNip:
    with pytest.raises(InvalidNip) as caught:
        Nip.parse(text, today=today)
    return caught.value


# --- the documented examples ---------------------------------------------------------------------


def test_the_bkn_example_200012312024121001_reads_as_a_man_born_on_new_years_eve_2000():
    nip = Nip.parse("200012312024121001", today=TODAY)
    assert nip.birth_date == date(2000, 12, 31)
    assert nip.appointment == (2024, 12)
    assert nip.sex == "L"
    assert nip.sequence == 1
    assert nip.kind == "pns"
    assert nip.contract_count is None


def test_the_bkn_example_196711101992031001_has_a_tmt_of_march_1992():
    nip = Nip.parse("196711101992031001", today=TODAY)
    assert nip.birth_date == date(1967, 11, 10)
    assert nip.appointment == (1992, 3)
    assert (nip.sex, nip.sequence, nip.kind) == ("L", 1, "pns")


def test_an_ni_pppk_has_an_appointment_year_without_a_month():
    nip = Nip.parse("200012312024211001", today=TODAY)
    assert nip.kind == "pppk"
    assert nip.appointment == (2024, None)
    assert nip.contract_count == 1
    assert nip.birth_date == date(2000, 12, 31)
    assert (nip.sex, nip.sequence) == ("L", 1)


def test_an_ni_pppk_may_carry_up_to_nine_contracts():
    assert Nip.parse("199105092024292001", today=TODAY).contract_count == 9


def test_a_woman_is_recorded_with_sex_digit_2():
    assert Nip.parse("199608182022042001", today=TODAY).sex == "P"


# --- reading printed forms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    [
        "19960818 202204 1 001",
        "19960818.202204.1.001",
        "  199608182022041001  ",
        "19960818\u00a0202204\u00a01\u00a0001",
        "19960818. 202204. 1. 001",
    ],
)
def test_spaces_and_dots_in_a_printed_nip_are_ignored(printed):
    assert Nip.parse(printed, today=TODAY).value == "199608182022041001"


def test_an_nip_is_printed_in_four_groups_and_stringifies_to_its_digits():
    nip = Nip.parse("199608182022041001", today=TODAY)
    assert nip.formatted == "19960818 202204 1 001"
    assert str(nip) == "199608182022041001"


def test_two_spellings_of_one_nip_are_equal_and_hash_alike():
    first = Nip.parse("19960818 202204 1 001", today=TODAY)
    second = Nip.parse("199608182022041001", today=TODAY)
    assert first == second
    assert len({first, second}) == 1


def test_a_stored_nip_can_be_rebuilt_without_a_date():
    assert Nip("199608182022041001").birth_date == date(1996, 8, 18)


def test_rebuilding_an_nip_from_storage_still_checks_its_structure():
    with pytest.raises(InvalidNip) as caught:
        Nip("199608182022131001")
    assert caught.value.reason == "tmt"


def test_rebuilding_an_nip_does_not_accept_a_printed_form():
    with pytest.raises(InvalidNip) as caught:
        Nip("19960818 202204 1 001")
    assert caught.value.reason == "not_18_digits"


# --- rule 1: 18 digits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "19960818202204100", "1996081820220410011", "19960818202204100X", "19960818-202204-1-001"],
)
def test_anything_but_eighteen_ascii_digits_is_refused(text):
    error = refusal(text)
    assert error.reason == "not_18_digits"
    assert error.params["expected"] == 18


def test_eighteen_non_ascii_digits_are_refused():
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in "199608182022041001")
    assert refusal(arabic_indic).reason == "not_18_digits"


def test_a_trailing_newline_is_not_mistaken_for_the_end_of_the_number():
    assert refusal("199608182022041001\n1").reason == "not_18_digits"


def test_the_length_refusal_reports_how_many_digits_were_given():
    assert refusal("1234").params["length"] == 4


# --- rule 2: birth date --------------------------------------------------------------------------


def test_a_nip_with_a_thirteenth_month_of_birth_is_refused():
    error = refusal("199613182022041001")
    assert error.reason == "birth_date"
    assert error.params["value"] == "19961318"


def test_a_birth_on_the_thirty_first_of_april_is_refused():
    assert refusal("199604312022041001").reason == "birth_date"


def test_a_birth_on_29_february_of_a_leap_year_is_accepted():
    assert Nip.parse("199202292019031004", today=TODAY).birth_date == date(1992, 2, 29)


def test_a_birth_on_29_february_of_a_common_year_is_refused():
    assert refusal("199302292019031004").reason == "birth_date"


def test_a_birth_on_29_february_1900_is_refused_because_1900_was_not_a_leap_year():
    assert refusal("190002292019031004").reason == "birth_date"


def test_a_birth_before_1940_is_implausible():
    error = refusal("193912311960011001")
    assert error.reason == "age"
    assert error.params["earliest"] == f"{EARLIEST_BIRTH_YEAR}-01-01"


def test_a_birth_on_1_january_1940_is_accepted():
    assert Nip.parse("194001011960011001", today=TODAY).birth_date == date(1940, 1, 1)


def test_someone_younger_than_seventeen_cannot_hold_an_nip():
    error = refusal("200911282026111001")
    assert error.reason == "age"
    assert error.params["latest"] == "2009-11-27"
    assert MIN_AGE_YEARS == 17


def test_someone_turning_seventeen_today_can_hold_an_nip():
    assert Nip.parse("200911272026111001", today=TODAY).birth_date == date(2009, 11, 27)


def test_a_leap_day_birth_turns_seventeen_on_the_first_of_march_in_a_common_year():
    text = "200802292025031001"
    assert refusal(text, today=date(2025, 2, 28)).reason == "age"
    assert Nip.parse(text, today=date(2025, 3, 1)).birth_date == date(2008, 2, 29)


def test_today_being_29_february_does_not_break_the_age_check():
    leap_today = date(2024, 2, 29)
    assert Nip.parse("200702282024021001", today=leap_today).birth_date == date(2007, 2, 28)
    assert refusal("200703012024021001", today=leap_today).reason == "age"


# --- rule 3: TMT (digits 9-14) -------------------------------------------------------------------


@pytest.mark.parametrize("month", ["00", "13", "19", "20", "30", "99"])
def test_a_tmt_month_that_is_neither_a_month_nor_a_pppk_marker_is_refused(month):
    error = refusal(f"19960818 2022{month} 1 001")
    assert error.reason == "tmt"
    assert error.params["value"] == f"2022{month}"


def test_a_nip_with_a_thirteenth_month_is_refused():
    assert refusal("199608182022131001").reason == "tmt"


def test_an_appointment_before_the_age_of_seventeen_is_refused():
    error = refusal("199608182012041001")
    assert error.reason == "tmt"
    assert error.params["earliest_year"] == 2013


def test_an_appointment_in_the_year_of_the_seventeenth_birthday_is_accepted():
    assert Nip.parse("199608182013011001", today=TODAY).appointment == (2013, 1)


def test_an_ni_pppk_appointed_before_seventeen_is_refused():
    assert refusal("200012312016211001").reason == "tmt"


def test_a_tmt_next_month_is_refused_as_future():
    error = refusal("199608182026121001")
    assert error.reason == "tmt_future"
    assert error.params["latest"] == "202611"


def test_a_tmt_this_month_is_accepted():
    assert Nip.parse("199608182026111001", today=TODAY).appointment == (2026, 11)


def test_an_ni_pppk_appointed_next_year_is_refused_as_future():
    assert refusal("199608182027211001").reason == "tmt_future"


def test_an_ni_pppk_appointed_this_year_is_accepted():
    assert Nip.parse("199608182026211001", today=TODAY).appointment == (2026, None)


# --- rules 4 and 5: sex and nomor urut -----------------------------------------------------------


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_a_sex_digit_other_than_1_or_2_is_refused(digit):
    error = refusal(f"19960818202204{digit}001")
    assert error.reason == "sex"
    assert error.params["digit"] == digit


def test_sequence_number_000_is_refused():
    error = refusal("199608182022041000")
    assert error.reason == "sequence"
    assert error.params["minimum"] == 1


def test_sequence_number_999_is_accepted():
    assert Nip.parse("199608182022041999", today=TODAY).sequence == 999


def test_each_refusal_has_its_own_message_key():
    assert refusal("199608182022041000").message_key == "error.invalid_nip.sequence"


def test_rules_are_checked_in_order_so_the_first_broken_one_is_reported():
    assert refusal("199613182022133000").reason == "birth_date"


# --- properties ----------------------------------------------------------------------------------


@st.composite
def valid_nips(draw: st.DrawFn) -> str:
    latest_birth = date(TODAY.year - MIN_AGE_YEARS, TODAY.month, TODAY.day)
    birth = draw(st.dates(date(EARLIEST_BIRTH_YEAR, 1, 1), latest_birth))
    year = draw(st.integers(birth.year + MIN_AGE_YEARS, TODAY.year))
    if draw(st.booleans()):
        middle = f"2{draw(st.integers(1, 9))}"  # NI PPPK: contract count
    else:
        last_month = TODAY.month if year == TODAY.year else 12
        middle = f"{draw(st.integers(1, last_month)):02d}"
    sex = draw(st.sampled_from("12"))
    return f"{birth:%Y%m%d}{year}{middle}{sex}{draw(st.integers(1, 999)):03d}"


@given(valid_nips())
def test_any_valid_nip_formatted_then_parsed_round_trips(digits):
    nip = Nip.parse(digits, today=TODAY)
    assert Nip.parse(nip.formatted, today=TODAY) == nip
    assert Nip.parse(nip.formatted.replace(" ", "."), today=TODAY) == nip
    assert str(nip) == digits
    assert Nip(str(nip)) == nip


@given(valid_nips())
def test_any_valid_nip_stays_valid_in_later_years(digits):
    assert Nip.parse(digits, today=TODAY + timedelta(days=3650)).value == digits


def outcome(text: str) -> Nip | InvalidNip:
    try:
        return Nip.parse(text, today=TODAY)
    except InvalidNip as error:
        return error


@given(st.text(alphabet="0123456789 .", max_size=24))
def test_any_digit_string_is_either_an_nip_or_refused_with_a_reason(text):
    result = outcome(text)
    if isinstance(result, InvalidNip):
        assert result.reason in REASONS
    else:
        assert len(result.value) == 18
        assert result.birth_date <= TODAY


@given(st.text(max_size=40))
def test_arbitrary_text_never_raises_anything_but_invalid_nip(text):
    assert isinstance(outcome(text), Nip | InvalidNip)
