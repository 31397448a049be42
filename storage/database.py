"""Engines and sessions from a database URL. Nothing here is global: the composition root
creates one :class:`Database` and passes it on.

SQLite (the embedded default) runs in WAL mode with foreign keys on and
``synchronous=NORMAL``: a commit survives any crash of the bot process and may lose only the last
transactions on a power cut, while costing ~0.4 ms instead of ~1.6 ms with the default journal
(measured on the project's machines; see docs/deployment.md). Writers take SQLite's write lock at
``BEGIN IMMEDIATE`` and are queued by an in-process asyncio lock, so they never spin in SQLite's
busy handler; readers use a separate engine with a plain deferred ``BEGIN`` and never wait for a
writer. PostgreSQL needs none of that: one pooled engine, row locks where a use case asks for them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any, Final

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as SaAsyncSession
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.sqlite_inline import inline_dbapi

log = logging.getLogger(__name__)
_ASYNC_DRIVERS: Final = {
    "sqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
}
SQLITE_BUSY_TIMEOUT_MS: Final = 15_000
# How a unit of work says it deleted personal data (a citizen's survey session), so that nothing
# of it may stay on disk once it commits (see :meth:`Database.erase_traces`).
ERASE_TRACES: Final = "kinerja_erase_traces"
CHECKPOINT_BUSY_MS: Final = 100  # a checkpoint waits this long for readers, then tries later
CHECKPOINT_ATTEMPTS: Final = 50  # ... at most this often (about 5 s of readers in all)
# The task that holds a write session (a task created meanwhile inherits the value, but is not
# that task, so only true nesting in one task is refused).
_writing: ContextVar[asyncio.Task[Any] | None] = ContextVar("kinerja_writing", default=None)


class UnsupportedDatabase(ValueError):
    """The URL names a database kinerja-bot does not support (only SQLite and PostgreSQL)."""


def normalise_url(url: str) -> URL:
    """Accept plain URLs (``sqlite:///kinerja.db``, ``postgresql://user@host/db``) and pick the
    async driver the bot uses; a URL that already names a supported driver is kept."""
    parsed = make_url(url)
    backend, _, driver = parsed.drivername.partition("+")
    if backend not in _ASYNC_DRIVERS:
        raise UnsupportedDatabase(f"unsupported database {backend!r}: use sqlite or postgresql")
    target = _ASYNC_DRIVERS[backend]
    if driver and f"{backend}+{driver}" != target and backend != "postgres":
        raise UnsupportedDatabase(
            f"driver {driver!r} is not supported; write {backend}:// and the bot picks its own"
        )
    return parsed.set(drivername=target)


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _begin_*); sqlite3's legacy mode would not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
        # Overwrite deleted rows with zeros: a citizen's finished survey session (which names
        # their Telegram account) and old daily-limit marks must not linger in free pages.
        "PRAGMA secure_delete=ON",
    ):
        cursor.execute(pragma)
    cursor.close()


def _begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def erase_traces_on_commit(session: SaAsyncSession) -> None:
    """Mark the transaction of ``session`` as deleting personal data: once it has committed,
    the unit of work calls :meth:`Database.erase_traces`."""
    session.info[ERASE_TRACES] = True


class Database:
    """The bot's connection to SQLite or PostgreSQL: engines, sessions, the SQLite writer lock."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 5) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        # called after a unit of work that queued outbox messages committed (the dispatcher)
        self.outbox_listeners: list[Callable[[], None]] = []
        self._writer_lock = asyncio.Lock() if self.is_sqlite else None
        self._checkpoints = _Checkpoints(self._checkpoint)
        if self.is_sqlite:
            # The writer runs SQLite on the event loop's thread (storage.sqlite_inline);
            # readers in aiosqlite's threads, where a long report cannot stop the loop.
            self.write_engine = self._sqlite_engine(echo, _begin_immediate, module=inline_dbapi())
            self.read_engine = self._sqlite_engine(echo, _begin_deferred)
        else:
            self.write_engine = create_async_engine(
                self.url,
                echo=echo,
                hide_parameters=True,  # no error message carries a citizen's id or answers
                pool_size=pool_size,
                max_overflow=pool_size,  # 10 a process: several fit PostgreSQL's default 100
                pool_pre_ping=True,
            )
            self.read_engine = self.write_engine
        self._write_sessions = async_sessionmaker(
            self.write_engine, class_=AsyncSession, expire_on_commit=False
        )
        self._read_sessions = async_sessionmaker(
            self.read_engine, class_=AsyncSession, expire_on_commit=False
        )

    def _sqlite_engine(self, echo: bool, begin: Any, **options: Any) -> AsyncEngine:
        engine = create_async_engine(self.url, echo=echo, hide_parameters=True, **options)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", begin)
        return engine

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @asynccontextmanager
    async def session(self, *, readonly: bool = False) -> AsyncIterator[AsyncSession]:
        """A session whose transaction the caller commits; it is rolled back otherwise.

        A read-only session really is one (PostgreSQL refuses writes in it). A write session
        opened inside another in the same task would wait forever for SQLite's writer lock;
        it is refused at once instead, on both databases, so the bug shows in every test.
        """
        if readonly:
            async with self._read_sessions() as session:
                if not self.is_sqlite:
                    await session.exec(text("SET TRANSACTION READ ONLY"))  # type: ignore[call-overload]
                yield session
            return
        task = asyncio.current_task()
        if task is not None and _writing.get() is task:
            raise RuntimeError("a write unit of work inside another would deadlock")
        token = _writing.set(task)
        try:
            if self._writer_lock is None:
                async with self._write_sessions() as session:
                    yield session
            else:
                async with self._writer_lock, self._write_sessions() as session:
                    yield session
        finally:
            _writing.reset(token)

    def outbox_queued(self) -> None:
        for listener in self.outbox_listeners:
            listener()

    async def erase_traces(self) -> None:
        """Make deleted rows unreadable on disk. SQLite's write-ahead log keeps the page images
        a deleted row was on (``secure_delete`` zeroes the database file's copy, not the log's)
        until a checkpoint: this one copies the log into the file and truncates it to 0 bytes.

        A checkpoint costs ~5-30 ms (fsync) and blocks writers meanwhile, so calls that arrive
        while one runs share the next one. PostgreSQL keeps dead row versions until vacuum,
        which this does not hasten (docs/skm.md, *Privacy*)."""
        if self.is_sqlite:
            await self._checkpoints.after_now()

    async def _checkpoint(self) -> bool:
        """One ``wal_checkpoint(TRUNCATE)`` under the writer lock; whether it completed."""
        assert self._writer_lock is not None
        async with self._writer_lock, self.write_engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None
            await raw.execute(f"PRAGMA busy_timeout={CHECKPOINT_BUSY_MS}")
            try:
                cursor = await raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, *_ = await cursor.fetchone()
            finally:
                await raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            return not busy

    async def dispose(self) -> None:
        await self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            await self.read_engine.dispose()


class _Checkpoints:
    """Checkpoints on demand, shared: :meth:`after_now` returns once a checkpoint that began
    after the call has completed. Callers that arrive while one runs wait for the next, which
    serves them all, so a rush of finished surveys costs a few checkpoints, not one each."""

    def __init__(self, checkpoint: Callable[[], Awaitable[bool]]) -> None:
        self._checkpoint = checkpoint
        self._lock = asyncio.Lock()
        self._begun = 0
        self._completed = 0

    async def after_now(self) -> None:
        needed = self._begun + 1  # the next one to begin covers everything committed before now
        async with self._lock:
            if self._completed >= needed:
                return
            self._begun += 1
            number = self._begun
            for _ in range(CHECKPOINT_ATTEMPTS):
                if await self._checkpoint():
                    self._completed = number
                    return
                await asyncio.sleep(CHECKPOINT_BUSY_MS / 1000)  # a long read holds an old snapshot
            log.warning("the write-ahead log could not be truncated: a long read kept it busy")
