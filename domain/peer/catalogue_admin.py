"""``kinerja catalogue import FILE`` and ``kinerja catalogue list``: the recommendation
catalogue belongs to the whole organisation (its admins and the operator). An import replaces
the catalogue as a whole, all or nothing (``catalogue.parse_catalogue``); until one is imported
the shipped default applies."""

from __future__ import annotations

from dataclasses import dataclass

from domain.actors import Actor
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.org.access import require_org_admin
from domain.org.csvimport import read_csv_bytes
from domain.peer.catalogue import DEFAULT_CATALOGUE, parse_catalogue
from domain.peer.development import Catalogue
from domain.peer.ports import PeerUnitOfWork
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class CurrentCatalogue:
    catalogue: Catalogue
    is_default: bool  # nothing imported: the shipped default applies


async def catalogue_in_use(uow: PeerUnitOfWork) -> Catalogue:
    """The admin's catalogue, or the shipped default."""
    return await uow.catalogue.load() or DEFAULT_CATALOGUE


class CatalogueAdministration:
    def __init__(self, uow: UnitOfWorkFactory[PeerUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def import_catalogue(
        self, actor: Actor, data: bytes, *, dry_run: bool = False
    ) -> Catalogue:
        """Validate every row (``ImportRejected`` lists each error) and replace the catalogue."""
        require_org_admin(actor)
        catalogue = parse_catalogue(read_csv_bytes(data))
        if dry_run:
            return catalogue
        now = self._clock.now()
        async with self._uow() as uow:
            await uow.catalogue.replace(catalogue, now=now)
            details = {"items": str(len(catalogue.items))}
            await uow.audit.record(
                AuditEntry(now, actor.audit_name, "catalogue.import", "catalogue", details)
            )
            await uow.commit()
        return catalogue

    async def current(self, actor: Actor) -> CurrentCatalogue:
        require_org_admin(actor)
        async with self._uow(readonly=True) as uow:
            stored = await uow.catalogue.load()
        return CurrentCatalogue(stored or DEFAULT_CATALOGUE, stored is None)
