"""Automatic assignment of raters for a period (``kinerja peers assign``).

The rules (issue 11, ``raters`` for eligibility):

- Existing assignments are kept as they are, and a ratee who already has raters for a relation
  (nominated by their pejabat penilai or imported) gets no automatic ones for it.
- Peers come from the ratee's own unit and level; each ratee gets ``per_person`` of them, or all
  there are. Default 4: the threshold of 3 plus one spare, so that one rater who never answers
  (leave, illness, a transfer) does not hide the whole summary; more would multiply every
  rater's forms (about five minutes each) in small units where it buys little.
- Upward feedback, when wanted, comes from every direct subordinate: each has one pejabat
  penilai, so it costs each of them one form, and every extra rater strengthens anonymity.
- No pair twice. Workload balanced: within a peer group (one unit, one level), where the choice
  is made, nobody given a new assignment ends with more than ⌈average⌉+1 peer assignments
  (average = the group's peer assignments / its members). Raters are picked least-loaded first,
  ties broken by ``random.Random(seed)`` over sorted inputs, so the same input and seed always
  give the same plan.
- Nobody is silently skipped: whoever cannot reach ``min_raters`` in a relation is listed in
  ``shortfalls`` with the reason, and gets no assignments in it (answers that could never be
  shown would be asked for nothing).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import groupby
from typing import Final

from domain.errors import InvalidValue
from domain.peer.raters import (
    DEFAULT_MIN_RATERS,
    Colleague,
    PeerAssignment,
    Relation,
    checked_min_raters,
    direct_subordinates,
    is_eligible,
)

DEFAULT_PER_PERSON: Final = 4
MAX_PER_PERSON: Final = 10


class ShortfallReason(StrEnum):
    TOO_FEW_PEERS = "too_few_peers"  # the unit has too few colleagues at the same level
    TOO_FEW_SUBORDINATES = "too_few_subordinates"
    NOMINATED_BELOW_THRESHOLD = "nominated_below_threshold"  # the existing choice is too small
    RATERS_AT_CAPACITY = "raters_at_capacity"  # the colleagues already carry a full workload

    @property
    def text_key(self) -> str:
        return f"peer.shortfall.{self.value}"


@dataclass(frozen=True, slots=True)
class Shortfall:
    """``ratee_nip`` cannot reach the threshold in ``relation``: ``available`` raters of the
    ``needed`` ``min_raters``."""

    ratee_nip: str
    relation: Relation
    reason: ShortfallReason
    available: int
    needed: int


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    """New assignments (existing ones not repeated) and who stays below the threshold."""

    assignments: tuple[PeerAssignment, ...]
    shortfalls: tuple[Shortfall, ...]


@dataclass(slots=True)
class _Ledger:
    """The plan while it is made: pairs taken, peer workload per rater and per group."""

    period_id: int
    min_raters: int
    rng: random.Random
    pairs: set[tuple[str, str]]
    load: Counter[str]
    group_total: Counter[tuple[str, str]]
    group_size: Counter[tuple[str, str]]
    added: list[PeerAssignment] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)

    def short(self, ratee: str, relation: Relation, reason: ShortfallReason, got: int) -> None:
        self.shortfalls.append(Shortfall(ratee, relation, reason, got, self.min_raters))

    def add(self, rater: str, ratee: str, relation: Relation) -> None:
        self.pairs.add((rater, ratee))
        self.added.append(PeerAssignment(self.period_id, rater, ratee, relation))


def assign_raters(
    staff: Sequence[Colleague],
    existing: Sequence[PeerAssignment],
    *,
    period_id: int,
    per_person: int = DEFAULT_PER_PERSON,
    upward: bool = False,
    seed: int = 0,
    min_raters: int = DEFAULT_MIN_RATERS,
) -> AssignmentPlan:
    """Assign raters to everyone in ``staff`` not yet covered by ``existing`` (module rules)."""
    checked_min_raters(min_raters)
    if not min_raters <= per_person <= MAX_PER_PERSON:
        raise InvalidValue("out_of_range", field="per_person", min=min_raters, max=MAX_PER_PERSON)
    people = sorted(set(staff))
    if len({person.nip for person in people}) != len(people):
        raise ValueError("staff must name each NIP once")
    ledger = _ledger(people, existing, period_id, min_raters, seed)
    covered = Counter((a.ratee_nip, a.relation) for a in existing)
    for _, members in groupby(people, key=_group):
        _assign_peer_group(ledger, list(members), covered, per_person)
    if upward:
        for supervisor in people:
            _assign_upward(ledger, supervisor, people, covered)
    return AssignmentPlan(
        tuple(sorted(ledger.added, key=lambda a: (a.relation, a.ratee_nip, a.rater_nip))),
        tuple(sorted(ledger.shortfalls, key=lambda s: (s.relation, s.ratee_nip))),
    )


def _group(person: Colleague) -> tuple[str, str]:
    return person.unit_code, person.position_kind


def _ledger(
    people: Sequence[Colleague],
    existing: Sequence[PeerAssignment],
    period_id: int,
    min_raters: int,
    seed: int,
) -> _Ledger:
    group_of = {person.nip: _group(person) for person in people}
    peer = [a for a in existing if a.relation is Relation.PEER]
    return _Ledger(
        period_id=period_id,
        min_raters=min_raters,
        rng=random.Random(seed),  # noqa: S311 - reproducible on purpose; it guards no secret
        pairs={a.pair for a in existing},
        load=Counter(a.rater_nip for a in peer),
        group_total=Counter(group_of[a.rater_nip] for a in peer if a.rater_nip in group_of),
        group_size=Counter(group_of.values()),
    )


def _assign_peer_group(
    ledger: _Ledger,
    members: list[Colleague],
    covered: Counter[tuple[str, Relation]],
    per_person: int,
) -> None:
    """Every member of one (unit, level) group, in a seeded order so that nobody always gets
    the least-loaded raters first."""
    ledger.rng.shuffle(members)
    for ratee in members:
        nominated = covered[(ratee.nip, Relation.PEER)]
        if nominated:
            if nominated < ledger.min_raters:
                ledger.short(
                    ratee.nip, Relation.PEER, ShortfallReason.NOMINATED_BELOW_THRESHOLD, nominated
                )
            continue
        candidates = sorted(
            m.nip
            for m in members
            if (m.nip, ratee.nip) not in ledger.pairs
            and is_eligible(m, ratee, Relation.PEER, same_unit=True)
        )
        if len(candidates) < ledger.min_raters:
            ledger.short(ratee.nip, Relation.PEER, ShortfallReason.TOO_FEW_PEERS, len(candidates))
            continue
        _pick_peers(ledger, ratee, candidates, min(per_person, len(candidates)))


def _pick_peers(ledger: _Ledger, ratee: Colleague, candidates: list[str], wanted: int) -> None:
    """Least-loaded first under the cap ⌈(total after this pick)/size⌉+1; a rater's load only
    grows through picks under the cap, so it never ends above ⌈final average⌉+1."""
    group = _group(ratee)
    tiebreak = {nip: ledger.rng.random() for nip in candidates}
    picked: list[str] = []
    for _ in range(wanted):
        cap = math.ceil((ledger.group_total[group] + 1) / ledger.group_size[group]) + 1
        open_ = [nip for nip in candidates if nip not in picked and ledger.load[nip] + 1 <= cap]
        if not open_:
            break
        rater = min(open_, key=lambda nip: (ledger.load[nip], tiebreak[nip]))
        picked.append(rater)
        ledger.load[rater] += 1
        ledger.group_total[group] += 1
    if len(picked) < ledger.min_raters:
        for rater in picked:  # below the threshold: ask nobody (see the module docstring)
            ledger.load[rater] -= 1
            ledger.group_total[group] -= 1
        ledger.short(ratee.nip, Relation.PEER, ShortfallReason.RATERS_AT_CAPACITY, len(picked))
        return
    for rater in picked:
        ledger.add(rater, ratee.nip, Relation.PEER)


def _assign_upward(
    ledger: _Ledger,
    supervisor: Colleague,
    people: Sequence[Colleague],
    covered: Counter[tuple[str, Relation]],
) -> None:
    subordinates = direct_subordinates(supervisor, people)
    if not subordinates:
        return  # upward feedback concerns pejabat penilai only
    nominated = covered[(supervisor.nip, Relation.UPWARD)]
    if nominated:
        if nominated < ledger.min_raters:
            reason = ShortfallReason.NOMINATED_BELOW_THRESHOLD
            ledger.short(supervisor.nip, Relation.UPWARD, reason, nominated)
        return
    raters = [
        s.nip
        for s in subordinates
        if (s.nip, supervisor.nip) not in ledger.pairs
        and is_eligible(s, supervisor, Relation.UPWARD, same_unit=False)
    ]
    if len(raters) < ledger.min_raters:
        reason = ShortfallReason.TOO_FEW_SUBORDINATES
        ledger.short(supervisor.nip, Relation.UPWARD, reason, len(raters))
        return
    for rater in raters:
        ledger.add(rater, supervisor.nip, Relation.UPWARD)
