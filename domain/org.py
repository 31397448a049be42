"""The organisation: NIP numbers, units, employees and the public services units offer.

``Nip`` validates the 18-digit Nomor Induk Pegawai (Perka BKN 22/2007 and 43/2007) and the NI PPPK
that shares its length (see ``reference/DOMAIN.md`` §3). Structural validity does not prove that an
NIP exists: there is no check digit, so the HR master data (SIASN) stays the authority.

Units form a tree (``parent_code``), employees a supervisor tree (``supervisor_nip``); the cycle
checks below keep both trees free of loops. Time is a parameter (``today``), never read here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from domain.errors import InvalidNip, InvalidValue

# DOMAIN.md §3.1 rule 2-3 (our own plausibility checks, not BKN text): nobody born before 1940 is
# still on a payroll, and nobody is appointed (CPNS or PPPK) before turning 17.
EARLIEST_BIRTH_YEAR = 1940
MIN_AGE_YEARS = 17

NIP_LENGTH = 18
CODE_MAX_LENGTH = 32
NAME_MAX_LENGTH = 120

# Unit timezones an Indonesian Pemda can be in (UU/Keppres 41/1987: WIB, WITA, WIT).
SUPPORTED_TIMEZONES: Mapping[str, str] = MappingProxyType(
    {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
)

_DIGITS_18 = re.compile(r"[0-9]{18}")
_CODE = re.compile(r"[A-Za-z0-9_-]+")
_NIP_SEPARATORS = str.maketrans("", "", " .\t\u00a0")

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
        digits = text.translate(_NIP_SEPARATORS)
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


class PositionKind(StrEnum):
    """Jenis jabatan ASN (UU 20/2023): pimpinan tinggi, administrasi (3 levels), fungsional."""

    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


def normalise_code(text: str, *, field: str = "code") -> str:
    """A unit or service code: 1-32 chars of ``A-Z a-z 0-9 _ -``, returned in upper case."""
    code = text.strip()
    if not code:
        raise InvalidValue("required", field=field)
    if len(code) > CODE_MAX_LENGTH:
        raise InvalidValue("too_long", field=field, limit=CODE_MAX_LENGTH)
    if not _CODE.fullmatch(code):
        raise InvalidValue("pattern", field=field, allowed="A-Z a-z 0-9 _ -")
    return code.upper()


def normalise_name(text: str, *, field: str = "name") -> str:
    """A display name or position title: one line, runs of whitespace as one space, 1-120 chars."""
    name = " ".join(text.split())
    if not name.isprintable():
        raise InvalidValue("unprintable", field=field)
    if not name:
        raise InvalidValue("required", field=field)
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidValue("too_long", field=field, limit=NAME_MAX_LENGTH)
    return name


def normalise_timezone(text: str | None) -> str | None:
    """A supported IANA name (any case) or its label (WIB/WITA/WIT); empty means "inherit"."""
    if text is None or not text.strip():
        return None
    wanted = text.strip().casefold()
    for name, label in SUPPORTED_TIMEZONES.items():
        if wanted in (name.casefold(), label.casefold()):
            return name
    raise InvalidValue(
        "unsupported_timezone",
        field="timezone",
        value=text.strip(),
        allowed=tuple(SUPPORTED_TIMEZONES),
    )


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit kerja. ``timezone`` ``None`` means the parent's timezone applies."""

    code: str
    name: str
    parent_code: str | None = None
    timezone: str | None = None

    def __post_init__(self) -> None:
        parent = self.parent_code
        object.__setattr__(self, "code", normalise_code(self.code))
        object.__setattr__(self, "name", normalise_name(self.name))
        if parent is not None:
            object.__setattr__(self, "parent_code", normalise_code(parent, field="parent_code"))
        object.__setattr__(self, "timezone", normalise_timezone(self.timezone))


@dataclass(frozen=True, slots=True)
class Employee:
    """A pegawai ASN; ``supervisor_nip`` is the pejabat penilai kinerja (``None`` at the top)."""

    nip: Nip
    name: str
    position: str
    position_kind: PositionKind
    unit_code: str
    supervisor_nip: Nip | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", normalise_name(self.name))
        object.__setattr__(self, "position", normalise_name(self.position, field="position"))
        object.__setattr__(self, "position_kind", PositionKind(self.position_kind))
        object.__setattr__(self, "unit_code", normalise_code(self.unit_code, field="unit_code"))
        if self.supervisor_nip == self.nip:
            raise InvalidValue("self_supervisor", field="supervisor_nip")


@dataclass(frozen=True, slots=True)
class PublicService:
    """A jenis layanan a unit offers to citizens; citizens rate it in the SKM."""

    code: str
    name: str
    unit_code: str
    active: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", normalise_code(self.code))
        object.__setattr__(self, "name", normalise_name(self.name))
        object.__setattr__(self, "unit_code", normalise_code(self.unit_code, field="unit_code"))


def effective_timezone(unit_code: str, units: Mapping[str, Unit]) -> str | None:
    """The unit's own timezone or the nearest ancestor's; ``None`` if no ancestor sets one."""
    seen: set[str] = set()
    code: str | None = unit_code
    while code is not None and code in units and code not in seen:
        seen.add(code)
        unit = units[code]
        if unit.timezone is not None:
            return unit.timezone
        code = unit.parent_code
    return None


def find_supervisor_cycles(edges: Mapping[str, str | None]) -> list[list[str]]:
    """Loops in "employee NIP -> supervisor NIP" (a pejabat penilai cannot assess himself)."""
    return _find_cycles(edges)


def find_unit_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Loops in "unit code -> parent code" (a unit cannot contain itself)."""
    return _find_cycles(parents)


def _find_cycles(edges: Mapping[str, str | None]) -> list[list[str]]:
    """Each cycle once, in edge order, starting at its node seen first in ``edges``.

    Every node has at most one outgoing edge, so walking from each unvisited node either ends
    (no edge, or a node outside ``edges``), reaches an earlier walk, or closes a new cycle.
    """
    order = {node: index for index, node in enumerate(edges)}
    visited: set[str] = set()
    cycles: list[list[str]] = []
    for start in edges:
        path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in edges and node not in visited:
            visited.add(node)
            path[node] = len(path)
            node = edges[node]
        if node is not None and node in path:
            cycles.append(_rotate_to_first_seen(list(path)[path[node] :], order))
    return cycles


def _rotate_to_first_seen(cycle: list[str], order: Mapping[str, int]) -> list[str]:
    at = cycle.index(min(cycle, key=order.__getitem__))
    return cycle[at:] + cycle[:at]
