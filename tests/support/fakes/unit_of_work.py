"""The fake unit of work: a real transaction over :class:`FakeState` (see the package)."""

from __future__ import annotations

import asyncio
import copy
from types import TracebackType
from typing import Any, NoReturn, Self

from domain.clock import Clock
from tests.support.clock import FixedClock
from tests.support.fakes.appraisal import (
    FakeAppraisalRepository,
    FakePeriodRepository,
    FakeSkpRepository,
)
from tests.support.fakes.audit import FakeAuditLog
from tests.support.fakes.engine import FakeSessionRepository, FakeUpdateLog
from tests.support.fakes.org import (
    FakeAccountRepository,
    FakeOrgRepository,
    FakeRegistrationRepository,
)
from tests.support.fakes.outbox import FakeOutbox
from tests.support.fakes.peer import (
    FakeCatalogueRepository,
    FakeCoachingRepository,
    FakeDevelopmentPlanRepository,
    FakeFrozenSummaryRepository,
    FakePeerAssignmentRepository,
    FakePeerResponseRepository,
)
from tests.support.fakes.reports import FakeNudgeLog, FakeRecognitionRepository
from tests.support.fakes.skm import (
    FakeDailyLimitMarks,
    FakeFollowUpRepository,
    FakeSkmResponseRepository,
)
from tests.support.fakes.state import FakeState


class NoReportQueries(RuntimeError):
    """A use case on the fakes asked for a report query: the fakes have none (a Python copy of
    a GROUP BY would need a proof of its own). Test that use case on the real databases."""

    def __init__(self, port: str) -> None:
        super().__init__(
            f"uow.{port}: report queries run on the real databases only; test this use case "
            "with the `database` fixture (SQLite and PostgreSQL), as tests/integration/ does"
        )


class FakeUnitOfWork:
    org: FakeOrgRepository
    registration: FakeRegistrationRepository
    accounts: FakeAccountRepository
    sessions: FakeSessionRepository
    outbox: FakeOutbox
    audit: FakeAuditLog
    updates: FakeUpdateLog
    periods: FakePeriodRepository
    skp: FakeSkpRepository
    appraisals: FakeAppraisalRepository
    skm_responses: FakeSkmResponseRepository
    skm_marks: FakeDailyLimitMarks
    skm_follow_up: FakeFollowUpRepository
    peer_assignments: FakePeerAssignmentRepository
    peer_responses: FakePeerResponseRepository
    peer_summaries: FakeFrozenSummaryRepository
    coaching: FakeCoachingRepository
    catalogue: FakeCatalogueRepository
    development_plans: FakeDevelopmentPlanRepository
    recognitions: FakeRecognitionRepository
    nudges: FakeNudgeLog

    def __init__(self, factory: FakeUnitOfWorkFactory, *, readonly: bool = False) -> None:
        self._factory = factory
        self._readonly = readonly
        self._state: FakeState | None = None
        self._holds_lock = False

    @property
    def state(self) -> FakeState:
        """This transaction's working copy (what its repositories read and write)."""
        if self._state is None:
            raise RuntimeError("the unit of work is not open")
        return self._state

    async def __aenter__(self) -> Self:
        if self._state is not None:
            raise RuntimeError("a unit of work is entered once")
        if not self._readonly:
            await self._factory.lock_writer()
            self._holds_lock = True
        state = copy.deepcopy(self._factory.state)
        clock = self._factory.clock
        self.org = FakeOrgRepository(state, clock)
        self.registration = FakeRegistrationRepository(state)
        self.accounts = FakeAccountRepository(state)
        self.sessions = FakeSessionRepository(state, clock)
        self.outbox = FakeOutbox(state)
        self.audit = FakeAuditLog(state)
        self.updates = FakeUpdateLog(state)
        self.periods = FakePeriodRepository(state, clock)
        self.skp = FakeSkpRepository(state)
        self.appraisals = FakeAppraisalRepository(state)
        self.skm_responses = FakeSkmResponseRepository(state)
        self.skm_marks = FakeDailyLimitMarks(state)
        self.skm_follow_up = FakeFollowUpRepository(state)
        self.peer_assignments = FakePeerAssignmentRepository(state)
        self.peer_responses = FakePeerResponseRepository(state)
        self.peer_summaries = FakeFrozenSummaryRepository(state)
        self.coaching = FakeCoachingRepository(state)
        self.catalogue = FakeCatalogueRepository(state)
        self.development_plans = FakeDevelopmentPlanRepository(state)
        self.recognitions = FakeRecognitionRepository(state)
        self.nudges = FakeNudgeLog(state)
        self._state = state
        return self

    @property
    def skm_queries(self) -> NoReturn:
        raise NoReportQueries("skm_queries")

    @property
    def appraisal_queries(self) -> NoReturn:
        raise NoReportQueries("appraisal_queries")

    @property
    def report_queries(self) -> NoReturn:
        raise NoReportQueries("report_queries")

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Whatever was not committed is simply dropped with the working copy.
        if self._holds_lock:
            self._holds_lock = False
            self._factory.unlock_writer()

    async def commit(self) -> None:
        if self._readonly:
            raise RuntimeError("a read-only unit of work cannot commit")
        if not self._holds_lock:
            raise RuntimeError("commit outside the unit of work's block")
        # Publish a copy: later changes in this block need another commit, as in SQL.
        self._factory.state = copy.deepcopy(self.state)
        self._factory.commits += 1


class FakeUnitOfWorkFactory:
    """Makes :class:`FakeUnitOfWork` s over one shared :class:`FakeState`."""

    def __init__(self, clock: Clock | None = None, state: FakeState | None = None) -> None:
        self.clock: Clock = clock or FixedClock()
        self.state = state or FakeState()
        self.commits = 0
        self._lock = asyncio.Lock()
        self._writer: asyncio.Task[Any] | None = None

    def __call__(self, *, readonly: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, readonly=readonly)

    async def lock_writer(self) -> None:
        task = asyncio.current_task()
        if self._lock.locked() and self._writer is task:
            raise RuntimeError("a write unit of work inside another one would deadlock")
        await self._lock.acquire()
        self._writer = task

    def unlock_writer(self) -> None:
        self._writer = None
        self._lock.release()

    def snapshot(self) -> FakeState:
        """A copy of the committed state, to compare before and after a use case."""
        return copy.deepcopy(self.state)
