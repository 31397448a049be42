"""The citizen survey as data (questionnaire, response, keyed mark), report periods and the
paper-form import: pure rules, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.actors import StaffMember
from domain.engine.questionnaire import StepKind
from domain.errors import ImportRejected, InvalidValue
from domain.localtime import local_date, start_of_day
from domain.org.csvimport import read_csv
from domain.org.ports import ServiceRecord
from domain.org.units import heads_own_unit
from domain.skm.ikm import UNSUR_CODES, UnsurTotals, compute_ikm, unsur_by_code
from domain.skm.paper_import import parse_paper_responses
from domain.skm.report_model import IkmGroup, ScopeKind, lowest_unsur, weakest_unsur, withhold_lines
from domain.skm.report_period import ReportPeriod, ReportSpan, parse_date
from domain.skm.survey import (
    PROFILE,
    Channel,
    SkmResponse,
    age_band,
    next_digest,
    respondent_mark,
    response_from_answers,
    survey_questionnaire,
)

SECRET = "tk-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
KTP = ServiceRecord(7, "KTP-EL", "KTP-el", 3, "DISDUKCAPIL-IDP", "Seksi IDP", True)
OLD = ServiceRecord(8, "IUMK", "IUMK", 4, "DPMPTSP", "DPMPTSP", False)
SERVICES = {KTP.code: KTP, OLD.code: OLD}


# --- the questionnaire ----------------------------------------------------------------------


def test_the_survey_asks_the_nine_unsur_first_in_questionnaire_order_u1_to_u9() -> None:
    steps = survey_questionnaire("KTP-el", "Seksi IDP").steps
    assert [s.key for s in steps[:9]] == list(UNSUR_CODES)
    assert steps[7].prompt == "skm.U8.question"  # sarana is U8, pengaduan U9 (§1.2)
    assert steps[8].prompt == "skm.U9.question"


def test_every_unsur_offers_the_regulation_s_four_labels_in_ascending_score_order() -> None:
    for step in survey_questionnaire("KTP-el", "Seksi IDP").steps[:9]:
        assert step.kind is StepKind.SCALE
        assert step.required
        assert [o.value for o in step.options] == ["1", "2", "3", "4"]
        assert [o.label for o in step.options] == list(unsur_by_code(step.key).option_keys)


def test_the_profile_suggestion_and_contact_are_optional_and_contact_follows_a_suggestion() -> None:
    q = survey_questionnaire("KTP-el", "Seksi IDP")
    optional = [s.key for s in q.steps[9:]]
    assert optional == ["gender", "age", "education", "occupation", "suggestion", "contact"]
    assert not any(s.required for s in q.steps[9:])
    contact = q.step("contact")
    assert not contact.applies({"suggestion": None})
    assert contact.applies({"suggestion": "Antrean lama"})


def test_a_submitted_survey_becomes_a_response_keyed_by_unsur_code() -> None:
    answers = {code: str(n % 4 + 1) for n, code in enumerate(reversed(UNSUR_CODES))}
    answers |= {"gender": "P", "age": None, "suggestion": "Tambah kursi", "contact": None}
    response = response_from_answers(
        answers, service_id=7, unit_id=3, submitted_at=NOW, day=NOW.date()
    )
    assert response.scores["U9"] == 1
    assert response.scores["U1"] == int(answers["U1"])
    assert response.profile == {"gender": "P"}
    assert response.channel is Channel.TELEGRAM
    assert response.suggestion == "Tambah kursi"
    assert response.contact is None


def test_a_response_refuses_a_score_outside_one_to_four_and_an_unknown_profile_value() -> None:
    with pytest.raises(Exception, match="out_of_range"):
        SkmResponse(7, 3, NOW, NOW.date(), Channel.PAPER, {"U1": 5})
    with pytest.raises(InvalidValue):
        SkmResponse(7, 3, NOW, NOW.date(), Channel.PAPER, {"U1": 4}, {"gender": "X"})


# --- the keyed mark -------------------------------------------------------------------------


def test_the_mark_never_contains_the_telegram_id_and_needs_the_secret() -> None:
    mark = respondent_mark(SECRET, 123456789, "KTP-EL", date(2026, 11, 27))
    assert "123456789" not in mark
    assert len(mark) == 64
    assert mark != respondent_mark(
        "another-secret-of-enough-length-000000", 123456789, "KTP-EL", date(2026, 11, 27)
    )


def test_the_same_person_gets_unrelated_marks_on_two_days_and_for_two_services() -> None:
    day = date(2026, 11, 27)
    first = respondent_mark(SECRET, 1, "KTP-EL", day)
    assert first == respondent_mark(SECRET, 1, "KTP-EL", day)
    assert first != respondent_mark(SECRET, 1, "KTP-EL", date(2026, 11, 28))
    assert first != respondent_mark(SECRET, 1, "KK", day)
    assert first != respondent_mark(SECRET, 2, "KTP-EL", day)


def test_the_local_date_follows_the_unit_s_zone() -> None:
    late = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)  # 23.30 WIB, 00.30 WITA, 01.30 WIT
    assert local_date(late, "Asia/Jakarta") == date(2026, 11, 27)
    assert local_date(late, "Asia/Makassar") == date(2026, 11, 28)
    assert local_date(late, "Asia/Jayapura") == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (10, "lt20"),
        (19, "lt20"),
        (20, "20-29"),
        (39, "30-39"),
        (59, "50-59"),
        (60, "60+"),
        (99, "60+"),
    ],
)
def test_an_age_in_years_falls_in_its_band(age: int, band: str) -> None:
    assert age_band(age) == band
    assert band in PROFILE[1].values


# --- periods and the weakest unsur ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "today", "start", "end"),
    [
        (ReportSpan.QUARTER, date(2026, 11, 27), date(2026, 10, 1), date(2026, 12, 31)),
        (ReportSpan.QUARTER, date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (ReportSpan.SEMESTER, date(2026, 6, 30), date(2026, 1, 1), date(2026, 6, 30)),
        (ReportSpan.SEMESTER, date(2026, 7, 1), date(2026, 7, 1), date(2026, 12, 31)),
        (ReportSpan.YEAR, date(2024, 2, 29), date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_a_preset_period_is_the_calendar_quarter_semester_or_year_of_today(
    kind: ReportSpan, today: date, start: date, end: date
) -> None:
    period = ReportPeriod.of(kind, today)
    assert (period.date_from, period.date_to) == (start, end)
    assert period.contains(today)


def test_a_reversed_or_overlong_period_is_refused() -> None:
    with pytest.raises(InvalidValue, match="period_reversed"):
        ReportPeriod(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(InvalidValue, match="period_too_long"):
        ReportPeriod(date(2000, 1, 1), date(2026, 1, 1))


@pytest.mark.parametrize("text", ["2026-06-30", "30/06/2026", "30-06-2026", " 2026-06-30 "])
def test_a_date_is_read_as_iso_or_as_indonesians_write_it(text: str) -> None:
    assert parse_date(text) == date(2026, 6, 30)


@pytest.mark.parametrize("text", ["2026-13-01", "31/02/2026", "kemarin", "", "2026/06/30"])
def test_an_unreadable_date_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_date(text)
    assert caught.value.params["example"] == "2026-06-30"


def test_the_weakest_unsur_are_those_with_the_lowest_nrr_all_of_them_on_a_tie() -> None:
    sums = [105, 101, 100, 116, 102, 105, 106, 105, 115]
    result = compute_ikm(
        [UnsurTotals(c, s, 29) for c, s in zip(UNSUR_CODES, sums, strict=True)], 29
    )
    assert weakest_unsur(result) == ("U3",)
    assert lowest_unsur(result, 3) == ("U3", "U2", "U5")
    tie = compute_ikm([UnsurTotals(c, 3, 1) for c in UNSUR_CODES], 1)
    assert weakest_unsur(tie) == UNSUR_CODES
    assert weakest_unsur(compute_ikm((), 0)) == ()


def _member(member_id: int, unit_id: int, supervisor_id: int | None) -> StaffMember:
    return StaffMember(member_id, "1", "x", "x", "jpt", unit_id, "U", "U", supervisor_id, None)


def test_a_unit_head_leads_someone_in_the_unit_and_answers_to_someone_outside_it() -> None:
    head = _member(1, unit_id=10, supervisor_id=9)
    boss = _member(9, unit_id=1, supervisor_id=None)
    staff = _member(2, unit_id=10, supervisor_id=1)
    assert heads_own_unit(head, supervisor=boss, subordinates=[staff], subtree=[10, 11])
    sub_unit_head = _member(3, unit_id=11, supervisor_id=1)
    assert heads_own_unit(head, supervisor=boss, subordinates=[sub_unit_head], subtree=[10, 11])
    deputy = _member(4, unit_id=10, supervisor_id=1)
    assert not heads_own_unit(deputy, supervisor=head, subordinates=[staff], subtree=[10, 11])
    assert not heads_own_unit(head, supervisor=boss, subordinates=[], subtree=[10, 11])


# --- paper forms ----------------------------------------------------------------------------

HEADER = "service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion"


def _parse(text: str) -> list[SkmResponse]:
    return parse_paper_responses(
        read_csv(text), services=SERVICES, today=date(2026, 11, 27), imported_at=NOW
    )


def test_paper_rows_become_paper_responses_with_their_survey_date() -> None:
    rows = _parse(
        f"{HEADER}\n"
        'ktp-el,2026-08-01,4,3,3,4,3,4,4,3,4,P,34,S1,pns,"Antrean lama, tambah loket"\n'
        "IUMK,01/08/2026,1,2,3,4,1,2,3,4,1,,,,,\n"
    )
    assert [r.channel for r in rows] == [Channel.PAPER, Channel.PAPER]
    assert rows[0].service_id == 7
    assert rows[0].local_date == date(2026, 8, 1)
    assert rows[0].submitted_at == NOW
    assert rows[0].profile == {
        "gender": "P",
        "age": "30-39",
        "education": "S1",
        "occupation": "PNS",
    }
    assert rows[0].suggestion == "Antrean lama, tambah loket"
    assert rows[1].profile == {}
    assert rows[1].suggestion is None


def test_paper_scores_are_read_by_the_column_s_unsur_code_whatever_the_order() -> None:
    shuffled = "u9,u8,u7,u6,u5,u4,u3,u2,u1,date,service_code"
    [row] = _parse(f"{shuffled}\n1,2,3,4,4,4,4,4,4,2026-08-01,KTP-EL\n")
    assert row.scores["U9"] == 1
    assert row.scores["U8"] == 2
    assert row.scores["U1"] == 4


def test_a_bad_paper_file_is_refused_whole_with_every_error_and_its_line() -> None:
    with pytest.raises(ImportRejected) as caught:
        _parse(
            f"{HEADER}\n"
            "KTP-EL,2026-08-01,4,4,4,4,4,4,4,4,4,,,,,\n"
            "NOPE,2026-08-01,4,4,4,4,4,4,4,4,5,X,,,,\n"
            "KTP-EL,2099-01-01,4,,4,4,4,4,4,4,a,,,,,\n"
        )
    found = [(e.line, e.field, e.reason) for e in caught.value.errors]
    assert found == [
        (3, "service_code", "skm_unknown_service"),
        (3, "u9", "out_of_range"),
        (3, "gender", "unknown_option"),
        (4, "date", "skm_future_date"),
        (4, "u2", "required"),
        (4, "u9", "not_a_number"),
    ]


def test_a_paper_file_missing_a_score_column_or_with_a_stray_column_is_refused() -> None:
    with pytest.raises(ImportRejected) as caught:
        _parse(
            "service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,unsur9\nKTP-EL,2026-08-01,1,1,1,1,1,1,1,1,1\n"
        )
    assert {(e.field, e.reason) for e in caught.value.errors} == {
        ("u9", "missing_column"),
        ("unsur9", "unknown_column"),
    }


@settings(database=None, max_examples=100, deadline=None)
@given(st.lists(st.tuples(*(st.integers(1, 4) for _ in UNSUR_CODES)), min_size=1, max_size=30))
def test_any_valid_paper_file_imports_every_row_with_its_scores(
    rows: list[tuple[int, ...]],
) -> None:
    text = "service_code,date," + ",".join(c.lower() for c in UNSUR_CODES) + "\n"
    text += "".join("KTP-EL,2026-08-01," + ",".join(map(str, r)) + "\n" for r in rows)
    parsed = _parse(text)
    assert [tuple(p.scores[c] for c in UNSUR_CODES) for p in parsed] == rows


# --- privacy helpers ------------------------------------------------------------------------


def test_a_chat_response_is_dated_at_the_start_of_the_unit_s_day() -> None:
    assert start_of_day(date(2026, 8, 14), "Asia/Jakarta") == datetime(2026, 8, 13, 17, tzinfo=UTC)
    assert start_of_day(date(2026, 8, 14), "Asia/Jayapura") == datetime(2026, 8, 13, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 8, 14, 3, 0, tzinfo=UTC), datetime(2026, 8, 14, 9, 0, tzinfo=UTC)),
        (datetime(2026, 8, 14, 8, 59, tzinfo=UTC), datetime(2026, 8, 14, 9, 0, tzinfo=UTC)),
        (datetime(2026, 8, 14, 9, 0, tzinfo=UTC), datetime(2026, 8, 15, 9, 0, tzinfo=UTC)),
        (datetime(2026, 8, 14, 20, 0, tzinfo=UTC), datetime(2026, 8, 15, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_saran_is_forwarded_at_the_next_digest_hour_of_the_unit_s_day(
    now: datetime, due: datetime
) -> None:
    assert next_digest(now, "Asia/Jakarta", 16) == due  # 16.00 WIB = 09.00 UTC


def test_a_digest_hour_outside_the_day_is_refused() -> None:
    with pytest.raises(InvalidValue):
        next_digest(NOW, "Asia/Jakarta", 24)


def test_the_previous_quarter_of_january_is_last_year_s_fourth() -> None:
    assert ReportPeriod.previous(ReportSpan.QUARTER, date(2027, 1, 5)) == ReportPeriod(
        date(2026, 10, 1), date(2026, 12, 31), ReportSpan.QUARTER
    )


def _line(code: str, respondents: int) -> IkmGroup:
    totals = [UnsurTotals(c, 3 * respondents, respondents) for c in UNSUR_CODES]
    period = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
    return IkmGroup(
        ScopeKind.SERVICE, 1, "U", "Unit", code, code, period, compute_ikm(totals, respondents)
    )


def test_small_lines_are_withheld_with_the_next_smallest_until_they_hide_enough() -> None:
    lines = [_line("A", 1), _line("B", 7), _line("C", 4), _line("D", 0), _line("E", 12)]
    shown = {g.code: g.withheld for g in withhold_lines(lines, 5)}
    assert shown == {"A": True, "B": False, "C": True, "D": False, "E": False}
    three = withhold_lines([_line("A", 1), _line("B", 7), _line("C", 3), _line("E", 12)], 5)
    assert [g.withheld for g in three] == [True, True, True, False]  # 1 + 3 < 5: B too
    assert not any(g.withheld for g in withhold_lines([_line("A", 5), _line("B", 9)], 5))
    everything = withhold_lines([_line("A", 1), _line("B", 2)], 5)
    assert all(g.withheld for g in everything)
    assert [g.result.respondents for g in everything] == [1, 2]  # the counts stay
