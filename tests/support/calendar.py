"""A working calendar for tests: Monday to Friday, 08:00-16:00, and the holidays given."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from domain.localtime import zone_of


class OfficeCalendar:
    def __init__(self, holidays: Iterable[date] = (), start: int = 8, end: int = 16) -> None:
        self.holidays = frozenset(holidays)
        self.start, self.end = time(start), time(end)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def in_office_hours(self, now: datetime, tz: str) -> bool:
        local = now.astimezone(zone_of(tz))
        return self.is_working_day(local.date()) and self.start <= local.time() < self.end

    def next_delivery(self, moment: datetime, tz: str) -> datetime:
        if self.in_office_hours(moment, tz):
            return moment
        local = moment.astimezone(zone_of(tz))
        day = local.date()
        if local.time() >= self.end or not self.is_working_day(day):
            day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return datetime.combine(day, self.start, tzinfo=zone_of(tz))


class FixedCalendars:
    """A :class:`~domain.reminders.reports.CalendarSource` that always answers one calendar."""

    def __init__(self, calendar: OfficeCalendar | None = None) -> None:
        self.value = calendar or OfficeCalendar()

    async def calendar(self) -> OfficeCalendar:
        return self.value
