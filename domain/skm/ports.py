"""What the SKM's use cases need from storage; and the unit of work that holds it.

Three small repositories keep what the SKM records: the citizens' responses (and which paper
files were imported), the daily-limit marks, and the follow-up an admin or a unit head writes
after a report (population figures and RTL). What reports *compute* from the responses (the
GROUP BYs) is read-side: :class:`~domain.skm.queries.SkmQueries`, on the unit of work as
``skm_queries``. A service and the admins of a unit are organisation questions
(:class:`~domain.org.ports.OrgRepository`); forgetting a survey left half-way is the engine's
(:class:`~domain.engine.ports.SessionRepository`).

``storage`` implements all of them; the in-memory fakes of the tests implement the
repositories and pass the same contract tests (``tests/contract/skm/``), never the queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.audit import AuditLog
from domain.engine.ports import SessionRepository
from domain.org.ports import OrgRepository
from domain.outbox import Outbox
from domain.skm.queries import SkmQueries
from domain.skm.report_model import Population, Rtl, ScopeKind
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import PendingResponse, SkmResponse
from domain.unit_of_work import UnitOfWork


class SkmResponseRepository(Protocol):
    """Citizens' responses (never who gave them) and the paper files they came from."""

    async def add(self, responses: Sequence[SkmResponse]) -> list[int]:
        """Insert and return the new responses' ids, in order."""
        ...

    async def add_pending(self, response: SkmResponse, *, forward_at: datetime) -> int:
        """Keep a submitted response until it is stored (written with the daily-limit mark, so
        a crash in between leaves it to be completed, never lost); its id."""
        ...

    async def take_pending(self, pending_id: int) -> PendingResponse | None:
        """Remove a pending response and return it; ``None`` when it is gone already (another
        transaction stored it). Race-safe: of two transactions taking it, one gets it."""
        ...

    async def pending_ids(self) -> list[int]:
        """The pending responses, oldest first."""
        ...

    async def paper_import_at(self, sha256: str) -> datetime | None:
        """When a paper file with this SHA-256 was imported, if it was."""
        ...

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None:
        """Remember a paper file (importing it again with ``force`` moves the time)."""
        ...


class DailyLimitMarks(Protocol):
    """How many responses a respondent gave a service on a day, under a keyed hash (the mark)
    that names neither the person nor the response."""

    async def take(self, mark: str, *, day: date, limit: int) -> bool:
        """Count one response against ``mark``; ``False`` (nothing changed) at ``limit``.

        Race-safe: of two transactions taking the last place at once, one gets ``False``."""
        ...

    async def release(self, mark: str) -> None:
        """Give back one place taken with :meth:`take` (storing the response failed)."""
        ...

    async def count(self, mark: str) -> int: ...
    async def prune(self, *, before: date) -> int:
        """Delete the marks of days before ``before``; how many."""
        ...


class FollowUpRepository(Protocol):
    """What people record after reading a report: population figures and RTL plans."""

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
        """For each scope (by scope id), the plans of one period, by unsur: the latest period
        that ended before ``before`` (of periods ending the same day, the one that started
        last)."""
        ...


class SkmUnitOfWork(UnitOfWork, Protocol):
    """The repositories and queries the SKM's use cases and flows touch (read-only properties,
    so an implementation may hold more specific types)."""

    @property
    def org(self) -> OrgRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def skm_responses(self) -> SkmResponseRepository: ...
    @property
    def skm_marks(self) -> DailyLimitMarks: ...
    @property
    def skm_follow_up(self) -> FollowUpRepository: ...
    @property
    def skm_queries(self) -> SkmQueries: ...
