"""Days in a unit's own time zone (WIB, WITA, WIT).

Deadlines, the SKM's daily limit, office hours and report periods all follow the calendar day
where the person or the service counter is, never UTC's. Every function takes an aware moment
or a date and the zone's IANA name (or a ready ``tzinfo``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import InvalidValue


def zone_of(tz: str | tzinfo) -> tzinfo:
    """The unit's timezone from its IANA name (``Asia/Jayapura``) or a ready ``tzinfo``."""
    if not isinstance(tz, str):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidValue("unknown_timezone", field="timezone", value=tz) from exc


def local_date(now: datetime, tz: str | tzinfo) -> date:
    """The calendar date ``now`` falls on in ``tz``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now.astimezone(zone_of(tz)).date()


def end_of_day(day: date, tz: str | tzinfo) -> datetime:
    """The last instant of ``day`` in ``tz``: the moment a due date on ``day`` expires."""
    return datetime.combine(day, time.max, tzinfo=zone_of(tz))


def start_of_day(day: date, tz: str | tzinfo) -> datetime:
    """Midnight of ``day`` in ``tz``, in UTC."""
    return datetime.combine(day, time(0), tzinfo=zone_of(tz)).astimezone(UTC)
