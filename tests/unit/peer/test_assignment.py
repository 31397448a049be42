"""Automatic assignment of raters: eligibility, threshold, balance, determinism."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.actors import StaffMember
from domain.errors import InvalidValue
from domain.peer.assignment import ShortfallReason, assign_raters
from domain.peer.raters import (
    AssignmentSource,
    Colleague,
    PeerAssignment,
    Relation,
    colleagues_from,
    is_eligible,
)
from tests.unit.peer.conftest import colleague, nip, team

PEER, UPWARD = Relation.PEER, Relation.UPWARD


def boss(number: int = 0, *, unit: str = "BKPSDM") -> Colleague:
    return colleague(number, unit=unit, kind="pengawas")


def test_each_of_ten_colleagues_gets_four_peers_and_rates_four():
    plan = assign_raters(team(10), [], period_id=1, seed=7)
    assert Counter(a.ratee_nip for a in plan.assignments) == dict.fromkeys(
        [nip(i) for i in range(1, 11)], 4
    )
    assert set(Counter(a.rater_nip for a in plan.assignments).values()) == {4}
    assert plan.shortfalls == ()


def test_a_unit_of_three_at_one_level_gives_each_the_other_two_and_lists_all_three():
    plan = assign_raters(team(3), [], period_id=1)
    assert plan.assignments == ()
    assert {(s.ratee_nip, s.reason, s.available, s.needed) for s in plan.shortfalls} == {
        (nip(i), ShortfallReason.TOO_FEW_PEERS, 2, 3) for i in (1, 2, 3)
    }


def test_a_unit_of_four_at_one_level_gives_each_the_other_three():
    plan = assign_raters(team(4), [], period_id=1)
    assert Counter(a.ratee_nip for a in plan.assignments) == dict.fromkeys(
        [nip(i) for i in range(1, 5)], 3
    )
    assert plan.shortfalls == ()


def test_colleagues_of_another_level_or_unit_are_never_peers():
    staff = [
        *team(2),
        colleague(3, kind="fungsional", supervisor=0),
        colleague(4, unit="DISDIK", supervisor=0),
    ]
    plan = assign_raters(staff, [], period_id=1)
    assert plan.assignments == ()
    assert {s.ratee_nip: s.available for s in plan.shortfalls} == {
        nip(1): 1,
        nip(2): 1,
        nip(3): 0,
        nip(4): 0,
    }


def test_nobody_rates_their_own_pejabat_penilai_or_direct_subordinate_as_a_peer():
    # Four fungsional in one unit, one of them the pejabat penilai of two others.
    lead = colleague(1, kind="fungsional")
    staff = [
        lead,
        colleague(2, kind="fungsional", supervisor=1),
        colleague(3, kind="fungsional", supervisor=1),
        colleague(4, kind="fungsional"),
        colleague(5, kind="fungsional"),
    ]
    plan = assign_raters(staff, [], period_id=1)
    pairs = {a.pair for a in plan.assignments}
    assert not pairs & {(nip(1), nip(2)), (nip(1), nip(3)), (nip(2), nip(1)), (nip(3), nip(1))}


def test_upward_feedback_comes_from_every_direct_subordinate():
    staff = [boss(), *team(5)]
    plan = assign_raters(staff, [], period_id=1, upward=True)
    upward = [a for a in plan.assignments if a.relation is UPWARD]
    assert sorted(a.rater_nip for a in upward) == [nip(i) for i in range(1, 6)]
    assert {a.ratee_nip for a in upward} == {nip(0)}


def test_a_pejabat_penilai_with_one_subordinate_is_listed_for_upward_feedback():
    plan = assign_raters([boss(), colleague(1, supervisor=0)], [], period_id=1, upward=True)
    upward = [s for s in plan.shortfalls if s.relation is UPWARD]
    assert [(s.ratee_nip, s.reason, s.available) for s in upward] == [
        (nip(0), ShortfallReason.TOO_FEW_SUBORDINATES, 1)
    ]
    assert not [a for a in plan.assignments if a.relation is UPWARD]


def test_without_the_upward_flag_nobody_is_asked_to_rate_upwards():
    plan = assign_raters([boss(), *team(5)], [], period_id=1)
    assert {a.relation for a in plan.assignments} == {PEER}
    assert {s.relation for s in plan.shortfalls} <= {PEER}


def test_nominated_raters_are_kept_and_that_ratee_gets_no_automatic_ones():
    nominated = [
        PeerAssignment(1, nip(r), nip(1), PEER, AssignmentSource.NOMINATED) for r in (2, 3, 4)
    ]
    plan = assign_raters(team(8), nominated, period_id=1)
    assert not [a for a in plan.assignments if a.ratee_nip == nip(1)]
    assert not [s for s in plan.shortfalls if s.ratee_nip == nip(1)]


def test_a_nomination_below_the_threshold_is_listed_with_its_reason():
    nominated = [PeerAssignment(1, nip(2), nip(1), PEER, AssignmentSource.NOMINATED)]
    plan = assign_raters(team(8), nominated, period_id=1)
    assert [(s.ratee_nip, s.reason, s.available) for s in plan.shortfalls] == [
        (nip(1), ShortfallReason.NOMINATED_BELOW_THRESHOLD, 1)
    ]


def test_an_existing_pair_is_never_assigned_again():
    existing = [PeerAssignment(1, nip(1), nip(2), PEER, AssignmentSource.IMPORTED)]
    plan = assign_raters(team(4), existing, period_id=1)
    assert (nip(1), nip(2)) not in {a.pair for a in plan.assignments}


def test_raters_overloaded_by_nominations_get_no_more_and_the_ratee_is_told_why():
    # Five colleagues; two of them were nominated for 20 ratees elsewhere, so the third
    # colleague of the group cannot find three raters under the workload cap.
    staff = team(5)
    elsewhere = [
        PeerAssignment(1, nip(r), nip(100 + k), PEER, AssignmentSource.NOMINATED)
        for r in (1, 2)
        for k in range(20)
    ]
    plan = assign_raters(staff, elsewhere, period_id=1, seed=3)
    new_load = Counter(a.rater_nip for a in plan.assignments)
    assert new_load[nip(1)] == 0
    assert new_load[nip(2)] == 0
    # The other three each find only two raters under the cap: listed, and asked for nothing.
    assert {(s.ratee_nip, s.reason, s.available) for s in plan.shortfalls} == {
        (nip(r), ShortfallReason.RATERS_AT_CAPACITY, 2) for r in (3, 4, 5)
    }
    assert {a.ratee_nip for a in plan.assignments} == {nip(1), nip(2)}


def test_the_same_seed_gives_the_same_plan_and_another_seed_may_differ():
    staff = team(12)
    first = assign_raters(staff, [], period_id=1, seed=1)
    assert assign_raters(list(reversed(staff)), [], period_id=1, seed=1) == first
    assert any(assign_raters(staff, [], period_id=1, seed=s) != first for s in range(2, 6))


def test_new_assignments_belong_to_the_period_and_are_automatic():
    plan = assign_raters(team(5), [], period_id=42)
    assert {(a.period_id, a.source, a.id) for a in plan.assignments} == {
        (42, AssignmentSource.AUTO, None)
    }


@pytest.mark.parametrize("per_person", [2, 11])
def test_a_number_of_raters_outside_threshold_to_ten_is_refused(per_person):
    with pytest.raises(InvalidValue) as refused:
        assign_raters(team(5), [], period_id=1, per_person=per_person)
    assert refused.value.reason == "out_of_range"


def test_a_threshold_below_three_is_refused():
    with pytest.raises(InvalidValue) as refused:
        assign_raters(team(5), [], period_id=1, min_raters=2, per_person=2)
    assert refused.value.reason == "below_anonymity_floor"


def test_a_higher_threshold_needs_more_colleagues():
    plan = assign_raters(team(5), [], period_id=1, min_raters=5, per_person=5)
    assert plan.assignments == ()
    assert {s.available for s in plan.shortfalls} == {4}


# --- properties over any organisation ---------------------------------------------------------

UNITS = ("A", "B")
KINDS = ("pelaksana", "fungsional", "pengawas")


@st.composite
def organisations(draw):
    """Up to 24 people in two units and three levels; supervisors point to earlier people, so
    the supervisor tree has no loops. Plus some existing nominations (same level, any unit)."""
    size = draw(st.integers(1, 24))
    people: list[Colleague] = []
    for i in range(size):
        boss_index = draw(st.none() | st.integers(0, i - 1)) if i else None
        people.append(
            colleague(
                i,
                unit=draw(st.sampled_from(UNITS)),
                kind=draw(st.sampled_from(KINDS)),
                supervisor=boss_index,
            )
        )
    existing = []
    for _ in range(draw(st.integers(0, 6))):
        rater, ratee = draw(st.sampled_from(people)), draw(st.sampled_from(people))
        pairs = {a.pair for a in existing}
        if is_eligible(rater, ratee, PEER, same_unit=False) and (rater.nip, ratee.nip) not in pairs:
            existing.append(
                PeerAssignment(1, rater.nip, ratee.nip, PEER, AssignmentSource.NOMINATED)
            )
    return people, existing


plans = st.tuples(
    organisations(), st.integers(3, 6), st.booleans(), st.integers(0, 2**32), st.integers(3, 4)
)


def _plan(case):
    (people, existing), per_person, upward, seed, min_raters = case
    per_person = max(per_person, min_raters)
    plan = assign_raters(
        people,
        existing,
        period_id=1,
        per_person=per_person,
        upward=upward,
        seed=seed,
        min_raters=min_raters,
    )
    return people, existing, upward, min_raters, plan


@settings(max_examples=150, deadline=None)
@given(plans)
def test_no_pair_twice_and_every_new_assignment_is_eligible(case):
    people, existing, _, _, plan = _plan(case)
    everyone = {p.nip: p for p in people}
    pairs = [a.pair for a in (*existing, *plan.assignments)]
    assert len(pairs) == len(set(pairs))
    for a in plan.assignments:
        assert is_eligible(everyone[a.rater_nip], everyone[a.ratee_nip], a.relation, same_unit=True)


@settings(max_examples=150, deadline=None)
@given(plans)
def test_nobody_given_work_carries_more_than_the_ceiling_of_the_average_plus_one(case):
    people, existing, _, _, plan = _plan(case)
    group = {p.nip: (p.unit_code, p.position_kind) for p in people}
    peer = [a for a in (*existing, *plan.assignments) if a.relation is PEER]
    load = Counter(a.rater_nip for a in peer)
    total = Counter(group[a.rater_nip] for a in peer if a.rater_nip in group)
    size = Counter(group.values())
    for rater in {a.rater_nip for a in plan.assignments if a.relation is PEER}:
        g = group[rater]
        assert load[rater] <= math.ceil(total[g] / size[g]) + 1


@settings(max_examples=150, deadline=None)
@given(plans)
def test_everyone_reaches_the_threshold_or_is_listed_with_a_reason(case):
    people, existing, upward, min_raters, plan = _plan(case)
    count = Counter((a.ratee_nip, a.relation) for a in (*existing, *plan.assignments))
    short = {(s.ratee_nip, s.relation) for s in plan.shortfalls}
    new = {(a.ratee_nip, a.relation) for a in plan.assignments}
    leaders = {p.supervisor_nip for p in people}
    for person in people:
        relations = [PEER, UPWARD] if upward and person.nip in leaders else [PEER]
        for relation in relations:
            key = (person.nip, relation)
            assert (count[key] >= min_raters) != (key in short), key
            assert not (key in short and key in new), "nobody is asked for hidden answers"


@settings(max_examples=100, deadline=None)
@given(plans, st.randoms(use_true_random=False))
def test_the_same_input_and_seed_give_the_same_plan_in_any_input_order(case, shuffler):
    (people, existing), per_person, upward, seed, min_raters = case
    _, _, _, _, plan = _plan(case)
    people, existing = list(people), list(existing)
    shuffler.shuffle(people)
    shuffler.shuffle(existing)
    again = _plan(((people, existing), per_person, upward, seed, min_raters))[4]
    assert again == plan


def test_the_plan_does_not_depend_on_the_global_random_state():
    random.seed(1)
    first = assign_raters(team(9), [], period_id=1, seed=5)
    random.seed(2)
    assert assign_raters(team(9), [], period_id=1, seed=5) == first


@settings(max_examples=100, deadline=None)
@given(plans)
def test_a_second_run_over_the_first_plan_assigns_nobody_again(case):
    # Only a ratee the workload cap held back may find raters later, once the average grew.
    (people, existing), per_person, upward, seed, min_raters = case
    first = _plan(case)[4]
    again = _plan(((people, [*existing, *first.assignments]), per_person, upward, seed, min_raters))
    held_back = {
        (s.ratee_nip, s.relation)
        for s in first.shortfalls
        if s.reason is ShortfallReason.RATERS_AT_CAPACITY
    }
    assert {(a.ratee_nip, a.relation) for a in again[4].assignments} <= held_back


def test_the_staff_as_colleagues_keep_their_pejabat_penilai_by_nip():
    def member(member_id, supervisor_id, kind="pelaksana"):
        return StaffMember(
            id=member_id,
            nip=nip(member_id),
            name=f"Pegawai {member_id}",
            position="Analis",
            position_kind=kind,
            unit_id=1,
            unit_code="BKPSDM",
            unit_name="BKPSDM",
            supervisor_id=supervisor_id,
            telegram_id=None,
        )

    staff = colleagues_from([member(2, 1), member(1, None, "pengawas"), member(3, 99)])
    assert staff == (
        Colleague(nip(1), "BKPSDM", "pengawas", None),
        Colleague(nip(2), "BKPSDM", "pelaksana", nip(1)),
        Colleague(nip(3), "BKPSDM", "pelaksana", None),  # supervisor outside the period's staff
    )
