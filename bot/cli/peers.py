"""``kinerja peers assign|list|import|seal|freeze``: who rates whom in a period, progress, the
seal that removes every link from a response to its rater, and the freeze (issue 11).

``list`` shows which assignments were answered, never what (for chasing raters); nothing of
it reaches a ratee or a pejabat penilai.
"""

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
from domain.peer.admin import ListingLine
from domain.peer.assignment import DEFAULT_PER_PERSON

FORMATS = ("table", "csv")
LIST_COLUMNS = (
    "ratee_nip",
    "ratee_name",
    "unit",
    "relation",
    "rater_nip",
    "rater_name",
    "source",
    "submitted",
)


def add_parsers(commands: Any, lang: str) -> None:
    def h(key: str) -> str:
        return t(lang, f"peer.cli.{key}")

    peers = commands.add_parser("peers", help=h("peers"), description=h("peers"))
    actions = peers.add_subparsers(dest="action", required=True)
    assign = actions.add_parser("assign", help=h("assign"), description=h("assign"))
    assign.add_argument("--period", type=int, required=True, help=h("period"))
    assign.add_argument("--per-person", type=int, default=DEFAULT_PER_PERSON, help=h("per_person"))
    assign.add_argument("--upward", action="store_true", help=h("upward"))
    assign.add_argument("--seed", type=int, default=0, help=h("seed"))
    listing = actions.add_parser("list", help=h("list"), description=h("list"))
    listing.add_argument("--period", type=int, required=True, help=h("period"))
    listing.add_argument("--unit", help=h("unit"))
    listing.add_argument("--format", choices=FORMATS, default="table", help=h("format"))
    imports = actions.add_parser("import", help=h("import"), description=h("import"))
    imports.add_argument("file", type=Path, help=t(lang, "cli.help.file"))
    imports.add_argument("--period", type=int, help=h("import_period"))
    imports.add_argument("--dry-run", action="store_true", help=t(lang, "cli.help.dry_run"))
    sealing = actions.add_parser("seal", help=h("seal"), description=h("seal"))
    sealing.add_argument("--period", type=int, required=True, help=h("period"))
    actions.add_parser("freeze", help=h("freeze"), description=h("freeze"))


async def assign(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    result = await runtime.services.peer_admin.assign(
        OPERATOR, args.period, per_person=args.per_person, upward=args.upward, seed=args.seed
    )
    out.say(
        "peer.cli.assigned",
        period=result.period.name,
        added=result.added,
        told=result.raters_told,
        short=len(result.shortfalls),
    )
    if result.shortfalls:
        headers = [out.text(f"peer.cli.col.{c}") for c in ("nip", "name", "relation", "reason")]
        rows = [
            [
                s.ratee_nip,
                result.names.get(s.ratee_nip, ""),
                out.text(s.relation.text_key),
                out.text(s.reason.text_key, available=s.available, needed=s.needed),
            ]
            for s in result.shortfalls
        ]
        out.table(headers, rows)
    return 0


async def list_assignments(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    lines = await runtime.services.peer_admin.listing(OPERATOR, args.period, args.unit)
    if args.format == "csv":
        sys.stdout.write(listing_csv(lines))  # not through rich: no wrapping
        return 0
    if not lines:
        out.say("peer.cli.none")
        return 0
    headers = [out.text(f"peer.cli.col.{c}") for c in LIST_COLUMNS]
    rows = [
        [
            line.ratee_nip,
            line.ratee_name,
            line.unit_code,
            out.text(line.relation.text_key),
            line.rater_nip,
            line.rater_name,
            out.text(line.source.text_key),
            out.text("peer.cli.yes" if line.submitted else "peer.cli.no"),
        ]
        for line in lines
    ]
    out.table(headers, rows)
    done = sum(line.submitted for line in lines)
    out.say("peer.cli.progress", done=done, total=len(lines))
    return 0


def listing_csv(lines: list[ListingLine]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LIST_COLUMNS)
    for x in lines:
        writer.writerow(
            [
                x.ratee_nip,
                x.ratee_name,
                x.unit_code,
                x.relation.value,
                x.rater_nip,
                x.rater_name,
                x.source.value,
                "yes" if x.submitted else "no",
            ]
        )
    return buffer.getvalue()


async def import_assignments(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    admin = runtime.services.peer_admin
    result = await run_import(
        runtime,
        out,
        args.file,
        lambda data: admin.import_csv(OPERATOR, args.period, data, dry_run=args.dry_run),
    )
    if result is None:
        return 1
    key = "peer.cli.import_dry_run" if result.dry_run else "peer.cli.imported"
    out.say(key, period=result.period.name, added=result.added, told=result.raters_told)
    return 0


async def seal(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    sealed = await runtime.services.peer_admin.seal(OPERATOR, args.period)
    out.say("peer.cli.sealed", links=sealed)
    return 0


async def freeze(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    frozen = await runtime.services.peer.freeze_due()
    out.say("peer.cli.frozen", count=frozen)
    return 0


COMMANDS: MappingProxyType[
    tuple[str, str | None], Callable[[Runtime, Output, argparse.Namespace], Awaitable[int]]
] = MappingProxyType(
    {
        ("peers", "assign"): assign,
        ("peers", "list"): list_assignments,
        ("peers", "import"): import_assignments,
        ("peers", "seal"): seal,
        ("peers", "freeze"): freeze,
    }
)
