"""Appraisal periods: their dates, their status, and which phase of the cycle they accept.

PermenPANRB 6/2022 evaluates performance periodically (monthly, quarterly or per semester, as
the instansi decides) and once a year (reference §2.7). An :class:`AppraisalPeriod` carries the
dates an admin configures for one such period and answers "may this still be done now?".

Time rule used throughout: a due date means *until the end of that day in the unit's timezone*
(WIB ``Asia/Jakarta``, WITA ``Asia/Makassar``, WIT ``Asia/Jayapura``). ``now`` is always a
parameter and must be timezone-aware; this module never reads the clock.

Status machine: ``draft -> open -> closed``. Closed is final: a closed (frozen) period refuses
every action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Final

from domain.errors import InvalidTransition, InvalidValue, PeriodNotOpen
from domain.localtime import end_of_day, local_date, zone_of

NAME_MAX_LENGTH: Final = 80
OBJECTION_DAYS_RANGE: Final = (1, 30)
DEFAULT_OBJECTION_DAYS: Final = 5
# Self-assessment and peer feedback may run on after the period ends (realisations are filled in
# once the month/quarter is over), but not for more than a month; the supervisor gets two months.
SELF_AND_PEER_GRACE: Final = timedelta(days=31)
REVIEW_GRACE: Final = timedelta(days=60)
# Length rule, see _LENGTH_BOUNDS.
LENGTH_TOLERANCE_DAYS: Final = 7


class PeriodKind(StrEnum):
    """How often the instansi evaluates (reference §2.7: Bulanan, Triwulan, Semester, Tahunan)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMESTER = "semester"
    ANNUAL = "annual"

    @property
    def text_key(self) -> str:
        return f"period.kind.{self.value}"


class PeriodStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def text_key(self) -> str:
        return f"period.status.{self.value}"


class Phase(StrEnum):
    """The deadline-bound activities of a period."""

    SELF_ASSESSMENT = "self_assessment"
    PEER_FEEDBACK = "peer_feedback"
    REVIEW = "review"


def _calendar_span_bounds(months: int) -> tuple[int, int]:
    """Shortest and longest number of days ``months`` consecutive calendar months can have."""
    shortest = {1: 28, 3: 89, 6: 181, 12: 365}[months]
    longest = {1: 31, 3: 92, 6: 184, 12: 366}[months]
    return shortest, longest


def _with_tolerance(months: int) -> tuple[int, int]:
    shortest, longest = _calendar_span_bounds(months)
    return shortest - LENGTH_TOLERANCE_DAYS, longest + LENGTH_TOLERANCE_DAYS


# The length rule (inclusive day count, start and end both count): a period of a kind must be as
# long as some run of 1/3/6/12 consecutive calendar months (28-31, 89-92, 181-184, 365-366 days),
# give or take one week. That accepts every calendar month, quarter (2027-01-01..2027-03-31 is 90
# days), semester and year, plus a Pemda starting on the first working day after a holiday or
# ending on the last Friday; it rejects absurd setups such as a "monthly" period of 200 days.
_LENGTH_BOUNDS: Final[dict[PeriodKind, tuple[int, int]]] = {
    PeriodKind.MONTHLY: _with_tolerance(1),
    PeriodKind.QUARTERLY: _with_tolerance(3),
    PeriodKind.SEMESTER: _with_tolerance(6),
    PeriodKind.ANNUAL: _with_tolerance(12),
}


@dataclass(frozen=True, slots=True)
class AppraisalPeriod:
    """One evaluation period. Build new ones with :meth:`create`, which validates the dates."""

    id: int | None
    name: str
    kind: PeriodKind
    start: date
    end: date
    self_due: date
    peer_due: date
    review_due: date
    objection_days: int = DEFAULT_OBJECTION_DAYS
    status: PeriodStatus = PeriodStatus.DRAFT

    @classmethod
    def create(
        cls,
        *,
        name: str,
        kind: PeriodKind,
        start: date,
        end: date,
        self_due: date,
        peer_due: date,
        review_due: date,
        objection_days: int = DEFAULT_OBJECTION_DAYS,
        id: int | None = None,
        status: PeriodStatus = PeriodStatus.DRAFT,
    ) -> AppraisalPeriod:
        """A period whose dates obey every rule, or :class:`InvalidValue` naming the field."""
        period = cls(
            id=id,
            name=name.strip(),
            kind=PeriodKind(kind),
            start=start,
            end=end,
            self_due=self_due,
            peer_due=peer_due,
            review_due=review_due,
            objection_days=objection_days,
            status=PeriodStatus(status),
        )
        period.validate()
        return period

    def validate(self) -> None:
        """Raise :class:`InvalidValue` for the first rule these dates break."""
        _check_name(self.name)
        _check_span(self.kind, self.start, self.end)
        latest_feedback = self.end + SELF_AND_PEER_GRACE
        _check_within("self_due", self.self_due, self.start, latest_feedback)
        _check_within("peer_due", self.peer_due, self.start, latest_feedback)
        _check_within("review_due", self.review_due, self.self_due, self.end + REVIEW_GRACE)
        low, high = OBJECTION_DAYS_RANGE
        if not low <= self.objection_days <= high:
            raise InvalidValue("out_of_range", field="objection_days", min=low, max=high)

    # --- status transitions -------------------------------------------------------------------

    def open(self, others: Iterable[AppraisalPeriod]) -> AppraisalPeriod:
        """Draft -> open, unless an open period of the same kind overlaps these dates.

        Two open monthly periods for March would send every employee two questionnaires for the
        same work; periods of different kinds (a quarter inside a year) may overlap.
        """
        self._require(PeriodStatus.DRAFT, target=PeriodStatus.OPEN)
        for other in others:
            if self._clashes_with(other):
                raise InvalidTransition(
                    "overlap",
                    current=self.status.value,
                    target=PeriodStatus.OPEN.value,
                    other=other.name,
                )
        return replace(self, status=PeriodStatus.OPEN)

    def close(self) -> AppraisalPeriod:
        """Open -> closed. Closed is final: results are frozen."""
        self._require(PeriodStatus.OPEN, target=PeriodStatus.CLOSED)
        return replace(self, status=PeriodStatus.CLOSED)

    def overlaps(self, other: AppraisalPeriod) -> bool:
        """Whether the two date ranges share at least one day (bounds inclusive)."""
        return self.start <= other.end and other.start <= self.end

    def _clashes_with(self, other: AppraisalPeriod) -> bool:
        is_self = other is self or (self.id is not None and other.id == self.id)
        return (
            not is_self
            and other.status is PeriodStatus.OPEN
            and other.kind is self.kind
            and self.overlaps(other)
        )

    def _require(self, expected: PeriodStatus, *, target: PeriodStatus) -> None:
        if self.status is not expected:
            raise InvalidTransition(current=self.status.value, target=target.value)

    # --- phase queries ------------------------------------------------------------------------

    @property
    def is_frozen(self) -> bool:
        """A closed period's results can no longer change."""
        return self.status is PeriodStatus.CLOSED

    def due_date(self, phase: Phase) -> date:
        return {
            Phase.SELF_ASSESSMENT: self.self_due,
            Phase.PEER_FEEDBACK: self.peer_due,
            Phase.REVIEW: self.review_due,
        }[phase]

    def accepts(self, phase: Phase, now: datetime, tz: str | tzinfo) -> bool:
        """Whether ``phase`` may be done at ``now``: the period is open and its due date, read in
        the unit's timezone, has not ended yet."""
        on_time = local_date(now, tz) <= self.due_date(phase)
        return self.status is PeriodStatus.OPEN and on_time

    def accepts_self_assessment(self, now: datetime, tz: str | tzinfo) -> bool:
        return self.accepts(Phase.SELF_ASSESSMENT, now, tz)

    def accepts_peer_feedback(self, now: datetime, tz: str | tzinfo) -> bool:
        return self.accepts(Phase.PEER_FEEDBACK, now, tz)

    def accepts_review(self, now: datetime, tz: str | tzinfo) -> bool:
        """Supervisor assessment: the period is open and ``review_due`` has not passed."""
        return self.accepts(Phase.REVIEW, now, tz)

    def require(self, phase: Phase, now: datetime, tz: str | tzinfo) -> None:
        """Like :meth:`accepts`, but raise :class:`PeriodNotOpen` saying why not.

        Reasons: ``draft``, ``closed``, ``past_due`` (params ``phase``, ``due``).
        """
        if self.status is not PeriodStatus.OPEN:
            raise PeriodNotOpen(self.status.value, period=self.name, phase=phase.value)
        if not self.accepts(phase, now, tz):
            due = self.due_date(phase)
            raise PeriodNotOpen("past_due", period=self.name, phase=phase.value, due=due)

    def objection_deadline(self, assessed_at: datetime, tz: str | tzinfo | None = None) -> datetime:
        """The last instant an employee may object: the end of the day ``objection_days``
        calendar days after the assessment, in ``tz`` (default: ``assessed_at``'s own zone)."""
        zone = zone_of(tz) if tz is not None else assessed_at.tzinfo
        if zone is None:
            raise ValueError("assessed_at must be a timezone-aware datetime")
        assessed_on = local_date(assessed_at, zone)
        return end_of_day(assessed_on + timedelta(days=self.objection_days), zone)

    def accepts_objection(
        self, assessed_at: datetime, now: datetime, tz: str | tzinfo | None = None
    ) -> bool:
        """An objection is possible while the period is not frozen and the window is open."""
        return not self.is_frozen and now <= self.objection_deadline(assessed_at, tz)


def _check_name(name: str) -> None:
    if not name:
        raise InvalidValue("required", field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidValue("too_long", field="name", limit=NAME_MAX_LENGTH)


def _check_span(kind: PeriodKind, start: date, end: date) -> None:
    if end < start:
        raise InvalidValue("end_before_start", field="end", start=start, end=end)
    days = (end - start).days + 1
    shortest, longest = _LENGTH_BOUNDS[kind]
    if not shortest <= days <= longest:
        raise InvalidValue(
            "length_for_kind",
            field="kind",
            kind=kind.value,
            days=days,
            min=shortest,
            max=longest,
        )


def _check_within(field: str, value: date, earliest: date, latest: date) -> None:
    if not earliest <= value <= latest:
        raise InvalidValue("date_out_of_range", field=field, min=earliest, max=latest)
