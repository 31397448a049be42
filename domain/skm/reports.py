"""IKM reports: the database aggregates, :func:`domain.skm.ikm.compute_ikm` does the arithmetic.

Read-only units of work (readers never block the survey's writers). A report groups responses
by service or by unit over a period of local dates; every group carries its result, and on
request its respondent profile, the population (Krejcie–Morgan target) and the RTL recorded
after the previous period. Who may read what: an admin within their grant (the operator: all),
and, in the chat, a unit head for their unit and everything below it.

A unit's scope is the services in its subtree *now*, and "by unit" groups by each service's
current unit: a service moved to another unit takes its responses along.

Chat reports (``scope_report``) protect respondents: a group with fewer respondents than the
configured minimum shows only their number, the saran then carry no date, and no contact is
ever included (admins receive contacts with the forwarded saran and in the command line's
exports, which keep everything: they are the official record an admin compiles).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.actors import Actor
from domain.errors import NotFound, PermissionDenied
from domain.localtime import local_date
from domain.org.access import administers, heads, is_org_admin
from domain.org.ports import ServiceRecord, UnitRecord
from domain.org.units import headed_unit, subtree_ids
from domain.skm.ikm import compute_ikm
from domain.skm.ports import SkmUnitOfWork
from domain.skm.report_model import (
    Grouping,
    IkmGroup,
    IkmReport,
    ProfileCount,
    ResponseFilter,
    ScopeKind,
    Suggestion,
    UnsurAggregate,
    withhold_lines,
    withhold_small,
)
from domain.skm.report_period import ReportPeriod, ReportSpan
from domain.unit_of_work import UnitOfWorkFactory

CHAT_SUGGESTION_LIMIT = 500  # a chat workbook keeps the newest; it says "500 of N"
DEFAULT_MIN_RESPONDENTS = 5


@dataclass(frozen=True, slots=True)
class Scope:
    """What a report is about: one service, or one unit with everything below it."""

    kind: ScopeKind
    id: int
    code: str
    name: str
    unit_id: int


@dataclass(frozen=True, slots=True)
class FollowUpRights:
    rtl: bool  # the unit head of the scope (or of a unit above it)
    population: bool  # an admin whose grant covers the scope


@dataclass(frozen=True, slots=True)
class _Org:
    units: dict[int, UnitRecord]
    services: dict[int, ServiceRecord]

    def subtree(self, unit_id: int) -> tuple[int, ...]:
        """The unit and every unit below it."""
        return subtree_ids(self.units.values(), unit_id)

    def services_below(self, unit_id: int) -> tuple[int, ...]:
        """Every service (active or not) now in the unit's subtree."""
        below = set(self.subtree(unit_id))
        return tuple(sorted(s.id for s in self.services.values() if s.unit_id in below))

    def path(self, unit_id: int) -> tuple[int, ...]:
        """The unit's ids from the root down to the unit."""
        path: list[int] = []
        current = self.units.get(unit_id)
        while current is not None and current.id not in path:
            path.append(current.id)
            current = self.units.get(current.parent_id) if current.parent_id else None
        return tuple(reversed(path))

    def unit_of(self, scope: Scope) -> int:
        """The scope's unit as the database has it now (never as a button said)."""
        if scope.kind is ScopeKind.UNIT:
            if scope.id not in self.units:
                raise NotFound("unit", ref=scope.id)
            return scope.id
        service = self.services.get(scope.id)
        if service is None:
            raise NotFound("service", ref=scope.id)
        return service.unit_id


async def _org(uow: SkmUnitOfWork) -> _Org:
    units = {unit.id: unit for unit in await uow.org.units()}
    services = {s.id: s for s in await uow.org.services(limit=100_000)}
    return _Org(units, services)


def _filter(
    actor: Actor,
    org: _Org,
    period: ReportPeriod,
    unit_code: str | None,
    service_code: str | None,
) -> ResponseFilter:
    """The responses a full report covers, if ``actor``'s grant covers its scope (the whole
    organisation when no unit or service is named)."""
    service_ids: set[int] | None = None
    scope_units: list[int] = []
    if unit_code is not None:
        unit = next((u for u in org.units.values() if u.code == unit_code.upper()), None)
        if unit is None:
            raise NotFound("unit", ref=unit_code)
        service_ids = set(org.services_below(unit.id))
        scope_units.append(unit.id)
    if service_code is not None:
        service = next((s for s in org.services.values() if s.code == service_code.upper()), None)
        if service is None:
            raise NotFound("service", ref=service_code)
        service_ids = {service.id} if service_ids is None else service_ids & {service.id}
        scope_units.append(service.unit_id)
    allowed = any(administers(actor, org.path(u)) for u in scope_units) or is_org_admin(actor)
    if not allowed:
        raise PermissionDenied("skm_report")
    return ResponseFilter(period, None if service_ids is None else tuple(sorted(service_ids)))


def _listed_services(org: _Org, where: ResponseFilter, with_data: set[int]) -> list[ServiceRecord]:
    """Services a report lists: those in scope that are active or have responses."""
    return [
        s
        for s in sorted(org.services.values(), key=lambda s: (s.unit_code, s.code))
        if (where.service_ids is None or s.id in where.service_ids)
        and (s.active or s.id in with_data)
    ]


def _service_group(
    service: ServiceRecord, period: ReportPeriod, agg: UnsurAggregate | None
) -> IkmGroup:
    result = agg.result if agg else compute_ikm((), 0)
    return IkmGroup(
        ScopeKind.SERVICE,
        service.id,
        service.unit_code,
        service.unit_name,
        service.code,
        service.name,
        period,
        result,
    )


def _unit_group(unit: UnitRecord, period: ReportPeriod, agg: UnsurAggregate | None) -> IkmGroup:
    result = agg.result if agg else compute_ikm((), 0)
    return IkmGroup(ScopeKind.UNIT, unit.id, unit.code, unit.name, None, None, period, result)


async def _groups(
    uow: SkmUnitOfWork, org: _Org, where: ResponseFilter, by: Grouping
) -> list[IkmGroup]:
    found = {agg.group_id: agg for agg in await uow.skm_queries.aggregate(where, by=by)}
    if by is Grouping.SERVICE:
        listed = _listed_services(org, where, {g for g in found if g is not None})
        return [_service_group(s, where.period, found.get(s.id)) for s in listed]
    # Units that offer an active service in scope, and units whose services were answered.
    active = {s.unit_id for s in _listed_services(org, where, set())}
    unit_ids = sorted(active | {g for g in found if g is not None}, key=lambda u: org.units[u].code)
    return [_unit_group(org.units[uid], where.period, found.get(uid)) for uid in unit_ids]


def _profiles(counts: Sequence[ProfileCount]) -> dict[int | None, dict[str, dict[str | None, int]]]:
    table: dict[int | None, dict[str, dict[str | None, int]]] = defaultdict(dict)
    for count in counts:
        table[count.group_id].setdefault(count.field, {})[count.value] = count.count
    return table


async def _with_details(
    uow: SkmUnitOfWork, groups: list[IkmGroup], where: ResponseFilter, by: Grouping
) -> list[IkmGroup]:
    """Profile counts, populations and the previous period's RTL for every group."""
    profiles = _profiles(await uow.skm_queries.profile_counts(where, by=by))
    detailed = []
    for kind in (ScopeKind.SERVICE, ScopeKind.UNIT):
        ids = [g.id for g in groups if g.kind is kind and g.id is not None]
        if not ids:
            continue
        populations = await uow.skm_follow_up.populations(kind, ids, where.period)
        rtls = await uow.skm_follow_up.previous_rtl(kind, ids, where.period.date_from)
        for group in (g for g in groups if g.kind is kind):
            key = None if by is Grouping.ALL else group.id
            detailed.append(
                replace(
                    group,
                    profile=profiles.get(key, {}),
                    population=populations.get(group.id or 0),
                    previous_rtl=tuple(r for r in rtls if r.scope_id == group.id),
                )
            )
    return detailed


def _for_chat(saran: Sequence[Suggestion], *, dated: bool) -> tuple[Suggestion, ...]:
    """The saran as a chat report shows them: never a contact, a date only when allowed."""
    return tuple(
        replace(s, contact=None, local_date=s.local_date if dated else None) for s in saran
    )


class SkmReports:
    def __init__(
        self,
        uow: UnitOfWorkFactory[SkmUnitOfWork],
        *,
        min_respondents: int = DEFAULT_MIN_RESPONDENTS,
        default_timezone: str = "Asia/Jakarta",
    ) -> None:
        self._uow = uow
        self._min = min_respondents
        self._timezone = default_timezone

    async def report(
        self,
        actor: Actor,
        period: ReportPeriod,
        *,
        unit_code: str | None = None,
        service_code: str | None = None,
        by: Grouping = Grouping.SERVICE,
        details: bool = False,
    ) -> IkmReport:
        """Every service (or unit) in scope over ``period``, aggregated in one GROUP BY. The
        command line's report for admins within their grant: complete (every saran with its
        contact)."""
        async with self._uow(readonly=True) as uow:
            org = await _org(uow)
            where = _filter(actor, org, period, unit_code, service_code)
            groups = await _groups(uow, org, where, by)
            if not details:
                return IkmReport(period, by, tuple(groups))
            groups = await _with_details(uow, groups, where, by)
            saran = await uow.skm_queries.suggestions(where, by=by)
            return IkmReport(period, by, tuple(groups), tuple(saran), len(saran))

    async def scope_report(self, actor: Actor, scope: Scope, period: ReportPeriod) -> IkmReport:
        """For someone allowed to read it: one service, or one unit's subtree as a single group
        followed by a group per service below it; small groups withheld (see the module)."""
        async with self._uow(readonly=True) as uow:
            org = await _org(uow)
            unit_id = org.unit_of(scope)
            if not await may_read(uow, actor, unit_id):
                raise PermissionDenied("skm_report")
            if scope.kind is ScopeKind.SERVICE:
                where = ResponseFilter(period, service_ids=(scope.id,))
                group = _service_group(org.services[scope.id], period, None)
            else:
                where = ResponseFilter(period, service_ids=org.services_below(scope.id))
                group = _unit_group(org.units[scope.id], period, None)
            found = await uow.skm_queries.aggregate(where, by=Grouping.ALL)
            group = replace(group, result=found[0].result) if found else group
            [group] = await _with_details(uow, [group], where, Grouping.ALL)
            services: list[IkmGroup] = []
            if scope.kind is ScopeKind.UNIT:
                services = await _groups(uow, org, where, Grouping.SERVICE)
            saran = await uow.skm_queries.suggestions(
                where, by=Grouping.SERVICE, limit=CHAT_SUGGESTION_LIMIT
            )
            total = await uow.skm_queries.suggestion_count(where)
        shown = (withhold_small(group, self._min), *withhold_lines(services, self._min))
        dated = group.result.respondents >= self._min
        return IkmReport(
            period, Grouping.ALL, shown, _for_chat(saran, dated=dated), total, self._min
        )

    async def period_of(self, scope: Scope, kind: ReportSpan, now: datetime) -> ReportPeriod:
        """ "This quarter/semester/year" as the counter's calendar has it (the scope's unit's
        time zone), not the reader's."""
        async with self._uow(readonly=True) as uow:
            org = await _org(uow)
            timezone = await uow.org.effective_timezone(org.unit_of(scope))
        return ReportPeriod.of(kind, local_date(now, timezone or self._timezone))

    async def rights(self, actor: Actor, scope: Scope) -> FollowUpRights:
        """What ``actor`` may record after reading ``scope``'s report."""
        async with self._uow(readonly=True) as uow:
            path = await uow.org.unit_path((await _org(uow)).unit_of(scope))
            return FollowUpRights(
                rtl=await heads(uow.org, actor, path), population=administers(actor, path)
            )

    async def scope_by_code(self, actor: Actor, code: str) -> Scope:
        """A service code, else a unit code, among what ``actor`` may read."""
        wanted = code.strip().upper()
        scopes = await self.scopes(actor)
        for kind in (ScopeKind.SERVICE, ScopeKind.UNIT):
            for scope in scopes:
                if scope.kind is kind and scope.code == wanted:
                    return scope
        raise NotFound("scope", ref=code)

    async def scopes(self, actor: Actor) -> list[Scope]:
        """The units (that offer services below them) and services ``actor`` may report on:
        active services, and inactive ones that have responses."""
        async with self._uow(readonly=True) as uow:
            org = await _org(uow)
            headed = await headed_unit(uow.org, actor)
            allowed = {
                uid
                for uid in org.units
                if administers(actor, org.path(uid)) or headed in org.path(uid)
            }
            inactive = [s.id for s in org.services.values() if not s.active]
            answered = (
                await uow.skm_queries.services_with_responses(inactive) if inactive else set()
            )
            return _scopes_under(org, allowed, answered)

    async def scope(self, actor: Actor, kind: ScopeKind, scope_id: int) -> Scope:
        for scope in await self.scopes(actor):
            if scope.kind is kind and scope.id == scope_id:
                return scope
        raise PermissionDenied("skm_report")


def _scopes_under(org: _Org, allowed: set[int], answered: set[int]) -> list[Scope]:
    services = [
        s for s in org.services.values() if s.unit_id in allowed and (s.active or s.id in answered)
    ]
    with_services = {uid for s in services for uid in org.path(s.unit_id)} & allowed
    units = sorted((org.units[uid] for uid in with_services), key=lambda u: u.code)
    scopes = [Scope(ScopeKind.UNIT, u.id, u.code, u.name, u.id) for u in units]
    scopes += [
        Scope(ScopeKind.SERVICE, s.id, s.code, s.name, s.unit_id)
        for s in sorted(services, key=lambda s: (s.unit_code, s.code))
    ]
    return scopes


async def may_read(uow: SkmUnitOfWork, actor: Actor, unit_id: int) -> bool:
    """Admins within their grant; unit heads for their unit and below it."""
    path = await uow.org.unit_path(unit_id)
    return administers(actor, path) or await heads(uow.org, actor, path)
