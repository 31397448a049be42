"""Test databases: SQLite from a migrated template file, PostgreSQL per pytest worker.

Both run the real Alembic migrations once per session; each test then starts from empty
tables (a fresh copy of the SQLite template; TRUNCATE on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (all tables on the metadata)
from storage.database import Database
from storage.migrate import upgrade

POSTGRES_ENV = "KINERJA_TEST_DATABASE_URL"


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def make_sqlite_template(directory: Path) -> Path:
    template = directory / "template.db"
    database = Database(f"sqlite:///{template}")

    async def migrate() -> None:
        await upgrade(database)
        await database.dispose()

    asyncio.run(migrate())
    return template


def sqlite_copy(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def make_empty_postgres_database(admin_url: str, tag: str = "empty") -> str:
    """A new, empty database of this test process (no migrations), for migration tests."""
    url = make_url(admin_url)
    name = f"{url.database}_kinerja_{tag}_{worker_id()}_{os.getpid()}"

    async def create() -> None:
        conn = await asyncpg.connect(_asyncpg_dsn(url.set(drivername="postgresql")))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(create())
    return url.set(database=name).render_as_string(hide_password=False)


def make_postgres_database(admin_url: str, tag: str = "db") -> str:
    """Create this test process's own database and migrate it; returns its URL.

    The name carries the process id, so concurrent test runs on one server never share one.
    """
    url = make_empty_postgres_database(admin_url, tag=tag)

    async def migrate() -> None:
        database = Database(url)
        await upgrade(database)
        await database.dispose()

    asyncio.run(migrate())
    return url


def drop_postgres_database(admin_url: str, database_url: str) -> None:
    name = make_url(database_url).database

    async def drop() -> None:
        conn = await asyncpg.connect(_asyncpg_dsn(make_url(admin_url).set(drivername="postgresql")))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(drop())


def _asyncpg_dsn(url: object) -> str:
    return str(url).replace("postgresql+asyncpg://", "postgresql://")


async def truncate_postgres(database: Database) -> None:
    names = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    async with database.write_engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
