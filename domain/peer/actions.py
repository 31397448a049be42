"""What a person can ask for in peer and upward feedback, as typed actions
(:mod:`domain.actions`). Every action is authorised again by its use case: a button proves
nothing about the person pressing it, and no action names a rater next to a ratee (a rater's
own button carries only the assignment's id, which the use case checks is theirs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.actions import Action
from domain.peer.raters import Relation


@dataclass(frozen=True, slots=True)
class ListFeedback(Action):
    """``/umpanbalik``: who is waiting for my feedback, and my own results once frozen."""

    name: ClassVar[str] = "peer/list"
    period_id: int | None = None


@dataclass(frozen=True, slots=True)
class GiveFeedback(Action):
    """Begin, resume or (until the deadline) edit the feedback of one of my assignments."""

    name: ClassVar[str] = "peer/give"
    assignment_id: int


@dataclass(frozen=True, slots=True)
class ShowRaters(Action):
    """A subordinate's raters, for their pejabat penilai (from the team screen)."""

    name: ClassVar[str] = "peer/raters"
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class NominateRaters(Action):
    """Begin the pejabat penilai's choice of a subordinate's raters in one relation."""

    name: ClassVar[str] = "peer/nominate"
    period_id: int
    employee_id: int
    relation: Relation


@dataclass(frozen=True, slots=True)
class ShowPeerSummary(Action):
    """The frozen summary about an employee (``employee_id`` ``None``: about me)."""

    name: ClassVar[str] = "peer/summary"
    period_id: int
    employee_id: int | None = None
