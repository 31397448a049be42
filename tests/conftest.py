"""Fixtures shared by every layer of tests.

``database`` runs a test once on SQLite and once on PostgreSQL (the latter only when
``KINERJA_TEST_DATABASE_URL`` is set; it is marked ``postgres``). With
``KINERJA_REQUIRE_POSTGRES=1`` (as ``.ci/run`` sets) a skipped PostgreSQL test fails the run.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.database import Database
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.databases import (
    drop_postgres_database,
    make_postgres_database,
    make_sqlite_template,
    postgres_admin_url,
    sqlite_copy,
    truncate_postgres,
)

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL tests need KINERJA_TEST_DATABASE_URL")
    url = make_postgres_database(admin)
    yield url
    drop_postgres_database(admin, url)


def empty_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a migrated database of ``backend`` for this test (``sqlite``: a fresh copy of
    the template; ``postgresql``: this process's database, emptied by :func:`open_database`)."""
    if backend == "sqlite":
        return sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path / "kinerja.db")
    return str(request.getfixturevalue("postgres_url"))


async def open_database(url: str) -> Database:
    db = Database(url)
    if not db.is_sqlite:
        await truncate_postgres(db)
    return db


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database of each backend."""
    return empty_database_url(request.param, request, tmp_path)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = await open_database(database_url)
    yield db
    await db.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def uow(database: Database, clock: FixedClock) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(database, clock)


SECRET = "tk-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("KINERJA_REQUIRE_POSTGRES") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [r for r in reporter.stats.get("skipped", []) if "postgres" in r.keywords]
    ran = [
        r
        for key in ("passed", "failed")
        for r in reporter.stats.get(key, [])
        if "postgres" in r.keywords and r.when == "call"
    ]
    if skipped or not ran:
        reporter.write_line(
            f"PostgreSQL tests were skipped ({len(skipped)}) or none ran ({len(ran)}): failing "
            "because KINERJA_REQUIRE_POSTGRES=1",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
