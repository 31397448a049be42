"""IKM reports: the database aggregates, :func:`domain.skm.compute_ikm` does the arithmetic.

Read-only units of work (readers never block the survey's writers). A report groups responses
by service or by unit over a period of local dates; every group carries its result, and on
request its respondent profile, the population (Krejcie–Morgan target) and the RTL recorded
after the previous period. Who may read what: an admin within their grant, and a unit head for
their unit and everything below it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from domain.errors import NotFound, PermissionDenied
from domain.identity import Actor
from domain.ports import ServiceRecord, UnitOfWork, UnitOfWorkFactory, UnitRecord
from domain.services.units import headed_unit, subtree_ids
from domain.skm import compute_ikm
from domain.skm_report import (
    Grouping,
    IkmGroup,
    IkmReport,
    Period,
    ProfileCount,
    ResponseFilter,
    ScopeKind,
    UnsurAggregate,
)

SUGGESTION_LIMIT = 500


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

    def path(self, unit_id: int) -> tuple[int, ...]:
        """The unit's ids from the root down to the unit."""
        path: list[int] = []
        current = self.units.get(unit_id)
        while current is not None and current.id not in path:
            path.append(current.id)
            current = self.units.get(current.parent_id) if current.parent_id else None
        return tuple(reversed(path))


async def _org(uow: UnitOfWork) -> _Org:
    units = {unit.id: unit for unit in await uow.org.units()}
    services = {s.id: s for s in await uow.org.services(limit=100_000)}
    return _Org(units, services)


def _filter(
    org: _Org, period: Period, unit_code: str | None, service_code: str | None
) -> ResponseFilter:
    unit_ids = service_ids = None
    if unit_code is not None:
        unit = next((u for u in org.units.values() if u.code == unit_code.upper()), None)
        if unit is None:
            raise NotFound("unit", ref=unit_code)
        unit_ids = org.subtree(unit.id)
    if service_code is not None:
        service = next((s for s in org.services.values() if s.code == service_code.upper()), None)
        if service is None:
            raise NotFound("service", ref=service_code)
        service_ids = (service.id,)
    return ResponseFilter(period, unit_ids, service_ids)


def _listed_services(org: _Org, where: ResponseFilter, with_data: set[int]) -> list[ServiceRecord]:
    """Services a report lists: those in scope that are active or have responses."""
    return [
        s
        for s in sorted(org.services.values(), key=lambda s: (s.unit_code, s.code))
        if (where.unit_ids is None or s.unit_id in where.unit_ids)
        and (where.service_ids is None or s.id in where.service_ids)
        and (s.active or s.id in with_data)
    ]


def _service_group(service: ServiceRecord, period: Period, agg: UnsurAggregate | None) -> IkmGroup:
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


def _unit_group(unit: UnitRecord, period: Period, agg: UnsurAggregate | None) -> IkmGroup:
    result = agg.result if agg else compute_ikm((), 0)
    return IkmGroup(ScopeKind.UNIT, unit.id, unit.code, unit.name, None, None, period, result)


def _groups(
    org: _Org, where: ResponseFilter, by: Grouping, aggregates: Sequence[UnsurAggregate]
) -> list[IkmGroup]:
    found = {agg.group_id: agg for agg in aggregates}
    listed = _listed_services(org, where, {g for g in found if g is not None})
    if by is Grouping.SERVICE:
        return [_service_group(s, where.period, found.get(s.id)) for s in listed]
    unit_ids = sorted({s.unit_id for s in listed}, key=lambda uid: org.units[uid].code)
    return [_unit_group(org.units[uid], where.period, found.get(uid)) for uid in unit_ids]


def _profiles(counts: Sequence[ProfileCount]) -> dict[int | None, dict[str, dict[str | None, int]]]:
    table: dict[int | None, dict[str, dict[str | None, int]]] = defaultdict(dict)
    for count in counts:
        table[count.group_id].setdefault(count.field, {})[count.value] = count.count
    return table


async def _with_details(
    uow: UnitOfWork, groups: list[IkmGroup], where: ResponseFilter, by: Grouping
) -> list[IkmGroup]:
    """Profile counts, populations and the previous period's RTL for every group."""
    profiles = _profiles(await uow.skm.profile_counts(where, by=by))
    detailed = []
    for kind in (ScopeKind.SERVICE, ScopeKind.UNIT):
        ids = [g.id for g in groups if g.kind is kind and g.id is not None]
        if not ids:
            continue
        populations = await uow.skm.populations(kind, ids, where.period)
        rtls = await uow.skm.previous_rtl(kind, ids, where.period.date_from)
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


class SkmReports:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def report(
        self,
        period: Period,
        *,
        unit_code: str | None = None,
        service_code: str | None = None,
        by: Grouping = Grouping.SERVICE,
        details: bool = False,
    ) -> IkmReport:
        """Every service (or unit) in scope over ``period``, aggregated in one GROUP BY."""
        async with self._uow(readonly=True) as uow:
            org = await _org(uow)
            where = _filter(org, period, unit_code, service_code)
            groups = _groups(org, where, by, await uow.skm.aggregate(where, by=by))
            if not details:
                return IkmReport(period, by, tuple(groups))
            groups = await _with_details(uow, groups, where, by)
            saran = await uow.skm.suggestions(where, by=by, limit=SUGGESTION_LIMIT)
            return IkmReport(period, by, tuple(groups), tuple(saran))

    async def scope_report(self, actor: Actor, scope: Scope, period: Period) -> IkmReport:
        """For someone allowed to read it: one service, or one unit's subtree as a single group
        followed by a group per service below it."""
        async with self._uow(readonly=True) as uow:
            if not await may_read(uow, actor, scope.unit_id):
                raise PermissionDenied("skm_report")
            org = await _org(uow)
            if scope.kind is ScopeKind.SERVICE:
                where = ResponseFilter(period, service_ids=(scope.id,))
                group = _service_group(org.services[scope.id], period, None)
            else:
                where = ResponseFilter(period, unit_ids=org.subtree(scope.id))
                group = _unit_group(org.units[scope.id], period, None)
            found = await uow.skm.aggregate(where, by=Grouping.ALL)
            group = replace(group, result=found[0].result) if found else group
            [group] = await _with_details(uow, [group], where, Grouping.ALL)
            services: list[IkmGroup] = []
            if scope.kind is ScopeKind.UNIT:
                by_service = await uow.skm.aggregate(where, by=Grouping.SERVICE)
                services = _groups(org, where, Grouping.SERVICE, by_service)
            saran = await uow.skm.suggestions(where, by=Grouping.SERVICE, limit=SUGGESTION_LIMIT)
            return IkmReport(period, Grouping.ALL, (group, *services), tuple(saran))

    async def rights(self, actor: Actor, scope: Scope) -> FollowUpRights:
        """What ``actor`` may record after reading ``scope``'s report."""
        async with self._uow(readonly=True) as uow:
            path = await uow.org.unit_path(scope.unit_id)
            return FollowUpRights(
                rtl=await headed_unit(uow, actor) in path, population=actor.administers(path)
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
        """The units (that offer services below them) and services ``actor`` may report on."""
        async with self._uow(readonly=True) as uow:
            org = await _org(uow)
            headed = await headed_unit(uow, actor)
            allowed = [
                uid
                for uid in org.units
                if actor.administers(org.path(uid)) or headed in org.path(uid)
            ]
            return _scopes_under(org, allowed)

    async def scope(self, actor: Actor, kind: ScopeKind, scope_id: int) -> Scope:
        for scope in await self.scopes(actor):
            if scope.kind is kind and scope.id == scope_id:
                return scope
        raise PermissionDenied("skm_report")


def _scopes_under(org: _Org, allowed: Sequence[int]) -> list[Scope]:
    allowed_set = set(allowed)
    services = [s for s in org.services.values() if s.unit_id in allowed_set and s.active]
    with_services = {uid for s in services for uid in org.path(s.unit_id)} & allowed_set
    units = sorted((org.units[uid] for uid in with_services), key=lambda u: u.code)
    scopes = [Scope(ScopeKind.UNIT, u.id, u.code, u.name, u.id) for u in units]
    scopes += [
        Scope(ScopeKind.SERVICE, s.id, s.code, s.name, s.unit_id)
        for s in sorted(services, key=lambda s: (s.unit_code, s.code))
    ]
    return scopes


async def may_read(uow: UnitOfWork, actor: Actor, unit_id: int) -> bool:
    """Admins within their grant; unit heads for their unit and below it."""
    path = await uow.org.unit_path(unit_id)
    return actor.administers(path) or (await headed_unit(uow, actor)) in path
