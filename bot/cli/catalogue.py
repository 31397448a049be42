"""``kinerja catalogue import FILE [--dry-run]`` and ``kinerja catalogue list [--format
table|csv]``: the development-recommendation catalogue (issue 11). ``list --format csv`` writes
the import's own format, so the shipped default is the starting point of an admin's file."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.app import Runtime
from bot.cli.operator import OPERATOR
from bot.cli.org import run_import
from bot.cli.output import Output
from bot.i18n import t
from domain.peer.catalogue import CATALOGUE_COLUMNS
from domain.peer.catalogue_admin import CatalogueAdministration
from domain.peer.development import Catalogue

FORMATS = ("table", "csv")


def add_parsers(commands: Any, lang: str) -> None:
    def h(key: str) -> str:
        return t(lang, f"catalogue.cli.{key}")

    catalogue = commands.add_parser("catalogue", help=h("catalogue"), description=h("catalogue"))
    actions = catalogue.add_subparsers(dest="action", required=True)
    imports = actions.add_parser("import", help=h("import"), description=h("import"))
    imports.add_argument("file", type=Path, help=t(lang, "cli.help.file"))
    imports.add_argument("--dry-run", action="store_true", help=t(lang, "cli.help.dry_run"))
    listing = actions.add_parser("list", help=h("list"), description=h("list"))
    listing.add_argument("--format", choices=FORMATS, default="table", help=h("format"))


def _admin(runtime: Runtime) -> CatalogueAdministration:
    return CatalogueAdministration(runtime.uow, runtime.services.clock)


async def import_catalogue(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    admin = _admin(runtime)
    found = await run_import(
        runtime,
        out,
        args.file,
        lambda data: admin.import_catalogue(OPERATOR, data, dry_run=args.dry_run),
    )
    if found is None:
        return 1
    key = "catalogue.cli.dry_run" if args.dry_run else "catalogue.cli.imported"
    out.say(key, items=len(found.items), values=len({i.value_code for i in found.items}))
    return 0


async def list_catalogue(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    current = await _admin(runtime).current(OPERATOR)
    if args.format == "csv":
        sys.stdout.write(catalogue_csv(current.catalogue))  # not through rich: no wrapping
        return 0
    out.say("catalogue.cli.default" if current.is_default else "catalogue.cli.imported_one")
    headers = [out.text(f"catalogue.cli.col.{c}") for c in ("value", "kind", "title")]
    rows = [
        [
            out.text(f"berakhlak.{item.value_code}.name"),
            out.text(item.kind.text_key),
            item.title(out.lang),
        ]
        for item in current.catalogue.items
    ]
    out.table(headers, rows)
    return 0


def catalogue_csv(catalogue: Catalogue) -> str:
    """The catalogue in the import's format (``value_code,kind,title_id,title_en``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CATALOGUE_COLUMNS)
    for item in catalogue.items:
        writer.writerow([item.value_code, item.kind.value, item.title_id, item.title_en])
    return buffer.getvalue()


COMMANDS: MappingProxyType[
    tuple[str, str | None], Callable[[Runtime, Output, argparse.Namespace], Awaitable[int]]
] = MappingProxyType(
    {("catalogue", "import"): import_catalogue, ("catalogue", "list"): list_catalogue}
)
