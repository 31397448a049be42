"""How the command line talks: texts in the admin's language, tables, spinners, errors."""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
        table = Table(show_lines=False)
        table.add_column(self.text("cli.col.line"), justify="right")
        table.add_column(self.text("cli.col.column"))
        table.add_column(self.text("cli.col.problem"))
        for error in errors:
            table.add_row(str(error.line), error.field, self.reason(error))
        self.errors.print(table)

    def reason(self, error: RowError) -> str:
        key = f"import.reason.{error.reason}"
        params = dict(error.params or {})
        if not has(key):  # a reason without its own text still says what it is
            return error.reason + (f" {params}" if params else "")
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


def add_listing_format(parser: Any, help_text: str) -> None:
    """``--format table|csv|json`` on a command that lists things."""
    parser.add_argument("--format", choices=LISTING_FORMATS, default="table", help=help_text)


def _plain(value: object) -> object:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(item) for item in value)
    return value
