"""``kinerja peers assign|list|import|seal|freeze`` in the test's process, on SQLite and
PostgreSQL, with the demo organisation."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import open_database
from tests.support.peer_world import ANDI, DIMAS, PUTRI, SITI, WULAN

PERIOD = [
    "period", "create", "--name", "Desember 2026", "--kind", "monthly",
    "--start", "2026-12-01", "--end", "2026-12-31", "--self-due", "2026-12-31",
    "--peer-due", "2027-01-10", "--review-due", "2027-01-20",
]  # fmt: skip
PAST = [
    "period", "create", "--name", "Januari 2026", "--kind", "monthly",
    "--start", "2026-01-01", "--end", "2026-01-31", "--self-due", "2026-01-31",
    "--peer-due", "2026-01-31", "--review-due", "2026-02-10",
]  # fmt: skip


async def _emptied(url: str) -> None:
    await (await open_database(url)).dispose()


@pytest.fixture
def kinerja(database_url: str, monkeypatch: pytest.MonkeyPatch, capsys) -> object:
    for name in ("KINERJA_BOT_TOKEN", "KINERJA_LANGUAGE", "KINERJA_PEER_MIN_RATERS"):
        monkeypatch.delenv(name, raising=False)
    asyncio.run(_emptied(database_url))  # PostgreSQL: one database for this process's tests
    monkeypatch.setenv("KINERJA_DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "300")  # tables unwrapped: an NIP stays on one line
    monkeypatch.setenv("KINERJA_SECRET_KEY", "cli-test-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d")
    assert main(["demo"]) == 0
    capsys.readouterr()
    return main


def _period(kinerja, capsys, args: list[str]) -> str:
    assert kinerja(args) == 0
    found = re.search(r"#(\d+)", capsys.readouterr().out)
    assert found is not None
    return found.group(1)


def test_assign_lists_who_cannot_reach_the_threshold_and_list_shows_progress(kinerja, capsys):
    period = _period(kinerja, capsys, PERIOD)
    assert kinerja(["period", "open", period]) == 0
    capsys.readouterr()
    assert kinerja(["peers", "assign", "--period", period, "--upward", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "tidak mencapai ambang anonimitas" in out
    assert PUTRI in out  # two same-level colleagues in her unit: listed with the reason
    assert "rekan setingkat di unitnya" in out
    assert kinerja(["peers", "list", "--period", period, "--format", "csv"]) == 0
    csv = capsys.readouterr().out.splitlines()
    assert csv[0] == "ratee_nip,ratee_name,unit,relation,rater_nip,rater_name,source,submitted"
    andi = [line for line in csv if line.startswith(ANDI)]
    assert len(andi) == 3
    assert all(",upward," in line and line.endswith(",no") for line in andi)
    again = capsys.readouterr()
    assert kinerja(["peers", "assign", "--period", period, "--seed", "3"]) == 0  # no pair twice
    assert "0 penugasan baru" in capsys.readouterr().out
    assert again is not None
    assert kinerja(["peers", "list", "--period", period, "--unit", "PKM-SUKAMAJU"]) == 0
    assert "0 dari 3 penugasan sudah dijawab" in capsys.readouterr().out


def test_an_import_is_all_or_nothing(kinerja, capsys, tmp_path):
    period = _period(kinerja, capsys, PERIOD)
    assert kinerja(["period", "open", period]) == 0
    path = Path(tmp_path, "penilai.csv")
    path.write_text(
        "rater_nip,ratee_nip,relation\n"
        f"{DIMAS},{PUTRI},peer\n{WULAN},{PUTRI},rekan\n{SITI},{PUTRI},peer\n"
        f"{ANDI},{PUTRI},peer\n"  # her pejabat penilai (a pengawas) is not at her level
    )
    assert kinerja(["peers", "import", str(path), "--period", period]) == 1
    errors = capsys.readouterr().err
    assert "1 kesalahan" in errors
    assert "tidak setingkat" in errors
    assert kinerja(["peers", "list", "--period", period]) == 0
    assert "Belum ada penugasan" in capsys.readouterr().out
    path.write_text("\n".join(path.read_text().splitlines()[:4]) + "\n")
    assert kinerja(["peers", "import", str(path)]) == 1  # the demo's period is open too
    assert "Ada 2 periode yang dibuka" in capsys.readouterr().err
    assert kinerja(["peers", "import", str(path), "--period", period]) == 0
    assert "3 penugasan diimpor" in capsys.readouterr().out  # nobody has Telegram: told later


def test_the_seal_waits_for_the_deadline(kinerja, capsys):
    period = _period(kinerja, capsys, PERIOD)
    assert kinerja(["peers", "seal", "--period", period]) == 1
    assert "masih dapat diisi" in capsys.readouterr().err
    past = _period(kinerja, capsys, PAST)
    assert kinerja(["peers", "assign", "--period", past, "--upward"]) == 0  # a draft: allowed
    assert kinerja(["peers", "seal", "--period", past]) == 0
    assert "Disegel: 0 tautan" in capsys.readouterr().out
    assert kinerja(["peers", "freeze"]) == 0
    assert "ringkasan dibekukan" in capsys.readouterr().out
