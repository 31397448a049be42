"""The administrators' side of peer feedback (``kinerja peers assign|list|import|seal``).

Assignments, imports and the seal belong to the whole organisation (its admins and the
operator at the command line). The progress list says which assignments were answered, never
what: it is for chasing raters, and nothing of it reaches a ratee or a pejabat penilai.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.actors import Actor
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus, Phase
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.errors import InvalidValue, NotFound, PeriodNotOpen
from domain.org.access import require_org_admin
from domain.org.csvimport import read_csv_bytes
from domain.peer.aggregate import require_sealable
from domain.peer.assignment import DEFAULT_PER_PERSON, Shortfall, assign_raters
from domain.peer.assignment_import import parse_assignments
from domain.peer.people import PeerPolicy, Staff, load_staff, notify_raters
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import AssignmentSource, PeerAssignment, Relation
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class AssignResult:
    period: AppraisalPeriod
    added: int
    raters_told: int
    shortfalls: tuple[Shortfall, ...]
    names: dict[str, str]  # NIP -> name, for the shortfall list


@dataclass(frozen=True, slots=True)
class ListingLine:
    rater_nip: str
    rater_name: str
    ratee_nip: str
    ratee_name: str
    unit_code: str  # the ratee's
    relation: Relation
    source: AssignmentSource
    submitted: bool


@dataclass(frozen=True, slots=True)
class ImportResult:
    period: AppraisalPeriod
    added: int
    raters_told: int
    dry_run: bool


class PeerAdministration:
    def __init__(
        self, uow: UnitOfWorkFactory[PeerUnitOfWork], clock: Clock, policy: PeerPolicy
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._policy = policy

    async def assign(
        self,
        actor: Actor,
        period_id: int,
        *,
        per_person: int = DEFAULT_PER_PERSON,
        upward: bool = False,
        seed: int = 0,
    ) -> AssignResult:
        """Assign raters to everyone not yet covered (``domain.peer.assignment``), tell each
        rater once, and list who cannot reach the threshold and why."""
        require_org_admin(actor)
        async with self._uow() as uow:
            period = await self._open_period(uow, period_id)
            await uow.peer_assignments.lock(period_id)
            staff = await load_staff(uow)
            plan = assign_raters(
                list(staff.colleagues.values()),
                await uow.peer_assignments.for_period(period_id),
                period_id=period_id,
                per_person=per_person,
                upward=upward,
                seed=seed,
                min_raters=self._policy.min_raters,
            )
            added = await uow.peer_assignments.add(plan.assignments)
            told = await self._tell(uow, period, added, staff)
            await self._audit(uow, actor, "peer.assigned", period, added=len(added))
            await uow.commit()
        names = {nip: m.name for nip, m in staff.members.items()}
        return AssignResult(period, len(added), told, plan.shortfalls, names)

    async def listing(
        self, actor: Actor, period_id: int, unit_code: str | None = None
    ) -> list[ListingLine]:
        """Assignments and whether each was answered, by ratee then rater."""
        require_org_admin(actor)
        async with self._uow(readonly=True) as uow:
            await _period(uow, period_id)
            staff = await load_staff(uow)
            assignments = await uow.peer_assignments.for_period(period_id)
            submitted = await uow.peer_assignments.submitted(period_id)
        if unit_code is not None and not any(
            m.unit_code == unit_code.upper() for m in staff.members.values()
        ):
            raise NotFound("unit", ref=unit_code)
        lines = [
            ListingLine(
                a.rater_nip,
                staff.member(a.rater_nip).name,
                a.ratee_nip,
                staff.member(a.ratee_nip).name,
                staff.member(a.ratee_nip).unit_code,
                a.relation,
                a.source,
                submitted.get(a.id or 0, False),
            )
            for a in assignments
        ]
        if unit_code is not None:
            lines = [line for line in lines if line.unit_code == unit_code.upper()]
        return sorted(lines, key=lambda x: (x.unit_code, x.ratee_name, x.relation, x.rater_name))

    async def import_csv(
        self, actor: Actor, period_id: int | None, data: bytes, *, dry_run: bool = False
    ) -> ImportResult:
        """``rater_nip,ratee_nip,relation``: all or nothing (``assignment_import``); without a
        period, into the one open period."""
        require_org_admin(actor)
        table = read_csv_bytes(data)
        async with self._uow() as uow:
            if period_id is None:
                period_id = await _the_open_period(uow)
            period = await self._open_period(uow, period_id)
            await uow.peer_assignments.lock(period_id)
            staff = await load_staff(uow)
            read = parse_assignments(
                table,
                period_id=period_id,
                staff=staff.colleagues,
                existing=await uow.peer_assignments.for_period(period_id),
                min_raters=self._policy.min_raters,
            )
            if dry_run:
                return ImportResult(period, len(read), 0, dry_run=True)
            added = await uow.peer_assignments.add(read)
            told = await self._tell(uow, period, added, staff)
            await self._audit(uow, actor, "peer.imported", period, added=len(added))
            await uow.commit()
        return ImportResult(period, len(added), told, dry_run=False)

    async def seal(self, actor: Actor, period_id: int) -> int:
        """Remove every link from a response to its rater, once no rater may edit anymore
        (after the latest peer deadline); how many links went. Irreversible."""
        require_org_admin(actor)
        now = self._clock.now()
        async with self._uow() as uow:
            period = await _period(uow, period_id)
            require_sealable(now, period)
            sealed = await uow.peer_responses.seal(period_id)
            await self._audit(uow, actor, "peer.sealed", period, links=sealed)
            await uow.commit()
        return sealed

    async def _open_period(self, uow: PeerUnitOfWork, period_id: int) -> AppraisalPeriod:
        """A draft (raters are chosen before it opens) or an open period before its peer
        deadline (in the installation's time zone)."""
        period = await _period(uow, period_id)
        if period.status is PeriodStatus.CLOSED:
            raise PeriodNotOpen("closed", period=period.name)
        if period.status is PeriodStatus.OPEN:
            period.require(Phase.PEER_FEEDBACK, self._clock.now(), self._policy.default_timezone)
        return period

    async def _tell(
        self,
        uow: PeerUnitOfWork,
        period: AppraisalPeriod,
        added: list[PeerAssignment],
        staff: Staff,
    ) -> int:
        """Raters hear of their assignments once the period is open (a draft's are told
        when ``/umpanbalik`` lists them, after the period opens)."""
        if period.status is not PeriodStatus.OPEN:
            return 0
        return await notify_raters(
            uow,
            period,
            added,
            staff,
            now=self._clock.now(),
            default_timezone=self._policy.default_timezone,
        )

    async def _audit(
        self, uow: PeerUnitOfWork, actor: Actor, action: str, period: AppraisalPeriod, **counts: int
    ) -> None:
        await uow.audit.record(
            AuditEntry(
                self._clock.now(),
                actor.audit_name,
                action,
                f"period:{period.id}",
                {name: str(value) for name, value in counts.items()},
            )
        )


async def _the_open_period(uow: PeerUnitOfWork) -> int:
    """The open period when there is exactly one; otherwise the admin must name it."""
    found = [p.id for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]
    if len(found) != 1 or found[0] is None:
        raise InvalidValue("period_required", field="period", open=len(found))
    return found[0]


async def _period(uow: PeerUnitOfWork, period_id: int) -> AppraisalPeriod:
    period = await uow.periods.get(period_id)
    if period is None:
        raise NotFound("period", ref=period_id)
    return period
