"""Indonesia's national holidays from the ``holidays`` library (python-holidays), which keeps
them year by year, including the dates of the lunar and lunisolar feasts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from types import MappingProxyType

import holidays
from holidays.version import __version__ as library_version


class LibraryHolidays:
    """:class:`domain.reminders.holidays.NationalHolidays` from the ``holidays`` library, with
    Indonesian names."""

    def of_year(self, year: int) -> Mapping[date, str]:
        return _of_year(year)

    @property
    def version(self) -> str:
        return str(library_version)


@cache
def _of_year(year: int) -> Mapping[date, str]:
    found = holidays.country_holidays("ID", years=year, language="id")
    return MappingProxyType({day: str(name) for day, name in sorted(found.items())})
