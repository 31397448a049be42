"""What people see of the appraisal cycle, and the one-press actions: the SKP, a supervisor's
team, one case, an employee's results, acknowledging a predikat, the unit's distribution, and
the tasks waiting for someone. Every read checks who may see what."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from domain.actors import Actor, StaffMember
from domain.appraisal.cases import Case, load_case, may_decide, subordinate
from domain.appraisal.distribution import (
    DEFAULT_DISTRIBUTION_RULES,
    DistributionRules,
    DistributionWarning,
    OrganisationPredikat,
    check_distribution,
)
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.appraisal.predikat import Predikat
from domain.appraisal.skp import SkpItem
from domain.clock import Clock
from domain.errors import InvalidValue, NotFound, PeriodNotOpen, PermissionDenied
from domain.messages import Notice, TextRef
from domain.org.access import administers, is_admin, require_member
from domain.org.ports import UnitRecord
from domain.org.units import headed_unit, subtree_ids
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class TeamLine:
    member: StaffMember
    status: AppraisalStatus
    predikat: Predikat | None


@dataclass(frozen=True, slots=True)
class Result:
    case: Case
    objection_deadline: datetime | None
    can_object: bool = False  # assessed, not yet objected, and the window still open


@dataclass(frozen=True, slots=True)
class Distribution:
    period: AppraisalPeriod
    unit: UnitRecord
    organisation: OrganisationPredikat | None
    counts: dict[Predikat, int]
    warnings: list[DistributionWarning]
    # Before the organisation predikat is set: what each pola would make of today's spread,
    # and the names of who sets it (the admins of the whole organisation).
    if_set: Mapping[OrganisationPredikat, list[DistributionWarning]] = field(default_factory=dict)
    setters: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Appraisals:
    def __init__(
        self,
        uow: UnitOfWorkFactory[AppraisalUnitOfWork],
        clock: Clock,
        default_timezone: str,
        rules: DistributionRules = DEFAULT_DISTRIBUTION_RULES,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._timezone = default_timezone
        self._rules = rules

    async def open_periods(self, actor: Actor) -> list[AppraisalPeriod]:
        """The open periods, for an employee choosing where to act."""
        require_member(actor)
        async with self._uow(readonly=True) as uow:
            return [p for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]

    async def my_skp(self, actor: Actor, year: int | None = None) -> tuple[int, list[SkpItem]]:
        """The SKP of ``year``; by default the year of the open period (in January that is
        still last year's Q4), else this calendar year."""
        member = require_member(actor)
        async with self._uow(readonly=True) as uow:
            if year is None:
                periods = [p for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]
                year = periods[0].start.year if periods else self._clock.now().year
            return year, await uow.skp.items(member.nip, year)

    async def team(self, actor: Actor, period_id: int) -> list[TeamLine]:
        """The appraisals of the people ``actor`` is pejabat penilai of (none: an empty team)."""
        me = require_member(actor)
        async with self._uow(readonly=True) as uow:
            members = await uow.org.subordinates(me.id)
            found = await uow.appraisals.for_period(period_id, [m.nip for m in members])
        return [_line(m, found.get(m.nip)) for m in members]

    async def subordinate_case(self, actor: Actor, period_id: int, employee_id: int) -> Case:
        async with self._uow(readonly=True) as uow:
            member = await subordinate(uow, actor, employee_id)
            return await load_case(uow, period_id, member, self._timezone)

    async def objection_case(self, actor: Actor, period_id: int, employee_id: int) -> Case:
        async with self._uow(readonly=True) as uow:
            member = await uow.org.member(employee_id)
            if member is None:
                raise NotFound("employee", ref=employee_id)
            await may_decide(uow, actor, member)
            return await load_case(uow, period_id, member, self._timezone)

    async def results(self, actor: Actor, period_id: int | None = None) -> list[Result]:
        """The employee's own results, newest period first (at most four)."""
        member = require_member(actor)
        async with self._uow(readonly=True) as uow:
            appraisals = await uow.appraisals.of_employee(member.nip)
            chosen = [a for a in appraisals if period_id in (None, a.period_id)][:4]
            cases = [await load_case(uow, a.period_id, member, self._timezone) for a in chosen]
        now = self._clock.now()
        results = []
        for case in cases:
            deadline = _deadline(case, now)
            results.append(Result(case, deadline, deadline is not None and now <= deadline))
        return results

    async def pending_decisions(self, actor: Actor) -> list[Case]:
        """Objections waiting for this atasan pejabat penilai's final decision."""
        if actor.member is None:
            return []
        async with self._uow(readonly=True) as uow:
            return [
                await load_case(uow, appraisal.period_id, member, self._timezone)
                for appraisal, member in await _decidable(uow, actor)
            ]

    async def acknowledge(self, actor: Actor, period_id: int) -> Appraisal:
        member = require_member(actor)
        now = self._clock.now()
        async with self._uow() as uow:
            case = await load_case(uow, period_id, member, self._timezone, for_update=True)
            if case.period.is_frozen:
                raise PeriodNotOpen("closed", period=case.period.name)
            acknowledged = case.appraisal.acknowledge(by_nip=member.nip, now=now)
            await uow.appraisals.save(acknowledged, now=now)
            await uow.commit()
            return acknowledged

    async def distribution(
        self, actor: Actor, period_id: int, unit_code: str | None = None
    ) -> Distribution:
        """The predikat spread in a unit (and its sub-units) for a period, with the pola
        distribusi warnings for the unit's organisation predikat. Unit heads see their unit;
        admins any unit they administer."""
        async with self._uow(readonly=True) as uow:
            unit = await self._visible_unit(uow, actor, unit_code)
            period = await uow.periods.get(period_id)
            if period is None:
                raise NotFound("period", ref=period_id)
            subtree = subtree_ids(await uow.org.units(), unit.id)
            counts = await uow.appraisal_queries.predikat_counts(period_id, subtree)
            org = await uow.periods.org_predikat(period_id, unit.id)
            if org is not None:
                warnings = check_distribution(counts, org, self._rules)
                return Distribution(period, unit, org, counts, warnings)
            setters = tuple(m.name for m in await uow.org.members() if m.is_org_admin)
        if_set = {
            each: check_distribution(counts, each, self._rules) for each in OrganisationPredikat
        }
        return Distribution(period, unit, None, counts, [], if_set, setters)

    async def _visible_unit(
        self, uow: AppraisalUnitOfWork, actor: Actor, unit_code: str | None
    ) -> UnitRecord:
        if not actor.is_operator:
            require_member(actor)
        if unit_code is not None:
            unit = await uow.org.unit_by_code(unit_code.upper())
            if unit is None:
                raise NotFound("unit", ref=unit_code)
            if not administers(actor, await uow.org.unit_path(unit.id)):
                raise PermissionDenied("not_admin_of_unit")
            return unit
        headed = await headed_unit(uow.org, actor)
        if headed is not None:
            found = await uow.org.unit(headed)
        elif is_admin(actor):
            found = await _admin_scope(uow, actor.member.admin_unit_id if actor.member else None)
        else:
            raise PermissionDenied("not_unit_head")
        if found is None:
            raise NotFound("unit", ref=headed)
        return found

    async def tasks(self, actor: Actor) -> list[Notice]:
        """What waits for this person in the open periods, for the menu."""
        if actor.member is None:
            return []
        tasks: list[Notice] = []
        async with self._uow(readonly=True) as uow:
            for period in [p for p in await uow.periods.all() if p.status is PeriodStatus.OPEN]:
                tasks += await self._tasks_in(uow, actor, actor.member, period)
            waiting = await _decidable(uow, actor)
        if waiting:
            tasks.append(Notice("appraisal.task.decide", {"count": len(waiting)}))
        return tasks

    async def _tasks_in(
        self, uow: AppraisalUnitOfWork, actor: Actor, me: StaffMember, period: AppraisalPeriod
    ) -> list[Notice]:
        assert period.id is not None
        tasks: list[Notice] = []
        mine = await uow.appraisals.get(period.id, me.nip)
        status = mine.status if mine else AppraisalStatus.NOT_STARTED
        timezone = await uow.org.effective_timezone(me.unit_id) or self._timezone
        params = {"period": period.name, "due": period.self_due}
        has_skp = bool(await uow.skp.items(me.nip, period.start.year))
        if (
            has_skp
            and status in (AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS)
            and period.accepts_self_assessment(self._clock.now(), timezone)
        ):
            tasks.append(
                Notice("appraisal.task.self", {**params, "status": TextRef(status.text_key)})
            )
        if status is AppraisalStatus.ASSESSED and mine and mine.predikat:
            tasks.append(
                Notice(
                    "appraisal.task.ack", {**params, "predikat": TextRef(mine.predikat.text_key)}
                )
            )
        if actor.has_subordinates:
            team = await uow.org.subordinates(me.id)
            found = await uow.appraisals.for_period(period.id, [m.nip for m in team])
            submitted = sum(1 for a in found.values() if a.status is AppraisalStatus.SUBMITTED)
            if submitted:
                tasks.append(
                    Notice("appraisal.task.assess", {"period": period.name, "count": submitted})
                )
        return tasks


async def _admin_scope(uow: AppraisalUnitOfWork, admin_unit_id: int | None) -> UnitRecord | None:
    """The unit an admin looks at unless they name one: the unit they administer, or for an
    admin of the whole organisation its top unit (the Pemda). Several top units: they must
    name one."""
    if admin_unit_id is not None:
        return await uow.org.unit(admin_unit_id)
    roots = [unit for unit in await uow.org.units() if unit.parent_id is None]
    if len(roots) != 1:
        raise InvalidValue("unit_required", field="unit")
    return roots[0]


async def _decidable(uow: AppraisalUnitOfWork, actor: Actor) -> list[tuple[Appraisal, StaffMember]]:
    """The undecided objections ``actor`` may decide: as atasan pejabat penilai, or as a
    whole-organisation admin where the chain ends at the Kepala Daerah."""
    found = []
    for appraisal in await uow.appraisals.objected():
        member = await uow.org.member_by_nip(appraisal.employee_nip)
        if member is None:
            continue
        try:
            await may_decide(uow, actor, member)
        except PermissionDenied:
            continue
        found.append((appraisal, member))
    return found


def _line(member: StaffMember, appraisal: Appraisal | None) -> TeamLine:
    if appraisal is None:
        return TeamLine(member, AppraisalStatus.NOT_STARTED, None)
    return TeamLine(member, appraisal.status, appraisal.predikat)


def _deadline(case: Case, now: datetime) -> datetime | None:
    assessed = case.appraisal.assessed_at
    if (
        assessed is None
        or case.period.is_frozen
        or case.appraisal.status
        not in (
            AppraisalStatus.ASSESSED,
            AppraisalStatus.ACKNOWLEDGED,
        )
    ):
        return None
    return case.objection_deadline(now)
