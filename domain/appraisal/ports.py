"""What the appraisal's use cases need from storage: periods, SKP, appraisals (besides the
organisation); and the unit of work that holds them, with the read-side
:class:`~domain.appraisal.queries.AppraisalQueries` beside them (``appraisal_queries``).

``storage`` implements all of them; the in-memory fakes of the tests implement the repositories
and pass the same contract tests (``tests/contract/appraisal/``), never the queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import Appraisal
from domain.appraisal.periods import AppraisalPeriod
from domain.appraisal.queries import AppraisalQueries
from domain.appraisal.skp import SkpItem
from domain.audit import AuditLog
from domain.org.ports import ImportSummary, OrgRepository
from domain.outbox import Outbox
from domain.unit_of_work import UnitOfWork


class PeriodRepository(Protocol):
    async def add(self, period: AppraisalPeriod) -> AppraisalPeriod:
        """Insert and return the period with its id."""
        ...

    async def get(
        self, period_id: int, *, for_update: bool = False, shared: bool = False
    ) -> AppraisalPeriod | None:
        """The period; ``for_update`` locks it exclusively, ``shared`` against changes."""
        ...

    async def all(self) -> list[AppraisalPeriod]:
        """Every period, newest start first."""
        ...

    async def save(self, period: AppraisalPeriod) -> None: ...
    async def set_org_predikat(
        self, period_id: int, unit_id: int, predikat: OrganisationPredikat, *, now: datetime
    ) -> None: ...
    async def org_predikat(self, period_id: int, unit_id: int) -> OrganisationPredikat | None: ...


class SkpRepository(Protocol):
    async def items(self, employee_nip: str, year: int) -> list[SkpItem]:
        """The employee's SKP for ``year`` in import order (utama before tambahan)."""
        ...

    async def save_items(self, items: Sequence[SkpItem], *, now: datetime) -> ImportSummary:
        """Upsert by (employee, year, RHK, indicator); items absent from the batch stay."""
        ...


class AppraisalRepository(Protocol):
    async def get(
        self, period_id: int, employee_nip: str, *, for_update: bool = False
    ) -> Appraisal | None:
        """The appraisal with its audit trail; ``for_update`` locks it until the transaction
        ends (another writer asking for it waits, then sees what this one committed)."""
        ...

    async def save(self, appraisal: Appraisal, *, now: datetime) -> None:
        """Insert or update by (period, employee); audit entries not yet stored are appended to
        the audit log; an objection or decision once stored is never cleared. Two transactions
        creating the same appraisal at once: the later gets :class:`~domain.errors.StaleInput`
        (``conflict``)."""
        ...

    async def for_period(
        self, period_id: int, employee_nips: Sequence[str] | None = None
    ) -> dict[str, Appraisal]:
        """The period's appraisals by NIP: of these employees, or (``None``) of everyone."""
        ...

    async def of_employee(self, employee_nip: str) -> list[Appraisal]:
        """The employee's appraisals, newest period (by its start) first."""
        ...

    async def objected(self) -> list[Appraisal]:
        """Every objection still waiting for its decision, oldest first (who may decide each
        is a rule of the domain: ``domain.appraisal.cases.may_decide``)."""
        ...


class AppraisalUnitOfWork(UnitOfWork, Protocol):
    """The repositories and queries the appraisal's use cases and flows touch (read-only
    properties, so an implementation may hold more specific types)."""

    @property
    def org(self) -> OrgRepository: ...
    @property
    def periods(self) -> PeriodRepository: ...
    @property
    def skp(self) -> SkpRepository: ...
    @property
    def appraisals(self) -> AppraisalRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def appraisal_queries(self) -> AppraisalQueries: ...
