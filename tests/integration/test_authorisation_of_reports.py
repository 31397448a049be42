"""The rows of the authorisation table whose use cases read report figures (distribution of
predikat, IKM reports and their scopes, RTL, population), on SQLite and PostgreSQL: the fakes
have no report queries. Same table, same probes, same world as
``tests/unit/authorisation/test_authorisation.py``.

The world is built once per test process and database. On SQLite every cell gets its own copy
of the file, as every cell on the fakes gets its own copy of the state. On PostgreSQL the cells
share the one world (copying a database per cell would cost more than the table): what a cell
writes (a form begun, a population recorded) decides nothing for another cell.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.database import Database
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.conftest import BACKENDS
from tests.support.clock import FixedClock
from tests.support.databases import (
    drop_postgres_database,
    make_postgres_database,
    make_sqlite_template,
    postgres_admin_url,
)
from tests.unit.authorisation.test_authorisation import CELLS, REPORT_ROWS, try_cell
from tests.unit.authorisation.world import World, populate


@dataclass(frozen=True)
class BuiltWorld:
    url: str
    november: int
    december: int
    copy_per_cell: bool


def _populate(url: str) -> tuple[int, int]:
    async def build() -> tuple[int, int]:
        database = Database(url)
        try:
            return await populate(SqlUnitOfWorkFactory(database, FixedClock()), FixedClock())
        finally:
            await database.dispose()

    return asyncio.run(build())


@pytest.fixture(scope="session")
def sqlite_world(tmp_path_factory: pytest.TempPathFactory) -> BuiltWorld:
    template = make_sqlite_template(tmp_path_factory.mktemp("authorisation"))
    return BuiltWorld(f"sqlite:///{template}", *_populate(f"sqlite:///{template}"), True)


@pytest.fixture(scope="session")
def postgresql_world() -> Iterator[BuiltWorld]:
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL tests need KINERJA_TEST_DATABASE_URL")
    url = make_postgres_database(admin, tag="authorisation")
    yield BuiltWorld(url, *_populate(url), False)
    drop_postgres_database(admin, url)


@pytest.fixture(params=BACKENDS)
def built(request: pytest.FixtureRequest) -> BuiltWorld:
    return request.getfixturevalue(f"{request.param}_world")  # type: ignore[no-any-return]


@pytest.fixture
async def world_of_cell(built: BuiltWorld, tmp_path: Path) -> AsyncIterator[World]:
    url = built.url
    if built.copy_per_cell:
        copy = tmp_path / "cell.db"
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        url = f"sqlite:///{copy}"
    database = Database(url)
    clock = FixedClock()  # 2026-11-27 10:00 WIB, as the world on the fakes
    yield World(SqlUnitOfWorkFactory(database, clock), clock, built.november, built.december)  # type: ignore[arg-type]
    await database.dispose()


@pytest.mark.parametrize(
    ("use_case", "role"), sorted(cell for cell in CELLS if cell[0] in REPORT_ROWS)
)
async def test_who_may_read_what_the_reports_compute(
    world_of_cell: World, use_case: str, role: str
) -> None:
    await try_cell(world_of_cell, use_case, role)
