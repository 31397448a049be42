"""Fixtures for end-to-end tests: a fresh fake Telegram server, a database holding the demo
organisation (on SQLite, and on PostgreSQL when configured), and the real bot process.

Every e2e test ends by checking that the bot broke no rule of the Bot API (the fake records
violations) and logged no error it did not handle.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.actors import Actor
from domain.org.admin import OrgAdministration
from storage.database import Database
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.e2e.rig import BotProcess, Person
from tests.support.clock import FixedClock
from tests.support.databases import truncate_postgres
from tests.support.fake_telegram import FakeTelegram, FakeUser

OPERATOR = Actor.operator()  # the command line: every administrative right

DEMO = Path(__file__).resolve().parents[2] / "bot" / "demo"
_user_ids = itertools.count(70001)

pytestmark = pytest.mark.e2e


async def load_demo(url: str, *, truncate: bool) -> None:
    database = Database(url)
    try:
        if truncate:
            await truncate_postgres(database)
        admin = OrgAdministration(SqlUnitOfWorkFactory(database, FixedClock()), FixedClock())
        await admin.import_units(OPERATOR, (DEMO / "units.csv").read_bytes())
        await admin.import_employees(OPERATOR, (DEMO / "employees.csv").read_bytes())
        await admin.import_services(OPERATOR, (DEMO / "services.csv").read_bytes())
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def demo_sqlite_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    template = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(sqlite_template, template)
    asyncio.run(load_demo(f"sqlite:///{template}", truncate=False))
    return template


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database holding the demo organisation (Pemkot Sukamaju)."""
    if request.param == "sqlite":
        target = tmp_path / "kinerja.db"
        shutil.copyfile(request.getfixturevalue("demo_sqlite_template"), target)
        return f"sqlite:///{target}"
    url = str(request.getfixturevalue("postgres_url"))
    asyncio.run(load_demo(url, truncate=True))
    return url


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server
        server.assert_no_violations()


@pytest.fixture
def bot(tg: FakeTelegram, demo_database_url: str, tmp_path: Path) -> Iterator[BotProcess]:
    """The real bot process, started; stopped (and its log checked) after the test."""
    process = BotProcess(tg, demo_database_url, tmp_path)
    process.start()
    yield process
    process.stop()
    process.assert_clean_log()


@pytest.fixture
def people(tg: FakeTelegram) -> PeopleFactory:
    return PeopleFactory(tg)


class PeopleFactory:
    def __init__(self, tg: FakeTelegram) -> None:
        self._tg = tg

    def __call__(self, first_name: str, language_code: str = "id") -> Person:
        user = FakeUser(id=next(_user_ids), first_name=first_name, language_code=language_code)
        return Person(self._tg, user)
