"""``kinerja period create|open|close|list|org-predikat`` and ``kinerja import skp``."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.app import Runtime
from bot.cli.operator import OPERATOR
from bot.cli.org import report_import, run_import
from bot.cli.output import Output, add_listing_format
from bot.i18n import t
from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.period_admin import PeriodDraft
from domain.appraisal.periods import PeriodKind


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: YYYY-MM-DD") from None


def add_parsers(commands: Any, lang: str) -> None:
    def h(key: str) -> str:
        return t(lang, f"period.cli.{key}")

    period = commands.add_parser("period", help=h("period"), description=h("period"))
    actions = period.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help=h("create"), description=h("create"))
    create.add_argument("--name", required=True)
    create.add_argument("--kind", required=True, choices=[k.value for k in PeriodKind])
    for name in ("start", "end", "self-due", "peer-due", "review-due"):
        create.add_argument(f"--{name}", required=True, type=_date, metavar="YYYY-MM-DD")
    create.add_argument("--objection-days", type=int, default=5, help=h("objection_days"))
    for name in ("open", "close"):
        action = actions.add_parser(name, help=h(name), description=h(name))
        action.add_argument("id", type=int, help=h("id"))
    listing = actions.add_parser("list", help=h("list"), description=h("list"))
    add_listing_format(listing, t(lang, "cli.help.listing_format"))
    org = actions.add_parser("org-predikat", help=h("org_predikat"), description=h("org_predikat"))
    org.add_argument("id", type=int, help=h("id"))
    org.add_argument("unit", help=h("unit"))
    org.add_argument("predikat", choices=[p.value for p in OrganisationPredikat])


async def create(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    draft = PeriodDraft(
        name=args.name,
        kind=PeriodKind(args.kind),
        start=args.start,
        end=args.end,
        self_due=args.self_due,
        peer_due=args.peer_due,
        review_due=args.review_due,
        objection_days=args.objection_days,
    )
    await runtime.migrate()
    period = await runtime.services.periods.create(OPERATOR, draft)
    out.say("period.cli.created", id=period.id or 0, name=period.name)
    return 0


async def transition(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    periods = runtime.services.periods
    if args.action == "open":
        period = await periods.open(OPERATOR, args.id)
        out.say("period.opened", name=period.name)
    else:
        period = await periods.close(OPERATOR, args.id)
        out.say("period.closed", name=period.name)
        # the results are frozen: development recommendations go out (issue 11)
        told = await runtime.services.recommendations.send_for_period(OPERATOR, args.id)
        out.say("development.recommendations_sent", count=told)
    return 0


async def list_periods(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    found = await runtime.services.periods.all(OPERATOR)
    if not found:
        out.say("period.list.none")
        return 0
    headers = [
        out.text(f"period.cli.col.{c}")
        for c in ("id", "name", "kind", "start", "end", "self_due", "review_due", "status")
    ]
    rows = [
        [
            p.id,
            p.name,
            out.text(p.kind.text_key),
            p.start,
            p.end,
            p.self_due,
            p.review_due,
            out.text(p.status.text_key),
        ]
        for p in found
    ]
    out.table(headers, rows)
    return 0


async def org_predikat(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    await runtime.services.periods.set_org_predikat(OPERATOR, args.id, args.unit, args.predikat)
    out.say(
        "period.cli.org_set",
        unit=args.unit.upper(),
        predikat=out.text(OrganisationPredikat(args.predikat).text_key),
    )
    return 0


async def import_skp(runtime: Runtime, out: Output, path: Path, *, dry_run: bool) -> int:
    periods = runtime.services.periods
    report = await run_import(
        runtime, out, path, lambda data: periods.import_skp(OPERATOR, data, dry_run=dry_run)
    )
    if report is None:
        return 1
    report_import(out, report)
    return 0


COMMANDS: MappingProxyType[
    tuple[str, str | None], Callable[[Runtime, Output, argparse.Namespace], Awaitable[int]]
] = MappingProxyType(
    {
        ("period", "create"): create,
        ("period", "open"): transition,
        ("period", "close"): transition,
        ("period", "list"): list_periods,
        ("period", "org-predikat"): org_predikat,
    }
)
