"""The pejabat penilai's choice of raters for a subordinate (from the team screen).

Who may be nominated: for peers, colleagues at the same level (the same ``position_kind``) in
any unit (UU 5/2014 Pasal 77(3): *rekan kerja setingkat*; the pejabat penilai knows who works
with whom across units, which the automatic assignment cannot), never the subordinate
themself, their pejabat penilai or their own direct subordinates; for upward feedback, the
subordinate's direct subordinates. How many: at least ``min_raters`` (fewer could never be
shown, see ``raters``) and at most ``MAX_NOMINATED`` (each rater fills one form per ratee).

A nomination replaces the ratee's raters in that relation while the feedback window is open.
A withdrawn rater's assignment goes, with their answers if any; what happened to them is not
said to the pejabat penilai (nothing about responses is visible before the deadline).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Final

from domain.appraisal.periods import AppraisalPeriod, Phase
from domain.errors import InvalidValue, NotFound, PermissionDenied
from domain.peer.raters import (
    DEFAULT_MIN_RATERS,
    AssignmentSource,
    Colleague,
    PeerAssignment,
    Relation,
    checked_min_raters,
    require_eligible,
)

MAX_NOMINATED: Final = 10


@dataclass(frozen=True, slots=True)
class Nomination:
    """What a nomination changes for one ratee and relation."""

    ratee_nip: str
    relation: Relation
    added: tuple[PeerAssignment, ...]
    withdrawn: tuple[PeerAssignment, ...]


def nominate(
    *,
    by_nip: str,
    ratee: Colleague,
    relation: Relation,
    rater_nips: Sequence[str],
    staff: Mapping[str, Colleague],
    current: Sequence[PeerAssignment],
    period: AppraisalPeriod,
    now: datetime,
    tz: str | tzinfo,
    min_raters: int = DEFAULT_MIN_RATERS,
) -> Nomination:
    """Check a nomination and say what it adds and withdraws (module rules).

    ``current`` is the period's assignments of ``ratee``; ``staff`` the period's staff by NIP.
    """
    if by_nip != ratee.supervisor_nip:
        raise PermissionDenied("not_pejabat_penilai")
    period.require(Phase.PEER_FEEDBACK, now, tz)
    chosen = _chosen_raters(rater_nips, checked_min_raters(min_raters))
    for nip in chosen:
        rater = staff.get(nip)
        if rater is None:
            raise NotFound("employee", ref=nip)
        require_eligible(rater, ratee, relation, same_unit=False)
    mine = [a for a in current if a.ratee_nip == ratee.nip and a.relation is relation]
    kept = {a.rater_nip for a in mine}
    period_id = _period_id(period)
    added = tuple(
        PeerAssignment(period_id, nip, ratee.nip, relation, AssignmentSource.NOMINATED)
        for nip in chosen
        if nip not in kept
    )
    withdrawn = tuple(a for a in mine if a.rater_nip not in chosen)
    return Nomination(ratee.nip, relation, added, withdrawn)


def _chosen_raters(rater_nips: Sequence[str], min_raters: int) -> list[str]:
    chosen: list[str] = []
    for raw in rater_nips:
        nip = raw.strip()
        if nip in chosen:
            raise InvalidValue("duplicate_rater", field="raters", nip=nip)
        chosen.append(nip)
    if len(chosen) < min_raters:
        raise InvalidValue("too_few_raters", field="raters", min=min_raters, count=len(chosen))
    if len(chosen) > MAX_NOMINATED:
        raise InvalidValue("too_many_raters", field="raters", max=MAX_NOMINATED)
    return sorted(chosen)


def _period_id(period: AppraisalPeriod) -> int:
    if period.id is None:
        raise ValueError("the period must be stored before raters are nominated")
    return period.id
