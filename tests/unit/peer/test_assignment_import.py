"""An admin's CSV of assignments: all or nothing, every problem with its line."""

from __future__ import annotations

import pytest

from domain.errors import ImportRejected
from domain.org.csvimport import read_csv
from domain.peer.assignment_import import parse_assignments
from domain.peer.raters import AssignmentSource, PeerAssignment, Relation
from tests.unit.peer.conftest import colleague, nip, team

STAFF = {
    c.nip: c
    for c in [
        colleague(0, kind="pengawas"),
        *team(6),
        colleague(7, unit="DISDIK"),
        colleague(8, kind="fungsional"),
    ]
}


def _csv(*rows: tuple[int | str, int | str, str]) -> str:
    lines = ["rater_nip,ratee_nip,relation"]
    for rater, ratee, relation in rows:
        lines.append(
            ",".join(
                [
                    nip(rater) if isinstance(rater, int) else rater,
                    nip(ratee) if isinstance(ratee, int) else ratee,
                    relation,
                ]
            )
        )
    return "\n".join(lines) + "\n"


def _parse(text: str, existing=()):
    return parse_assignments(read_csv(text), period_id=3, staff=STAFF, existing=list(existing))


def _errors(text: str, existing=()):
    with pytest.raises(ImportRejected) as rejected:
        _parse(text, existing)
    return [(e.line, e.field, e.reason) for e in rejected.value.errors]


def test_a_valid_file_gives_imported_assignments_in_file_order():
    text = _csv(
        (2, 1, "peer"),
        (3, 1, "rekan"),
        (7, 1, "PEER"),
        (1, 0, "upward"),
        (2, 0, "bawahan"),
        (3, 0, "upward"),
    )
    assignments = _parse(text)
    assert [(a.rater_nip, a.ratee_nip, a.relation) for a in assignments] == [
        (nip(2), nip(1), Relation.PEER),
        (nip(3), nip(1), Relation.PEER),
        (nip(7), nip(1), Relation.PEER),
        (nip(1), nip(0), Relation.UPWARD),
        (nip(2), nip(0), Relation.UPWARD),
        (nip(3), nip(0), Relation.UPWARD),
    ]
    assert {(a.period_id, a.source) for a in assignments} == {(3, AssignmentSource.IMPORTED)}


def test_printed_nips_with_spaces_and_dots_are_read():
    printed = f"{nip(2)[:8]} {nip(2)[8:14]}.{nip(2)[14]} {nip(2)[15:]}"
    text = _csv((printed, 1, "peer"), (3, 1, "peer"), (4, 1, "peer"))
    assert _parse(text)[0].rater_nip == nip(2)


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported():
    text = _csv(
        (2, 1, "peer"),
        (1, 1, "peer"),  # line 3: oneself
        (8, 1, "peer"),  # line 4: another level
        (99, 1, "peer"),  # line 5: unknown rater
        (2, 1, "peer"),  # line 6: twice
        (3, 1, "sideways"),  # line 7: unknown relation
        (4, 1, ""),  # line 8: no relation
        (5, 3, "upward"),  # line 9: not 3's subordinate
        ("", 1, "peer"),  # line 10: no rater
    )
    assert _errors(text) == [
        (3, "rater_nip", "self_rating"),
        (4, "rater_nip", "other_level"),
        (5, "rater_nip", "unknown_nip"),
        (6, "ratee_nip", "duplicate"),
        (7, "relation", "unknown_option"),
        (8, "relation", "required"),
        (9, "rater_nip", "not_direct_subordinate"),
        (10, "rater_nip", "required"),
    ]


def test_a_pair_already_assigned_is_refused():
    existing = [PeerAssignment(3, nip(2), nip(1), Relation.PEER)]
    text = _csv((2, 1, "peer"), (3, 1, "peer"), (4, 1, "peer"))
    assert _errors(text, existing) == [(2, "ratee_nip", "already_assigned")]


def test_a_ratee_left_below_the_threshold_is_refused_on_its_first_line():
    text = _csv((2, 1, "peer"), (3, 4, "peer"), (3, 1, "peer"))
    with pytest.raises(ImportRejected) as rejected:
        _parse(text)
    assert [(e.line, e.reason, dict(e.params or {})) for e in rejected.value.errors] == [
        (2, "below_threshold", {"count": 2, "min": 3}),
        (3, "below_threshold", {"count": 1, "min": 3}),
    ]


def test_existing_assignments_count_towards_the_threshold():
    existing = [PeerAssignment(3, nip(r), nip(1), Relation.PEER) for r in (2, 3)]
    assert len(_parse(_csv((4, 1, "peer")), existing)) == 1


def test_a_file_with_a_wrong_column_is_refused_at_the_header():
    assert _errors("rater,ratee_nip,relation\n") == [
        (1, "rater_nip", "missing_column"),
        (1, "rater", "unknown_column"),
    ]
