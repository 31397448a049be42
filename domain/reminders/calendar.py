"""Working days and office hours in the recipient's unit's time zone (WIB, WITA, WIT).

Every proactive message is delivered inside office hours (default 08:00–16:00) on a working
day: never on a Saturday, a Sunday or a holiday. A due date that falls on a day off is still the
due date; a reminder meant for that day comes on the last working day before it and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType

from domain.localtime import local_date, zone_of

SATURDAY = 5
LOOK_AHEAD_DAYS = 40  # the longest run of days off we look through (Lebaran + cuti bersama)


class HolidaySource(StrEnum):
    NATIONAL = "national"  # the `holidays` library's calendar of Indonesia
    IMPORTED = "imported"  # added by an admin (cuti bersama, a local holiday)


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str
    source: HolidaySource


def _no_holidays() -> Mapping[date, Holiday]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class OfficeHours:
    start: time = time(8)
    end: time = time(16)

    def __post_init__(self) -> None:
        if not self.start < self.end:  # settings check it first: a programming error here
            raise ValueError(f"office hours end before they start: {self.start}-{self.end}")


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Days off (weekends and ``holidays``) and the office hours of every unit."""

    hours: OfficeHours = field(default_factory=OfficeHours)
    holidays: Mapping[date, Holiday] = field(default_factory=_no_holidays)

    def holiday(self, day: date) -> Holiday | None:
        return self.holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and day not in self.holidays

    def in_office_hours(self, now: datetime, tz: str | tzinfo) -> bool:
        local = now.astimezone(zone_of(tz))
        return (
            self.is_working_day(local.date()) and self.hours.start <= local.time() < self.hours.end
        )

    def opening(self, day: date, tz: str | tzinfo) -> datetime:
        """The moment the office opens on ``day`` in ``tz``."""
        return datetime.combine(day, self.hours.start, tzinfo=zone_of(tz))

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first one after it."""
        for offset in range(LOOK_AHEAD_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        return day + timedelta(days=LOOK_AHEAD_DAYS)

    def last_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the last one before it."""
        for offset in range(LOOK_AHEAD_DAYS):
            candidate = day - timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        return day - timedelta(days=LOOK_AHEAD_DAYS)

    def next_delivery(self, moment: datetime, tz: str | tzinfo) -> datetime:
        """The earliest instant at or after ``moment`` inside office hours on a working day:
        a message that becomes due outside office hours waits for the next working morning."""
        if self.in_office_hours(moment, tz):
            return moment
        local = moment.astimezone(zone_of(tz))
        day = local.date()
        if local.time() >= self.hours.end or not self.is_working_day(day):
            day += timedelta(days=1)
        return self.opening(self.next_working_day(day), tz)

    def today(self, now: datetime, tz: str | tzinfo) -> date:
        return local_date(now, tz)
