"""``kinerja period close`` freezes the results, so the development recommendations go out:
once per employee with weak values and once to their pejabat penilai, never twice."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from bot.cli import main
from domain.appraisal.model import Appraisal
from domain.appraisal.predikat import Rating
from storage.database import Database
from storage.tables import OutboxRow
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.conftest import open_database
from tests.support.clock import FixedClock

NUR = "199608182022042001"  # Seksi IDP; her pejabat penilai is Hendra
HENDRA = "198509302010041001"


async def _emptied(url: str) -> None:
    await (await open_database(url)).dispose()


async def _setup(url: str) -> int:
    """Nur's Rating Perilaku Di Bawah Ekspektasi in the demo's open period, both bound."""
    database = Database(url)
    try:
        factory = SqlUnitOfWorkFactory(database, FixedClock())
        async with factory() as uow:
            [period] = await uow.periods.all()
            assert period.id is not None
            await uow.appraisals.save(
                Appraisal(period.id, NUR, perilaku=Rating.DI_BAWAH), now=FixedClock().now()
            )
            for telegram_id, nip in ((71, NUR), (72, HENDRA)):
                member = await uow.org.member_by_nip(nip)
                assert member is not None
                await uow.org.bind_telegram(member.id, telegram_id)
            await uow.commit()
        return period.id
    finally:
        await database.dispose()


async def _outbox(url: str) -> list[tuple[int, str]]:
    database = Database(url)
    try:
        async with database.session(readonly=True) as session:
            rows = await session.exec(select(OutboxRow))
            return sorted((row.chat_id, row.payload["key"]) for row in rows)
    finally:
        await database.dispose()


@pytest.fixture
def kinerja(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("KINERJA_BOT_TOKEN", "KINERJA_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    asyncio.run(_emptied(database_url))  # PostgreSQL: one database for this process's tests
    monkeypatch.setenv("KINERJA_DATABASE_URL", database_url)
    monkeypatch.setenv("KINERJA_SECRET_KEY", "cli-test-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d")
    return database_url


def test_closing_a_period_sends_the_recommendations_once(kinerja, capsys):
    assert main(["demo"]) == 0
    period_id = asyncio.run(_setup(kinerja))
    capsys.readouterr()
    assert main(["period", "close", str(period_id)]) == 0
    out = capsys.readouterr().out
    assert "ditutup" in out
    assert "Rekomendasi pengembangan dikirim untuk 1 pegawai" in out
    sent = [key for _, key in asyncio.run(_outbox(kinerja)) if key.startswith("development.")]
    assert sorted(sent) == [
        "development.notify.recommendations",
        "development.notify.recommendations_pp",
    ]
