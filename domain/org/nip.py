"""The NIP: the 18-digit Nomor Induk Pegawai of a PNS (Perka BKN 22/2007 and 43/2007) and the
NI PPPK that shares its length (see ``reference/DOMAIN.md`` §3).

``Nip`` validates the structure. Structural validity does not prove that an NIP exists: there is
no check digit, so the HR master data (SIASN) stays the authority. Time is a parameter
(``today``), never read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from domain.errors import InvalidNip

# DOMAIN.md §3.1 rule 2-3 (our own plausibility checks, not BKN text): nobody born before 1940 is
# still on a payroll, and nobody is appointed (CPNS or PPPK) before turning 17.
EARLIEST_BIRTH_YEAR = 1940
MIN_AGE_YEARS = 17

NIP_LENGTH = 18
_DIGITS_18 = re.compile(r"[0-9]{18}")
# NIPs are often printed "19960818 202204 1 001" (§3.1 rule 1).
_NIP_SEPARATORS = str.maketrans("", "", " .\t\u00a0")


def nip_digits(text: str) -> str:
    """The digits of an NIP as people print it, separators (spaces, dots) removed."""
    return text.translate(_NIP_SEPARATORS)


NipKind = Literal["pns", "pppk"]


@dataclass(frozen=True, slots=True, order=True)
class Nip:
    """An NIP PNS or NI PPPK: ``YYYYMMDD`` birth, ``YYYYMM`` TMT (or ``YYYY2F``), sex, nomor urut.

    ``Nip(value)`` checks the rules that do not depend on the date (use it to reload a stored
    value); ``Nip.parse(text, today=...)`` also accepts printed forms and checks age and TMT
    against ``today``.
    """

    value: str

    def __post_init__(self) -> None:
        _check_nip(self.value, today=None)

    @classmethod
    def parse(cls, text: str, *, today: date) -> Nip:
        """Read an NIP as people write it ("19960818 202204 1 001", "19960818.202204.1.001")."""
        digits = nip_digits(text)
        _check_nip(digits, today=today)
        return cls(digits)

    @property
    def birth_date(self) -> date:
        """Perka BKN 22/2007: digits 1-8 are the date of birth."""
        return _birth_date(self.value)

    @property
    def kind(self) -> NipKind:
        """``pppk`` when digits 13-14 are "2" + a contract count (DOMAIN.md §3.2), else ``pns``."""
        return "pppk" if _is_pppk(self.value) else "pns"

    @property
    def appointment(self) -> tuple[int, int | None]:
        """TMT year and month (digits 9-14); NI PPPK carries the year only."""
        year = int(self.value[8:12])
        return (year, None) if _is_pppk(self.value) else (year, int(self.value[12:14]))

    @property
    def contract_count(self) -> int | None:
        """NI PPPK digit 14: jumlah perjanjian kerja; ``None`` for a PNS."""
        return int(self.value[13]) if _is_pppk(self.value) else None

    @property
    def sex(self) -> Literal["L", "P"]:
        """Perka BKN 22/2007: digit 15 is the sex, 1 = pria (L), 2 = wanita (P)."""
        return "L" if self.value[14] == "1" else "P"

    @property
    def sequence(self) -> int:
        """Digits 16-18: nomor urut 1-999 among numbers sharing the first 15 digits."""
        return int(self.value[15:])

    @property
    def formatted(self) -> str:
        """The printed form, e.g. ``19960818 202204 1 001``."""
        v = self.value
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"

    def __str__(self) -> str:
        return self.value


def _check_nip(digits: str, *, today: date | None) -> None:
    """Raise ``InvalidNip`` for the first rule of DOMAIN.md §3.1/§3.2 that ``digits`` breaks."""
    if not _DIGITS_18.fullmatch(digits):
        raise InvalidNip("not_18_digits", length=len(digits), expected=NIP_LENGTH)
    birth = _checked_birth_date(digits)
    if today is not None:
        _check_age(birth, today)
    _check_appointment(digits, birth)
    if today is not None:
        _check_appointment_not_future(digits, today)
    if digits[14] not in "12":
        raise InvalidNip("sex", digit=digits[14], allowed=("1", "2"))
    if digits[15:] == "000":
        raise InvalidNip("sequence", value=digits[15:], minimum=1, maximum=999)


def _birth_date(digits: str) -> date:
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _checked_birth_date(digits: str) -> date:
    try:
        return _birth_date(digits)
    except ValueError:
        raise InvalidNip("birth_date", value=digits[:8]) from None


def _years_before(day: date, years: int) -> date:
    """``day`` minus whole years; 29 February falls back to the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _check_age(birth: date, today: date) -> None:
    earliest, latest = date(EARLIEST_BIRTH_YEAR, 1, 1), _years_before(today, MIN_AGE_YEARS)
    if not earliest <= birth <= latest:
        raise InvalidNip(
            "age",
            birth_date=birth.isoformat(),
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )


def _is_pppk(digits: str) -> bool:
    # DOMAIN.md §3.2: NI PPPK has "2" + contract count 1-9 where a PNS NIP has the TMT month.
    return digits[12] == "2" and digits[13] in "123456789"


def _check_appointment(digits: str, birth: date) -> None:
    year, month = int(digits[8:12]), int(digits[12:14])
    earliest_year = birth.year + MIN_AGE_YEARS
    if (not _is_pppk(digits) and not 1 <= month <= 12) or year < earliest_year:
        raise InvalidNip("tmt", value=digits[8:14], earliest_year=earliest_year)


def _check_appointment_not_future(digits: str, today: date) -> None:
    year, month = int(digits[8:12]), int(digits[12:14])
    if year > today.year or (not _is_pppk(digits) and (year, month) > (today.year, today.month)):
        raise InvalidNip("tmt_future", value=digits[8:14], latest=f"{today:%Y%m}")
