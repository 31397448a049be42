"""``kinerja holidays list|import`` and ``kinerja reminders days|plan``."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.app import Runtime
from bot.cli.operator import OPERATOR
from bot.cli.org import run_import
from bot.cli.output import Output, add_listing_format
from bot.i18n import t

_WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _days(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: e.g. 7,3,1") from None


def add_parsers(commands: Any, lang: str) -> None:
    def h(key: str) -> str:
        return t(lang, f"reminders.cli.{key}")

    holidays = commands.add_parser("holidays", help=h("holidays"), description=h("holidays"))
    actions = holidays.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help=h("holidays_list"), description=h("holidays_list"))
    listing.add_argument("--year", type=int, required=True, help=h("year"))
    add_listing_format(listing, t(lang, "cli.help.listing_format"))
    imports = actions.add_parser(
        "import", help=h("holidays_import"), description=h("holidays_import")
    )
    imports.add_argument("file", type=Path)

    reminders = commands.add_parser("reminders", help=h("reminders"), description=h("reminders"))
    steps = reminders.add_subparsers(dest="action", required=True)
    days = steps.add_parser("days", help=h("days"), description=h("days"))
    days.add_argument("period", type=int)
    days.add_argument("days", type=_days, metavar="7,3,1")
    steps.add_parser("plan", help=h("plan"), description=h("plan"))


async def list_holidays(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    found = await runtime.services.reminders.holidays(args.year)
    if not found:
        out.say("reminders.cli.none", year=str(args.year))
        return 0
    names = _WEEKDAYS.get(out.lang, _WEEKDAYS["en"])
    headers = [out.text(f"reminders.cli.col.{c}") for c in ("day", "weekday", "name", "source")]
    rows = [
        [h.day, names[h.day.weekday()], h.name, out.text(f"reminders.cli.source.{h.source}")]
        for h in found
    ]
    out.table(headers, rows)
    return 0


async def import_holidays(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    path: Path = args.file
    service = runtime.services.reminders
    changes = await run_import(
        runtime,
        out,
        path,
        lambda data: service.import_holidays(OPERATOR, data.decode("utf-8-sig")),
    )
    if changes is None:
        return 1
    out.say("reminders.cli.imported", count=len(changes))
    return 0


async def set_days(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    await runtime.services.reminders.set_before_days(OPERATOR, args.period, args.days)
    days = ", ".join(str(d) for d in sorted(set(args.days), reverse=True))
    out.say("reminders.cli.days_set", id=args.period, days=days)
    return 0


async def plan(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    out.say("reminders.cli.planned", count=await runtime.services.reminders.plan())
    return 0


COMMANDS: MappingProxyType[
    tuple[str, str | None], Callable[[Runtime, Output, argparse.Namespace], Awaitable[int]]
] = MappingProxyType(
    {
        ("holidays", "list"): list_holidays,
        ("holidays", "import"): import_holidays,
        ("reminders", "days"): set_days,
        ("reminders", "plan"): plan,
    }
)
