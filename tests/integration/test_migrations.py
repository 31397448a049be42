"""The Alembic migrations build exactly the schema the SQLModel tables describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import storage.tables  # noqa: F401
from storage.migrate import current_revision, head_revision


async def test_the_migrated_schema_matches_the_models(database):
    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)

    async with database.read_engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []


async def test_the_database_is_at_the_newest_revision(database):
    assert await current_revision(database) == head_revision()
