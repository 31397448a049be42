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


async def test_an_error_names_the_statement_but_never_its_parameters(database: Database):
    """A failing statement's message (what a traceback in the log shows) keeps its parameters
    out: they are a citizen's Telegram id, answers or saran (issue 8)."""
    async with database.session() as session:
        with pytest.raises(DBAPIError) as failed:
            await session.exec(  # type: ignore[call-overload]
                text("INSERT INTO no_such_table (x) VALUES (:x)"), params={"x": "7391846205"}
            )
    assert "no_such_table" in str(failed.value)
    assert "7391846205" not in str(failed.value)
