"""What the admins' summary, the monthly recognition and the nudge need from storage.

``ReportQueries`` are read-side queries (counts the database computes; tested on SQLite and
PostgreSQL only). ``RecognitionRepository`` and ``NudgeLog`` are small repositories with
in-memory fakes held to the same contract tests as their SQL twins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from domain.appraisal.ports import AppraisalRepository, PeriodRepository
from domain.audit import AuditLog
from domain.org.ports import OrgRepository
from domain.outbox import Outbox
from domain.reminders.recognition import Recognition, SangatBaik
from domain.reminders.summary import UnitCounts
from domain.skm.queries import SkmQueries
from domain.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Unreachable:
    """An employee who blocked the bot (and has not written to it since)."""

    employee_id: int
    name: str
    unit_id: int


class ReportQueries(Protocol):
    async def unit_counts(self, period_ids: Sequence[int]) -> list[UnitCounts]:
        """Per unit and period: employees of the unit (its own), how many submitted their
        self-assessment, how many were assessed, how many never registered; units without
        employees are absent."""
        ...

    async def unreachable(self) -> list[Unreachable]:
        """Employees whose chat blocked the bot, by name."""
        ...

    async def sangat_baik_closed(self, start: datetime, end: datetime) -> list[SangatBaik]:
        """Employees whose predikat is Sangat Baik in a period closed in ``[start, end)`` (the
        moment the audit trail recorded ``period.close``), by name."""
        ...


class RecognitionRepository(Protocol):
    async def add(self, items: Sequence[Recognition], *, now: datetime) -> list[Recognition]:
        """Store the candidates not stored before (one per month, kind and subject); returns
        every one of ``items`` as stored (with its id, and its status if confirmed already)."""
        ...

    async def get(self, recognition_id: int, *, for_update: bool = False) -> Recognition | None: ...

    async def save(self, item: Recognition) -> None:
        """Store a confirmation (status, when, by whom)."""
        ...

    async def confirmed_since(self, since: datetime) -> list[Recognition]:
        """Recognitions confirmed at or after ``since``, oldest first."""
        ...


class NudgeLog(Protocol):
    async def last(self, supervisor_id: int) -> date | None:
        """The latest local day this pejabat penilai nudged their late subordinates."""
        ...

    async def record(self, supervisor_id: int, day: date, *, now: datetime) -> bool:
        """Remember a nudge on ``day``; ``False`` when one was recorded that day already."""
        ...


class ReportUnitOfWork(UnitOfWork, Protocol):
    @property
    def org(self) -> OrgRepository: ...
    @property
    def periods(self) -> PeriodRepository: ...
    @property
    def appraisals(self) -> AppraisalRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def skm_queries(self) -> SkmQueries: ...
    @property
    def report_queries(self) -> ReportQueries: ...
    @property
    def recognitions(self) -> RecognitionRepository: ...
    @property
    def nudges(self) -> NudgeLog: ...
