"""Reading and validating the admin's CSV files: units, employees, public services.

Pure: text in, typed rows or ``ImportRejected`` out. An import is all or nothing (DESIGN.md, "What
bad input gets"), so every validator checks every row and reports every problem with its line
number and column; it never stops at the first. Line numbers are the file's own (line 1 is the
header), also when blank lines are skipped or a quoted cell spans lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from operator import attrgetter
from typing import TypeVar

from domain.errors import ImportRejected, InvalidNip, InvalidValue, RowError
from domain.org.nip import Nip
from domain.org.structure import (
    Employee,
    PositionKind,
    PublicService,
    Unit,
    find_supervisor_cycles,
    find_unit_cycles,
    normalise_code,
    normalise_name,
    normalise_timezone,
)

MAX_DATA_ROWS = 20_000  # a province's largest Pemda has fewer ASN; more is a wrong file
MAX_LINE_CHARS = 1024 * 1024  # 1 MiB: no honest row comes near it (names are <= 120 chars)

UNIT_COLUMNS = ("code", "name", "parent_code")
UNIT_OPTIONAL_COLUMNS = ("timezone",)
EMPLOYEE_COLUMNS = ("nip", "name", "position", "position_kind", "unit_code", "supervisor_nip")
SERVICE_COLUMNS = ("code", "name", "unit_code")
SERVICE_OPTIONAL_COLUMNS = ("active",)
_BOOLEANS: Mapping[str, bool] = {
    "1": True, "true": True, "ya": True, "0": False, "false": False, "tidak": False,
}  # fmt: skip

_NIP_PUNCTUATION = str.maketrans("", "", " .")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its line in the file and its cells by (lower-case) column name."""

    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        """The stripped cell, or ``""`` for an absent optional column or a short row."""
        return self.cells.get(column, "")


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file read but not yet validated."""

    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    separator: str = ","
    header_line: int = 1


def _reject(line: int, field: str, reason: str, **params: object) -> ImportRejected:
    return ImportRejected([RowError(line, field, reason, params or None)])


def read_csv_bytes(data: bytes) -> CsvTable:
    """Decode UTF-8 (with or without BOM) and read it; other encodings are refused with a line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _reject(data[: exc.start].count(b"\n") + 1, "file", "not_utf8") from None
    return read_csv(text)


def read_csv(text: str) -> CsvTable:
    """Read a header row and data rows separated by ``,`` or ``;`` (Excel in id-ID writes ``;``).

    Column names are matched case-insensitively; cells are stripped; blank lines are skipped.
    Raises ``ImportRejected`` for an empty file, unnamed or duplicate columns, cells beyond the
    header, more than ``MAX_DATA_ROWS`` rows or a line longer than ``MAX_LINE_CHARS``.
    """
    text = text.removeprefix("\ufeff")
    separator = _detect_separator(text)
    records = _records(text, separator)
    header = next(records, None)
    if header is None:
        raise _reject(1, "file", "empty")
    header_line, columns = header[0], _header_columns(*header)
    rows: list[CsvRow] = []
    errors: list[RowError] = []
    for line, cells in records:
        if len(rows) == MAX_DATA_ROWS:
            raise _reject(line, "file", "too_many_rows", limit=MAX_DATA_ROWS)
        if any(cells[len(columns) :]):
            errors.append(RowError(line, "row", "extra_cells", {"expected": len(columns)}))
        rows.append(CsvRow(line, dict(zip(columns, cells, strict=False))))
    if errors:
        raise ImportRejected(errors)
    return CsvTable(tuple(columns), tuple(rows), separator, header_line)


def _detect_separator(text: str) -> str:
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def _guarded_lines(text: str) -> Iterator[str]:
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise _reject(number, "file", "line_too_long", limit=MAX_LINE_CHARS)
        yield line


def _malformed(line: int, detail: str) -> ImportRejected:
    """The csv module's English complaint, as a reason the admin can act on."""
    if "unexpected end of data" in detail:
        return _reject(line, "file", "unclosed_quote")
    if "expected after" in detail:
        return _reject(line, "file", "stray_quote")
    if "field limit" in detail:
        return _reject(line, "file", "cell_too_long", limit=csv.field_size_limit())
    return _reject(line, "file", "malformed")


def _records(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on; ``;;;`` rows from Excel count as blank."""
    # strict: an unclosed quote is an error, never a silently swallowed rest of the file
    reader = csv.reader(_guarded_lines(text), delimiter=separator, strict=True)
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _malformed(line, str(exc)) from None
        cells = [cell.strip() for cell in record]
        if any(cells):
            yield line, cells
        line = reader.line_num + 1


def _header_columns(line: int, cells: list[str]) -> list[str]:
    names = [cell.lower() for cell in cells]
    while names and not names[-1]:
        names.pop()  # Excel often leaves trailing separators
    errors = [
        RowError(line, f"column {position}", "empty_column", {"position": position})
        for position, name in enumerate(names, start=1)
        if not name
    ]
    errors += [
        RowError(line, name, "duplicate_column", {"column": name})
        for position, name in enumerate(names)
        if name and name in names[:position]
    ]
    if errors:
        raise ImportRejected(errors)
    return names


def require_columns(table: CsvTable, required: Sequence[str], optional: Sequence[str]) -> None:
    """Every required column present and nothing else: a typo must not silently drop a column."""
    allowed = (*required, *optional)
    line = table.header_line
    errors = [
        RowError(line, name, "missing_column", {"column": name})
        for name in required
        if name not in table.columns
    ]
    errors += [
        RowError(line, name, "unknown_column", {"column": name, "allowed": allowed})
        for name in table.columns
        if name not in allowed
    ]
    if errors:
        raise ImportRejected(errors)


@dataclass(slots=True)
class _Errors:
    """Collects ``RowError``s; ``raise_if_any`` rejects the import with all of them, by line."""

    items: list[RowError] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)

    def add(self, line: int, field: str, reason: str, **params: object) -> None:
        self.items.append(RowError(line, field, reason, params or None))

    def check(self, row: CsvRow, field: str, read: Callable[[str], T]) -> T | None:
        """``read(cell)``; on a domain refusal record why and return ``None``."""
        try:
            return read(row[field])
        except InvalidNip as exc:
            self.add(row.line, field, f"nip.{exc.reason}", **exc.params)
        except InvalidValue as exc:
            params = {k: v for k, v in exc.params.items() if k != "field"}
            self.add(row.line, field, exc.reason or "invalid", **params)
        return None

    def first_occurrence(self, line: int, field: str, key: str, seen: dict[str, int]) -> bool:
        """Record ``key``'s first line; a later occurrence is a ``duplicate`` error."""
        if key in seen:
            self.add(line, field, "duplicate", value=key, first_line=seen[key])
            return False
        seen[key] = line
        return True

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRejected(sorted(self.items, key=attrgetter("line")))


def _optional_code(text: str, *, field: str) -> str | None:
    return normalise_code(text, field=field) if text else None


def _unit_code_reader(unit_codes: Collection[str]) -> Callable[[str], str]:
    """Reads a ``unit_code`` cell that must name one of ``unit_codes`` (any case)."""
    known = {code.strip().upper() for code in unit_codes}

    def read(text: str) -> str:
        code = normalise_code(text, field="unit_code")
        if code not in known:
            raise InvalidValue("unknown_unit", field="unit_code", value=code)
        return code

    return read


def parse_units(table: CsvTable, *, existing_codes: Collection[str] = ()) -> list[Unit]:
    """Units in file order; a parent must be in the file or already stored, and not a loop."""
    require_columns(table, UNIT_COLUMNS, UNIT_OPTIONAL_COLUMNS)
    errors, units = _Errors(), []
    first_lines: dict[str, int] = {}
    links: list[_Link] = []
    for row in table.rows:
        before = len(errors)
        code = errors.check(row, "code", normalise_code)
        name = errors.check(row, "name", normalise_name)
        parent = errors.check(row, "parent_code", partial(_optional_code, field="parent_code"))
        timezone = errors.check(row, "timezone", normalise_timezone)
        if code is not None:
            errors.first_occurrence(row.line, "code", code, first_lines)
        links.append(_Link(row.line, code, parent))
        if code is not None and name is not None and len(errors) == before:
            units.append(Unit(code, name, parent, timezone))
    stored = (code.strip().upper() for code in existing_codes)
    _check_tree(errors, _UNIT_TREE, links, first_lines, known={*first_lines, *stored})
    errors.raise_if_any()
    return units


@dataclass(frozen=True, slots=True)
class _Link:
    """One row's place in a tree: its own key and the key it points to (``None``: empty/refused)."""

    line: int
    key: str | None
    target: str | None


@dataclass(frozen=True, slots=True)
class _Tree:
    """How a "points to its parent" column is checked: units' parent, employees' supervisor."""

    field: str
    self_reason: str
    unknown_reason: str
    cycle_reason: str
    members_param: str
    find_cycles: Callable[[Mapping[str, str | None]], list[list[str]]]


_UNIT_TREE = _Tree(
    "parent_code", "self_parent", "unknown_parent", "parent_cycle", "cycle", find_unit_cycles
)
_SUPERVISOR_TREE = _Tree(
    "supervisor_nip",
    "self_supervisor",
    "unknown_supervisor",
    "supervisor_cycle",
    "cycle",
    find_supervisor_cycles,
)


def _check_tree(
    errors: _Errors,
    tree: _Tree,
    links: Sequence[_Link],
    first_lines: Mapping[str, int],
    known: Collection[str],
) -> None:
    """Targets must exist and not be the row itself; loops (first occurrences) are reported once."""
    for link in links:
        if link.target is not None and link.target == link.key:
            errors.add(link.line, tree.field, tree.self_reason, value=link.target)
        elif link.target is not None and link.target not in known:
            errors.add(link.line, tree.field, tree.unknown_reason, value=link.target)
    edges = {
        link.key: link.target
        for link in links
        if link.key is not None and first_lines[link.key] == link.line and link.target != link.key
    }
    for cycle in tree.find_cycles(edges):
        lines = tuple(first_lines[key] for key in cycle)
        params: dict[str, object] = {tree.members_param: tuple(cycle), "lines": lines}
        errors.add(lines[0], tree.field, tree.cycle_reason, **params)


def _position_kind(text: str) -> PositionKind:
    try:
        return PositionKind(text.lower())
    except ValueError:
        allowed = tuple(kind.value for kind in PositionKind)
        raise InvalidValue("unknown_position_kind", value=text, allowed=allowed) from None


def _optional_nip(text: str, *, today: date) -> Nip | None:
    return Nip.parse(text, today=today) if text else None


def parse_employees(
    table: CsvTable,
    *,
    today: date,
    unit_codes: Collection[str],
    existing_nips: Collection[str] = (),
) -> list[Employee]:
    """Employees in file order; a supervisor must be in the file or stored, and not a loop."""
    require_columns(table, EMPLOYEE_COLUMNS, ())
    errors, employees = _Errors(), []
    first_lines: dict[str, int] = {}
    links: list[_Link] = []
    read_unit = _unit_code_reader(unit_codes)
    for row in table.rows:
        nip, supervisor, employee = _read_employee(row, errors, today, read_unit)
        if nip is not None:
            errors.first_occurrence(row.line, "nip", nip.value, first_lines)
        links.append(_Link(row.line, _digits(nip), _digits(supervisor)))
        if employee is not None:
            employees.append(employee)
    stored = (value.translate(_NIP_PUNCTUATION) for value in existing_nips)
    _check_tree(errors, _SUPERVISOR_TREE, links, first_lines, known={*first_lines, *stored})
    errors.raise_if_any()
    return employees


def _digits(nip: Nip | None) -> str | None:
    return None if nip is None else nip.value


def _read_employee(
    row: CsvRow, errors: _Errors, today: date, read_unit: Callable[[str], str]
) -> tuple[Nip | None, Nip | None, Employee | None]:
    """The row's NIP and supervisor NIP, and its ``Employee`` if no cell was refused."""
    before = len(errors)
    nip = errors.check(row, "nip", partial(Nip.parse, today=today))
    name = errors.check(row, "name", normalise_name)
    position = errors.check(row, "position", partial(normalise_name, field="position"))
    kind = errors.check(row, "position_kind", _position_kind)
    unit = errors.check(row, "unit_code", read_unit)
    supervisor = errors.check(row, "supervisor_nip", partial(_optional_nip, today=today))
    if nip is None or name is None or position is None or kind is None or unit is None:
        return nip, supervisor, None
    if len(errors) > before or supervisor == nip:  # a self-supervisor is reported by _check_tree
        return nip, supervisor, None
    return nip, supervisor, Employee(nip, name, position, kind, unit, supervisor)


def _boolean(text: str) -> bool:
    """Empty means active; Indonesian and English spellings both accepted."""
    if not text:
        return True
    try:
        return _BOOLEANS[text.lower()]
    except KeyError:
        raise InvalidValue("invalid_boolean", value=text, allowed=tuple(_BOOLEANS)) from None


def parse_services(table: CsvTable, *, unit_codes: Collection[str]) -> list[PublicService]:
    """Public services (jenis layanan) in file order, each at a known unit."""
    require_columns(table, SERVICE_COLUMNS, SERVICE_OPTIONAL_COLUMNS)
    errors, services = _Errors(), []
    lines: dict[str, int] = {}
    read_unit = _unit_code_reader(unit_codes)
    for row in table.rows:
        before = len(errors)
        code = errors.check(row, "code", normalise_code)
        name = errors.check(row, "name", normalise_name)
        unit = errors.check(row, "unit_code", read_unit)
        active = errors.check(row, "active", _boolean)
        if code is not None:
            errors.first_occurrence(row.line, "code", code, lines)
        valid = len(errors) == before and active is not None
        if valid and code is not None and name is not None and unit is not None:
            services.append(PublicService(code, name, unit, bool(active)))
    errors.raise_if_any()
    return services
