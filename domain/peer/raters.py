"""Who may rate whom: the two relations, the staff as these rules see them, the threshold.

UU 5/2014 Pasal 77(3) names *rekan kerja setingkat* (colleagues at the same level) and
*bawahan* (subordinates); PP 30/2019 Pasal 41(2)-(4) says *bawahan langsung* (direct
subordinates). So there are two relations, never mixed in one aggregate:

- ``PEER``: same level (the same ``position_kind``), never oneself, never one's own pejabat
  penilai (that is the assessment itself, not a peer's view) and never one's own direct
  subordinate (that is upward feedback, with its own threshold). Automatic assignment also keeps
  to the same unit, the only "works together" the data knows; a pejabat penilai or an admin who
  knows better may choose same-level colleagues of another unit (the law says *setingkat*, not
  "of the same unit", and small units could otherwise never reach the threshold).
- ``UPWARD``: a direct subordinate rates their pejabat penilai.

Anonymity threshold: nothing of a relation is shown unless at least ``min_raters`` raters
submitted (default 3, and never fewer: with two raters each could subtract their own answers
from the average and read the other's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from domain.actors import StaffMember
from domain.errors import InvalidValue, PermissionDenied

MIN_RATERS_FLOOR: Final = 3
DEFAULT_MIN_RATERS: Final = 3


class Relation(StrEnum):
    """How the rater stands to the ratee; each relation is aggregated on its own."""

    PEER = "peer"  # rekan kerja setingkat
    UPWARD = "upward"  # bawahan langsung rates their pejabat penilai

    @property
    def text_key(self) -> str:
        return f"peer.relation.{self.value}"


class AssignmentSource(StrEnum):
    """Who made an assignment; automatic ones keep to the unit (see the module docstring)."""

    AUTO = "auto"
    NOMINATED = "nominated"  # by the ratee's pejabat penilai
    IMPORTED = "imported"  # by an admin's CSV

    @property
    def text_key(self) -> str:
        return f"peer.source.{self.value}"


@dataclass(frozen=True, slots=True, order=True)
class Colleague:
    """A member of the period's staff, as the assignment rules see them.

    ``supervisor_nip`` is the pejabat penilai kinerja (the atasan langsung, reference §2.8).
    """

    nip: str
    unit_code: str
    position_kind: str
    supervisor_nip: str | None = None


def colleagues_from(members: Iterable[StaffMember]) -> tuple[Colleague, ...]:
    """The staff as :class:`Colleague` s, sorted by NIP; a supervisor outside ``members`` is
    left out (they cannot rate or be rated in this period anyway)."""
    staff = list(members)
    nip_of = {member.id: member.nip for member in staff}
    return tuple(
        sorted(
            Colleague(
                member.nip,
                member.unit_code,
                str(member.position_kind),
                nip_of.get(member.supervisor_id) if member.supervisor_id is not None else None,
            )
            for member in staff
        )
    )


@dataclass(frozen=True, slots=True)
class PeerAssignment:
    """``rater_nip`` is asked to give ``relation`` feedback on ``ratee_nip`` in a period.

    The rater is named here only because the edit-until-deadline rule needs it; responses never
    carry it, and sealing a period (see ``ports``) removes the link between the two.
    """

    period_id: int
    rater_nip: str
    ratee_nip: str
    relation: Relation
    source: AssignmentSource = AssignmentSource.AUTO
    id: int | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return self.rater_nip, self.ratee_nip


def checked_min_raters(value: int) -> int:
    """The configured threshold, refused below the floor of 3 (issue 11; at start-up)."""
    if value < MIN_RATERS_FLOOR:
        raise InvalidValue(
            "below_anonymity_floor", field="min_raters", floor=MIN_RATERS_FLOOR, value=value
        )
    return value


def require_eligible(
    rater: Colleague, ratee: Colleague, relation: Relation, *, same_unit: bool
) -> None:
    """Raise :class:`InvalidValue` naming the rule that keeps ``rater`` from rating ``ratee``.

    ``same_unit`` is the automatic assignment's extra rule for peers (module docstring).
    """
    if rater.nip == ratee.nip:
        raise InvalidValue("self_rating", field="rater_nip")
    if relation is Relation.UPWARD:
        if rater.supervisor_nip != ratee.nip:
            raise InvalidValue("not_direct_subordinate", field="rater_nip")
        return
    if rater.position_kind != ratee.position_kind:
        raise InvalidValue("other_level", field="rater_nip")
    if same_unit and rater.unit_code != ratee.unit_code:
        raise InvalidValue("other_unit", field="rater_nip")
    if rater.nip == ratee.supervisor_nip:
        raise InvalidValue("pejabat_penilai_as_peer", field="rater_nip")
    if rater.supervisor_nip == ratee.nip:
        raise InvalidValue("subordinate_as_peer", field="rater_nip")


def is_eligible(rater: Colleague, ratee: Colleague, relation: Relation, *, same_unit: bool) -> bool:
    try:
        require_eligible(rater, ratee, relation, same_unit=same_unit)
    except InvalidValue:
        return False
    return True


def direct_subordinates(supervisor: Colleague, staff: Iterable[Colleague]) -> list[Colleague]:
    """The staff whose pejabat penilai is ``supervisor``, by NIP."""
    return sorted(member for member in staff if member.supervisor_nip == supervisor.nip)


def require_rater_of(assignment: PeerAssignment, by_nip: str) -> None:
    """Only the assigned rater answers an assignment (a forged or forwarded button is refused)."""
    if assignment.rater_nip != by_nip:
        raise PermissionDenied("not_your_assignment")


def require_still_eligible(assignment: PeerAssignment, rater: Colleague, ratee: Colleague) -> None:
    """At submission, the rule that made the assignment must still hold (a rater who left the
    unit, or is no longer the ratee's direct subordinate, is refused). Automatic assignments
    keep to the unit; nominated and imported ones to the level only."""
    same_unit = assignment.source is AssignmentSource.AUTO
    try:
        require_eligible(rater, ratee, assignment.relation, same_unit=same_unit)
    except InvalidValue:
        raise PermissionDenied("no_longer_eligible") from None
