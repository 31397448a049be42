"""Stalling one of the bot's SQL statements, from outside the bot, to kill it exactly there.

A test-only trigger makes the bot's next ``INSERT`` (or ``DELETE``) on a table stall inside the
statement, so the transaction around it is provably open and uncommitted, and everything the bot
committed before it is provably committed. No product code knows about it:

- PostgreSQL: ``pg_sleep`` in a ``BEFORE`` trigger; the stalled backend shows in
  ``pg_stat_activity`` (wait event ``PgSleep``).
- SQLite has no sleep: the trigger burns CPU in a cross join of a helper table (minutes, were it
  not killed). The bot then holds SQLite's write lock without pause; ``wait`` sees it stalled
  when a probe ``BEGIN IMMEDIATE`` has found the lock taken for ``SQLITE_STALLED`` seconds on
  end, which no ordinary transaction of the bot comes near.

``remove()`` (after the SIGKILL) ends a stalled PostgreSQL backend, whose sleep would otherwise
outlive the bot and keep its locks, and drops the trigger, so the restarted bot runs normally.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
from sqlalchemy.engine import make_url

NAME = "kinerja_test_stall"
SQLITE_STALLED = 0.6
T = TypeVar("T")


class StatementStall:
    def __init__(
        self,
        database_url: str,
        table: str,
        event: str = "INSERT",
        *,
        when: str | None = None,
        seconds: int = 300,
    ) -> None:
        """``when`` (PostgreSQL only) is the trigger's condition, e.g. ``NEW.id = 7``;
        ``seconds`` (PostgreSQL only) how long the statement sleeps if the bot is not killed."""
        assert event in {"INSERT", "UPDATE", "DELETE"}
        self.url = database_url
        self.table = table
        self.event = event
        self.is_sqlite = database_url.startswith("sqlite")
        assert not (self.is_sqlite and when), "a condition is for PostgreSQL only"
        self.when = when
        self.seconds = seconds

    def install(self) -> None:
        if self.is_sqlite:
            self._sqlite(
                f"CREATE TABLE IF NOT EXISTS {NAME}_ticks (n INTEGER)",
                f"INSERT INTO {NAME}_ticks WITH RECURSIVE s(n) AS "
                "(SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 1000) SELECT n FROM s",
                f"CREATE TRIGGER {NAME} BEFORE {self.event} ON {self.table} BEGIN "
                f"SELECT count(*) FROM {NAME}_ticks a, {NAME}_ticks b, {NAME}_ticks c "
                "WHERE a.n + b.n + c.n >= 0; END",
            )
            return
        row = "NEW" if self.event != "DELETE" else "OLD"
        when = f"WHEN ({self.when}) " if self.when else ""
        self._postgres(
            f"CREATE OR REPLACE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN PERFORM pg_sleep({self.seconds}); RETURN {row}; END $$",
            f"CREATE TRIGGER {NAME} BEFORE {self.event} ON {self.table} "
            f"FOR EACH ROW {when}EXECUTE FUNCTION {NAME}()",
        )

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the bot is stalled inside the statement."""
        deadline = time.monotonic() + timeout
        locked_since: float | None = None
        while True:
            now = time.monotonic()
            if self.is_sqlite:
                locked_since = (locked_since or now) if _write_locked(self.url) else None
                if locked_since is not None and now - locked_since >= SQLITE_STALLED:
                    return
            elif self._sleeping():
                return
            if now > deadline:
                raise AssertionError(f"the bot never reached {self.event} on {self.table}")
            time.sleep(0.05)

    def remove(self) -> None:
        if self.is_sqlite:
            self._sqlite(f"DROP TRIGGER IF EXISTS {NAME}", f"DROP TABLE IF EXISTS {NAME}_ticks")
            return
        self._postgres(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event = 'PgSleep'",
            f"DROP TRIGGER IF EXISTS {NAME} ON {self.table}",
            f"DROP FUNCTION IF EXISTS {NAME}()",
        )

    def _sleeping(self) -> bool:
        async def count(conn: asyncpg.Connection) -> int:
            return int(
                await conn.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event = 'PgSleep'"
                )
            )

        return _on_postgres(self.url, count) > 0

    def _sqlite(self, *statements: str) -> None:
        connection = sqlite3.connect(_sqlite_path(self.url), timeout=30, isolation_level=None)
        try:
            for statement in statements:
                connection.execute(statement)
        finally:
            connection.close()

    def _postgres(self, *statements: str) -> None:
        execute_postgres(self.url, *statements)


def _write_locked(url: str) -> bool:
    connection = sqlite3.connect(_sqlite_path(url), timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
    return False


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def postgres_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def execute_postgres(url: str, *statements: str) -> None:
    """Run ``statements`` on their own connection (autocommit), e.g. from a test's thread."""

    async def run(connection: asyncpg.Connection) -> None:
        for statement in statements:
            await connection.execute(statement)

    _on_postgres(url, run)


def _on_postgres(url: str, work: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    async def run() -> T:
        connection = await asyncpg.connect(postgres_dsn(url))
        try:
            return await work(connection)
        finally:
            await connection.close()

    return asyncio.run(run())
