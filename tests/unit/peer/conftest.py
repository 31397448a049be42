"""Small organisations for the peer-feedback rules."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.peer.raters import Colleague


def nip(number: int) -> str:
    """A stand-in NIP: the rules compare NIPs, they never parse them."""
    return f"1990010120200{number:05d}"


def colleague(
    number: int,
    *,
    unit: str = "BKPSDM",
    kind: str = "pelaksana",
    supervisor: int | None = None,
) -> Colleague:
    return Colleague(nip(number), unit, kind, None if supervisor is None else nip(supervisor))


def team(size: int, *, unit: str = "BKPSDM", kind: str = "pelaksana", first: int = 1):
    """``size`` colleagues at one level in one unit, all under pejabat penilai number 0."""
    return [colleague(first + i, unit=unit, kind=kind, supervisor=0) for i in range(size)]


WIB = "Asia/Jakarta"
WIT = "Asia/Jayapura"
PEER_DUE = date(2026, 4, 10)


def quarter(*, status: PeriodStatus = PeriodStatus.OPEN, period_id: int = 1) -> AppraisalPeriod:
    """Triwulan I 2026; peer feedback due on 10 April."""
    return AppraisalPeriod.create(
        id=period_id,
        name="Triwulan I 2026",
        kind=PeriodKind.QUARTERLY,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        self_due=date(2026, 4, 5),
        peer_due=PEER_DUE,
        review_due=date(2026, 4, 20),
        status=status,
    )


def at(day: date, hour: int, minute: int = 0, tz: str = WIB) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz))
