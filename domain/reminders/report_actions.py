"""What the recognition list's and the digest's own buttons ask for (:mod:`domain.actions`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.actions import Action


@dataclass(frozen=True, slots=True)
class ConfirmRecognition(Action):
    """A unit head confirms one candidate of the month's recognition."""

    name: ClassVar[str] = "reminders/recognise"
    recognition_id: int


@dataclass(frozen=True, slots=True)
class NudgeLateSubordinates(Action):
    """A pejabat penilai reminds every subordinate who has not submitted (once a day)."""

    name: ClassVar[str] = "reminders/nudge"
