"""What a reminder's or a digest's buttons ask for (:mod:`domain.actions`).

A digest item's button names the item (a subordinate waiting for the assessment, one who has
not submitted, an objection waiting for a decision): pressed after the item is done, it gets a
short note instead of a screen that no longer applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from domain.actions import Action


class DigestItem(StrEnum):
    ASSESS = "assess"  # the subordinate submitted; the pejabat penilai's assessment is awaited
    LATE = "late"  # the subordinate has not submitted
    DECIDE = "decide"  # an objection waits for the atasan's decision


@dataclass(frozen=True, slots=True)
class OpenDigestItem(Action):
    name: ClassVar[str] = "reminders/item"
    item: DigestItem
    period_id: int
    employee_id: int


@dataclass(frozen=True, slots=True)
class ShowReminderSettings(Action):
    name: ClassVar[str] = "reminders/settings"


@dataclass(frozen=True, slots=True)
class SetReminderMute(Action):
    name: ClassVar[str] = "reminders/mute"
    mute: str  # a Mute value (all, deadlines, off)
