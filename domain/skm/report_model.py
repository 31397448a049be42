"""What an IKM report is made of: scopes, groups, profile counts, saran, population
(Krejcie–Morgan) and the rencana tindak lanjut (RTL) of the weakest unsur; its period is a
:class:`~domain.skm.report_period.ReportPeriod`.

Pure data and rules; the numbers come from :mod:`domain.skm.ikm` and the database aggregates them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Final

from domain.errors import InvalidValue
from domain.skm.ikm import UNSUR_CODES, SampleProgress, SkmResult, UnsurTotals, compute_ikm
from domain.skm.report_period import ReportPeriod

RTL_LIMIT: Final = 1000
MAX_POPULATION: Final = 100_000_000


class ScopeKind(StrEnum):
    """A report's subject: one jenis layanan, or a unit with every service below it."""

    SERVICE = "service"
    UNIT = "unit"


class Grouping(StrEnum):
    SERVICE = "service"
    UNIT = "unit"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class ResponseFilter:
    """Which responses to aggregate: a local-date range, optionally some services.

    A unit's scope is the services *now* in its subtree (the use case lists them): a response
    belongs to its service wherever the service moves, so a re-organised unit keeps its history.
    """

    period: ReportPeriod
    service_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class UnsurAggregate:
    """One group's sums straight from SQL: ``group_id`` is a service id, the id of the unit the
    service belongs to *now*, or None (everything)."""

    group_id: int | None
    respondents: int
    totals: tuple[UnsurTotals, ...]

    @property
    def result(self) -> SkmResult:
        return compute_ikm(self.totals, self.respondents)


@dataclass(frozen=True, slots=True)
class ProfileCount:
    group_id: int | None
    field: str
    value: str | None  # None: skipped
    count: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A saran/pengaduan, without anything about who wrote it (the contact only if they left
    one for an answer). ``local_date`` is ``None`` where a report withholds it (too few
    respondents: the day would point at the person)."""

    group_id: int | None
    service_code: str
    local_date: date | None
    channel: str
    text: str
    contact: str | None


@dataclass(frozen=True, slots=True)
class Population:
    """Service users in a period, recorded by an admin, for the Krejcie–Morgan target (§1.7)."""

    scope: ScopeKind
    scope_id: int
    period: ReportPeriod
    population: int
    recorded_at: datetime
    recorded_by: str

    def __post_init__(self) -> None:
        if not 1 <= self.population <= MAX_POPULATION:
            raise InvalidValue(
                "population_out_of_range", field="population", min=1, max=MAX_POPULATION
            )


@dataclass(frozen=True, slots=True)
class Rtl:
    """A rencana tindak lanjut for one unsur after a period's report (§1.8: the weakest unsur
    drive the RTL), shown beside the next period's figure."""

    scope: ScopeKind
    scope_id: int
    period: ReportPeriod
    unsur: str
    nrr: str  # the NRR as displayed when the plan was made, e.g. "3.448"
    plan: str
    recorded_at: datetime
    recorded_by: str

    def __post_init__(self) -> None:
        if self.unsur not in UNSUR_CODES:
            raise InvalidValue("unknown_unsur", field="unsur", code=self.unsur)
        if not self.plan.strip() or len(self.plan) > RTL_LIMIT:
            raise InvalidValue("too_long", field="plan", limit=RTL_LIMIT)

    @property
    def nrr_value(self) -> Decimal | None:
        """The NRR recorded with the plan as a number; ``None`` if the unsur had none then."""
        try:
            return Decimal(self.nrr)
        except InvalidOperation:
            return None


@dataclass(frozen=True, slots=True)
class IkmGroup:
    """One line of a report: a service or a unit over a period, with everything shown of it."""

    kind: ScopeKind
    id: int | None
    unit_code: str
    unit_name: str
    service_code: str | None
    service_name: str | None
    period: ReportPeriod
    result: SkmResult
    profile: Mapping[str, Mapping[str | None, int]] = field(default_factory=dict)
    population: int | None = None
    previous_rtl: tuple[Rtl, ...] = ()
    withheld: bool = False  # fewer respondents than the minimum: only the count is shown

    @property
    def code(self) -> str:
        return self.service_code or self.unit_code

    @property
    def name(self) -> str:
        return self.service_name or self.unit_name

    @property
    def sample(self) -> SampleProgress | None:
        """Progress towards the K&M target; informative only, it never blocks a report."""
        if self.population is None:
            return None
        return SampleProgress.for_population(self.population, self.result.respondents)

    @property
    def weakest(self) -> tuple[str, ...]:
        return weakest_unsur(self.result)


@dataclass(frozen=True, slots=True)
class IkmReport:
    """``suggestions`` are the newest first; ``suggestions_total`` counts all of them in scope
    (more than shown when a chat report keeps only the newest)."""

    period: ReportPeriod
    grouping: Grouping
    groups: tuple[IkmGroup, ...]
    suggestions: tuple[Suggestion, ...] = ()
    suggestions_total: int = 0
    min_respondents: int = 1

    @property
    def suggestions_cut(self) -> bool:
        return self.suggestions_total > len(self.suggestions)


def withhold(group: IkmGroup) -> IkmGroup:
    """``group`` with only its number of respondents: no NRR, no IKM, no profile."""
    respondents = group.result.respondents
    return replace(group, result=compute_ikm((), respondents), profile={}, withheld=True)


def withhold_small(group: IkmGroup, minimum: int) -> IkmGroup:
    """``group`` as a chat report may show it: with fewer than ``minimum`` respondents (but
    some), only their number. One or two citizens' exact NRR and profile, read by the unit head
    who served them, would say how each of them answered."""
    respondents = group.result.respondents
    return group if respondents == 0 or respondents >= minimum else withhold(group)


def withhold_lines(lines: Sequence[IkmGroup], minimum: int) -> list[IkmGroup]:
    """A unit's lines per service as a chat report may show them. Small lines are withheld, and
    then, while the withheld lines hold fewer than ``minimum`` respondents together, the
    smallest shown ones too: the unit's figure minus the shown lines must not give away the
    answers of one or two people."""
    shown = [withhold_small(line, minimum) for line in lines]
    hidden = sum(line.result.respondents for line in shown if line.withheld)
    by_size = sorted(
        (i for i, line in enumerate(shown) if not line.withheld and line.result.respondents),
        key=lambda i: shown[i].result.respondents,
    )
    for index in by_size:
        if not 0 < hidden < minimum:
            break
        hidden += shown[index].result.respondents
        shown[index] = withhold(shown[index])
    return shown


def weakest_unsur(result: SkmResult) -> tuple[str, ...]:
    """The unsur with the lowest NRR (all of them on a tie), in questionnaire order."""
    if not result.nrr:
        return ()
    lowest = min(result.nrr.values())
    return tuple(code for code in UNSUR_CODES if result.nrr.get(code) == lowest)


def lowest_unsur(result: SkmResult, count: int) -> tuple[str, ...]:
    """The ``count`` lowest-scoring unsur, lowest first (ties in questionnaire order)."""
    ranked = sorted(result.nrr.items(), key=lambda item: (item[1], UNSUR_CODES.index(item[0])))
    return tuple(code for code, _ in ranked[:count])
