"""Every fake and its SQL twin offer each method of their port with the port's parameters, and
the units of work offer what each area's unit of work promises. (What the methods *do* is the
business of the other contract tests.)"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from domain.appraisal.ports import (
    AppraisalRepository,
    AppraisalUnitOfWork,
    PeriodRepository,
    SkpRepository,
)
from domain.appraisal.queries import AppraisalQueries
from domain.audit import AuditLog
from domain.engine.ports import EngineUnitOfWork, SessionRepository, UpdateLog
from domain.org.ports import AccountRepository, OrgRepository, OrgUnitOfWork, RegistrationRepository
from domain.outbox import Outbox, OutboxQueue
from domain.peer.ports import (
    CatalogueRepository,
    CoachingRepository,
    DevelopmentPlanRepository,
    FrozenSummaryRepository,
    PeerAssignmentRepository,
    PeerResponseRepository,
    PeerUnitOfWork,
)
from domain.reminders.report_ports import (
    NudgeLog,
    RecognitionRepository,
    ReportQueries,
    ReportUnitOfWork,
)
from domain.skm.ports import (
    DailyLimitMarks,
    FollowUpRepository,
    SkmResponseRepository,
    SkmUnitOfWork,
)
from domain.skm.queries import SkmQueries
from storage.outbox import SqlOutbox, SqlOutboxQueue
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
from storage.repositories.org import SqlOrgRepository
from storage.repositories.peer import (
    SqlFrozenSummaryRepository,
    SqlPeerAssignmentRepository,
    SqlPeerResponseRepository,
)
from storage.repositories.reports import SqlNudgeLog, SqlRecognitionRepository
from storage.repositories.skm import (
    SqlDailyLimitMarks,
    SqlFollowUpRepository,
    SqlSkmResponseRepository,
)
from storage.unit_of_work import SqlUnitOfWork
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
from tests.support.fakes.outbox import FakeOutbox, FakeOutboxQueue
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
from tests.support.fakes.unit_of_work import FakeUnitOfWork, FakeUnitOfWorkFactory, NoReportQueries

REPOSITORIES = [
    (SessionRepository, FakeSessionRepository, SqlSessionRepository),
    (UpdateLog, FakeUpdateLog, SqlUpdateLog),
    (OrgRepository, FakeOrgRepository, SqlOrgRepository),
    (RegistrationRepository, FakeRegistrationRepository, SqlRegistrationRepository),
    (AccountRepository, FakeAccountRepository, SqlAccountRepository),
    (PeriodRepository, FakePeriodRepository, SqlPeriodRepository),
    (SkpRepository, FakeSkpRepository, SqlSkpRepository),
    (AppraisalRepository, FakeAppraisalRepository, SqlAppraisalRepository),
    (SkmResponseRepository, FakeSkmResponseRepository, SqlSkmResponseRepository),
    (DailyLimitMarks, FakeDailyLimitMarks, SqlDailyLimitMarks),
    (FollowUpRepository, FakeFollowUpRepository, SqlFollowUpRepository),
    (Outbox, FakeOutbox, SqlOutbox),
    (OutboxQueue, FakeOutboxQueue, SqlOutboxQueue),
    (AuditLog, FakeAuditLog, SqlAuditLog),
    (PeerAssignmentRepository, FakePeerAssignmentRepository, SqlPeerAssignmentRepository),
    (PeerResponseRepository, FakePeerResponseRepository, SqlPeerResponseRepository),
    (FrozenSummaryRepository, FakeFrozenSummaryRepository, SqlFrozenSummaryRepository),
    (CoachingRepository, FakeCoachingRepository, SqlCoachingRepository),
    (CatalogueRepository, FakeCatalogueRepository, SqlCatalogueRepository),
    (DevelopmentPlanRepository, FakeDevelopmentPlanRepository, SqlDevelopmentPlanRepository),
    (RecognitionRepository, FakeRecognitionRepository, SqlRecognitionRepository),
    (NudgeLog, FakeNudgeLog, SqlNudgeLog),
]
QUERIES = [
    (SkmQueries, SqlSkmQueries),
    (AppraisalQueries, SqlAppraisalQueries),
    (ReportQueries, SqlReportQueries),
]
UNITS_OF_WORK = [
    EngineUnitOfWork,
    OrgUnitOfWork,
    AppraisalUnitOfWork,
    SkmUnitOfWork,
    PeerUnitOfWork,
    ReportUnitOfWork,
]


def methods(port: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(port).items()
        if not name.startswith("_") and inspect.isfunction(member)
    }


def parameters(signature: inspect.Signature) -> list[tuple[str, Any, Any]]:
    """Names, kinds and defaults (annotations are the type checker's business)."""
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize(
    ("port", "implementation"),
    [(port, impl) for port, *impls in REPOSITORIES + QUERIES for impl in impls],
    ids=lambda value: value.__name__,
)
def test_an_implementation_offers_every_method_of_its_port(port, implementation):
    wanted = methods(port)
    assert wanted, port
    for name, signature in wanted.items():
        offered = getattr(implementation, name, None)
        assert offered is not None, f"{implementation.__name__} lacks {name}"
        assert parameters(inspect.signature(offered)) == parameters(signature), name


@pytest.mark.parametrize("queries", ["skm_queries", "appraisal_queries", "report_queries"])
async def test_the_fakes_send_a_use_case_that_reads_a_report_to_the_real_databases(queries):
    async with FakeUnitOfWorkFactory()(readonly=True) as uow:
        with pytest.raises(NoReportQueries, match="real databases only"):
            getattr(uow, queries)


@pytest.mark.parametrize("unit_of_work", UNITS_OF_WORK, ids=lambda value: value.__name__)
def test_both_units_of_work_hold_what_each_area_s_unit_of_work_promises(unit_of_work):
    promised = {name for name, member in vars(unit_of_work).items() if isinstance(member, property)}
    assert promised
    for implementation in (FakeUnitOfWork, SqlUnitOfWork):
        held = set(implementation.__annotations__) | {
            name for name, member in vars(implementation).items() if isinstance(member, property)
        }
        assert promised <= held, (implementation.__name__, promised - held)
