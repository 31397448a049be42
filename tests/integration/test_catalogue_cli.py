"""``kinerja catalogue import|list`` in the test's process, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from domain.peer.catalogue import DEFAULT_CATALOGUE
from tests.conftest import open_database


async def _emptied(url: str) -> None:
    await (await open_database(url)).dispose()


@pytest.fixture
def kinerja(database_url: str, monkeypatch: pytest.MonkeyPatch) -> object:
    for name in ("KINERJA_BOT_TOKEN", "KINERJA_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    asyncio.run(_emptied(database_url))  # PostgreSQL: one database for this process's tests
    monkeypatch.setenv("KINERJA_DATABASE_URL", database_url)
    monkeypatch.setenv("KINERJA_SECRET_KEY", "cli-test-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d")
    return main


def test_the_default_is_listed_and_its_csv_imports_back_unchanged(kinerja, capsys, tmp_path):
    assert kinerja(["catalogue", "list"]) == 0
    assert "katalog bawaan" in capsys.readouterr().out
    assert kinerja(["catalogue", "list", "--format", "csv"]) == 0
    exported = capsys.readouterr().out
    assert exported.startswith("value_code,kind,title_id,title_en\n")
    assert exported.count("\n") == len(DEFAULT_CATALOGUE.items) + 1
    path = Path(tmp_path, "katalog.csv")
    path.write_text(exported.replace("Pelatihan Pelayanan Prima", "Diklat Pelayanan Prima"))
    assert kinerja(["catalogue", "import", str(path)]) == 0
    assert "21 rekomendasi untuk 7 nilai" in capsys.readouterr().out
    assert kinerja(["catalogue", "list"]) == 0
    listed = capsys.readouterr().out
    assert "Diklat Pelayanan Prima" in listed
    assert "katalog bawaan" not in listed


def test_a_bad_file_is_refused_with_every_error_and_nothing_imported(kinerja, capsys, tmp_path):
    path = Path(tmp_path, "katalog.csv")
    path.write_text("value_code,kind,title_id,title_en\njujur,pelatihan,A,B\nloyal,x,C,\n")
    assert kinerja(["catalogue", "import", str(path)]) == 1
    errors = capsys.readouterr().err
    assert "3 kesalahan" in errors
    assert kinerja(["catalogue", "list"]) == 0
    assert "katalog bawaan" in capsys.readouterr().out
