"""After a report: the unit head's rencana tindak lanjut (RTL) and the admin's population figure.

Both are small questionnaires started from a report's buttons, for subject
``<service|unit>:<id>:<from>:<to>``. PermenPANRB 14/2017 asks units to analyse every unsur and act
on the weakest (DOMAIN.md §1.8); the RTL is shown beside the next period's figure. The population
(service users in the period) gives the Krejcie–Morgan target, which informs and never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.actors import Actor
from domain.audit import AuditEntry
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Option, Questionnaire, Step, StepKind
from domain.engine.subjects import Subjects
from domain.errors import InvalidValue, NotFound, PermissionDenied
from domain.messages import Notice
from domain.org.access import administers, heads
from domain.org.units import subtree_ids
from domain.skm.ikm import UNSUR, SkmResult, compute_ikm, krejcie_morgan_sample
from domain.skm.ports import SkmUnitOfWork
from domain.skm.report_model import (
    MAX_POPULATION,
    RTL_LIMIT,
    Grouping,
    Population,
    ResponseFilter,
    Rtl,
    ScopeKind,
    weakest_unsur,
)
from domain.skm.report_period import ReportPeriod

RTL_FLOW = "skm_rtl"
POPULATION_FLOW = "skm_population"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Which scope and period a follow-up is about (the flows' subject)."""

    kind: ScopeKind
    scope_id: int
    period: ReportPeriod

    @property
    def subject(self) -> str:
        """As a session names it: ``unit:7:2026-07-01:2026-09-30``."""
        return FOLLOW_UPS.encode(self)


FOLLOW_UPS = Subjects(FollowUp, "{kind}:{scope_id}:{period.date_from}:{period.date_to}")


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    unit_id: int
    where: ResponseFilter


async def follow_up_target(uow: SkmUnitOfWork, follow: FollowUp) -> Target:
    if follow.kind is ScopeKind.SERVICE:
        service = await uow.org.service(follow.scope_id)
        if service is None:
            raise NotFound("service", ref=follow.scope_id)
        where = ResponseFilter(follow.period, service_ids=(service.id,))
        return Target(service.name, service.unit_id, where)
    unit = await uow.org.unit(follow.scope_id)
    if unit is None:
        raise NotFound("unit", ref=follow.scope_id)
    below = subtree_ids(await uow.org.units(), unit.id)
    # The services now below the unit: a moved service takes its responses along.
    services = await uow.org.services(unit_ids=below, limit=100_000)
    where = ResponseFilter(follow.period, service_ids=tuple(sorted(s.id for s in services)))
    return Target(unit.name, unit.id, where)


async def require_population_right(uow: SkmUnitOfWork, actor: Actor, target: Target) -> None:
    """An admin whose grant covers the scope (or the operator) records its population."""
    if not administers(actor, await uow.org.unit_path(target.unit_id)):
        raise PermissionDenied("skm_population_admin_only")


async def _result(uow: SkmUnitOfWork, target: Target) -> SkmResult:
    found = await uow.skm_queries.aggregate(target.where, by=Grouping.ALL)
    return found[0].result if found else compute_ikm((), 0)


def _period_params(name: str, period: ReportPeriod) -> dict[str, str]:
    return {"scope": name, "from": period.date_from.isoformat(), "to": period.date_to.isoformat()}


def _nrr_text(result: SkmResult, code: str) -> str:
    return str(result.nrr_display(code)) if code in result.nrr else "-"


class RtlFlow(Flow[SkmUnitOfWork, FollowUp]):
    """The unit head picks an unsur (the weakest is named) and writes the plan."""

    questionnaire_id = RTL_FLOW
    subjects = FOLLOW_UPS

    async def questionnaire(
        self, uow: SkmUnitOfWork, follow: FollowUp, actor: Actor
    ) -> Questionnaire:
        target = await follow_up_target(uow, follow)
        if not await heads(uow.org, actor, await uow.org.unit_path(target.unit_id)):
            raise PermissionDenied("skm_rtl_head_only")
        result = await _result(uow, target)
        weakest = ", ".join(f"{c} (NRR {_nrr_text(result, c)})" for c in weakest_unsur(result))
        params = {**_period_params(target.name, follow.period), "weakest": weakest or "-"}
        # All nine, in a fixed order: new responses must not shift the buttons under a finger.
        options = tuple(Option(u.code, u.name_key) for u in UNSUR)
        steps = (
            Step("unsur", StepKind.CHOICE, "skm.rtl.unsur", options, params=params),
            Step(
                "plan",
                StepKind.TEXT,
                "skm.rtl.plan",
                label="skm.rtl.plan.label",
                max_length=RTL_LIMIT,
            ),
        )
        return Questionnaire(RTL_FLOW, "skm.rtl.title", steps, params=params)

    async def on_submit(self, uow: SkmUnitOfWork, change: Change[FollowUp]) -> Outcome:
        follow, now, by = change.subject, change.now, change.actor.audit_name
        target = await follow_up_target(uow, follow)
        unsur = change.answers["unsur"] or ""
        nrr = _nrr_text(await _result(uow, target), unsur)
        plan = change.answers["plan"] or ""
        rtl = Rtl(follow.kind, follow.scope_id, follow.period, unsur, nrr, plan, now, by)
        await uow.skm_follow_up.save_rtl(rtl)
        details = {"unsur": unsur}
        await uow.audit.record(AuditEntry(now, by, "skm.rtl", follow.subject, details))
        return Outcome((Notice("skm.rtl.saved", {"scope": target.name, "unsur": unsur}),))


class PopulationFlow(Flow[SkmUnitOfWork, FollowUp]):
    """An admin types how many people used the service(s) in the period."""

    questionnaire_id = POPULATION_FLOW
    subjects = FOLLOW_UPS

    async def questionnaire(
        self, uow: SkmUnitOfWork, follow: FollowUp, actor: Actor
    ) -> Questionnaire:
        target = await follow_up_target(uow, follow)
        await require_population_right(uow, actor, target)
        step = Step(
            "population",
            StepKind.NUMBER,
            "skm.population.ask",
            params=_period_params(target.name, follow.period),
            min_value=Decimal(1),
            max_value=Decimal(MAX_POPULATION),
            whole=True,
        )
        return Questionnaire(POPULATION_FLOW, "skm.population.title", (step,), review=False)

    async def on_submit(self, uow: SkmUnitOfWork, change: Change[FollowUp]) -> Outcome:
        follow = change.subject
        target = await follow_up_target(uow, follow)
        value = Decimal(change.answers["population"] or "0")
        if value != value.to_integral():
            raise InvalidValue("whole_number", field="population")
        population = Population(
            follow.kind,
            follow.scope_id,
            follow.period,
            int(value),
            change.now,
            change.actor.audit_name,
        )
        return await record_population(uow, population, target_name=target.name, where=target.where)


async def record_population(
    uow: SkmUnitOfWork, population: Population, *, target_name: str, where: ResponseFilter
) -> Outcome:
    """Store the figure and say what it means: the K&M target and the responses so far."""
    await uow.skm_follow_up.save_population(population)
    subject = f"{population.scope.value}:{population.scope_id}"
    details = {"population": str(population.population), "from": str(population.period.date_from)}
    await uow.audit.record(
        AuditEntry(
            population.recorded_at, population.recorded_by, "skm.population", subject, details
        )
    )
    found = await uow.skm_queries.aggregate(where, by=Grouping.ALL)
    params = {
        "scope": target_name,
        "population": population.population,
        "target": krejcie_morgan_sample(population.population),
        "collected": found[0].respondents if found else 0,
    }
    return Outcome((Notice("skm.population.saved", params),))
