"""How the command line talks: texts in the admin's language, tables, spinners, errors."""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.formatting import fmt_param
from bot.i18n import has, t
from domain.errors import DomainError, RowError

_TAG = re.compile(r"<[^>]+>")


class Output:
    """Prints catalogue texts (HTML stripped for the terminal) in one language."""

    def __init__(self, lang: str, timezone: str, console: Console | None = None) -> None:
        self.lang = lang
        self.timezone = timezone
        self.console = console or Console(highlight=False)
        self.errors = Console(stderr=True, highlight=False)
        self.listing = "table"  # a list command's --format: table, csv or json
        self.errors_file: Path | None = None  # --errors FILE.csv: every row error, in full
        for each in (self.console, self.errors):
            each.soft_wrap = not each.is_terminal  # a pipe or a file gets whole lines

    @property
    def boxed(self) -> bool:
        """Only a terminal gets boxed tables; a pipe or a file gets plain lines."""
        return self.console.is_terminal and self.listing == "table"

    def text(self, key: str, **params: object) -> str:
        formatted = {k: fmt_param(v, self.lang, self.timezone) for k, v in params.items()}
        return html.unescape(_TAG.sub("", t(self.lang, key, **formatted)))

    def say(self, key: str, **params: object) -> None:
        self.console.print(self.text(key, **params), markup=False)

    def warn(self, key: str, **params: object) -> None:
        self.errors.print(self.text(key, **params), markup=False, style="bold red")

    def error(self, error: DomainError) -> None:
        key = error.message_key if has(error.message_key) else error.key
        params = {name: _plain(value) for name, value in error.params.items()}
        self.errors.print(self.text(key, **params), markup=False, style="bold red")

    def row_errors(self, errors: Sequence[RowError]) -> None:
        """Every distinct error once, with the lines it is on ("2–167"): rows wrong the same
        way are one line. ``errors_file`` (``--errors FILE.csv``) gets the complete list."""
        headers = [self.text(f"cli.col.{c}") for c in ("line", "column", "problem")]
        rows = [[line_ranges(lines), field, text] for lines, field, text in self.grouped(errors)]
        if self.errors.is_terminal:
            table = Table(show_lines=False)
            for header in headers:
                table.add_column(header)
            for row in rows:
                table.add_row(*row)
            self.errors.print(table)
        else:
            sys.stderr.writelines("\t".join(row) + "\n" for row in [headers, *rows])
        if self.errors_file is not None:
            self.write_errors(errors, self.errors_file)

    def grouped(self, errors: Sequence[RowError]) -> list[tuple[list[int], str, str]]:
        """(lines, column, problem) per distinct problem. Rows that differ only in the value
        they hold (a date, a code) are one problem, which says how many values differ."""
        groups: dict[tuple[str, str, str], list[RowError]] = {}
        for error in errors:
            others = {k: v for k, v in (error.params or {}).items() if k != "value"}
            groups.setdefault((error.field, error.reason, repr(sorted(others.items()))), []).append(
                error
            )
        found = []
        for (field, _, _), members in groups.items():
            values = {str((e.params or {}).get("value")) for e in members}
            first = members[0]
            if len(values) > 1:
                params = {**(first.params or {}), "value": "…"}
                text = self._reason_text(first.reason, params)
                text += " " + self.text("cli.import.values_differ", count=len(values))
            else:
                text = self.reason(first)
            found.append((sorted({e.line for e in members}), field, text))
        return sorted(found, key=lambda item: item[0][0])

    def write_errors(self, errors: Sequence[RowError], path: Path) -> None:
        """Every error, one row each (line, column, problem), for the admin to fix in Excel."""
        headers = [self.text(f"cli.col.{c}") for c in ("line", "column", "problem")]
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(headers)
            writer.writerows([e.line, e.field, self.reason(e)] for e in errors)
        self.warn("cli.import.errors_written", count=len(errors), file=str(path))

    def reason(self, error: RowError) -> str:
        return self._reason_text(error.reason, dict(error.params or {}))

    def _reason_text(self, reason: str, params: dict[str, object]) -> str:
        key = f"import.reason.{reason}"
        if not has(key):  # a reason without its own text still says what it is
            return reason + (f" {params}" if params else "")
        return self.text(key, **{k: _plain(v) for k, v in params.items()})

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """A list: a boxed table on a terminal; otherwise plain tab-separated lines, or CSV or
        JSON (``--format``), never cut or wrapped."""
        cells = [[str(fmt_param(cell, self.lang, self.timezone)) for cell in row] for row in rows]
        if self.listing == "csv":
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerows([list(headers), *cells])
        elif self.listing == "json":
            objects = [dict(zip(headers, row, strict=True)) for row in cells]
            sys.stdout.write(json.dumps(objects, ensure_ascii=False, indent=1) + "\n")
        elif not self.console.is_terminal:
            sys.stdout.writelines("\t".join(row) + "\n" for row in [list(headers), *cells])
        else:
            table = Table()
            for header in headers:
                table.add_column(header)
            for row in cells:
                table.add_row(*row)
            self.console.print(table)

    @contextmanager
    def working(self, key: str, **params: object) -> Iterator[None]:
        """A spinner while something takes a while."""
        with self.errors.status(self.text(key, **params)):
            yield


LISTING_FORMATS = ("table", "csv", "json")


def line_ranges(lines: Sequence[int]) -> str:
    """``[2, 3, 4, 9]`` as ``2–4, 9``."""
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def add_listing_format(parser: Any, help_text: str) -> None:
    """``--format table|csv|json`` on a command that lists things."""
    parser.add_argument("--format", choices=LISTING_FORMATS, default="table", help=help_text)


def _plain(value: object) -> object:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(item) for item in value)
    return value
