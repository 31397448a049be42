"""Periods, SKP items and appraisals. Employees are referred to by NIP in the domain and by id
in the tables; these repositories translate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import (
    Appraisal,
    AppraisalStatus,
    Objection,
    ObjectionDecision,
    Tanggapan,
)
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem, SkpKind
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.errors import StaleInput
from domain.org.ports import ImportSummary
from storage.tables import (
    AppraisalRow,
    AuditRow,
    EmployeeRow,
    OrgPredikatRow,
    PeriodRow,
    SkpItemRow,
)

AUDIT_BATCH = 5_000  # PostgreSQL takes at most 32,767 parameters in one statement
_PERIOD_FIELDS = ("name", "start", "end", "self_due", "peer_due", "review_due", "objection_days")


def _period(row: PeriodRow) -> AppraisalPeriod:
    return AppraisalPeriod(
        id=row.id,
        name=row.name,
        kind=PeriodKind(row.kind),
        start=row.start,
        end=row.end,
        self_due=row.self_due,
        peer_due=row.peer_due,
        review_due=row.review_due,
        objection_days=row.objection_days,
        status=PeriodStatus(row.status),
    )


class SqlPeriodRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._s = session
        self._clock = clock

    async def add(self, period: AppraisalPeriod) -> AppraisalPeriod:
        now = self._clock.now()
        row = PeriodRow(
            kind=period.kind.value,
            status=period.status.value,
            created_at=now,
            updated_at=now,
            **{name: getattr(period, name) for name in _PERIOD_FIELDS},
        )
        self._s.add(row)
        await self._s.flush()
        return _period(row)

    async def get(
        self, period_id: int, *, for_update: bool = False, shared: bool = False
    ) -> AppraisalPeriod | None:
        query = select(PeriodRow).where(PeriodRow.id == period_id)
        if for_update or shared:
            query = query.with_for_update(read=not for_update)  # FOR SHARE when only shared
        row = (await self._s.exec(query)).first()
        return _period(row) if row else None

    async def all(self) -> list[AppraisalPeriod]:
        query = select(PeriodRow).order_by(col(PeriodRow.start).desc(), col(PeriodRow.id).desc())
        return [_period(row) for row in await self._s.exec(query)]

    async def save(self, period: AppraisalPeriod) -> None:
        row = await self._s.get_one(PeriodRow, period.id)
        for name in _PERIOD_FIELDS:
            setattr(row, name, getattr(period, name))
        row.kind = period.kind.value
        row.status = period.status.value
        row.updated_at = self._clock.now()
        await self._s.flush()

    async def set_org_predikat(
        self, period_id: int, unit_id: int, predikat: OrganisationPredikat, *, now: datetime
    ) -> None:
        query = select(OrgPredikatRow).where(
            OrgPredikatRow.period_id == period_id, OrgPredikatRow.unit_id == unit_id
        )
        row = (await self._s.exec(query)).first()
        if row is None:
            row = OrgPredikatRow(period_id=period_id, unit_id=unit_id, predikat=predikat.value)
            self._s.add(row)
        row.predikat = predikat.value
        row.updated_at = now
        await self._s.flush()

    async def org_predikat(self, period_id: int, unit_id: int) -> OrganisationPredikat | None:
        query = select(OrgPredikatRow.predikat).where(
            OrgPredikatRow.period_id == period_id, OrgPredikatRow.unit_id == unit_id
        )
        value = (await self._s.exec(query)).first()
        return OrganisationPredikat(value) if value else None


class SqlSkpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def items(self, employee_nip: str, year: int) -> list[SkpItem]:
        query = (
            select(SkpItemRow)
            .join(EmployeeRow, col(EmployeeRow.id) == SkpItemRow.employee_id)
            .where(EmployeeRow.nip == employee_nip, SkpItemRow.year == year)
            .order_by(col(SkpItemRow.kind).desc(), col(SkpItemRow.position), col(SkpItemRow.id))
        )
        return [_skp(row, employee_nip) for row in await self._s.exec(query)]

    async def save_items(self, items: Sequence[SkpItem], *, now: datetime) -> ImportSummary:
        rows = await self._s.exec(select(EmployeeRow.nip, EmployeeRow.id))
        employees: dict[str, int] = {nip: id_ for nip, id_ in rows if id_ is not None}
        existing = {_identity(row): row for row in await self._s.exec(select(SkpItemRow))}
        summary = ImportSummary()
        positions: dict[tuple[str, int], int] = {}  # order within each employee's SKP of a year
        for item in items:
            group = (item.employee_nip, item.year)
            position = positions[group] = positions.get(group, -1) + 1
            employee_id = employees[item.employee_nip]
            key = (employee_id, item.year, item.rhk, item.indicator)
            values = {"kind": item.kind.value, "target": item.target, "position": position}
            row = existing.get(key)
            if row is None:
                row = SkpItemRow(
                    employee_id=employee_id,
                    year=item.year,
                    rhk=item.rhk,
                    indicator=item.indicator,
                    updated_at=now,
                    **values,  # type: ignore[arg-type]
                )
                self._s.add(row)
                existing[key] = row
                summary += ImportSummary(created=1)
            elif any(getattr(row, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.updated_at = now
                summary += ImportSummary(updated=1)
            else:
                summary += ImportSummary(unchanged=1)
        await self._s.flush()
        return summary


def _identity(row: SkpItemRow) -> tuple[int, int, str, str]:
    return (row.employee_id, row.year, row.rhk, row.indicator)


def _skp(row: SkpItemRow, nip: str) -> SkpItem:
    return SkpItem(row.id, nip, row.year, SkpKind(row.kind), row.rhk, row.indicator, row.target)


class SqlAppraisalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    @staticmethod
    def _query() -> Select[AppraisalRow, str]:
        return select(AppraisalRow, EmployeeRow.nip).join(
            EmployeeRow, col(EmployeeRow.id) == AppraisalRow.employee_id
        )

    async def get(
        self, period_id: int, employee_nip: str, *, for_update: bool = False
    ) -> Appraisal | None:
        query = self._query().where(
            AppraisalRow.period_id == period_id, EmployeeRow.nip == employee_nip
        )
        if for_update:
            query = query.with_for_update(of=AppraisalRow)
        found = (await self._s.exec(query)).first()
        return await self._appraisal(*found) if found else None

    async def save(self, appraisal: Appraisal, *, now: datetime) -> None:
        query_id = select(EmployeeRow.id).where(EmployeeRow.nip == appraisal.employee_nip)
        employee_id = (await self._s.exec(query_id)).one()
        assert employee_id is not None
        query = select(AppraisalRow).where(
            AppraisalRow.period_id == appraisal.period_id, AppraisalRow.employee_id == employee_id
        )
        row = (await self._s.exec(query)).first()
        if row is None:
            row = AppraisalRow(period_id=appraisal.period_id, employee_id=employee_id, status="")
            self._s.add(row)
        _fill(row, appraisal, now)
        try:
            await self._s.flush()
        except IntegrityError:
            # Two people created the same (period, employee) row at once: the other won.
            # Nothing of ours is kept (the transaction rolls back); the person tries again.
            raise StaleInput("conflict") from None
        await self._append_audit(row, appraisal)

    async def _append_audit(self, row: AppraisalRow, appraisal: Appraisal) -> None:
        subject = f"appraisal:{row.id}"
        stored = (await self._s.exec(select(func.count()).where(AuditRow.subject == subject))).one()
        for entry in appraisal.audit[stored:]:
            self._s.add(
                AuditRow(
                    at=entry.at,
                    actor=entry.actor,
                    action=entry.action,
                    subject=subject,
                    details=dict(entry.details),
                )
            )
        await self._s.flush()

    async def for_period(
        self, period_id: int, employee_nips: Sequence[str] | None = None
    ) -> dict[str, Appraisal]:
        query = self._query().where(AppraisalRow.period_id == period_id)
        if employee_nips is not None:  # a team; None is every appraisal of the period
            query = query.where(col(EmployeeRow.nip).in_(employee_nips))
        found = await self._appraisals(list(await self._s.exec(query)))
        return {appraisal.employee_nip: appraisal for appraisal in found}

    async def of_employee(self, employee_nip: str) -> list[Appraisal]:
        query = (  # newest period first, by its dates (ids follow creation, not time)
            self._query()
            .join(PeriodRow, col(PeriodRow.id) == AppraisalRow.period_id)
            .where(EmployeeRow.nip == employee_nip)
            .order_by(col(PeriodRow.start).desc(), col(AppraisalRow.period_id).desc())
        )
        return [await self._appraisal(row, nip) for row, nip in await self._s.exec(query)]

    async def objected(self) -> list[Appraisal]:
        query = (
            self._query()
            .where(AppraisalRow.status == AppraisalStatus.OBJECTED.value)
            .order_by(col(AppraisalRow.objection_filed_at), col(AppraisalRow.id))
        )
        return [await self._appraisal(row, nip) for row, nip in await self._s.exec(query)]

    async def _appraisals(self, rows: list[tuple[AppraisalRow, str]]) -> list[Appraisal]:
        """Many appraisals with their audit trails, in a few queries (not one per row)."""
        trails: dict[str, list[AuditEntry]] = {}
        subjects = [f"appraisal:{row.id}" for row, _ in rows]
        for start in range(0, len(subjects), AUDIT_BATCH):
            query = (
                select(AuditRow)
                .where(col(AuditRow.subject).in_(subjects[start : start + AUDIT_BATCH]))
                .order_by(col(AuditRow.id))
            )
            for a in await self._s.exec(query):
                entry = AuditEntry(
                    a.at, a.actor, a.action, details=MappingProxyType(dict(a.details))
                )
                trails.setdefault(a.subject, []).append(entry)
        return [
            _to_domain(row, nip, tuple(trails.get(f"appraisal:{row.id}", ()))) for row, nip in rows
        ]

    async def _appraisal(self, row: AppraisalRow, nip: str) -> Appraisal:
        query = (
            select(AuditRow)
            .where(AuditRow.subject == f"appraisal:{row.id}")
            .order_by(col(AuditRow.id))
        )
        audit = tuple(
            AuditEntry(a.at, a.actor, a.action, details=MappingProxyType(dict(a.details)))
            for a in await self._s.exec(query)
        )
        return _to_domain(row, nip, audit)


def _ratings(raw: dict[str, Any]) -> MappingProxyType[str, Rating]:
    return MappingProxyType({key: Rating(value) for key, value in raw.items()})


def _texts(raw: dict[str, Any]) -> MappingProxyType[str, str]:
    return MappingProxyType({key: str(value) for key, value in raw.items()})


def _to_domain(row: AppraisalRow, nip: str, audit: tuple[AuditEntry, ...]) -> Appraisal:
    objection = (
        Objection(row.objection_reason, row.objection_filed_at, row.objection_response_due)
        if row.objection_reason is not None and row.objection_filed_at is not None
        else None
    )
    decision = (
        ObjectionDecision(
            row.decided_by,
            row.decided_at,
            bool(row.decision_keep),
            row.decision_reason or "",
            row.decision_without_tanggapan,
        )
        if row.decided_by is not None and row.decided_at is not None
        else None
    )
    return Appraisal(
        period_id=row.period_id,
        employee_nip=nip,
        status=AppraisalStatus(row.status),
        self_ratings=_ratings(row.self_ratings),
        realisations=_texts(row.realisations),
        evidence=_texts(row.evidence),
        notes=_texts(row.notes),
        hasil=Rating(row.hasil) if row.hasil else None,
        perilaku=Rating(row.perilaku) if row.perilaku else None,
        predikat=Predikat(row.predikat) if row.predikat else None,
        feedback=row.feedback,
        item_feedback=_texts(row.item_feedback),
        assessed_by=row.assessed_by,
        assessed_at=row.assessed_at,
        acknowledged_at=row.acknowledged_at,
        objection=objection,
        tanggapan=(
            Tanggapan(
                row.tanggapan_by, row.tanggapan_at, row.tanggapan_text or "", row.tanggapan_evidence
            )
            if row.tanggapan_by is not None and row.tanggapan_at is not None
            else None
        ),
        decision=decision,
        audit=audit,
    )


def _fill(row: AppraisalRow, appraisal: Appraisal, now: datetime) -> None:
    row.status = appraisal.status.value
    row.self_ratings = {key: rating.value for key, rating in appraisal.self_ratings.items()}
    row.realisations = dict(appraisal.realisations)
    row.evidence = dict(appraisal.evidence)
    row.notes = dict(appraisal.notes)
    row.hasil = appraisal.hasil.value if appraisal.hasil else None
    row.perilaku = appraisal.perilaku.value if appraisal.perilaku else None
    row.predikat = appraisal.predikat.value if appraisal.predikat else None
    row.feedback = appraisal.feedback
    row.item_feedback = dict(appraisal.item_feedback)
    row.assessed_by = appraisal.assessed_by
    row.assessed_at = appraisal.assessed_at
    row.acknowledged_at = appraisal.acknowledged_at
    if appraisal.objection is not None:
        row.objection_reason = appraisal.objection.reason
        row.objection_filed_at = appraisal.objection.filed_at
    if appraisal.objection is not None and appraisal.objection.response_due is not None:
        row.objection_response_due = appraisal.objection.response_due
    if appraisal.tanggapan is not None:
        row.tanggapan_by = appraisal.tanggapan.by_nip
        row.tanggapan_at = appraisal.tanggapan.at
        row.tanggapan_text = appraisal.tanggapan.text
        row.tanggapan_evidence = appraisal.tanggapan.evidence
    if appraisal.decision is not None:
        row.decision_without_tanggapan = appraisal.decision.without_tanggapan
        row.decided_by = appraisal.decision.by_nip
        row.decided_at = appraisal.decision.at
        row.decision_keep = appraisal.decision.keep
        row.decision_reason = appraisal.decision.reason
    row.updated_at = now
