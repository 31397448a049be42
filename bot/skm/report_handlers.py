"""``/laporan`` (IKM reports for admins and unit heads) and ``/poster`` (QR posters for admins).

Every step is a stateless button (a typed action of :mod:`domain.skm.actions`), authorised
again on every press by the domain::

    /laporan ─► ChooseReportPeriod(scope) ─► ShowReport(scope, quarter|semester|year) ─► summary,
        │                  └─ ExplainCustomPeriod(scope) ─► "/laporan CODE FROM TO"   chart (PNG),
        └─ /laporan CODE [FROM TO] ──────────────────────────────────────────────►    XLSX, and
                                  StartRtl(scope, from, to) (unit head) ───► RTL form
                                  RecordPopulation(scope, from, to) (admin) ► population form
    /poster ─► MakePoster(service id) ─► A4 poster (PNG)

The summary is split into messages under Telegram's 4096 characters; the chart and the workbook
are sent whatever happened to the summary. Chat reports withhold small groups and carry no
contacts (``SkmReports.scope_report``).
"""

from __future__ import annotations

import asyncio
import io
from functools import partial

from telegram import InputFile

from bot.render.charts import nrr_chart
from bot.render.posters import render_poster, survey_url
from bot.render.spreadsheets import ikm_workbook
from bot.request import Request
from bot.screens import Press, Rendered, rows_of
from bot.skm.screens import report_messages
from domain.errors import DomainError, NotFound
from domain.skm.actions import (
    ChoosePosterService,
    ChooseReportPeriod,
    ChooseReportScope,
    ExplainCustomPeriod,
    MakePoster,
    RecordPopulation,
    ShowReport,
    StartRtl,
)
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, FollowUp
from domain.skm.report_model import IkmReport, ScopeKind
from domain.skm.report_period import ReportPeriod, ReportSpan, parse_date
from domain.skm.reports import Scope

SCOPE_BUTTONS = 30
PRESETS = (ReportSpan.QUARTER, ReportSpan.SEMESTER, ReportSpan.YEAR)


async def cmd_report(request: Request) -> None:
    """``/laporan``, ``/laporan CODE`` or ``/laporan CODE FROM TO``."""
    args = list(request.context.args or [])
    if not args:
        await pick_scope(request, ChooseReportScope())
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


async def pick_scope(request: Request, action: ChooseReportScope) -> None:
    scopes = await request.services.skm_reports.scopes(request.actor)
    if not scopes:
        await request.say("skm.report.no_scopes")
        return
    buttons: list[tuple[str, Press]] = [
        (
            request.text(f"skm.report.scope.{s.kind.value}", {"name": s.name}),
            ChooseReportPeriod(s.kind, s.id),
        )
        for s in scopes[:SCOPE_BUTTONS]
    ]
    lines = [request.text("skm.report.pick_scope")]
    if len(scopes) > SCOPE_BUTTONS:
        lines.append(request.text("skm.report.too_many"))
    await request.send(Rendered("\n\n".join(lines), rows_of(buttons, 1)))


async def pick_period(request: Request, scope: Scope) -> None:
    buttons: list[tuple[str, Press]] = [
        (request.text(f"skm.report.period.{span.value}"), ShowReport(scope.kind, scope.id, span))
        for span in PRESETS
    ]
    custom = ExplainCustomPeriod(scope.kind, scope.id)
    buttons.append((request.text("skm.report.period.custom"), custom))
    text = request.text("skm.report.pick_period", {"scope": scope.name})
    await request.send(Rendered(text, rows_of(buttons, 2)))


async def _scope_of(request: Request, kind: ScopeKind, scope_id: int) -> Scope:
    return await request.services.skm_reports.scope(request.actor, kind, scope_id)


async def choose_period(request: Request, action: ChooseReportPeriod) -> None:
    await pick_period(request, await _scope_of(request, action.scope_kind, action.scope_id))


async def show_report(request: Request, action: ShowReport) -> None:
    """The report of the current quarter, semester or year."""
    scope = await _scope_of(request, action.scope_kind, action.scope_id)
    if action.span not in PRESETS:
        await request.say("core.button_unknown")
        return
    now = request.services.clock.now()
    period = await request.services.skm_reports.period_of(scope, action.span, now)
    await send_report(request, scope, period)


async def explain_custom_period(request: Request, action: ExplainCustomPeriod) -> None:
    """How to ask for any period."""
    scope = await _scope_of(request, action.scope_kind, action.scope_id)
    await request.say("skm.report.custom_hint", code=scope.code)


async def send_report(request: Request, scope: Scope, period: ReportPeriod) -> None:
    """The summary (weakest unsur highlighted), then the chart and the workbook as files."""
    reports = request.services.skm_reports
    report = await reports.scope_report(request.actor, scope, period)
    rights = await reports.rights(request.actor, scope)
    fields = (scope.kind, scope.id, period.date_from, period.date_to)
    buttons: list[tuple[str, Press]] = []
    tail = ""
    if rights.rtl and report.groups[0].result.nrr:
        tail = request.text("skm.report.rtl_prompt")
        buttons.append((request.text("skm.report.button.rtl"), StartRtl(*fields)))
    if rights.population:
        population = RecordPopulation(*fields)
        buttons.append((request.text("skm.report.button.population"), population))
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


async def _follow_up(request: Request, action: StartRtl | RecordPopulation, flow: str) -> None:
    scope = await _scope_of(request, action.scope_kind, action.scope_id)
    try:
        period = ReportPeriod(action.date_from, action.date_to)
    except DomainError:
        await request.say("core.button_unknown")
        return
    subject = FollowUp(scope.kind, scope.id, period).subject
    turn = await request.services.conversations.begin(request.actor, flow, subject, restart=True)
    await request.show_turn(turn)


async def start_rtl(request: Request, action: StartRtl) -> None:
    await _follow_up(request, action, RTL_FLOW)


async def record_population(request: Request, action: RecordPopulation) -> None:
    await _follow_up(request, action, POPULATION_FLOW)


async def poster_menu(request: Request, action: ChoosePosterService) -> None:
    services = await request.services.skm_admin.services_for_posters(request.actor)
    if not services:
        await request.say("skm.poster.none")
        return
    buttons: list[tuple[str, Press]] = [
        (s.name, MakePoster(s.id)) for s in services[:SCOPE_BUTTONS]
    ]
    await request.send(Rendered(request.text("skm.poster.pick"), rows_of(buttons, 1)))


async def make_poster(request: Request, action: MakePoster) -> None:
    """The A4 poster as a PNG file."""
    admin = request.services.skm_admin
    service = await admin.poster_service(request.actor, action.service_id)
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
