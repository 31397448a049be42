"""An admin's CSV of assignments: ``rater_nip,ratee_nip,relation`` (``kinerja peers import``).

All or nothing, like the other imports (DESIGN.md, "What bad input gets"): every row is checked
and every problem reported with its line (line 1 is the header); nothing is imported if one row
is bad. Relations are ``peer``/``rekan`` or ``upward``/``bawahan``. Eligibility is the
nomination's (``raters``: same level in any unit, or a direct subordinate rating upwards). A
pair already assigned, or twice in the file, is refused. Once every row is valid, each ratee
must reach the threshold in each relation the file names, counting existing assignments:
answers that could never be shown are not asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Final

from domain.errors import ImportRejected, InvalidValue, RowError
from domain.org.csvimport import CsvRow, CsvTable, require_columns
from domain.peer.raters import (
    DEFAULT_MIN_RATERS,
    AssignmentSource,
    Colleague,
    PeerAssignment,
    Relation,
    checked_min_raters,
    require_eligible,
)

ASSIGNMENT_COLUMNS: Final = ("rater_nip", "ratee_nip", "relation")
RELATION_NAMES: Final[Mapping[str, Relation]] = {
    "peer": Relation.PEER,
    "rekan": Relation.PEER,
    "upward": Relation.UPWARD,
    "bawahan": Relation.UPWARD,
}
_NIP_PUNCTUATION: Final = str.maketrans("", "", " .\t\u00a0")


def parse_assignments(
    table: CsvTable,
    *,
    period_id: int,
    staff: Mapping[str, Colleague],
    existing: Sequence[PeerAssignment],
    min_raters: int = DEFAULT_MIN_RATERS,
) -> list[PeerAssignment]:
    """The file's assignments in file order, or :class:`ImportRejected` listing every problem.

    ``staff`` is the period's staff by NIP; ``existing`` the period's assignments.
    """
    checked_min_raters(min_raters)
    require_columns(table, ASSIGNMENT_COLUMNS, ())
    errors: list[RowError] = []
    taken = {a.pair: 0 for a in existing}
    read: list[tuple[int, PeerAssignment]] = []
    for row in table.rows:
        assignment = _assignment(row, period_id, staff, errors)
        if assignment is None:
            continue
        first = taken.get(assignment.pair)
        if first == 0:
            errors.append(RowError(row.line, "ratee_nip", "already_assigned"))
        elif first is not None:
            errors.append(RowError(row.line, "ratee_nip", "duplicate", {"first_line": first}))
        else:
            taken[assignment.pair] = row.line
            read.append((row.line, assignment))
    if not errors:
        errors = _below_threshold(read, existing, min_raters)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.line))
    return [assignment for _, assignment in read]


def _assignment(
    row: CsvRow, period_id: int, staff: Mapping[str, Colleague], errors: list[RowError]
) -> PeerAssignment | None:
    before = len(errors)
    rater = _member(row, "rater_nip", staff, errors)
    ratee = _member(row, "ratee_nip", staff, errors)
    relation = _relation(row, errors)
    if rater is None or ratee is None or relation is None or len(errors) > before:
        return None
    try:
        require_eligible(rater, ratee, relation, same_unit=False)
    except InvalidValue as exc:
        errors.append(RowError(row.line, "rater_nip", exc.reason or "invalid"))
        return None
    return PeerAssignment(period_id, rater.nip, ratee.nip, relation, AssignmentSource.IMPORTED)


def _member(
    row: CsvRow, column: str, staff: Mapping[str, Colleague], errors: list[RowError]
) -> Colleague | None:
    nip = row[column].translate(_NIP_PUNCTUATION)
    if not nip:
        errors.append(RowError(row.line, column, "required"))
        return None
    member = staff.get(nip)
    if member is None:
        errors.append(RowError(row.line, column, "unknown_nip", {"nip": nip}))
    return member


def _relation(row: CsvRow, errors: list[RowError]) -> Relation | None:
    relation = RELATION_NAMES.get(row["relation"].lower())
    if relation is None:
        reason = "required" if not row["relation"] else "unknown_option"
        options = ", ".join(RELATION_NAMES)
        errors.append(RowError(row.line, "relation", reason, {"options": options}))
    return relation


def _below_threshold(
    read: Sequence[tuple[int, PeerAssignment]],
    existing: Sequence[PeerAssignment],
    min_raters: int,
) -> list[RowError]:
    """One error per (ratee, relation) of the file left below ``min_raters``, on its first line."""
    count = Counter((a.ratee_nip, a.relation) for a in existing)
    count.update((a.ratee_nip, a.relation) for _, a in read)
    first: dict[tuple[str, Relation], int] = {}
    for line, assignment in read:
        first.setdefault((assignment.ratee_nip, assignment.relation), line)
    return [
        RowError(line, "ratee_nip", "below_threshold", {"count": count[key], "min": min_raters})
        for key, line in first.items()
        if count[key] < min_raters
    ]
