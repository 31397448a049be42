"""What the SKM's use cases need from storage: responses, daily-limit marks, population figures,
RTL and paper imports (besides the organisation and the sessions); and the unit of work that holds
them.

``storage`` implements these; so do the in-memory fakes of the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.audit import AuditLog
from domain.engine.ports import SessionRepository
from domain.org.ports import OrgRepository, ServiceRecord
from domain.outbox import Outbox
from domain.skm.report_model import (
    Grouping,
    Population,
    ProfileCount,
    ResponseFilter,
    Rtl,
    ScopeKind,
    Suggestion,
    UnsurAggregate,
)
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import SkmResponse
from domain.unit_of_work import UnitOfWork


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
        self, scope: ScopeKind, scope_ids: Sequence[int], period: ReportPeriod
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


class SkmUnitOfWork(UnitOfWork, Protocol):
    """The repositories the SKM's use cases and flows touch (read-only properties, so an
    implementation may hold more specific types)."""

    @property
    def org(self) -> OrgRepository: ...
    @property
    def skm(self) -> SkmRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def audit(self) -> AuditLog: ...
