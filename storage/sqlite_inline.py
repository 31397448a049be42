"""SQLite for the writer, run on the event loop's own thread (an ``aiosqlite`` look-alike).

aiosqlite runs every call (cursor, execute, fetch, close, commit) in a thread of its own and
hands the result back through a future: measured, that hand-off was a third of the event loop's
time on the update path (docs/performance.md), far more than SQLite's own work, which for the
small statements of one update takes microseconds. The writer's transactions are queued by the
in-process writer lock (:class:`storage.database.Database`), so once a transaction holds SQLite's
write lock nothing it runs can wait for another connection: in WAL mode readers never block a
writer, a commit (``synchronous=NORMAL``) does not sync the disk, and an automatic checkpoint is
*passive*. Those statements run inline.

The two that can wait run in a worker thread, so the event loop never sleeps in SQLite's busy
handler: ``BEGIN IMMEDIATE`` (another process — a ``kinerja`` command, a second bot — may hold the
write lock) and ``PRAGMA wal_checkpoint`` (it waits for readers, and syncs the file).

Reads keep aiosqlite (:attr:`Database.read_engine`): a report's aggregate may take a second,
which must not stop every conversation meanwhile.

SQLAlchemy's ``sqlite+aiosqlite`` dialect drives this module as it drives aiosqlite
(``create_async_engine(..., module=inline_dbapi())``): the same adapter, greenlet bridge and
statement cache, only no thread per call.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Generator, Iterable
from types import SimpleNamespace
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_dbapi

__version__ = "0.22.1"  # the aiosqlite API this module stands in for
paramstyle = "qmark"
sqlite_version = sqlite3.sqlite_version
sqlite_version_info = sqlite3.sqlite_version_info
DatabaseError = sqlite3.DatabaseError
Error = sqlite3.Error
IntegrityError = sqlite3.IntegrityError
NotSupportedError = sqlite3.NotSupportedError
OperationalError = sqlite3.OperationalError
ProgrammingError = sqlite3.ProgrammingError
Warning = sqlite3.Warning
_WAITING = ("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "PRAGMA WAL_CHECKPOINT")


def _may_wait(sql: str) -> bool:
    return sql.lstrip()[:21].upper().startswith(_WAITING)


class Cursor:
    """An aiosqlite cursor whose calls run at once."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Any = ()) -> Cursor:
        if _may_wait(sql):
            await asyncio.to_thread(self._cursor.execute, sql, parameters)
        else:
            self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> Cursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _Now:
    """Where SQLAlchemy's adapter hands aiosqlite's thread a function (``_tx.put_nowait``):
    the function runs at once."""

    @staticmethod
    def put_nowait(item: tuple[asyncio.Future[Any], Any]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # noqa: BLE001 - handed to the waiting caller
            future.set_exception(error)


class Connection:
    """An aiosqlite connection whose calls run at once (see the module)."""

    _tx = _Now()
    _thread = SimpleNamespace(daemon=True)  # SQLAlchemy marks aiosqlite's thread a daemon

    def __init__(self, database: str, **kwargs: Any) -> None:
        self._database, self._kwargs = database, kwargs
        self._conn: sqlite3.Connection | None = None

    def __await__(self) -> Generator[Any, None, Connection]:
        return self._open().__await__()

    async def _open(self) -> Connection:
        kwargs = {**self._kwargs, "check_same_thread": False}  # BEGIN IMMEDIATE in a thread
        self._conn = sqlite3.connect(self._database, **kwargs)
        return self

    @property
    def _connection(self) -> sqlite3.Connection | None:
        return self._conn

    @property
    def isolation_level(self) -> str | None:
        assert self._conn is not None
        return self._conn.isolation_level

    def cursor(self) -> Cursor:
        assert self._conn is not None
        return Cursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Any = ()) -> Cursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        assert self._conn is not None
        self._conn.commit()

    async def rollback(self) -> None:
        assert self._conn is not None
        self._conn.rollback()

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        assert self._conn is not None
        self._conn.create_function(*args, **kwargs)

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def connect(database: str, **kwargs: Any) -> Connection:
    kwargs.pop("loop", None)
    kwargs.pop("iter_chunk_size", None)
    return Connection(str(database), **kwargs)


def inline_dbapi() -> AsyncAdapt_aiosqlite_dbapi:
    """This module as the DBAPI of SQLAlchemy's aiosqlite dialect."""
    import sys

    return AsyncAdapt_aiosqlite_dbapi(sys.modules[__name__], sqlite3)
