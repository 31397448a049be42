"""The database layer's guarantees: read-only sessions refuse writes, nested writers fail fast."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from domain.engine.questionnaire import Questionnaire, Step, StepKind, start
from storage.database import Database
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.databases import sqlite_copy

_QUESTIONS = Questionnaire("q", "q.title", (Step("a", StepKind.TEXT, "q.a"),))


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


def _on_disk(database: Database, pattern: bytes) -> dict[str, int]:
    path = Path(str(database.url.database))
    files = (path, path.with_name(path.name + "-wal"))
    found = {f.name: f.read_bytes().count(pattern) for f in files if f.exists()}
    return {name: n for name, n in found.items() if n}


async def test_a_deleted_session_leaves_nothing_in_the_sqlite_file_or_its_log(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """Issue 8: once the transaction that forgets a citizen's session has committed, neither
    the database file nor its write-ahead log holds their id (6 bytes as SQLite stores it)."""
    owner = 7_391_846_205
    database = Database(sqlite_copy(sqlite_template, tmp_path / "kinerja.db"))
    uow = SqlUnitOfWorkFactory(database, FixedClock())
    try:
        async with uow() as tx:
            session = await tx.sessions.add(start(_QUESTIONS, owner_id=owner, subject="s"))
            await tx.commit()
        assert _on_disk(database, owner.to_bytes(6, "big")), "the search must see a live row"
        async with uow() as tx:
            await tx.sessions.delete(session.id or 0, expected_version=session.version)
            await tx.commit()
        assert _on_disk(database, owner.to_bytes(6, "big")) == {}
    finally:
        await database.dispose()


async def test_checkpoints_asked_for_at_once_share_the_next_one(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[int] = []
    original = Database._checkpoint

    async def counted(self: Database) -> bool:
        ran.append(1)
        await asyncio.sleep(0.05)
        return await original(self)

    monkeypatch.setattr(Database, "_checkpoint", counted)
    database = Database(sqlite_copy(sqlite_template, tmp_path / "kinerja.db"))
    try:
        await asyncio.gather(*(database.erase_traces() for _ in range(20)))
    finally:
        await database.dispose()
    assert 1 <= len(ran) <= 2  # the first, and one more for all who asked while it ran
