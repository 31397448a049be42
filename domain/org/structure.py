"""The organisation's structure: units, employees and the public services units offer.

Units form a tree (``parent_code``), employees a supervisor tree (``supervisor_nip``); the cycle
checks below keep both trees free of loops.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from domain.errors import InvalidValue
from domain.org.nip import Nip

CODE_MAX_LENGTH = 32
NAME_MAX_LENGTH = 120

# Unit timezones an Indonesian Pemda can be in (UU/Keppres 41/1987: WIB, WITA, WIT).
SUPPORTED_TIMEZONES: Mapping[str, str] = MappingProxyType(
    {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
)

_CODE = re.compile(r"[A-Za-z0-9_-]+")


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
