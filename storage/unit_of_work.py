"""One transaction per use case: repositories and report queries share one session; nothing is
kept unless the use case calls :meth:`SqlUnitOfWork.commit`.

The unit of work holds every area's repositories (``storage/repositories/``) and read-side
queries (``storage/queries/``), so it satisfies each area's ``<Area>UnitOfWork``.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Self

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.clock import Clock
from storage.database import ERASE_TRACES, Database
from storage.inbox import settle_receipt
from storage.outbox import QUEUED, SqlOutbox
from storage.queries.appraisal import SqlAppraisalQueries
from storage.queries.reports import SqlReportQueries
from storage.queries.skm import SqlSkmQueries
from storage.repositories.appraisal import (
    SqlAppraisalRepository,
    SqlPeriodRepository,
    SqlSkpRepository,
)
from storage.repositories.audit import SqlAuditLog
from storage.repositories.development import (
    SqlCatalogueRepository,
    SqlCoachingRepository,
    SqlDevelopmentPlanRepository,
)
from storage.repositories.engine import SqlSessionRepository, SqlUpdateLog
from storage.repositories.identity import SqlAccountRepository, SqlRegistrationRepository
from storage.repositories.org import ShownServices, SqlOrgRepository
from storage.repositories.peer import (
    SqlFrozenSummaryRepository,
    SqlPeerAssignmentRepository,
    SqlPeerResponseRepository,
)
from storage.repositories.reminders import (
    SqlHolidayRepository,
    SqlReminderLedger,
    SqlReminderQueries,
    SqlReminderSettings,
)
from storage.repositories.reports import SqlNudgeLog, SqlRecognitionRepository
from storage.repositories.skm import (
    SqlDailyLimitMarks,
    SqlFollowUpRepository,
    SqlSkmResponseRepository,
)


class SqlUnitOfWork:
    org: SqlOrgRepository
    registration: SqlRegistrationRepository
    accounts: SqlAccountRepository
    sessions: SqlSessionRepository
    outbox: SqlOutbox
    audit: SqlAuditLog
    updates: SqlUpdateLog
    periods: SqlPeriodRepository
    skp: SqlSkpRepository
    appraisals: SqlAppraisalRepository
    appraisal_queries: SqlAppraisalQueries
    skm_responses: SqlSkmResponseRepository
    skm_marks: SqlDailyLimitMarks
    skm_follow_up: SqlFollowUpRepository
    skm_queries: SqlSkmQueries
    report_queries: SqlReportQueries
    recognitions: SqlRecognitionRepository
    nudges: SqlNudgeLog
    peer_assignments: SqlPeerAssignmentRepository
    peer_responses: SqlPeerResponseRepository
    peer_summaries: SqlFrozenSummaryRepository
    coaching: SqlCoachingRepository
    catalogue: SqlCatalogueRepository
    development_plans: SqlDevelopmentPlanRepository
    reminder_queries: SqlReminderQueries
    reminder_ledger: SqlReminderLedger
    reminder_settings: SqlReminderSettings
    holidays: SqlHolidayRepository

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        readonly: bool = False,
        shown: ShownServices | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._readonly = readonly
        self._shown = shown
        self._context: AbstractAsyncContextManager[AsyncSession] | None = None
        self._committed = False
        self._erase_traces = False

    async def __aenter__(self) -> Self:
        self._context = self._db.session(readonly=self._readonly)
        session = await self._context.__aenter__()
        self.session = session
        self.org = SqlOrgRepository(session, self._clock, self._shown)
        self.registration = SqlRegistrationRepository(session)
        self.accounts = SqlAccountRepository(session)
        self.sessions = SqlSessionRepository(session, self._clock)
        self.outbox = SqlOutbox(session, self._db.backend)
        self.audit = SqlAuditLog(session)
        self.updates = SqlUpdateLog(session, self._db.backend)
        self.periods = SqlPeriodRepository(session, self._clock)
        self.skp = SqlSkpRepository(session)
        self.appraisals = SqlAppraisalRepository(session)
        self.appraisal_queries = SqlAppraisalQueries(session)
        self.skm_responses = SqlSkmResponseRepository(session, self._db.backend)
        self.skm_marks = SqlDailyLimitMarks(session, self._db.backend)
        self.skm_follow_up = SqlFollowUpRepository(session, self._db.backend)
        self.skm_queries = SqlSkmQueries(session)
        self.report_queries = SqlReportQueries(session)
        self.recognitions = SqlRecognitionRepository(session, self._db.backend)
        self.nudges = SqlNudgeLog(session, self._db.backend)
        self.peer_assignments = SqlPeerAssignmentRepository(session)
        self.peer_responses = SqlPeerResponseRepository(session)
        self.peer_summaries = SqlFrozenSummaryRepository(session)
        self.coaching = SqlCoachingRepository(session)
        self.catalogue = SqlCatalogueRepository(session)
        self.development_plans = SqlDevelopmentPlanRepository(session)
        self.reminder_queries = SqlReminderQueries(session)
        self.reminder_ledger = SqlReminderLedger(session, self._db.backend)
        self.reminder_settings = SqlReminderSettings(session)
        self.holidays = SqlHolidayRepository(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._context is not None
        try:
            if not self._committed:
                await self.session.rollback()
        finally:
            await self._context.__aexit__(exc_type, exc, tb)
        if self._erase_traces:  # after the writer lock is released: see Database.erase_traces
            await self._db.erase_traces()

    async def commit(self) -> None:
        if self._readonly:
            raise RuntimeError("a read-only unit of work cannot commit")
        erase = bool(self.session.info.pop(ERASE_TRACES, False))
        queued = bool(self.session.info.pop(QUEUED, False))
        receipt = await settle_receipt(self.session, erase=erase)
        await self.session.commit()
        self._committed = True
        if queued:
            self._db.outbox_queued()
        self._erase_traces = erase
        if receipt is not None:
            receipt.applied = True


class SqlUnitOfWorkFactory:
    """Makes units of work; what the composition root hands to the services."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self._clock = clock
        self._shown = ShownServices()  # one per process, shared by its units of work

    def __call__(self, *, readonly: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.db, self._clock, readonly=readonly, shown=self._shown)
