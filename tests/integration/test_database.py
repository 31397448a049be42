"""The database layer's guarantees: read-only sessions refuse writes, nested writers fail fast."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.database import Database


async def test_a_write_session_inside_another_fails_at_once_instead_of_deadlocking(database):
    async with database.session():
        with pytest.raises(RuntimeError, match="deadlock"):
            async with database.session():
                pass


async def test_a_read_only_session_on_postgresql_refuses_writes(database: Database):
    if database.is_sqlite:
        pytest.skip("SQLite's read engine cannot write the WAL lock anyway; checked on PostgreSQL")
    async with database.session(readonly=True) as session:
        with pytest.raises(DBAPIError, match="read-only transaction"):
            await session.exec(text("CREATE TABLE should_not_exist (x int)"))  # type: ignore[call-overload]
