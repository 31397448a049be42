"""What a person can ask for about coaching, results and development, as typed actions
(:mod:`domain.actions`). Every action is authorised again by the use case its handler calls:
a button proves nothing about the person pressing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.actions import Action


@dataclass(frozen=True, slots=True)
class RecordCoaching(Action):
    """The pejabat penilai begins the form recording a bimbingan kinerja with a subordinate."""

    name: ClassVar[str] = "peer/coaching_record"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class AnswerCoaching(Action):
    """The coached employee begins Format B.1.8 about one session."""

    name: ClassVar[str] = "peer/coaching_answer"
    period_id: int
    record_id: int


@dataclass(frozen=True, slots=True)
class ShowDevelopment(Action):
    """One employee's coaching, recommendations and development plan in a period: for the
    pejabat penilai (``employee_id``) or the employee (``None``: their own)."""

    name: ClassVar[str] = "peer/development"
    period_id: int
    employee_id: int | None = None


@dataclass(frozen=True, slots=True)
class AgreePlanItem(Action):
    """The pejabat penilai begins the form recording an agreed development-plan item."""

    name: ClassVar[str] = "peer/plan_agree"
    period_id: int
    employee_id: int
