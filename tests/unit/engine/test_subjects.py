"""A flow's subject, typed: one codec writes it into the session and reads it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pytest

from domain.engine.subjects import NoSubject, Subjects
from domain.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class CaseRef:
    period: int
    employee: int | None = None


class Kind(StrEnum):
    UNIT = "unit"
    SERVICE = "service"


@dataclass(frozen=True, slots=True)
class Span:
    start: date
    end: date
    label: str = "custom"


@dataclass(frozen=True, slots=True)
class Report:
    kind: Kind
    scope: int
    span: Span


CASES = Subjects(CaseRef, "period:{period}", "period:{period}:employee:{employee}")
REPORTS = Subjects(Report, "{kind}:{scope}:{span.start}:{span.end}")
CODES = Subjects(CaseRef, "code:{period}")


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (CaseRef(3), "period:3"),
        (CaseRef(3, 17), "period:3:employee:17"),
    ],
)
def test_a_subject_is_written_by_the_template_naming_exactly_its_set_fields(subject, text):
    assert CASES.encode(subject) == text
    assert CASES.parse(text) == subject


def test_enums_dates_and_nested_dataclasses_go_both_ways():
    report = Report(Kind.UNIT, 5, Span(date(2026, 7, 1), date(2026, 9, 30)))
    text = REPORTS.encode(report)
    assert text == "unit:5:2026-07-01:2026-09-30"
    assert REPORTS.parse(text) == report  # the nested default (label) is filled in


def test_a_subject_about_nothing_is_its_constant():
    fixed = Subjects(NoSubject, "self")
    assert fixed.encode(NoSubject()) == "self"
    assert fixed.parse("self") == NoSubject()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "period",
        "period:x",
        "periods:3",
        "period:3:employee",
        "period:3:boss:4",
        "period:3:employee:17:more",
        "period::employee:1",
    ],
)
def test_text_that_no_template_matches_is_refused(text):
    with pytest.raises(InvalidValue) as refused:
        CASES.parse(text)
    assert (refused.value.reason, refused.value.params) == ("bad_subject", {"field": "subject"})


def test_an_unknown_enum_value_or_a_bad_date_is_refused():
    for text in ("team:5:2026-07-01:2026-09-30", "unit:5:2026-13-01:2026-09-30"):
        with pytest.raises(InvalidValue):
            REPORTS.parse(text)


def test_a_subject_no_template_can_write_is_a_programming_error():
    with pytest.raises(ValueError, match="no template"):
        CODES.encode(CaseRef(3, 17))  # "code:{period}" has no place for the employee


def test_a_template_naming_a_field_the_subject_lacks_fails_when_it_is_declared():
    with pytest.raises(KeyError):
        Subjects(CaseRef, "period:{periode}")
