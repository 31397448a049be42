"""The pejabat penilai nominates raters for a subordinate; eligibility at submission."""

from __future__ import annotations

import pytest

from domain.appraisal.periods import PeriodStatus
from domain.errors import InvalidValue, NotFound, PeriodNotOpen, PermissionDenied
from domain.peer.nomination import MAX_NOMINATED, nominate
from domain.peer.raters import (
    AssignmentSource,
    PeerAssignment,
    Relation,
    require_rater_of,
    require_still_eligible,
)
from tests.unit.peer.conftest import PEER_DUE, at, colleague, nip, quarter, team

PEER = Relation.PEER
STAFF = [
    colleague(0, kind="pengawas"),
    *team(5),
    colleague(6, unit="DISDIK", supervisor=9),  # same level, another unit
    colleague(7, kind="fungsional", supervisor=0),  # another level
    colleague(8, supervisor=1),  # subordinate of number 1
]
BY_NIP = {c.nip: c for c in STAFF}
RATEE = BY_NIP[nip(1)]
OPEN = at(PEER_DUE, 12)


def _nominate(raters, *, by=0, current=(), period=None, now=OPEN, relation=PEER):
    return nominate(
        by_nip=nip(by),
        ratee=RATEE,
        relation=relation,
        rater_nips=[nip(r) for r in raters],
        staff=BY_NIP,
        current=list(current),
        period=period or quarter(),
        now=now,
        tz="Asia/Jakarta",
    )


def test_the_pejabat_penilai_nominates_three_colleagues_at_the_same_level():
    nomination = _nominate([2, 3, 4])
    assert [(a.rater_nip, a.ratee_nip, a.source) for a in nomination.added] == [
        (nip(r), nip(1), AssignmentSource.NOMINATED) for r in (2, 3, 4)
    ]
    assert nomination.withdrawn == ()


def test_a_colleague_at_the_same_level_in_another_unit_may_be_nominated():
    assert len(_nominate([2, 3, 6]).added) == 3


def test_changing_the_raters_adds_the_new_ones_and_withdraws_the_dropped_ones():
    current = [PeerAssignment(1, nip(r), nip(1), PEER, id=r) for r in (2, 3, 4)]
    nomination = _nominate([3, 4, 5], current=current)
    assert [a.rater_nip for a in nomination.added] == [nip(5)]
    assert [a.id for a in nomination.withdrawn] == [2]


def test_only_the_subordinates_pejabat_penilai_may_nominate():
    with pytest.raises(PermissionDenied) as refused:
        _nominate([2, 3, 4], by=2)
    assert refused.value.reason == "not_pejabat_penilai"


@pytest.mark.parametrize(
    ("raters", "reason"),
    [
        ([1, 2, 3], "self_rating"),
        ([2, 3, 7], "other_level"),
        ([2, 3, 8], "subordinate_as_peer"),
        ([2, 3, 3], "duplicate_rater"),
        ([2, 3], "too_few_raters"),
    ],
)
def test_a_nomination_breaking_a_rule_is_refused_with_that_rule(raters, reason):
    with pytest.raises(InvalidValue) as refused:
        _nominate(raters)
    assert refused.value.reason == reason


def test_more_than_the_maximum_is_refused():
    with pytest.raises(InvalidValue) as refused:
        _nominate(range(100, 101 + MAX_NOMINATED))
    assert refused.value.reason == "too_many_raters"


def test_an_unknown_rater_is_not_found():
    with pytest.raises(NotFound):
        _nominate([2, 3, 99])


def test_the_pejabat_penilai_is_never_a_peer_of_their_own_subordinate():
    staff = {**BY_NIP, nip(0): colleague(0)}  # a pejabat penilai at the same level
    with pytest.raises(InvalidValue) as refused:
        nominate(
            by_nip=nip(0),
            ratee=RATEE,
            relation=PEER,
            rater_nips=[nip(0), nip(2), nip(3)],
            staff=staff,
            current=[],
            period=quarter(),
            now=OPEN,
            tz="Asia/Jakarta",
        )
    assert refused.value.reason == "pejabat_penilai_as_peer"


def test_upward_raters_must_be_the_subordinates_own_direct_subordinates():
    with pytest.raises(InvalidValue) as refused:
        _nominate([2, 3, 8], relation=Relation.UPWARD)
    assert refused.value.reason == "not_direct_subordinate"


def test_after_the_peer_deadline_nominations_are_refused():
    with pytest.raises(PeriodNotOpen) as refused:
        _nominate([2, 3, 4], now=at(PEER_DUE.replace(day=11), 0, 0))
    assert refused.value.reason == "past_due"


def test_a_closed_period_refuses_nominations():
    with pytest.raises(PeriodNotOpen):
        _nominate([2, 3, 4], period=quarter(status=PeriodStatus.CLOSED))


def test_only_the_assigned_rater_answers_an_assignment():
    assignment = PeerAssignment(1, nip(2), nip(1), PEER, id=5)
    require_rater_of(assignment, nip(2))
    with pytest.raises(PermissionDenied) as refused:
        require_rater_of(assignment, nip(3))
    assert refused.value.reason == "not_your_assignment"


def test_a_rater_who_left_the_unit_may_no_longer_answer_an_automatic_assignment():
    assignment = PeerAssignment(1, nip(2), nip(1), PEER, AssignmentSource.AUTO)
    moved = colleague(2, unit="DISDIK", supervisor=0)
    with pytest.raises(PermissionDenied) as refused:
        require_still_eligible(assignment, moved, RATEE)
    assert refused.value.reason == "no_longer_eligible"
    nominated = PeerAssignment(1, nip(2), nip(1), PEER, AssignmentSource.NOMINATED)
    require_still_eligible(nominated, moved, RATEE)  # chosen across units on purpose
