"""The appraisal's repositories in memory: periods, SKP, appraisals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import MappingProxyType

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
from domain.org.ports import ImportSummary
from tests.support.fakes.org import _get_one
from tests.support.fakes.state import (
    AppraisalRow,
    AuditRow,
    EmployeeRow,
    FakeState,
    OrgPredikatRow,
    PeriodRow,
    SkpItemRow,
    _changed,
)


def _utc(moment: datetime) -> datetime:
    """What ``UtcDateTime`` does: refuse naive datetimes, store (and return) UTC."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime given to the database; use an aware one")
    return moment.astimezone(UTC)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


def _employee_id(state: FakeState, nip: str) -> int:
    """Like the SQL ``select(EmployeeRow.id).where(nip == ...).one()``."""
    found = [row.id for row in state.employees.values() if row.nip == nip]
    if len(found) != 1:
        raise LookupError(f"no employee with NIP {nip}")
    return found[0]


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


class FakePeriodRepository:
    def __init__(self, state: FakeState, clock: Clock) -> None:
        self._state = state
        self._t = state.appraisal
        self._clock = clock

    async def add(self, period: AppraisalPeriod) -> AppraisalPeriod:
        now = _utc(self._clock.now())
        row = PeriodRow(
            id=self._state.next_id(),
            kind=period.kind.value,
            status=period.status.value,
            created_at=now,
            updated_at=now,
            **{name: getattr(period, name) for name in _PERIOD_FIELDS},
        )
        self._t.periods[row.id] = row
        return _period(row)

    async def get(
        self, period_id: int, *, for_update: bool = False, shared: bool = False
    ) -> AppraisalPeriod | None:
        row = self._t.periods.get(period_id)
        return _period(row) if row else None

    async def all(self) -> list[AppraisalPeriod]:
        rows = sorted(self._t.periods.values(), key=lambda r: (r.start, r.id), reverse=True)
        return [_period(row) for row in rows]

    async def save(self, period: AppraisalPeriod) -> None:
        row = _get_one(self._t.periods, period.id or 0, "period")
        for name in _PERIOD_FIELDS:
            setattr(row, name, getattr(period, name))
        row.kind = period.kind.value
        row.status = period.status.value
        row.updated_at = _utc(self._clock.now())

    async def set_org_predikat(
        self, period_id: int, unit_id: int, predikat: OrganisationPredikat, *, now: datetime
    ) -> None:
        _get_one(self._t.periods, period_id, "period")  # foreign keys
        _get_one(self._state.units, unit_id, "unit")
        self._t.org_predikat[(period_id, unit_id)] = OrgPredikatRow(predikat.value, _utc(now))

    async def org_predikat(self, period_id: int, unit_id: int) -> OrganisationPredikat | None:
        row = self._t.org_predikat.get((period_id, unit_id))
        return OrganisationPredikat(row.predikat) if row else None


class FakeSkpRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.appraisal

    async def items(self, employee_nip: str, year: int) -> list[SkpItem]:
        ids = {row.id for row in self._state.employees.values() if row.nip == employee_nip}
        rows = [r for r in self._t.skp_items.values() if r.employee_id in ids and r.year == year]
        # ORDER BY kind DESC (utama before tambahan), position, id; Python's sort is stable.
        rows.sort(key=lambda r: (r.position, r.id))
        rows.sort(key=lambda r: r.kind, reverse=True)
        return [
            SkpItem(r.id, employee_nip, r.year, SkpKind(r.kind), r.rhk, r.indicator, r.target)
            for r in rows
        ]

    async def save_items(self, items: Sequence[SkpItem], *, now: datetime) -> ImportSummary:
        employees = {row.nip: row.id for row in self._state.employees.values()}
        existing = {
            (r.employee_id, r.year, r.rhk, r.indicator): r for r in self._t.skp_items.values()
        }
        summary = ImportSummary()
        positions: dict[tuple[str, int], int] = {}  # order within each employee's SKP of a year
        for item in items:
            group = (item.employee_nip, item.year)
            position = positions[group] = positions.get(group, -1) + 1
            employee_id = employees[item.employee_nip]
            key = (employee_id, item.year, item.rhk, item.indicator)
            values: dict[str, object] = {
                "kind": item.kind.value,
                "target": item.target,
                "position": position,
            }
            row = existing.get(key)
            if row is None:
                row = SkpItemRow(
                    self._state.next_id(),
                    employee_id,
                    item.year,
                    item.kind.value,
                    position,
                    item.rhk,
                    item.indicator,
                    item.target,
                    _utc(now),
                )
                self._t.skp_items[row.id] = existing[key] = row
                summary += ImportSummary(created=1)
            elif _changed(row, values):
                row.updated_at = _utc(now)
                summary += ImportSummary(updated=1)
            else:
                summary += ImportSummary(unchanged=1)
        return summary


class FakeAppraisalRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.appraisal

    def _rows(self) -> list[tuple[AppraisalRow, EmployeeRow]]:
        employees = self._state.employees
        return [
            (row, employees[row.employee_id])
            for row in sorted(self._t.appraisals.values(), key=lambda r: r.id)
        ]

    async def get(
        self, period_id: int, employee_nip: str, *, for_update: bool = False
    ) -> Appraisal | None:
        for row, employee in self._rows():
            if row.period_id == period_id and employee.nip == employee_nip:
                return self._appraisal(row, employee.nip)
        return None

    async def save(self, appraisal: Appraisal, *, now: datetime) -> None:
        employee_id = _employee_id(self._state, appraisal.employee_nip)
        _get_one(self._t.periods, appraisal.period_id, "period")  # foreign key
        found = [
            row
            for row in self._t.appraisals.values()
            if row.period_id == appraisal.period_id and row.employee_id == employee_id
        ]
        if found:
            row = found[0]
        else:
            row = AppraisalRow(
                self._state.next_id(), appraisal.period_id, employee_id, "", _utc(now)
            )
            self._t.appraisals[row.id] = row
        _fill(row, appraisal, now)
        subject = f"appraisal:{row.id}"
        stored = sum(1 for entry in self._state.audit if entry.subject == subject)
        for entry in appraisal.audit[stored:]:
            self._state.audit.append(
                AuditRow(
                    self._state.next_id(),
                    _utc(entry.at),
                    entry.actor,
                    entry.action,
                    subject,
                    dict(entry.details),
                )
            )

    async def for_period(
        self, period_id: int, employee_nips: Sequence[str] | None = None
    ) -> dict[str, Appraisal]:
        return {
            employee.nip: self._appraisal(row, employee.nip)
            for row, employee in self._rows()
            if row.period_id == period_id
            and (employee_nips is None or employee.nip in employee_nips)
        }

    async def of_employee(self, employee_nip: str) -> list[Appraisal]:
        found = [(row, e) for row, e in self._rows() if e.nip == employee_nip]
        periods = self._state.appraisal.periods
        found.sort(
            key=lambda pair: (periods[pair[0].period_id].start, pair[0].period_id), reverse=True
        )
        return [self._appraisal(row, employee.nip) for row, employee in found]

    async def objected(self) -> list[Appraisal]:
        found = [
            (row, employee)
            for row, employee in self._rows()
            if row.status == AppraisalStatus.OBJECTED.value
        ]
        found.sort(key=lambda pair: (pair[0].objection_filed_at or _EPOCH, pair[0].id))
        return [self._appraisal(row, employee.nip) for row, employee in found]

    def _appraisal(self, row: AppraisalRow, nip: str) -> Appraisal:
        subject = f"appraisal:{row.id}"
        audit = tuple(
            AuditEntry(a.at, a.actor, a.action, details=MappingProxyType(dict(a.details)))
            for a in sorted(self._state.audit, key=lambda a: a.id)
            if a.subject == subject
        )
        return _appraisal_of(row, nip, audit)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _appraisal_of(row: AppraisalRow, nip: str, audit: tuple[AuditEntry, ...]) -> Appraisal:
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
        self_ratings=MappingProxyType({k: Rating(v) for k, v in row.self_ratings.items()}),
        realisations=MappingProxyType(dict(row.realisations)),
        evidence=MappingProxyType(dict(row.evidence)),
        notes=MappingProxyType(dict(row.notes)),
        hasil=Rating(row.hasil) if row.hasil else None,
        perilaku=Rating(row.perilaku) if row.perilaku else None,
        predikat=Predikat(row.predikat) if row.predikat else None,
        feedback=row.feedback,
        item_feedback=MappingProxyType(dict(row.item_feedback)),
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
    """As the SQL ``_fill``: an objection or decision, once stored, is never cleared."""
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
    row.assessed_at = _utc_or_none(appraisal.assessed_at)
    row.acknowledged_at = _utc_or_none(appraisal.acknowledged_at)
    if appraisal.objection is not None:
        row.objection_reason = appraisal.objection.reason
        row.objection_filed_at = _utc(appraisal.objection.filed_at)
    if appraisal.objection is not None and appraisal.objection.response_due is not None:
        row.objection_response_due = _utc(appraisal.objection.response_due)
    if appraisal.tanggapan is not None:
        row.tanggapan_by = appraisal.tanggapan.by_nip
        row.tanggapan_at = _utc(appraisal.tanggapan.at)
        row.tanggapan_text = appraisal.tanggapan.text
        row.tanggapan_evidence = appraisal.tanggapan.evidence
    if appraisal.decision is not None:
        row.decision_without_tanggapan = appraisal.decision.without_tanggapan
        row.decided_by = appraisal.decision.by_nip
        row.decided_at = _utc(appraisal.decision.at)
        row.decision_keep = appraisal.decision.keep
        row.decision_reason = appraisal.decision.reason
    row.updated_at = _utc(now)
