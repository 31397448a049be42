"""``kinerja report ikm --format png`` on the demo organisation with paper surveys for two of its
services: one overview chart in the file asked for; per-service charts only with --service or
--per-service DIR, and never for a service without respondents."""

from __future__ import annotations

import asyncio

import pytest

from bot.cli import main
from tests.conftest import open_database

PAPER = "service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + "".join(
    f"{code},2026-08-0{day},{row}\n"
    for code, row in (("KTP-EL", "4,4,3,4,4,3,4,4,4"), ("KK", "3,3,2,3,3,3,2,3,3"))
    for day in range(1, 6)
)
PERIOD = ["--from", "2026-07-01", "--to", "2026-09-30"]


async def _emptied(url: str) -> None:
    await (await open_database(url)).dispose()


@pytest.fixture
def kinerja(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> object:
    for name in ("KINERJA_BOT_TOKEN", "KINERJA_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    asyncio.run(_emptied(database_url))
    monkeypatch.setenv("KINERJA_DATABASE_URL", database_url)
    monkeypatch.setenv("KINERJA_SECRET_KEY", "cli-test-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d")
    assert main(["demo"]) == 0
    (tmp_path / "paper.csv").write_text(PAPER, encoding="utf-8")
    assert main(["import", "skm", str(tmp_path / "paper.csv")]) == 0
    return main


def test_several_services_make_one_overview_chart_in_the_file_asked_for(kinerja, tmp_path):
    out = tmp_path / "charts"
    out.mkdir()
    assert (
        kinerja(["report", "ikm", *PERIOD, "--format", "png", "--out", str(out / "ikm.png")]) == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["ikm.png"]


def test_per_service_charts_only_for_services_with_respondents(kinerja, tmp_path):
    folder = tmp_path / "per"
    assert kinerja(["report", "ikm", *PERIOD, "--format", "png", "--per-service", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["KK.png", "KTP-EL.png"]


def test_one_service_asked_for_gets_its_nrr_chart(kinerja, tmp_path):
    path = tmp_path / "ktp.png"
    args = ["report", "ikm", *PERIOD, "--service", "KTP-EL", "--format", "png", "--out", str(path)]
    assert kinerja(args) == 0
    assert path.read_bytes().startswith(b"\x89PNG")


def test_a_service_without_respondents_gets_no_chart(kinerja, tmp_path, capsys):
    path = tmp_path / "pbg.png"
    args = ["report", "ikm", *PERIOD, "--service", "PBG", "--format", "png", "--out", str(path)]
    assert kinerja(args) == 1
    assert not path.exists()
    assert "tidak ada grafik" in capsys.readouterr().err


def test_an_import_with_many_rows_wrong_the_same_way_prints_one_line_per_distinct_error(
    kinerja, tmp_path, capsys
):
    header = "service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
    future = [f"KTP-EL,2099-01-{1 + n % 28:02d},4,4,4,4,4,4,4,4,4\n" for n in range(166)]
    bad_score = "KK,2026-08-01,4,4,9,4,4,4,4,4,4\n"
    path = tmp_path / "survei.csv"
    path.write_text(header + "".join(future) + bad_score, encoding="utf-8")
    errors = tmp_path / "kesalahan.csv"
    capsys.readouterr()

    assert kinerja(["import", "skm", str(path), "--errors", str(errors)]) == 1

    lines = [line for line in capsys.readouterr().err.splitlines() if "\t" in line]
    assert lines[0] == "Baris\tKolom\tMasalah"
    assert len(lines) == 3  # the header, the 166 future dates, the wrong score
    assert lines[1].startswith("2–167\tdate\tTanggal survei")
    assert "28 nilai berbeda" in lines[1]
    assert lines[2].startswith("168\t")
    written = errors.read_text(encoding="utf-8-sig").splitlines()
    assert len(written) == 1 + 167  # every error, one row each
