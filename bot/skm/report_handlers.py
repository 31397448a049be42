"""``/laporan`` (IKM reports for admins and unit heads) and ``/poster`` (QR posters for admins).

Every step is a stateless button, authorised again on every press by the domain::

    /laporan ─► m1:lap:<u|s>:<id> ─► m1:lap:<u|s>:<id>:<quarter|semester|year> ─► summary,
        │                                  └─ m1:lapx:… ─► "/laporan CODE FROM TO"    chart (PNG),
        └─ /laporan CODE [FROM TO] ──────────────────────────────────────────────►    XLSX, and
                                  m1:rtl:<u|s>:<id>:<from-to> (unit head) ─► RTL form
                                  m1:pop:<u|s>:<id>:<from-to> (admin) ─────► population form
    /poster ─► m1:poster:<service id> ─► A4 poster (PNG)

The summary is split into messages under Telegram's 4096 characters; the chart and the workbook
are sent whatever happened to the summary. Chat reports withhold small groups and carry no
contacts (``SkmReports.scope_report``).
"""

from __future__ import annotations

import asyncio
import io
from functools import partial

from telegram import InputFile

from bot.callbacks import menu
from bot.render.charts import nrr_chart
from bot.render.posters import render_poster, survey_url
from bot.render.spreadsheets import ikm_workbook
from bot.request import Request, handler
from bot.screens import Rendered, rows_of
from bot.skm.screens import report_messages
from domain.errors import DomainError, NotFound
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, FollowUp
from domain.skm.report_model import IkmReport, ScopeKind
from domain.skm.report_period import ReportPeriod, ReportSpan, parse_date
from domain.skm.reports import Scope

SCOPE_BUTTONS = 30
KINDS = {"u": ScopeKind.UNIT, "s": ScopeKind.SERVICE}
LETTER = {kind: letter for letter, kind in KINDS.items()}
PRESETS = (ReportSpan.QUARTER, ReportSpan.SEMESTER, ReportSpan.YEAR)


def _range(period: ReportPeriod) -> str:
    return f"{period.date_from:%Y%m%d}-{period.date_to:%Y%m%d}"


def _parse_range(text: str) -> ReportPeriod:
    """``20260101-20260331`` (a button's period) as a :class:`ReportPeriod`."""
    start, _, end = text.partition("-")
    days = [parse_date(f"{d[:4]}-{d[4:6]}-{d[6:]}") for d in (start, end)]
    return ReportPeriod(days[0], days[1])


@handler
async def cmd_report(request: Request) -> None:
    """``/laporan``, ``/laporan CODE`` or ``/laporan CODE FROM TO``."""
    args = list(request.context.args or [])
    if not args:
        await pick_scope(request)
        return
    if len(args) not in (1, 3):
        await request.say("skm.report.usage")
        return
    try:
        scope = await request.services.skm_reports.scope_by_code(request.actor, args[0])
    except NotFound:
        await request.say("skm.report.unknown_code", code=args[0][:40])
        return
    if len(args) == 1:
        await pick_period(request, scope)
        return
    await send_report(request, scope, ReportPeriod(parse_date(args[1]), parse_date(args[2])))


async def pick_scope(request: Request) -> None:
    scopes = await request.services.skm_reports.scopes(request.actor)
    if not scopes:
        await request.say("skm.report.no_scopes")
        return
    buttons = [
        (request.text(f"skm.report.scope.{s.kind.value}", {"name": s.name}), _scope_button(s))
        for s in scopes[:SCOPE_BUTTONS]
    ]
    lines = [request.text("skm.report.pick_scope")]
    if len(scopes) > SCOPE_BUTTONS:
        lines.append(request.text("skm.report.too_many"))
    await request.send(Rendered("\n\n".join(lines), rows_of(buttons, 1)))


def _scope_button(scope: Scope) -> str:
    return menu("lap", LETTER[scope.kind], scope.id)


async def pick_period(request: Request, scope: Scope) -> None:
    letter = LETTER[scope.kind]
    buttons = [
        (request.text(f"skm.report.period.{kind.value}"), menu("lap", letter, scope.id, kind.value))
        for kind in PRESETS
    ]
    buttons.append((request.text("skm.report.period.custom"), menu("lapx", letter, scope.id)))
    text = request.text("skm.report.pick_period", {"scope": scope.name})
    await request.send(Rendered(text, rows_of(buttons, 2)))


async def _scope_of(request: Request, args: tuple[str, ...]) -> Scope | None:
    if len(args) < 2 or args[0] not in KINDS or not args[1].isdecimal():
        await request.say("core.button_unknown")
        return None
    return await request.services.skm_reports.scope(request.actor, KINDS[args[0]], int(args[1]))


async def report_action(request: Request, args: tuple[str, ...]) -> None:
    """``m1:lap:<u|s>:<id>[:<period kind>]``."""
    scope = await _scope_of(request, args)
    if scope is None:
        return
    if len(args) == 2:
        await pick_period(request, scope)
        return
    kinds = {kind.value: kind for kind in PRESETS}
    if args[2] not in kinds:
        await request.say("core.button_unknown")
        return
    now = request.services.clock.now()
    period = await request.services.skm_reports.period_of(scope, kinds[args[2]], now)
    await send_report(request, scope, period)


async def custom_period_action(request: Request, args: tuple[str, ...]) -> None:
    """``m1:lapx:<u|s>:<id>``: how to ask for any period."""
    scope = await _scope_of(request, args)
    if scope is not None:
        await request.say("skm.report.custom_hint", code=scope.code)


async def send_report(request: Request, scope: Scope, period: ReportPeriod) -> None:
    """The summary (weakest unsur highlighted), then the chart and the workbook as files."""
    reports = request.services.skm_reports
    report = await reports.scope_report(request.actor, scope, period)
    rights = await reports.rights(request.actor, scope)
    args = (LETTER[scope.kind], scope.id, _range(period))
    buttons, tail = [], ""
    if rights.rtl and report.groups[0].result.nrr:
        tail = request.text("skm.report.rtl_prompt")
        buttons.append((request.text("skm.report.button.rtl"), menu("rtl", *args)))
    if rights.population:
        buttons.append((request.text("skm.report.button.population"), menu("pop", *args)))
    messages = report_messages(report, request.lang, request.timezone, tail=tail)
    try:
        for number, message in enumerate(messages, start=1):
            last = number == len(messages)
            await request.send(Rendered(message, rows_of(buttons, 1) if last else ()))
    finally:  # the files do not depend on the summary having gone through
        await _send_files(request, report, scope)


async def _send_files(request: Request, report: IkmReport, scope: Scope) -> None:
    lang = request.lang
    # Rendering takes CPU for a moment: keep the event loop free for other users meanwhile.
    minimum = report.min_respondents
    chart = await asyncio.to_thread(partial(nrr_chart, report.groups[0], lang, minimum=minimum))
    workbook = await asyncio.to_thread(ikm_workbook, report, lang)  # no contacts in the chat
    period = report.period
    stem = f"ikm-{scope.code.lower()}-{period.date_from:%Y%m%d}-{period.date_to:%Y%m%d}"
    files = (
        (chart, f"{stem}.png", "skm.report.chart_caption"),
        (workbook, f"{stem}.xlsx", "skm.report.xlsx_caption"),
    )
    for data, filename, caption in files:
        document = InputFile(io.BytesIO(data), filename=filename)
        text = request.text(caption, {"scope": scope.name})
        await request.context.bot.send_document(request.chat_id, document, caption=text)


async def _follow_up(request: Request, args: tuple[str, ...], flow: str) -> None:
    scope = await _scope_of(request, args)
    if scope is None or len(args) != 3:
        return
    try:
        period = _parse_range(args[2])
    except DomainError:
        await request.say("core.button_unknown")
        return
    subject = FollowUp(scope.kind, scope.id, period).subject
    turn = await request.services.conversations.begin(request.actor, flow, subject, restart=True)
    await request.show_turn(turn)


async def rtl_action(request: Request, args: tuple[str, ...]) -> None:
    await _follow_up(request, args, RTL_FLOW)


async def population_action(request: Request, args: tuple[str, ...]) -> None:
    await _follow_up(request, args, POPULATION_FLOW)


@handler
async def cmd_poster(request: Request) -> None:
    await poster_menu(request, ())


async def poster_menu(request: Request, args: tuple[str, ...]) -> None:
    services = await request.services.skm_admin.services_for_posters(request.actor)
    if not services:
        await request.say("skm.poster.none")
        return
    buttons = [(s.name, menu("poster", s.id)) for s in services[:SCOPE_BUTTONS]]
    await request.send(Rendered(request.text("skm.poster.pick"), rows_of(buttons, 1)))


async def poster_action(request: Request, args: tuple[str, ...]) -> None:
    """``m1:poster:<service id>``: the A4 poster as a PNG file."""
    if len(args) != 1 or not args[0].isdecimal():
        await request.say("core.button_unknown")
        return
    admin = request.services.skm_admin
    service = await admin.poster_service(request.actor, int(args[0]))
    url = survey_url(request.services.bot_username, service.code)
    organisation = await request.services.directory.organisation_name()
    poster = await asyncio.to_thread(
        partial(
            render_poster,
            service_name=service.name,
            unit_name=service.unit_name,
            url=url,
            organisation=organisation,
        )
    )
    caption = request.text("skm.poster.caption", {"service": service.name})
    document = InputFile(io.BytesIO(poster.data), filename=f"poster-{service.code.lower()}.png")
    await request.context.bot.send_document(request.chat_id, document, caption=caption)
