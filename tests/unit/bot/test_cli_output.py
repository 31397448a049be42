"""Output to a pipe or a file is plain, unwrapped text; ``--format csv|json`` where a command
lists things; only a terminal gets the boxed table."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from bot.cli.output import Output

HEADERS = ["ID", "Nama", "Jenis"]
ROWS = [
    [1, "Triwulan IV 2026 — periode penilaian kinerja yang panjang sekali namanya", "Triwulanan"]
]


def test_a_list_to_a_pipe_is_plain_tab_separated_lines_with_nothing_cut(capsys):
    out = Output("id", "Asia/Jakarta", Console(file=io.StringIO(), width=40))
    out.table(HEADERS, ROWS)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "ID\tNama\tJenis",
        "1\tTriwulan IV 2026 — periode penilaian kinerja yang panjang sekali namanya\tTriwulanan",
    ]


def test_a_list_as_csv_and_as_json(capsys):
    out = Output("id", "Asia/Jakarta", Console(file=io.StringIO()))
    out.listing = "csv"
    out.table(HEADERS, ROWS)
    assert list(csv.reader(io.StringIO(capsys.readouterr().out)))[1][2] == "Triwulanan"
    out.listing = "json"
    out.table(HEADERS, ROWS)
    assert json.loads(capsys.readouterr().out) == [
        {"ID": "1", "Nama": ROWS[0][1], "Jenis": "Triwulanan"}
    ]


def test_only_a_terminal_gets_the_boxed_table():
    screen = io.StringIO()
    out = Output("id", "Asia/Jakarta", Console(file=screen, force_terminal=True, width=200))
    out.table(HEADERS, ROWS)
    assert "┃" in screen.getvalue() or "│" in screen.getvalue()


def test_a_long_sentence_to_a_pipe_is_not_wrapped():
    sink = io.StringIO()
    out = Output("id", "Asia/Jakarta", Console(file=sink, width=40))
    out.say("period.list.none")
    assert len(sink.getvalue().strip().splitlines()) == 1


def test_lines_of_one_error_are_shown_as_ranges():
    from bot.cli.output import line_ranges

    assert line_ranges([5, 2, 3, 4, 9, 11, 12]) == "2–5, 9, 11–12"
