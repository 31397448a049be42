"""Appraisal periods (create, open, close, list), the organisation predikat of a unit, and the
SKP import. They belong to the whole organisation: its admins (in the bot) and the operator (the
command line) manage them; the audit trail names who did it ("cli" or an admin's NIP)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.actors import Actor
from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import AppraisalStatus
from domain.appraisal.notified import window_opened
from domain.appraisal.periods import DEFAULT_OBJECTION_DAYS, AppraisalPeriod, PeriodKind
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.appraisal.skp import parse_skp
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.errors import InvalidTransition, InvalidValue, NotFound, PeriodNotOpen
from domain.org.access import require_org_admin
from domain.org.admin import ImportReport
from domain.org.csvimport import CsvTable, read_csv_bytes
from domain.org.ports import ImportSummary
from domain.unit_of_work import UnitOfWorkFactory

SKP_YEARS_BACK = 5  # SKP of the last five years may still be imported (late corrections)


@dataclass(frozen=True, slots=True)
class PeriodDraft:
    name: str
    kind: PeriodKind
    start: date
    end: date
    self_due: date
    peer_due: date
    review_due: date
    objection_days: int = DEFAULT_OBJECTION_DAYS


class _SkpTable:
    """Adapts a :class:`CsvTable` to the rows protocol ``parse_skp`` reads."""

    def __init__(self, table: CsvTable) -> None:
        self._table = table

    @property
    def header(self) -> Sequence[str]:
        return self._table.columns

    def __iter__(self) -> Iterator[tuple[int, Mapping[str, str]]]:
        return ((row.line, row.cells) for row in self._table.rows)


class PeriodAdministration:
    def __init__(
        self,
        uow: UnitOfWorkFactory[AppraisalUnitOfWork],
        clock: Clock,
        default_timezone: str = "Asia/Jakarta",
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._timezone = default_timezone

    async def create(self, actor: Actor, draft: PeriodDraft) -> AppraisalPeriod:
        async with self._uow() as uow:
            stored = await self.create_in(uow, actor, draft)
            await uow.commit()
            return stored

    async def create_in(
        self, uow: AppraisalUnitOfWork, actor: Actor, draft: PeriodDraft
    ) -> AppraisalPeriod:
        """Create a draft period inside the caller's transaction (the bot's period flow)."""
        require_org_admin(actor)
        period = AppraisalPeriod.create(
            name=draft.name,
            kind=draft.kind,
            start=draft.start,
            end=draft.end,
            self_due=draft.self_due,
            peer_due=draft.peer_due,
            review_due=draft.review_due,
            objection_days=draft.objection_days,
        )
        stored = await uow.periods.add(period)
        await self._audit(uow, actor, "period.create", stored)
        return stored

    async def open(self, actor: Actor, period_id: int) -> AppraisalPeriod:
        require_org_admin(actor)
        async with self._uow() as uow:
            period = await load_period(uow, period_id, for_update=True)
            others = [p for p in await uow.periods.all() if p.id != period_id]
            opened = period.open(others)
            await uow.periods.save(opened)
            await self._audit(uow, actor, "period.open", opened)
            await uow.commit()
            return opened

    async def close(self, actor: Actor, period_id: int) -> AppraisalPeriod:
        """Close (freeze) a period. Refused while an objection waits for its final decision
        or an objection window is still running: after closing nothing may change, and the
        decision, like the right to object, is owed to the employee (PP 30/2019 Pasal 59)."""
        require_org_admin(actor)
        async with self._uow() as uow:
            period = await load_period(uow, period_id, for_update=True)
            closed = period.close()
            pending = await _pending_objections(uow, period_id)
            if pending:
                raise InvalidTransition(
                    "pending_objections",
                    current=period.status.value,
                    target=closed.status.value,
                    count=pending,
                )
            running = await self._running_windows(uow, period)
            if running:
                raise InvalidTransition(
                    "objection_windows_open",
                    current=period.status.value,
                    target=closed.status.value,
                    count=len(running),
                    until=max(running),
                )
            await uow.periods.save(closed)
            await self._audit(uow, actor, "period.close", closed)
            await uow.commit()
            return closed

    async def _running_windows(
        self, uow: AppraisalUnitOfWork, period: AppraisalPeriod
    ) -> list[datetime]:
        """Objection deadlines still ahead, one per assessed appraisal of the period."""
        assert period.id is not None
        members = {m.nip: m for m in await uow.org.members()}
        found = await uow.appraisals.for_period(period.id)
        now, deadlines = self._clock.now(), []
        for appraisal in found.values():
            open_to = {AppraisalStatus.ASSESSED, AppraisalStatus.ACKNOWLEDGED}
            if appraisal.status not in open_to or appraisal.assessed_at is None:
                continue
            member = members[appraisal.employee_nip]
            zone = await uow.org.effective_timezone(member.unit_id) or self._timezone
            opened = await window_opened(uow, period.id, appraisal)  # when told, not assessed
            deadline = period.objection_deadline(opened or now, zone)
            if deadline >= now:
                deadlines.append(deadline)
        return deadlines

    async def all(self, actor: Actor) -> list[AppraisalPeriod]:
        """Every period, drafts and closed ones too (employees see the open ones:
        :meth:`Appraisals.open_periods`)."""
        require_org_admin(actor)
        async with self._uow(readonly=True) as uow:
            return await uow.periods.all()

    async def set_org_predikat(
        self, actor: Actor, period_id: int, unit_code: str, predikat: str
    ) -> None:
        require_org_admin(actor)
        try:
            value = OrganisationPredikat(predikat)
        except ValueError:
            allowed = ", ".join(p.value for p in OrganisationPredikat)
            raise InvalidValue("unknown_option", field="predikat", allowed=allowed) from None
        async with self._uow() as uow:
            period = await load_period(uow, period_id, for_update=True)
            if period.is_frozen:  # closed is final: its distribution is settled
                raise PeriodNotOpen("closed", period=period.name)
            unit = await uow.org.unit_by_code(unit_code.upper())
            if unit is None:
                raise NotFound("unit", ref=unit_code)
            await uow.periods.set_org_predikat(period_id, unit.id, value, now=self._clock.now())
            await uow.audit.record(
                AuditEntry(
                    self._clock.now(),
                    actor.audit_name,
                    "period.org_predikat",
                    f"period:{period.id}",
                    {"unit": unit.code, "predikat": value.value},
                )
            )
            await uow.commit()

    async def import_skp(self, actor: Actor, data: bytes, *, dry_run: bool = False) -> ImportReport:
        require_org_admin(actor)
        table = _SkpTable(read_csv_bytes(data))
        year = self._clock.now().year
        async with self._uow() as uow:
            nips = await uow.org.nips()
            items = parse_skp(table, known_nips=nips, year_bounds=(year - SKP_YEARS_BACK, year + 1))
            if dry_run:
                return ImportReport("skp", len(items), ImportSummary(), dry_run=True)
            summary = await uow.skp.save_items(items, now=self._clock.now())
            await uow.audit.record(
                AuditEntry(
                    self._clock.now(),
                    actor.audit_name,
                    "import.skp",
                    "organisation",
                    {"created": str(summary.created), "updated": str(summary.updated)},
                )
            )
            await uow.commit()
            return ImportReport("skp", len(items), summary, dry_run=False)

    async def _audit(
        self, uow: AppraisalUnitOfWork, actor: Actor, action: str, period: AppraisalPeriod
    ) -> None:
        await uow.audit.record(
            AuditEntry(
                self._clock.now(),
                actor.audit_name,
                action,
                f"period:{period.id}",
                {"name": period.name, "status": period.status.value},
            )
        )


async def load_period(
    uow: AppraisalUnitOfWork, period_id: int, *, for_update: bool = False, shared: bool = False
) -> AppraisalPeriod:
    period = await uow.periods.get(period_id, for_update=for_update, shared=shared)
    if period is None:
        raise NotFound("period", ref=period_id)
    return period


async def _pending_objections(uow: AppraisalUnitOfWork, period_id: int) -> int:
    found = await uow.appraisals.for_period(period_id)
    return sum(1 for a in found.values() if a.status is AppraisalStatus.OBJECTED)
