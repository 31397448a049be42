"""``kinerja import``, ``codes issue``, ``admin grant|revoke`` and ``demo``."""

from __future__ import annotations

import csv
import os
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TextIO, TypeVar

from bot.app import Runtime
from bot.cli.operator import OPERATOR
from bot.cli.output import Output
from bot.telegram_info import bot_username
from domain.appraisal.period_admin import PeriodDraft
from domain.appraisal.periods import PeriodKind
from domain.errors import ImportRejected
from domain.org.admin import ImportReport, OrgAdministration
from domain.org.identity import format_code

T = TypeVar("T")
DEMO = Path(__file__).resolve().parent.parent / "demo"
IMPORTERS = MappingProxyType(
    {
        "units": OrgAdministration.import_units,
        "employees": OrgAdministration.import_employees,
        "services": OrgAdministration.import_services,
    }
)


def read_file(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or folder path raises an ``OSError`` naming it,
    which the CLI reports as a message (``bot.cli.main``)."""
    return path.read_bytes()


async def run_import(
    runtime: Runtime, out: Output, path: Path, work: Callable[[bytes], Awaitable[T]]
) -> T | None:
    """Read ``path``, validate and import it with ``work`` behind a spinner; on refusal print
    every row error and return ``None`` (nothing was imported)."""
    await runtime.migrate()
    data = read_file(path)
    try:
        with out.working("cli.import.validating", file=path.name):
            return await work(data)
    except ImportRejected as rejected:
        out.warn("cli.import.rejected", file=path.name, count=len(rejected.errors))
        out.row_errors(rejected.errors)
        return None


async def import_file(
    runtime: Runtime, out: Output, kind: str, path: Path, *, dry_run: bool
) -> int:
    admin = OrgAdministration(runtime.uow, runtime.services.clock)
    report = await run_import(
        runtime, out, path, lambda data: IMPORTERS[kind](admin, OPERATOR, data, dry_run=dry_run)
    )
    if report is None:
        return 1
    report_import(out, report)
    return 0


def report_import(out: Output, report: ImportReport) -> None:
    kind = out.text(f"cli.kind.{report.kind}")
    if report.dry_run:
        out.say("cli.import.dry_run", kind=kind, rows=report.rows)
        return
    summary = report.summary
    out.say(
        "cli.import.done",
        kind=kind,
        rows=report.rows,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
    )


async def issue_codes(
    runtime: Runtime,
    out: Output,
    *,
    unit: str | None,
    nip: str | None,
    path: Path,
    days: int | None,
    include_registered: bool = False,
) -> int:
    await runtime.migrate()
    username = await bot_username(runtime.settings)
    ttl = timedelta(days=days or runtime.settings.code_ttl_days)
    nip_digits = "".join(ch for ch in nip if ch.isdigit()) if nip else None
    # Open the file first: issuing retires earlier codes, so it must not happen unless the new
    # ones can be written down. The file holds secrets: owner-only, also if it existed.
    with _secret_file(path) as handle:
        result = await runtime.services.registration.issue_codes(
            OPERATOR,
            ttl=ttl,
            unit_code=unit.upper() if unit else None,
            nip=nip_digits,
            include_registered=include_registered,
        )
        writer = csv.writer(handle)
        writer.writerow(["nip", "name", "code", "deep_link", "expires_at"])
        for code in result.codes:
            link = f"https://t.me/{username}?start=reg_{code.code}"
            row = [code.nip, code.name, format_code(code.code), link, code.expires_at.isoformat()]
            writer.writerow(row)
    issued = result.codes
    expires = issued[0].expires_at if issued else None
    out.say("cli.codes.done", count=len(issued), out=str(path), expires=expires or "-")
    if result.skipped:
        out.say("cli.codes.skipped", count=result.skipped)
    return 0


def _secret_file(path: Path) -> TextIO:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "w", newline="", encoding="utf-8")


async def grant(runtime: Runtime, out: Output, nip: str, unit: str | None) -> int:
    await runtime.migrate()
    await OrgAdministration(runtime.uow, runtime.services.clock).grant_admin(OPERATOR, nip, unit)
    scope = unit.upper() if unit else out.text("cli.admin.everything")
    out.say("cli.admin.granted", nip=nip, scope=scope)
    return 0


async def revoke(runtime: Runtime, out: Output, nip: str) -> int:
    await runtime.migrate()
    await OrgAdministration(runtime.uow, runtime.services.clock).revoke_admin(OPERATOR, nip)
    out.say("cli.admin.revoked", nip=nip)
    return 0


async def load_demo(runtime: Runtime, out: Output) -> int:
    """The fictional Pemkot Sukamaju: units, ~30 employees, public services."""
    for kind in ("units", "employees", "services"):
        status = await import_file(runtime, out, kind, DEMO / f"{kind}.csv", dry_run=False)
        if status:
            return status
    await _demo_appraisal(runtime, out)
    out.say("cli.demo.done")
    return 0


async def _demo_appraisal(runtime: Runtime, out: Output) -> None:
    """An SKP for this year and an open period around today, once (a second demo run keeps
    them): enough for every appraisal flow to be tried at once."""
    today = runtime.services.clock.now().date()
    text = (DEMO / "skp.csv").read_text(encoding="utf-8").replace(",2026,", f",{today.year},")
    periods = runtime.services.periods
    report_import(out, await periods.import_skp(OPERATOR, text.encode()))
    if await periods.all(OPERATOR):
        return
    period = await periods.create(OPERATOR, demo_period(today))
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    out.say("period.opened", name=period.name)


def demo_period(today: date) -> PeriodDraft:
    """The calendar quarter around ``today``; self-assessment due within 30 days."""
    quarter = (today.month - 1) // 3
    start = date(today.year, quarter * 3 + 1, 1)
    end = date(today.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1) - timedelta(days=1)
    self_due = min(end, today + timedelta(days=30))
    return PeriodDraft(
        name=f"Triwulan {('I', 'II', 'III', 'IV')[quarter]} {today.year}",
        kind=PeriodKind.QUARTERLY,
        start=start,
        end=end,
        self_due=self_due,
        peer_due=self_due,
        review_due=self_due + timedelta(days=14),
    )
