"""Paper SKM forms typed into a CSV file: validate every row, then import all or nothing.

Columns: ``service_code,date,u1,…,u9`` are required; ``gender,age,education,occupation,
suggestion`` may be left out or empty. Scores are 1–4 (a=1 … d=4 on the form, §1.3) and are read
by the column's unsur code, whatever the column order. ``age`` may be a number of years or a band
code. Every problem of every row is reported with its line; one bad row imports nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Final, TypeVar

from domain.errors import ImportRejected, InvalidAnswer, InvalidValue, RowError
from domain.org.csvimport import CsvRow, CsvTable, require_columns
from domain.org.ports import ServiceRecord
from domain.org.structure import normalise_code
from domain.skm.ikm import UNSUR_CODES, validate_score
from domain.skm.report_period import parse_date
from domain.skm.survey import (
    AGE,
    CONTACT_LIMIT,
    PROFILE,
    SUGGESTION_LIMIT,
    Channel,
    ProfileField,
    SkmResponse,
    age_band,
)

SCORE_COLUMNS: Final = tuple(code.lower() for code in UNSUR_CODES)
REQUIRED_COLUMNS: Final = ("service_code", "date", *SCORE_COLUMNS)
OPTIONAL_COLUMNS: Final = (*(p.key for p in PROFILE), "suggestion", "contact")
T = TypeVar("T")


@dataclass(slots=True)
class _Errors:
    items: list[RowError] = field(default_factory=list)

    def check(self, row: CsvRow, column: str, read: Callable[[str], T]) -> T | None:
        """``read(cell)``; a refusal is recorded with the row's line and ``None`` returned."""
        try:
            return read(row[column])
        except InvalidAnswer as exc:
            reason = "not_a_number" if exc.reason == "expected_number" else exc.reason
            self.add(row.line, column, reason or "invalid", exc.params)
        except InvalidValue as exc:
            params = {k: v for k, v in exc.params.items() if k != "field"}
            self.add(row.line, column, exc.reason or "invalid", params)
        return None

    def add(self, line: int, column: str, reason: str, params: Mapping[str, object]) -> None:
        self.items.append(RowError(line, column, reason, dict(params) or None))


def _check_columns(table: CsvTable) -> None:
    require_columns(table, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)


def _service_reader(services: Mapping[str, ServiceRecord]) -> Callable[[str], ServiceRecord]:
    def read(text: str) -> ServiceRecord:
        code = normalise_code(text, field="service_code")
        if code not in services:
            raise InvalidValue("skm_unknown_service", value=code)
        return services[code]

    return read


def _date_reader(today: date) -> Callable[[str], date]:
    def read(text: str) -> date:
        if not text.strip():
            raise InvalidValue("required")
        day = parse_date(text)
        if day > today:
            raise InvalidValue("skm_future_date", value=day.isoformat())
        return day

    return read


def _score_reader(code: str) -> Callable[[str], int]:
    def read(text: str) -> int:
        if not text.strip():
            raise InvalidValue("required")
        return validate_score(code, text)

    return read


def _profile_reader(profile: ProfileField) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        if not text.strip():
            return None
        if profile is AGE and text.strip().isdecimal():
            return age_band(int(text.strip()))
        try:
            return profile.check(text)
        except InvalidValue:
            raise InvalidValue("unknown_option", options=", ".join(profile.values)) from None

    return read


def _text_reader(limit: int) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        value = " ".join(text.split())
        if len(value) > limit:
            raise InvalidValue("too_long", limit=limit)
        return value or None

    return read


@dataclass(frozen=True, slots=True)
class _Readers:
    service: Callable[[str], ServiceRecord]
    day: Callable[[str], date]
    imported_at: datetime


def _read_row(row: CsvRow, errors: _Errors, read: _Readers) -> SkmResponse | None:
    before = len(errors.items)
    service = errors.check(row, "service_code", read.service)
    day = errors.check(row, "date", read.day)
    scores = {code: errors.check(row, code.lower(), _score_reader(code)) for code in UNSUR_CODES}
    profile = {p.key: errors.check(row, p.key, _profile_reader(p)) for p in PROFILE}
    suggestion = errors.check(row, "suggestion", _text_reader(SUGGESTION_LIMIT))
    contact = errors.check(row, "contact", _text_reader(CONTACT_LIMIT))
    if len(errors.items) > before or service is None or day is None:
        return None
    return SkmResponse(
        service_id=service.id,
        unit_id=service.unit_id,
        submitted_at=read.imported_at,
        local_date=day,
        channel=Channel.PAPER,
        scores={code: score for code, score in scores.items() if score is not None},
        profile={key: value for key, value in profile.items() if value is not None},
        suggestion=suggestion,
        contact=contact,
    )


def parse_paper_responses(
    table: CsvTable,
    *,
    services: Mapping[str, ServiceRecord],
    today: date,
    imported_at: datetime,
) -> list[SkmResponse]:
    """Every row as a paper response, or :class:`ImportRejected` with every error by line.

    ``services`` maps codes to the stored services (inactive ones too: a form filled in before
    a service closed still counts). ``date`` is the survey day at the counter, so it drives the
    period; ``imported_at`` is when the response reached the system.
    """
    _check_columns(table)
    errors = _Errors()
    readers = _Readers(_service_reader(services), _date_reader(today), imported_at)
    responses = [response for row in table.rows if (response := _read_row(row, errors, readers))]
    if errors.items:
        raise ImportRejected(sorted(errors.items, key=attrgetter("line")))
    return responses
