"""SKP items (Sasaran Kinerja Pegawai, reference §2.3) and their CSV import."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Protocol

from domain.errors import (
    ImportRejected,
    RowError,
)
from domain.org.nip import NIP_LENGTH, nip_digits

# --- SKP items and their CSV import (§2.3) ----------------------------------------------------


class SkpKind(StrEnum):
    """Rencana Hasil Kerja A. Utama or B. Tambahan."""

    UTAMA = "utama"
    TAMBAHAN = "tambahan"

    @property
    def text_key(self) -> str:
        return f"skp.kind.{self.value}"


@dataclass(frozen=True, slots=True)
class SkpItem:
    """One RHK with its Indikator Kinerja Individu and target, for one employee and year."""

    id: int | None
    employee_nip: str
    year: int
    kind: SkpKind
    rhk: str
    indicator: str
    target: str


SKP_COLUMNS: Final = ("nip", "year", "kind", "rhk", "indicator", "target")
SKP_TEXT_LIMITS: Final[Mapping[str, int]] = MappingProxyType(
    {"rhk": 500, "indicator": 500, "target": 120}
)


class SkpRows(Protocol):
    """What :func:`parse_skp` reads: a header and ``(line number, row)`` pairs.

    Line 1 is the header, so the first data row is line 2. ``domain.org.csvimport``'s table fits it
    (or is adapted to it by the caller).
    """

    @property
    def header(self) -> Sequence[str]: ...

    def __iter__(self) -> Iterator[tuple[int, Mapping[str, str]]]: ...


def parse_skp(
    table: SkpRows, *, known_nips: Collection[str], year_bounds: tuple[int, int]
) -> list[SkpItem]:
    """Validate every row of an SKP import; the items, or :class:`ImportRejected` listing every
    problem with its line (nothing is imported if one row is bad).

    Column names are matched without regard to case or surrounding spaces; extra columns are
    ignored. Duplicates are the same (nip, year, rhk, indicator), compared ignoring case and
    repeated spaces.
    """
    columns = {name.strip().lower(): name for name in table.header}
    missing = [name for name in SKP_COLUMNS if name not in columns]
    if missing:
        raise ImportRejected([RowError(1, name, "missing_column") for name in missing])
    errors: list[RowError] = []
    items: list[SkpItem] = []
    first_line: dict[tuple[str, int, str, str], int] = {}
    for line, row in table:
        cells = {name: (row.get(columns[name]) or "").strip() for name in SKP_COLUMNS}
        item = _skp_item(line, cells, known_nips, year_bounds, errors)
        if item is None:
            continue
        key = (item.employee_nip, item.year, _fold(item.rhk), _fold(item.indicator))
        if key in first_line:
            errors.append(RowError(line, "rhk", "duplicate", {"first_line": first_line[key]}))
            continue
        first_line[key] = line
        items.append(item)
    if errors:
        raise ImportRejected(errors)
    return items


def _skp_item(
    line: int,
    cells: Mapping[str, str],
    known_nips: Collection[str],
    year_bounds: tuple[int, int],
    errors: list[RowError],
) -> SkpItem | None:
    before = len(errors)
    nip = _skp_nip(line, cells["nip"], known_nips, errors)
    year = _skp_year(line, cells["year"], year_bounds, errors)
    kind = _skp_kind(line, cells["kind"], errors)
    for name, limit in SKP_TEXT_LIMITS.items():
        if not cells[name]:
            errors.append(RowError(line, name, "required"))
        elif len(cells[name]) > limit:
            errors.append(RowError(line, name, "too_long", {"limit": limit}))
    if len(errors) > before or nip is None or year is None or kind is None:
        return None
    return SkpItem(None, nip, year, kind, cells["rhk"], cells["indicator"], cells["target"])


def _skp_nip(
    line: int, text: str, known_nips: Collection[str], errors: list[RowError]
) -> str | None:
    nip = nip_digits(text)
    if not nip:
        errors.append(RowError(line, "nip", "required"))
    elif len(nip) != NIP_LENGTH or not (nip.isascii() and nip.isdigit()):
        errors.append(RowError(line, "nip", "format", {"length": NIP_LENGTH}))
    elif nip not in known_nips:
        errors.append(RowError(line, "nip", "unknown_nip", {"nip": nip}))
    else:
        return nip
    return None


def _skp_year(line: int, text: str, bounds: tuple[int, int], errors: list[RowError]) -> int | None:
    low, high = bounds
    if not text:
        errors.append(RowError(line, "year", "required"))
    elif not (text.isascii() and text.isdigit()):
        errors.append(RowError(line, "year", "not_a_number"))
    elif not low <= int(text) <= high:
        errors.append(RowError(line, "year", "out_of_range", {"min": low, "max": high}))
    else:
        return int(text)
    return None


def _skp_kind(line: int, text: str, errors: list[RowError]) -> SkpKind | None:
    try:
        return SkpKind(text.lower())
    except ValueError:
        reason = "required" if not text else "unknown_option"
        errors.append(RowError(line, "kind", reason, {"options": "utama, tambahan"}))
        return None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
