"""Contract tests: every port that has an in-memory fake is tested here, once per store — the
fake, SQLite and PostgreSQL — with the same assertions, so a use-case test on the fakes can trust
that the fakes answer as the SQL repositories do (``docs/architecture.md``, *Ports*).

A test speaks to the ports through ``factory`` (a unit-of-work factory of the store). Where a
port has no method to read back what it wrote (the outbox queue's leases, say), :class:`Store`
reads the stored rows: the fake's rows and the SQL rows carry the same field names.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from domain.actions import ActionCatalogue
from domain.org.admin import OrgAdministration
from domain.outbox import OutboxQueue
from domain.unit_of_work import UnitOfWorkFactory
from storage.database import Database
from storage.outbox import SqlOutboxQueue
from storage.tables import ChatAccountRow, OutboxRow
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.conftest import empty_database_url, open_database
from tests.support.clock import FixedClock
from tests.support.fakes.outbox import FakeOutboxQueue
from tests.support.fakes.seeding import OPERATOR, demo_csv
from tests.support.fakes.state import OutboxRow as FakeOutboxRow
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

STORES = ["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@dataclass
class Store:
    """One store under contract: its unit-of-work factory, and what tests read behind it."""

    kind: str
    factory: Any  # FakeUnitOfWorkFactory or SqlUnitOfWorkFactory
    database: Database | None = None

    @property
    def is_fake(self) -> bool:
        return self.database is None

    def queue(self, actions: ActionCatalogue) -> OutboxQueue:
        """The dispatcher's side of the outbox, reading buttons with ``actions``."""
        if self.database is None:
            return FakeOutboxQueue(self.factory, actions)
        return SqlOutboxQueue(self.database, actions)

    async def insert_outbox_row(
        self, now: datetime, buttons: list[list[dict[str, object]]]
    ) -> None:
        """A row as another version wrote it (the payload exactly as stored)."""
        payload = {"key": "appraisal.notify", "params": {}, "buttons": buttons}
        values: dict[str, Any] = {"dedupe_key": "old", "chat_id": 5, "payload": payload}
        if self.database is None:
            row_id = self.factory.state.next_id()
            fields = {"not_before": now, "created_at": now, **values}
            self.factory.state.outbox[row_id] = FakeOutboxRow(id=row_id, **fields)
            return
        async with self.database.session() as s:
            row = OutboxRow(status="pending", attempts=0, not_before=now, created_at=now, **values)
            s.add(row)
            await s.commit()

    async def outbox_rows(self) -> list[Any]:
        """Every outbox row, by id (fake rows or SQL rows: the same field names)."""
        if self.database is None:
            return sorted(self.factory.state.outbox.values(), key=lambda row: row.id)
        async with self.database.session(readonly=True) as s:
            return list(await s.exec(select(OutboxRow).order_by(OutboxRow.id)))  # type: ignore[arg-type]

    async def outbox_row(self, row_id: int) -> Any:
        return next(row for row in await self.outbox_rows() if row.id == row_id)

    async def blocked_at(self, chat_id: int) -> datetime | None:
        if self.database is None:
            account = self.factory.state.accounts.get(chat_id)
        else:
            async with self.database.session(readonly=True) as s:
                account = await s.get(ChatAccountRow, chat_id)
        return None if account is None else account.blocked_at


@pytest.fixture(params=STORES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """The database of the store under test (``None``: the fakes)."""
    if request.param == "fake":
        return None
    return empty_database_url(request.param, request, tmp_path)


@pytest.fixture
async def store(store_url: str | None, clock: FixedClock) -> AsyncIterator[Store]:
    if store_url is None:
        yield Store("fake", FakeUnitOfWorkFactory(clock))
        return
    database = await open_database(store_url)
    yield Store(database.backend, SqlUnitOfWorkFactory(database, clock), database)
    await database.dispose()


@pytest.fixture
def factory(store: Store) -> UnitOfWorkFactory[Any]:
    return store.factory  # type: ignore[no-any-return]


@pytest.fixture
async def other_store(store: Store, clock: FixedClock) -> AsyncIterator[Store]:
    """The same database seen by a second bot process (its own engine and connection pool);
    for the fake, another view of the same fake database."""
    if store.database is None:
        yield store
        return
    other = Database(store.database.url.render_as_string(hide_password=False))
    yield Store(store.kind, SqlUnitOfWorkFactory(other, clock), other)
    await other.dispose()


@pytest.fixture
async def demo(factory: UnitOfWorkFactory[Any], clock: FixedClock) -> UnitOfWorkFactory[Any]:
    """The demo organisation (18 units, 33 employees, 9 services), imported the admin's way."""
    admin = OrgAdministration(factory, clock)
    await admin.import_units(OPERATOR, demo_csv("units"))
    await admin.import_employees(OPERATOR, demo_csv("employees"))
    await admin.import_services(OPERATOR, demo_csv("services"))
    return factory
