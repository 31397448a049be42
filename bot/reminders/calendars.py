"""The working calendar the summary, the recognition and the nudge use: Monday to Friday in
office hours (08:00–16:00) of the recipient's zone. The stored holidays join it when the
scheduler's calendar (``domain.reminders.calendar``) is wired here."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from domain.localtime import zone_of

SATURDAY = 5


class WeekdayCalendar:
    def __init__(self, start: time = time(8), end: time = time(16)) -> None:
        self.start, self.end = start, end

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY

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


class WeekdayCalendars:
    """A :class:`~domain.reminders.reports.CalendarSource` of :class:`WeekdayCalendar`."""

    def __init__(self) -> None:
        self._calendar = WeekdayCalendar()

    async def calendar(self) -> WeekdayCalendar:
        return self._calendar
