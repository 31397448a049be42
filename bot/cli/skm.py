"""``kinerja qr``, ``kinerja import skm``, ``kinerja report ikm`` and ``kinerja skm population``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rich.console import JustifyMethod

from bot.app import Runtime
from bot.cli.operator import OPERATOR
from bot.cli.org import run_import
from bot.cli.output import Output
from bot.formatting import fmt_param
from bot.i18n import t
from bot.render.charts import nrr_chart
from bot.render.exports import csv_text, json_lines
from bot.render.ikm_overview import overview_chart
from bot.render.posters import FORMATS, render_poster, survey_url
from bot.render.spreadsheets import ikm_workbook
from bot.telegram_info import bot_username
from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import Grouping, IkmReport
from domain.skm.report_period import ReportPeriod, parse_date

REPORT_FORMATS = ("table", "json", "csv", "xlsx", "png")
GROUP_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    ("number", "right"),
    ("unit", "left"),
    ("service", "left"),
    ("respondents", "right"),
    ("ikm", "right"),
    ("mutu", "left"),
)


def add_parsers(commands: Any, lang: str) -> None:
    """The SKM's sub-commands, on the ``kinerja`` parser's ``commands``."""

    def h(key: str) -> str:
        return t(lang, f"skm.cli.help.{key}")

    qr = commands.add_parser("qr", help=h("qr"), description=h("qr"))
    qr.add_argument("service", nargs="?", help=h("qr_service"))
    qr.add_argument("--unit", help=h("qr_unit"))
    qr.add_argument("--out", type=Path, required=True, help=h("qr_out"))
    qr.add_argument("--format", choices=FORMATS, default="png", help=h("qr_format"))

    report = commands.add_parser("report", help=h("report")).add_subparsers(
        dest="action", required=True
    )
    ikm = report.add_parser("ikm", help=h("report_ikm"), description=h("report_ikm"))
    ikm.add_argument("--from", dest="date_from", required=True, help=h("from"))
    ikm.add_argument("--to", dest="date_to", required=True, help=h("to"))
    ikm.add_argument("--unit", help=h("unit"))
    ikm.add_argument("--service", help=h("service"))
    ikm.add_argument("--by", choices=("service", "unit"), default="service", help=h("by"))
    ikm.add_argument("--format", choices=REPORT_FORMATS, default="table", help=h("format"))
    ikm.add_argument("--out", type=Path, help=h("out"))
    ikm.add_argument("--per-service", type=Path, metavar="DIR", help=h("per_service"))

    skm = commands.add_parser("skm", help=h("skm")).add_subparsers(dest="action", required=True)
    population = skm.add_parser("population", help=h("population"), description=h("population"))
    population.add_argument("code", help=h("population_code"))
    population.add_argument("population", type=int, help=h("population_n"))
    population.add_argument("--from", dest="date_from", required=True, help=h("from"))
    population.add_argument("--to", dest="date_to", required=True, help=h("to"))
    population.add_argument("--unit", action="store_true", help=h("population_unit"))


async def qr(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    if bool(args.service) == bool(args.unit):
        out.warn("skm.cli.qr.need_target")
        return 2
    fmt = args.format if args.unit else args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        out.warn("skm.cli.qr.bad_suffix")
        return 2
    await runtime.migrate()
    admin = runtime.services.skm_admin
    services = await admin.poster_services(OPERATOR, service_code=args.service, unit_code=args.unit)
    if not services:
        out.warn("skm.cli.qr.none", unit=args.unit)
        return 1
    username = await bot_username(runtime.settings)
    organisation = await runtime.services.directory.organisation_name()
    if args.unit:
        args.out.mkdir(parents=True, exist_ok=True)
    with out.working("skm.cli.help.qr"):
        for service in services:
            poster = render_poster(
                service_name=service.name,
                unit_name=service.unit_name,
                url=survey_url(username, service.code),
                fmt=fmt,
                organisation=organisation,
            )
            target = args.out / f"{service.code}.{fmt}" if args.unit else args.out
            target.write_bytes(poster.data)
    out.say("skm.cli.qr.written", count=len(services), out=str(args.out))
    return 0


async def import_paper(
    runtime: Runtime, out: Output, path: Path, *, dry_run: bool, force: bool = False
) -> int:
    admin = runtime.services.skm_admin
    result = await run_import(
        runtime,
        out,
        path,
        lambda data: admin.import_paper(OPERATOR, data, dry_run=dry_run, force=force),
    )
    if result is None:
        return 1
    out.say("skm.cli.import.dry_run" if result.dry_run else "skm.cli.import.done", rows=result.rows)
    return 0


async def population(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    await runtime.migrate()
    period = ReportPeriod(
        parse_date(args.date_from, field="from"), parse_date(args.date_to, field="to")
    )
    notice = await runtime.services.skm_admin.record_population(
        OPERATOR, args.code, unit=args.unit, period=period, population=args.population
    )
    out.say(notice.key, **notice.params)
    return 0


async def report_ikm(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    period = ReportPeriod(
        parse_date(args.date_from, field="from"), parse_date(args.date_to, field="to")
    )
    charts_only_per_service = args.format == "png" and args.per_service is not None
    if args.format in ("xlsx", "png") and args.out is None and not charts_only_per_service:
        out.warn("skm.cli.report.need_out", format=args.format)
        return 2
    await runtime.migrate()
    with out.working("skm.cli.report.computing"):
        report = await runtime.services.skm_reports.report(
            OPERATOR,
            period,
            unit_code=args.unit,
            service_code=args.service,
            by=Grouping(args.by),
            details=args.format == "xlsx",
        )
    if not report.groups:
        out.warn("skm.cli.report.empty")
        return 1
    if args.format == "png":
        return _png(out, report, args.out, per_service=args.per_service, one=bool(args.service))
    WRITERS[args.format](out, report, args.out)
    return 0


def _table(out: Output, report: IkmReport, path: Path | None) -> None:
    """Two compact tables that fit 80 columns: a line per group (respondents, IKM, mutu), then
    the nine NRR per group, joined by the row number. To a pipe or a file: plain lines."""
    from rich import box
    from rich.table import Table

    def cell(value: object) -> str:
        return str(fmt_param(value, out.lang, out.timezone))

    group_rows, nrr_rows = [], []
    for number, group in enumerate(report.groups, start=1):
        result, mutu = group.result, group.result.mutu
        shown = f"{mutu.value} ({out.text(f'skm.kinerja.{mutu.value}')})" if mutu else "-"
        ikm = cell(result.ikm_display) if result.ikm_display is not None else "-"
        code = group.service_code or ""
        group_rows.append(
            [str(number), group.unit_code, code, cell(result.respondents), ikm, shown]
        )
        values = [cell(result.nrr_display(c)) if c in result.nrr else "-" for c in UNSUR_CODES]
        nrr_rows.append([str(number), *values])
    group_headers = [out.text(f"skm.cli.col.{key}") for key, _ in GROUP_COLUMNS]
    nrr_headers = [out.text("skm.cli.col.number"), *UNSUR_CODES]
    if not out.boxed:
        out.table(group_headers, group_rows)
        out.table(nrr_headers, nrr_rows)
        return
    groups = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for header, (_, justify) in zip(group_headers, GROUP_COLUMNS, strict=True):
        groups.add_column(header, justify=justify, overflow="fold")
    for row in group_rows:
        groups.add_row(*row)
    nrr = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    nrr.add_column(nrr_headers[0], justify="right")
    for code in UNSUR_CODES:
        nrr.add_column(code, justify="right", no_wrap=True)
    for row in nrr_rows:
        nrr.add_row(*row)
    out.console.print(groups)
    out.say("skm.cli.report.nrr_title")
    out.console.print(nrr)
    out.say("skm.method")


def _text(out: Output, text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    path.write_text(text, encoding="utf-8")
    out.say("skm.cli.report.written", out=str(path))


def _xlsx(out: Output, report: IkmReport, path: Path | None) -> None:
    assert path is not None
    path.write_bytes(ikm_workbook(report, out.lang, contacts=True))  # an admin's export
    out.say("skm.cli.report.written", out=str(path))


def _png(
    out: Output, report: IkmReport, path: Path | None, *, per_service: Path | None, one: bool
) -> int:
    """``--service``: that service's NRR chart. Otherwise one overview of every service (or
    unit) ranked by IKM; the NRR chart of each only with ``--per-service DIR``. Never a chart
    for a group without respondents."""
    charted = [g for g in report.groups if g.result.respondents]
    if not charted:
        out.warn("skm.cli.report.nothing_to_chart")
        return 1
    if path is not None:
        path.write_bytes(
            nrr_chart(charted[0], out.lang) if one else overview_chart(report, out.lang)
        )
        out.say("skm.cli.report.written", out=str(path))
    if per_service is not None:
        per_service.mkdir(parents=True, exist_ok=True)
        for group in charted:
            (per_service / f"{group.code}.png").write_bytes(nrr_chart(group, out.lang))
        out.say("skm.cli.report.written", out=f"{per_service}/ ({len(charted)})")
    return 0


WRITERS = MappingProxyType(
    {
        "table": _table,
        "json": lambda out, report, path: _text(out, json_lines(report), path),
        "csv": lambda out, report, path: _text(out, csv_text(report), path),
        "xlsx": _xlsx,
    }
)

COMMANDS = MappingProxyType(
    {
        ("qr", None): qr,
        ("report", "ikm"): report_ikm,
        ("skm", "population"): population,
    }
)
