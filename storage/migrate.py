"""Applying Alembic migrations from code (``kinerja db upgrade`` and bot start-up)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from storage.database import SQLITE_BUSY_TIMEOUT_MS, Database

if TYPE_CHECKING:  # Alembic is imported when a migration runs (start-up: docs/performance.md)
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^(down_)?revision\b[^=\n]*=\s*['\"]?([\w]+)?['\"]?", re.MULTILINE)


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    return config


MIGRATION_LOCK = 4_510_371  # any constant: one advisory lock id for kinerja-bot's migrations


async def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction (PostgreSQL DDL is transactional).

    On PostgreSQL several bot processes may start at once: an advisory lock lets one migrate
    while the others wait and then find nothing to do. On SQLite the migration runs on its own
    connection with foreign keys off: Alembic rebuilds a table to alter it, and with foreign
    keys on, dropping the old table would cascade-delete the rows that point at it.
    """
    from alembic import command

    config = alembic_config()

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    if db.is_sqlite:
        await _upgrade_sqlite(db, run)
        return
    async with db.write_engine.begin() as conn:
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        await conn.run_sync(run)


async def _upgrade_sqlite(db: Database, run: Callable[[Connection], None]) -> None:
    engine = create_async_engine(db.url, hide_parameters=True)

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    event.listen(engine.sync_engine, "connect", pragmas)
    event.listen(engine.sync_engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        async with engine.begin() as conn:
            await conn.run_sync(run)
            broken = (await conn.exec_driver_sql("PRAGMA foreign_key_check")).fetchall()
            if broken:  # never commit a migration that left dangling references
                raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
    finally:
        await engine.dispose()


async def upgrade_if_behind(db: Database) -> None:
    """:func:`upgrade`, unless the database is at the newest revision already. The check reads
    ``alembic_version`` and the revision files without importing Alembic, which alone took a
    third of the bot's start-up."""
    head = _newest_revision()
    if head is None or await _stored_revision(db) != head:
        await upgrade(db)


def _newest_revision() -> str | None:
    """The one revision no other revision follows; ``None`` when that is not plain."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, name in _REVISION.findall(path.read_text(encoding="utf-8")):
            (followed if down else revisions).add(name)
    heads = revisions - followed
    return heads.pop() if len(heads) == 1 else None


async def _stored_revision(db: Database) -> str | None:
    try:
        async with db.read_engine.connect() as conn:
            found = await conn.execute(text("SELECT version_num FROM alembic_version"))
            rows = found.scalars().all()
    except DBAPIError:  # no schema yet
        return None
    return str(rows[0]) if len(rows) == 1 else None


async def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with db.read_engine.connect() as conn:
        return await conn.run_sync(read)


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_sync(db: Database) -> None:
    asyncio.run(upgrade(db))
