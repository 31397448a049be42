"""What a person can ask for in the appraisal cycle, as typed actions (:mod:`domain.actions`).

``period_id`` is an appraisal period; ``None`` where allowed means "the open period, or a choice
of the open periods". ``employee_id`` is the appraised employee. Every action is authorised
again by the use case its handler calls: a button proves nothing about the person pressing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar

from domain.actions import Action


@dataclass(frozen=True, slots=True)
class StartSelfAssessment(Action):
    name: ClassVar[str] = "appraisal/self_assessment"
    period_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShowSkp(Action):
    name: ClassVar[str] = "appraisal/skp"


@dataclass(frozen=True, slots=True)
class ShowResults(Action):
    """The person's own results (of one period, or of all) and the objections they decide."""

    name: ClassVar[str] = "appraisal/results"
    period_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShowTeam(Action):
    name: ClassVar[str] = "appraisal/team"
    period_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShowSubordinate(Action):
    """One subordinate's case, for their pejabat penilai."""

    name: ClassVar[str] = "appraisal/subordinate"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class AssessSubordinate(Action):
    """Begin (or resume) the pejabat penilai's assessment form."""

    name: ClassVar[str] = "appraisal/assess"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class AcknowledgeResult(Action):
    """The employee accepts the predikat (no keberatan)."""

    name: ClassVar[str] = "appraisal/acknowledge"
    period_id: int


@dataclass(frozen=True, slots=True)
class FileObjection(Action):
    """Begin the employee's keberatan form."""

    name: ClassVar[str] = "appraisal/file_objection"
    period_id: int


@dataclass(frozen=True, slots=True)
class ShowObjection(Action):
    """An objected case, for whoever decides it (the atasan, or an admin on their behalf)."""

    name: ClassVar[str] = "appraisal/objection"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class DecideObjection(Action):
    """Begin the decision form on a keberatan."""

    name: ClassVar[str] = "appraisal/decide"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class DecideObjectionEarly(Action):
    """Begin the decision form before the pejabat penilai's tanggapan came or was due: the
    atasan states why first (PP 30/2019 Pasal 59 asks both sides)."""

    name: ClassVar[str] = "appraisal/decide_early"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class RespondToObjection(Action):
    """Begin the pejabat penilai's tanggapan form on an objection to their assessment."""

    name: ClassVar[str] = "appraisal/tanggapan"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class ShowDistribution(Action):
    """The distribution of predikat in a unit (by code) or where the person may see it."""

    name: ClassVar[str] = "appraisal/distribution"
    period_id: int | None = None
    unit_code: str | None = None


@dataclass(frozen=True, slots=True)
class ListPeriods(Action):
    name: ClassVar[str] = "appraisal/periods"


@dataclass(frozen=True, slots=True)
class OpenPeriod(Action):
    name: ClassVar[str] = "appraisal/period_open"
    period_id: int


@dataclass(frozen=True, slots=True)
class ClosePeriod(Action):
    name: ClassVar[str] = "appraisal/period_close"
    period_id: int


@dataclass(frozen=True, slots=True)
class CreatePeriod(Action):
    """Begin the form that creates a period."""

    name: ClassVar[str] = "appraisal/period_new"


# The route strings this area's notifications carried before typed actions ("sub:3:17"):
# outbox rows queued before the upgrade still name them.
LEGACY_REFERENCES: MappingProxyType[str, type[Action]] = MappingProxyType(
    {"sub": ShowSubordinate, "case": ShowObjection, "results": ShowResults}
)
