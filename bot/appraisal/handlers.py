"""The appraisal cycle in chat: ``/penilaian``, ``/skp``, ``/hasil``, ``/tim``, ``/distribusi``,
``/periode`` and their buttons. Each handler receives its typed action
(:mod:`domain.appraisal.actions`); every one is authorised again by the use case it calls."""

from __future__ import annotations

from collections.abc import Callable

from bot.appraisal import screens
from bot.request import Request
from domain.actions import Action
from domain.appraisal import forms
from domain.appraisal.actions import (
    AcknowledgeResult,
    AssessSubordinate,
    ClosePeriod,
    CreatePeriod,
    DecideObjection,
    DecideObjectionEarly,
    FileObjection,
    ListPeriods,
    OpenPeriod,
    RespondToObjection,
    ShowDistribution,
    ShowObjection,
    ShowResults,
    ShowSkp,
    ShowSubordinate,
    ShowTeam,
    StartSelfAssessment,
)
from domain.appraisal.cases import Case, employee_subject, own_subject
from domain.appraisal.period_flow import PERIOD_CREATE
from domain.appraisal.periods import AppraisalPeriod
from domain.org.structure import normalise_code


async def pick_period(
    request: Request, chosen: int | None, choose: Callable[[int], Action]
) -> AppraisalPeriod | None:
    """The open period the person means: the one in the button, the only one, or a choice
    (whose buttons ask for ``choose(period id)``, e.g. carrying the unit asked about along)."""
    periods = await request.services.appraisals.open_periods(request.actor)
    if chosen is not None:
        match = [p for p in periods if p.id == chosen]
        if match:
            return match[0]
        await request.say("appraisal.period_not_open")  # a button of a period now closed
        return None
    if not periods:
        await request.say("appraisal.no_open_period")
        return None
    if len(periods) == 1:
        return periods[0]
    await request.send(screens.period_choice(request.lang, periods, choose))
    return None


async def self_assessment(request: Request, action: StartSelfAssessment) -> None:
    period = await pick_period(request, action.period_id, StartSelfAssessment)
    if period is None or period.id is None:
        return
    turn = await request.services.conversations.begin(
        request.actor, forms.SELF_ASSESSMENT, own_subject(period.id)
    )
    await request.show_turn(turn)


async def my_skp(request: Request, action: ShowSkp) -> None:
    year, items = await request.services.appraisals.my_skp(request.actor)
    assert request.actor.member is not None
    await request.send(screens.skp(request.lang, request.actor.member.name, year, items))


async def my_results(request: Request, action: ShowResults) -> None:
    chosen = action.period_id
    found = await request.services.appraisals.results(request.actor, chosen)
    pending = await request.services.appraisals.pending_decisions(request.actor)
    if not found and not pending:
        await request.say("appraisal.results.none")
    for result in found:
        await request.send(screens.result(request.lang, request.timezone, result))
        if (
            chosen is not None
        ):  # one period asked for: its bukti dukung too, not those of four periods
            await send_evidence(request, result.case)
    for case in pending:
        now = request.services.clock.now()
        await request.send(screens.objection_case(request.lang, request.timezone, case, now))
        await send_evidence(request, case)  # the atasan decides on the evidence as well


async def my_team(request: Request, action: ShowTeam) -> None:
    period = await pick_period(request, action.period_id, ShowTeam)
    if period is None or period.id is None:
        return
    lines = await request.services.appraisals.team(request.actor, period.id)
    await request.send(screens.team(request.lang, period, lines))


async def one_subordinate(request: Request, action: ShowSubordinate) -> None:
    case = await request.services.appraisals.subordinate_case(
        request.actor, action.period_id, action.employee_id
    )
    await request.send(screens.subordinate_case(request.lang, request.timezone, case))
    await send_evidence(request, case)


async def _begin_on(request: Request, flow: str, period_id: int, employee_id: int) -> None:
    subject = employee_subject(period_id, employee_id)
    turn = await request.services.conversations.begin(request.actor, flow, subject)
    await request.show_turn(turn)


async def send_evidence(request: Request, case: Case) -> None:
    """The bukti dukung the employee attached, forwarded by Telegram file id."""
    bot = request.context.bot
    files = [
        (request.text("appraisal.case.evidence_caption", {"number": number}), kind, file_id)
        for number, kind, file_id in screens.evidence(case)
    ]
    if found := screens.tanggapan_evidence(case):
        files.append((request.text("appraisal.case.tanggapan_caption"), *found))
    for caption, kind, file_id in files:
        if kind == "photo":
            await bot.send_photo(request.chat_id, file_id, caption=caption)
        else:
            await bot.send_document(request.chat_id, file_id, caption=caption)


async def assess(request: Request, action: AssessSubordinate) -> None:
    await _begin_on(request, forms.ASSESSMENT, action.period_id, action.employee_id)


async def acknowledge(request: Request, action: AcknowledgeResult) -> None:
    await request.services.appraisals.acknowledge(request.actor, action.period_id)
    periods = {p.id: p.name for p in await request.services.appraisals.open_periods(request.actor)}
    await request.say("appraisal.ack.done", period=periods.get(action.period_id, ""))


async def file_objection(request: Request, action: FileObjection) -> None:
    turn = await request.services.conversations.begin(
        request.actor, forms.OBJECTION, own_subject(action.period_id)
    )
    await request.show_turn(turn)


async def objection_case(request: Request, action: ShowObjection) -> None:
    case = await request.services.appraisals.objection_case(
        request.actor, action.period_id, action.employee_id
    )
    now = request.services.clock.now()
    await request.send(screens.objection_case(request.lang, request.timezone, case, now))
    await send_evidence(request, case)


async def decide(request: Request, action: DecideObjection) -> None:
    await _begin_on(request, forms.DECISION, action.period_id, action.employee_id)


async def decide_early(request: Request, action: DecideObjectionEarly) -> None:
    """Deciding before the pejabat penilai's tanggapan came or was due: why, first."""
    await _begin_on(request, forms.DECISION_EARLY, action.period_id, action.employee_id)


async def respond(request: Request, action: RespondToObjection) -> None:
    """The pejabat penilai's tanggapan on an objection to their assessment."""
    await _begin_on(request, forms.TANGGAPAN, action.period_id, action.employee_id)


async def cmd_distribution(request: Request) -> None:
    """``/distribusi [KODE]``."""
    typed = request.context.args[0] if request.context.args else None
    await distribution(
        request, ShowDistribution(unit_code=normalise_code(typed) if typed else None)
    )


async def distribution(request: Request, action: ShowDistribution) -> None:
    unit = action.unit_code
    period = await pick_period(request, action.period_id, lambda p: ShowDistribution(p, unit))
    if period is None or period.id is None:
        return
    found = await request.services.appraisals.distribution(request.actor, period.id, unit)
    await request.send(screens.distribution(request.lang, found))


async def list_periods(request: Request, action: ListPeriods) -> None:
    found = await request.services.periods.all(request.actor)
    await request.send(screens.periods(request.lang, found))


async def open_period(request: Request, action: OpenPeriod) -> None:
    period = await request.services.periods.open(request.actor, action.period_id)
    await request.say("period.opened", name=period.name)
    await list_periods(request, ListPeriods())


async def close_period(request: Request, action: ClosePeriod) -> None:
    period = await request.services.periods.close(request.actor, action.period_id)
    await request.say("period.closed", name=period.name)
    await list_periods(request, ListPeriods())


async def new_period(request: Request, action: CreatePeriod) -> None:
    turn = await request.services.conversations.begin(request.actor, PERIOD_CREATE, "new")
    await request.show_turn(turn)
