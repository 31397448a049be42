"""Admin work on the SKM: paper forms, population figures, poster targets. Paper forms may name
any service: the organisation's admins import them; a population or a poster is for an admin
whose grant covers the service (the operator holds every grant)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

from domain.actors import Actor
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.errors import InvalidValue, NotFound
from domain.localtime import local_date
from domain.messages import Notice
from domain.org.access import administers, require_administers, require_org_admin
from domain.org.csvimport import read_csv_bytes
from domain.org.ports import ServiceRecord
from domain.org.units import subtree_ids
from domain.skm.followup import (
    FollowUp,
    follow_up_target,
    record_population,
    require_population_right,
)
from domain.skm.paper_import import parse_paper_responses
from domain.skm.ports import SkmUnitOfWork
from domain.skm.report_model import Population, ScopeKind
from domain.skm.report_period import ReportPeriod
from domain.unit_of_work import UnitOfWorkFactory

# The easternmost zone (WIT) is the last to reach a date: a paper form dated "today" anywhere in
# Indonesia is not from the future.
LATEST_ZONE: Final = "Asia/Jayapura"
INSERT_CHUNK: Final = 1000


@dataclass(frozen=True, slots=True)
class PaperImport:
    rows: int
    dry_run: bool
    sha256: str = ""


class SkmAdministration:
    def __init__(self, uow: UnitOfWorkFactory[SkmUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def import_paper(
        self, actor: Actor, data: bytes, *, dry_run: bool = False, force: bool = False
    ) -> PaperImport:
        """Validate every row, then store all of them in one transaction, or none. The same
        file twice is refused (it would count every form twice) unless ``force``."""
        require_org_admin(actor)
        table = read_csv_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        now = self._clock.now()
        async with self._uow() as uow:
            earlier = await uow.skm_responses.paper_import_at(digest)
            if earlier is not None and not force:
                raise InvalidValue("skm_already_imported", field="file", imported_at=earlier)
            services = {s.code: s for s in await uow.org.services(limit=100_000)}
            responses = parse_paper_responses(
                table, services=services, today=local_date(now, LATEST_ZONE), imported_at=now
            )
            if dry_run:
                return PaperImport(len(responses), dry_run=True, sha256=digest)
            for start in range(0, len(responses), INSERT_CHUNK):
                await uow.skm_responses.add(responses[start : start + INSERT_CHUNK])
            await uow.skm_responses.record_paper_import(digest, rows=len(responses), at=now)
            details = {"rows": str(len(responses)), "channel": "paper", "sha256": digest}
            if earlier is not None:
                details["forced_after"] = earlier.isoformat()
            await uow.audit.record(AuditEntry(now, actor.audit_name, "import.skm", "skm", details))
            await uow.commit()
            return PaperImport(len(responses), dry_run=False, sha256=digest)

    async def record_population(
        self, actor: Actor, code: str, *, unit: bool, period: ReportPeriod, population: int
    ) -> Notice:
        """``kinerja skm population``: the service users of a service (or unit) in a period."""
        now = self._clock.now()
        async with self._uow() as uow:
            follow = FollowUp(*await _scope_of(uow, code, unit=unit), period)
            target = await follow_up_target(uow, follow)
            await require_population_right(uow, actor, target)
            by = actor.audit_name
            record = Population(follow.kind, follow.scope_id, period, population, now, by)
            outcome = await record_population(
                uow, record, target_name=target.name, where=target.where
            )
            await uow.commit()
            return outcome.notices[0]

    async def services_for_posters(self, actor: Actor) -> list[ServiceRecord]:
        """In the chat: the active services within the admin's grant."""
        async with self._uow(readonly=True) as uow:
            found = []
            for service in await uow.org.services(limit=100_000):
                path = await uow.org.unit_path(service.unit_id)
                if service.active and administers(actor, path):
                    found.append(service)
            return found

    async def poster_service(self, actor: Actor, service_id: int) -> ServiceRecord:
        """One service's poster, for an admin whose grant covers it."""
        async with self._uow(readonly=True) as uow:
            service = await uow.org.service(service_id)
            if service is None or not service.active:
                raise NotFound("service", ref=service_id)
            path = await uow.org.unit_path(service.unit_id)
            require_administers(actor, path, "skm_poster_admin_only")
            return service

    async def poster_services(
        self, actor: Actor, *, service_code: str | None = None, unit_code: str | None = None
    ) -> list[ServiceRecord]:
        """The active services to print posters for: one service, or all below a unit."""
        async with self._uow(readonly=True) as uow:
            return await _poster_services(
                uow, actor, service_code=service_code, unit_code=unit_code
            )


async def _scope_of(uow: SkmUnitOfWork, code: str, *, unit: bool) -> tuple[ScopeKind, int]:
    if unit:
        found = await uow.org.unit_by_code(code.upper())
        if found is None:
            raise NotFound("unit", ref=code)
        return ScopeKind.UNIT, found.id
    service = await uow.org.service_by_code(code.upper())
    if service is None:
        raise NotFound("service", ref=code)
    return ScopeKind.SERVICE, service.id


async def _poster_services(
    uow: SkmUnitOfWork, actor: Actor, *, service_code: str | None, unit_code: str | None
) -> list[ServiceRecord]:
    if service_code is not None:
        service = await uow.org.service_by_code(service_code.upper())
        if service is None:
            raise NotFound("service", ref=service_code)
        path = await uow.org.unit_path(service.unit_id)
        require_administers(actor, path, "skm_poster_admin_only")
        if not service.active:
            raise InvalidValue("skm_inactive_service", field="service", value=service.code)
        return [service]
    if unit_code is None:
        raise InvalidValue("required", field="service")
    unit = await uow.org.unit_by_code(unit_code.upper())
    if unit is None:
        raise NotFound("unit", ref=unit_code)
    require_administers(actor, await uow.org.unit_path(unit.id), "skm_poster_admin_only")
    below = subtree_ids(await uow.org.units(), unit.id)
    found = await uow.org.services(unit_ids=below, limit=100_000)
    return sorted((s for s in found if s.active), key=lambda s: s.code)
