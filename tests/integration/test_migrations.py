"""The Alembic migrations build exactly the schema the SQLModel tables describe."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import storage.tables  # noqa: F401
from storage.database import Database
from storage.migrate import current_revision, head_revision, upgrade
from tests.support.databases import (
    drop_postgres_database,
    make_empty_postgres_database,
    postgres_admin_url,
)


async def test_the_migrated_schema_matches_the_models(database):
    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)

    async with database.read_engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []


async def test_the_database_is_at_the_newest_revision(database):
    assert await current_revision(database) == head_revision()


@pytest.mark.postgres
async def test_processes_starting_together_on_postgresql_migrate_once():
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL tests need KINERJA_TEST_DATABASE_URL")
    url = await asyncio.to_thread(make_empty_postgres_database, admin)
    try:
        databases = [Database(url) for _ in range(3)]
        await asyncio.gather(*(upgrade(db) for db in databases))  # would race without the lock
        assert {await current_revision(db) for db in databases} == {head_revision()}
        for db in databases:
            await db.dispose()
    finally:
        await asyncio.to_thread(drop_postgres_database, admin, url)


def test_the_start_up_check_finds_the_same_newest_revision_as_alembic() -> None:
    from storage.migrate import _newest_revision, head_revision

    assert _newest_revision() == head_revision()
