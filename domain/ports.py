"""The interfaces the domain needs from the outside world, as ``typing.Protocol`` s.

``storage`` implements them on SQLModel; ``tests/fakes.py`` implements them in memory. A unit of
work is one transaction: use cases call :meth:`UnitOfWork.commit`; leaving the ``async with``
block without committing rolls everything back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.appraisal.ports import AppraisalRepository, PeriodRepository, SkpRepository
from domain.audit import AuditLog
from domain.engine.ports import EngineUnitOfWork
from domain.org.ports import (
    AccountRepository,
    OrgRepository,
    RegistrationRepository,
    ServiceRecord,
)
from domain.outbox import Outbox
from domain.skm_report import (
    Grouping,
    Period,
    Population,
    ProfileCount,
    ResponseFilter,
    Rtl,
    ScopeKind,
    Suggestion,
    UnsurAggregate,
)
from domain.skm_survey import SkmResponse


class SkmRepository(Protocol):
    """Citizen survey responses, the daily-limit marks, population figures and RTL.

    Aggregates are computed by the database (GROUP BY), never by loading responses.
    """

    async def add_responses(self, responses: Sequence[SkmResponse]) -> list[int]:
        """Insert and return the new responses' ids, in order."""
        ...

    async def take_mark(self, mark: str, *, day: date, limit: int) -> bool:
        """Count one response against ``mark``; ``False`` (nothing changed) at ``limit``.

        Race-safe: of two transactions taking the last place at once, one gets ``False``."""
        ...

    async def release_mark(self, mark: str) -> None:
        """Give back one place taken with :meth:`take_mark` (storing the response failed)."""
        ...

    async def mark_count(self, mark: str) -> int: ...
    async def prune_marks(self, *, before: date) -> int:
        """Delete the marks of days before ``before``; how many."""
        ...

    async def aggregate(self, where: ResponseFilter, *, by: Grouping) -> list[UnsurAggregate]:
        """Respondents and Σ/count per unsur for each group that has responses. By unit means
        by the unit each service belongs to now."""
        ...

    async def profile_counts(
        self, where: ResponseFilter, *, by: Grouping
    ) -> list[ProfileCount]: ...

    async def suggestions(
        self, where: ResponseFilter, *, by: Grouping, limit: int | None = None
    ) -> list[Suggestion]:
        """The newest saran first (all of them when ``limit`` is ``None``)."""
        ...

    async def suggestion_count(self, where: ResponseFilter) -> int: ...
    async def services_with_responses(self, service_ids: Sequence[int]) -> set[int]:
        """Which of ``service_ids`` have at least one response (at any time)."""
        ...

    async def paper_import_at(self, sha256: str) -> datetime | None:
        """When a paper file with this SHA-256 was imported, if it was."""
        ...

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None: ...

    async def save_population(self, population: Population) -> None:
        """Insert, or replace the figure recorded for the same scope and period."""
        ...

    async def populations(
        self, scope: ScopeKind, scope_ids: Sequence[int], period: Period
    ) -> dict[int, int]:
        """The population recorded for exactly ``period``, by scope id (absent: none)."""
        ...

    async def save_rtl(self, rtl: Rtl) -> None:
        """Insert, or replace the plan for the same scope, period and unsur."""
        ...

    async def previous_rtl(
        self, scope: ScopeKind, scope_ids: Sequence[int], before: date
    ) -> list[Rtl]:
        """For each scope, the plans of one period: the latest that ended before ``before``
        (of periods ending the same day, the one that started last)."""
        ...

    async def service(self, service_id: int) -> ServiceRecord | None: ...

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        """Telegram ids of the admins whose grant covers a unit (given its path from the root)."""
        ...

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        """Delete sessions of ``questionnaire_id`` untouched since ``before``; how many."""
        ...


class UnitOfWork(EngineUnitOfWork, Protocol):
    # Read-only properties, so implementations may hold more specific repository types.
    @property
    def org(self) -> OrgRepository: ...
    @property
    def registration(self) -> RegistrationRepository: ...
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def periods(self) -> PeriodRepository: ...
    @property
    def skp(self) -> SkpRepository: ...
    @property
    def appraisals(self) -> AppraisalRepository: ...
    @property
    def skm(self) -> SkmRepository: ...
