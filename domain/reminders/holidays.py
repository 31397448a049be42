"""The calendar of days off: Indonesia's national holidays (from a port: the adapter asks the
``holidays`` library), plus what an admin imports — cuti bersama and local holidays added, a
national holiday removed.

An import file has one day per line, ``YYYY-MM-DD,name,action`` (action ``tambah``/``add`` or
``hapus``/``remove``; a header line and blank lines are allowed). It is checked whole before
anything is stored: one bad line and nothing is imported, and every bad line is reported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from domain.errors import ImportRejected, RowError
from domain.reminders.calendar import Holiday, HolidaySource

NAME_MAX_LENGTH = 120


class HolidayAction(StrEnum):
    ADD = "add"
    REMOVE = "remove"


_ACTIONS = {
    "tambah": HolidayAction.ADD,
    "add": HolidayAction.ADD,
    "hapus": HolidayAction.REMOVE,
    "remove": HolidayAction.REMOVE,
}


@dataclass(frozen=True, slots=True)
class HolidayChange:
    """An admin's change to the national calendar: a day added (with its name) or removed."""

    day: date
    name: str
    action: HolidayAction


class NationalHolidays(Protocol):
    """Indonesia's national holidays of a year (the adapter: the ``holidays`` library)."""

    def of_year(self, year: int) -> Mapping[date, str]: ...


class HolidayRepository(Protocol):
    async def changes(self) -> list[HolidayChange]:
        """Every stored change, by day."""
        ...

    async def save_changes(self, changes: Sequence[HolidayChange], *, now: datetime) -> int:
        """Store the changes (a day already changed takes the new change); how many."""
        ...


def holidays_of(
    years: Iterable[int], national: NationalHolidays, changes: Iterable[HolidayChange]
) -> dict[date, Holiday]:
    """The days off of ``years`` besides weekends: national ones, minus those removed, plus
    those added."""
    wanted = set(years)
    days = {
        day: Holiday(day, name, HolidaySource.NATIONAL)
        for year in sorted(wanted)
        for day, name in national.of_year(year).items()
    }
    for change in changes:
        if change.day.year not in wanted:
            continue
        if change.action is HolidayAction.REMOVE:
            days.pop(change.day, None)
        else:
            days[change.day] = Holiday(change.day, change.name, HolidaySource.IMPORTED)
    return dict(sorted(days.items()))


def parse_holiday_file(text: str, national: NationalHolidays) -> list[HolidayChange]:
    """The changes in an import file, or :class:`ImportRejected` listing every bad line
    (a bad date, an unknown action, a missing name, a day given twice, a removal of a day that
    is no national holiday)."""
    errors: list[RowError] = []
    changes: list[HolidayChange] = []
    first_line: dict[date, int] = {}
    for number, fields in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [cell.strip() for cell in fields]
        if not any(cells) or (number == 1 and cells[0].lower() in {"tanggal", "date"}):
            continue
        change = _change(number, cells, errors)
        if change is None:
            continue
        if change.action is HolidayAction.REMOVE and change.day not in national.of_year(
            change.day.year
        ):
            errors.append(RowError(number, "day", "not_a_holiday", {"value": change.day}))
            continue
        if change.day in first_line:
            errors.append(
                RowError(number, "day", "duplicate", {"first_line": first_line[change.day]})
            )
            continue
        first_line[change.day] = number
        changes.append(change)
    if errors:
        raise ImportRejected(errors)
    return changes


def _date(text: str) -> date:
    """YYYY-MM-DD, or DD/MM/YYYY as a spreadsheet writes it."""
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    return date.fromisoformat(text)


def _change(number: int, cells: list[str], errors: list[RowError]) -> HolidayChange | None:
    padded = [*cells, "", "", ""][:3]
    day_text, name, action_text = padded
    try:
        day = _date(day_text)
    except ValueError:
        errors.append(
            RowError(number, "day", "bad_date", {"value": day_text, "example": "2026-12-24"})
        )
        return None
    action = _ACTIONS.get(action_text.lower() or "tambah")
    if action is None:
        errors.append(RowError(number, "action", "unknown_action", {"value": action_text}))
        return None
    if action is HolidayAction.ADD and not name:
        errors.append(RowError(number, "name", "required", {}))
        return None
    if len(name) > NAME_MAX_LENGTH:
        errors.append(RowError(number, "name", "too_long", {"limit": NAME_MAX_LENGTH}))
        return None
    return HolidayChange(day, name, action)
