"""Numbers, dates and times the way readers of each language expect them.

Indonesian writes ``91,48`` and ``27 Nov 2026 14.05 WIB``; English ``91.48`` and
``27 Nov 2026 14:05 WIB``. Time is shown in the reader's unit's time zone.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from bot.i18n import Raw, t
from domain.messages import Line, Lines, TextRef

_MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


GROUPING_FROM = 10_000  # 2026 is a year, not "2.026"; 12000 reads better as "12.000"


def fmt_decimal(value: Decimal | int, lang: str) -> str:
    if isinstance(value, int) and abs(value) < GROUPING_FROM:
        return str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,f}"
    if lang == "id":  # 1.234,5
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def fmt_date(value: date, lang: str) -> str:
    months = _MONTHS.get(lang, _MONTHS["id"])
    return f"{value.day} {months[value.month - 1]} {value.year}"


def fmt_datetime(value: datetime, lang: str, timezone: str) -> str:
    local = value.astimezone(ZoneInfo(timezone))
    separator = "." if lang == "id" else ":"
    zone = _ZONE_LABELS.get(timezone, local.tzname() or timezone)
    return f"{fmt_date(local.date(), lang)} {local:%H}{separator}{local:%M} {zone}"


def _line(line: Line, lang: str, timezone: str) -> str:
    params = {name: fmt_param(value, lang, timezone) for name, value in line.params.items()}
    return t(lang, line.key, **params)


def fmt_param(value: object, lang: str, timezone: str) -> object:
    """A parameter of a text, formatted for the reader (other types pass through)."""
    if isinstance(value, Lines):  # each line its own text, in the reader's language
        return Raw("\n".join(_line(line, lang, timezone) for line in value.items))
    if isinstance(value, TextRef):
        return Raw(t(lang, value.key))
    if isinstance(value, datetime):
        return fmt_datetime(value, lang, timezone)
    if isinstance(value, date):
        return fmt_date(value, lang)
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    is_number = isinstance(value, Decimal | int) and not isinstance(value, bool)
    return fmt_decimal(value, lang) if is_number else value  # type: ignore[arg-type]
