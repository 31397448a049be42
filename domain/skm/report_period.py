"""The period an IKM report covers: an inclusive range of local dates, usually a calendar
quarter, semester or year (PermenPANRB 14/2017 §1.8). Not the appraisal's period
(:class:`~domain.appraisal.periods.AppraisalPeriod`), which has deadlines and a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from domain.errors import InvalidValue

MAX_PERIOD_DAYS: Final = 5 * 366  # a longer range is a typo, not a survey period


class ReportSpan(StrEnum):
    """How long a report's period is: a calendar quarter, semester or year, or any range."""

    QUARTER = "quarter"
    SEMESTER = "semester"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """An inclusive range of local dates (triwulan, semester, tahun or any range, §1.8)."""

    date_from: date
    date_to: date
    kind: ReportSpan = ReportSpan.CUSTOM

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise InvalidValue("period_reversed", field="period", start=self.date_from)
        if (self.date_to - self.date_from).days > MAX_PERIOD_DAYS:
            raise InvalidValue("period_too_long", field="period", limit=MAX_PERIOD_DAYS)

    @classmethod
    def of(cls, kind: ReportSpan, today: date) -> ReportPeriod:
        """The calendar quarter, semester or year that contains ``today``."""
        months = {ReportSpan.QUARTER: 3, ReportSpan.SEMESTER: 6, ReportSpan.YEAR: 12}
        if kind not in months:
            raise InvalidValue("period_kind", field="period", value=kind)
        span = months[kind]
        first = (today.month - 1) // span * span + 1
        start = date(today.year, first, 1)
        after = (
            date(today.year + 1, 1, 1) if first + span > 12 else date(today.year, first + span, 1)
        )
        return cls(start, after - timedelta(days=1), kind)

    def contains(self, day: date) -> bool:
        return self.date_from <= day <= self.date_to

    @classmethod
    def previous(cls, kind: ReportSpan, today: date) -> ReportPeriod:
        """The whole quarter, semester or year before the one that contains ``today``."""
        return cls.of(kind, cls.of(kind, today).date_from - timedelta(days=1))


def parse_date(text: str, *, field: str = "date") -> date:
    """``YYYY-MM-DD`` (ISO), also ``DD/MM/YYYY`` and ``DD-MM-YYYY`` as Indonesians write."""
    raw = text.strip()
    try:
        if len(raw) == 10 and raw[4] == "-":
            return date.fromisoformat(raw)
        if len(raw) == 10 and raw[2] in "/-" and raw[5] == raw[2]:
            return date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))
    except ValueError:
        pass
    raise InvalidValue("bad_date", field=field, value=raw, example="2026-06-30")
