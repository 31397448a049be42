"""The pejabat penilai's tanggapan on an objection (PP 30/2019 Pasal 59: the atasan asks both
the pejabat penilai and the PNS for an explanation before deciding): when it is due, and the
form in which the pejabat penilai gives it.

The tanggapan is due at the end of the day ``days`` calendar days after the objection was filed,
in the employee's unit's time zone (the installation's ``KINERJA_TANGGAPAN_DAYS``, default 3).
Until then the atasan may decide only by stating why they do not wait; the record keeps it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from domain.localtime import end_of_day, local_date, zone_of

DEFAULT_TANGGAPAN_DAYS: Final = 3


def tanggapan_due(filed_at: datetime, days: int, timezone: str) -> datetime:
    """The last instant the pejabat penilai's tanggapan is awaited."""
    zone = zone_of(timezone)
    return end_of_day(local_date(filed_at, zone) + timedelta(days=days), zone)
