"""Applying Alembic migrations from code (``kinerja db upgrade`` and bot start-up)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from storage.database import SQLITE_BUSY_TIMEOUT_MS, Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None) -> Config:
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


async def current_revision(db: Database) -> str | None:
    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with db.read_engine.connect() as conn:
        return await conn.run_sync(read)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_sync(db: Database) -> None:
    asyncio.run(upgrade(db))
