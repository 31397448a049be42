"""What the reminder rules read (a :class:`World`: open periods, people, the state of their
work, the reminders already planned) and what they write (:class:`Reminder`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from domain.appraisal.periods import AppraisalPeriod
from domain.messages import Button, OutboundMessage, Param
from domain.outbox import reminder_stream

DEFAULT_BEFORE_DAYS: Final = (7, 3, 1)
OVERDUE_EVERY_DAYS: Final = 2
OVERDUE_AT_MOST: Final = 3
DIGEST_MORNING: Final = timedelta(hours=4)  # after the office opens: a digest is a morning's
ALL_PERIODS: Final = 0  # the period of a reminder about no one period (the digest)


class Mute(StrEnum):
    """What a person chose in ``/pengingat``. Digests and objection deadlines are sent
    whatever they chose."""

    ALL = "all"  # every reminder
    DEADLINES = "deadlines"  # on the due day and after it only
    OFF = "off"  # none that may be muted


class Purpose(StrEnum):
    SELF_ASSESSMENT = "self"
    PEER_FEEDBACK = "peer"
    OBJECTION_CLOSING = "objection"
    DIGEST = "digest"

    @property
    def essential(self) -> bool:
        """Cannot be muted: a pejabat penilai's digest and an objection deadline."""
        return self in {Purpose.DIGEST, Purpose.OBJECTION_CLOSING}


@dataclass(frozen=True, slots=True)
class Person:
    """An employee as the reminders see them; ``timezone`` is their unit's (inherited) zone."""

    id: int
    nip: str
    name: str
    unit_id: int
    timezone: str
    supervisor_id: int | None = None
    telegram_id: int | None = None
    mute: Mute = Mute.ALL
    reachable: bool = True  # False once they blocked the bot, until they write to it again

    @property
    def can_receive(self) -> bool:
        return self.telegram_id is not None and self.reachable


@dataclass(frozen=True, slots=True)
class Work:
    """One employee's appraisal in one period as the reminders need it. ``status`` is an
    ``AppraisalStatus`` value; ``since`` when it reached that status; ``window_closes`` the end
    of the objection window, once the result was sent."""

    period_id: int
    employee_id: int
    status: str = "not_started"
    since: datetime | None = None
    window_closes: datetime | None = None


def _no_people() -> Mapping[int, Person]:
    return MappingProxyType({})


def _no_work() -> Mapping[tuple[int, int], Work]:
    return MappingProxyType({})


def _no_moments() -> Mapping[str, datetime]:
    return MappingProxyType({})


def _no_days() -> Mapping[int, tuple[int, ...]]:
    return MappingProxyType({})


def _no_counts() -> Mapping[tuple[int, int], int]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class World:
    """Everything the rules read at one plan run. ``last`` maps each stream (the dedupe-key
    prefix of one purpose, period and recipient, :func:`stream_of`) to when its latest
    reminder was planned; ``before_days`` the periods whose reminders are not at the default
    7, 3 and 1 days before."""

    periods: tuple[AppraisalPeriod, ...] = ()
    people: Mapping[int, Person] = field(default_factory=_no_people)
    work: Mapping[tuple[int, int], Work] = field(default_factory=_no_work)
    last: Mapping[str, datetime] = field(default_factory=_no_moments)
    before_days: Mapping[int, tuple[int, ...]] = field(default_factory=_no_days)
    default_before: tuple[int, ...] = DEFAULT_BEFORE_DAYS
    peer_owed: Mapping[tuple[int, int], int] = field(default_factory=_no_counts)

    def before(self, period_id: int) -> tuple[int, ...]:
        return self.before_days.get(period_id, self.default_before)

    def work_of(self, period_id: int, employee_id: int) -> Work:
        return self.work.get((period_id, employee_id)) or Work(period_id, employee_id)

    def last_planned(self, stream: str) -> datetime | None:
        return self.last.get(stream)


def stream_of(purpose: Purpose, period_id: int, person_id: int) -> str:
    """The dedupe-key prefix of every reminder of one purpose, period and recipient."""
    return reminder_stream(purpose.value, period_id, person_id)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A message the rules decided is due now for ``recipient``; ``occasion`` names the moment
    it is for (``d7``, ``due``, ``late2``, a digest's date), so planning it again adds nothing."""

    recipient: Person
    purpose: Purpose
    period_id: int
    occasion: str
    key: str
    params: Mapping[str, Param]
    buttons: tuple[tuple[Button, ...], ...] = ()

    @property
    def dedupe_key(self) -> str:
        return stream_of(self.purpose, self.period_id, self.recipient.id) + self.occasion

    def message(self, now: datetime) -> OutboundMessage:
        assert self.recipient.telegram_id is not None
        return OutboundMessage(
            self.recipient.telegram_id,
            self.key,
            self.dedupe_key,
            self.params,
            self.buttons,
            not_before=now,
            timezone=self.recipient.timezone,
        )
