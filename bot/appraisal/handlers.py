"""The appraisal cycle in chat: ``/penilaian``, ``/skp``, ``/hasil``, ``/tim``, ``/distribusi``,
``/periode`` and their buttons. Every button is authorised again by the use case it calls."""

from __future__ import annotations

from bot.appraisal import screens
from bot.request import Request, handler
from domain.appraisal import forms
from domain.appraisal.cases import Case, employee_subject, own_subject
from domain.appraisal.period_flow import PERIOD_CREATE
from domain.appraisal.periods import AppraisalPeriod
from domain.errors import PermissionDenied
from domain.org.structure import normalise_code


def _ints(args: tuple[str, ...], count: int) -> tuple[int, ...] | None:
    try:
        values = tuple(int(a) for a in args[:count])
    except ValueError:
        return None
    return values if len(values) == count else None


async def pick_period(
    request: Request, action: str, args: tuple[str, ...], *extra: str
) -> AppraisalPeriod | None:
    """The open period the person means: the one in the button, the only one, or a choice
    (whose buttons carry ``extra`` along, e.g. the unit asked about)."""
    periods = await request.services.appraisals.open_periods()
    chosen = _ints(args, 1)
    if chosen is not None:
        match = [p for p in periods if p.id == chosen[0]]
        if match:
            return match[0]
        await request.say("appraisal.period_not_open")  # a button of a period now closed
        return None
    if not periods:
        await request.say("appraisal.no_open_period")
        return None
    if len(periods) == 1:
        return periods[0]
    await request.send(screens.period_choice(request.lang, periods, action, *extra))
    return None


def _require_member(request: Request) -> None:
    if request.actor.member is None:
        raise PermissionDenied("not_registered")


async def self_assessment(request: Request, args: tuple[str, ...]) -> None:
    _require_member(request)
    period = await pick_period(request, "self", args)
    if period is None or period.id is None:
        return
    turn = await request.services.conversations.begin(
        request.actor, forms.SELF_ASSESSMENT, own_subject(period.id)
    )
    await request.show_turn(turn)


async def my_skp(request: Request, args: tuple[str, ...]) -> None:
    _require_member(request)
    year, items = await request.services.appraisals.my_skp(request.actor)
    assert request.actor.member is not None
    await request.send(screens.skp(request.lang, request.actor.member.name, year, items))


async def my_results(request: Request, args: tuple[str, ...]) -> None:
    _require_member(request)
    chosen = _ints(args, 1)
    found = await request.services.appraisals.results(request.actor, chosen[0] if chosen else None)
    pending = await request.services.appraisals.pending_decisions(request.actor)
    if not found and not pending:
        await request.say("appraisal.results.none")
    for result in found:
        await request.send(screens.result(request.lang, request.timezone, result))
        if chosen:  # one period asked for: its bukti dukung too, not those of four periods
            await send_evidence(request, result.case)
    for case in pending:
        await request.send(screens.objection_case(request.lang, request.timezone, case))
        await send_evidence(request, case)  # the atasan decides on the evidence as well


async def my_team(request: Request, args: tuple[str, ...]) -> None:
    _require_member(request)
    period = await pick_period(request, "team", args)
    if period is None or period.id is None:
        return
    lines = await request.services.appraisals.team(request.actor, period.id)
    await request.send(screens.team(request.lang, period, lines))


async def one_subordinate(request: Request, args: tuple[str, ...]) -> None:
    ids = _ints(args, 2)
    if ids is None:
        raise PermissionDenied("not_pejabat_penilai")
    case = await request.services.appraisals.subordinate_case(request.actor, *ids)
    await request.send(screens.subordinate_case(request.lang, request.timezone, case))
    await send_evidence(request, case)


async def _begin_on(request: Request, flow: str, args: tuple[str, ...]) -> None:
    ids = _ints(args, 2)
    if ids is None:
        raise PermissionDenied("not_pejabat_penilai")
    turn = await request.services.conversations.begin(request.actor, flow, employee_subject(*ids))
    await request.show_turn(turn)


async def send_evidence(request: Request, case: Case) -> None:
    """The bukti dukung the employee attached, forwarded by Telegram file id."""
    bot = request.context.bot
    for number, kind, file_id in screens.evidence(case):
        caption = request.text("appraisal.case.evidence_caption", {"number": number})
        if kind == "photo":
            await bot.send_photo(request.chat_id, file_id, caption=caption)
        else:
            await bot.send_document(request.chat_id, file_id, caption=caption)


async def assess(request: Request, args: tuple[str, ...]) -> None:
    await _begin_on(request, forms.ASSESSMENT, args)


async def acknowledge(request: Request, args: tuple[str, ...]) -> None:
    chosen = _ints(args, 1)
    if chosen is None:
        return
    await request.services.appraisals.acknowledge(request.actor, chosen[0])
    periods = {p.id: p.name for p in await request.services.periods.all()}
    await request.say("appraisal.ack.done", period=periods.get(chosen[0], ""))


async def file_objection(request: Request, args: tuple[str, ...]) -> None:
    chosen = _ints(args, 1)
    if chosen is None:
        return
    turn = await request.services.conversations.begin(
        request.actor, forms.OBJECTION, own_subject(chosen[0])
    )
    await request.show_turn(turn)


async def objection_case(request: Request, args: tuple[str, ...]) -> None:
    ids = _ints(args, 2)
    if ids is None:
        raise PermissionDenied("not_atasan_pejabat_penilai")
    case = await request.services.appraisals.objection_case(request.actor, *ids)
    await request.send(screens.objection_case(request.lang, request.timezone, case))
    await send_evidence(request, case)


async def decide(request: Request, args: tuple[str, ...]) -> None:
    await _begin_on(request, forms.DECISION, args)


async def distribution(request: Request, args: tuple[str, ...]) -> None:
    _require_member(request)
    typed = request.context.args[0] if request.context.args else None  # /distribusi KODE
    unit = normalise_code(typed) if typed else (args[1] if len(args) > 1 else None)
    period = await pick_period(request, "dist", args, *([unit] if unit else []))
    if period is None or period.id is None:
        return
    found = await request.services.appraisals.distribution(request.actor, period.id, unit)
    await request.send(screens.distribution(request.lang, found))


def _require_admin(request: Request) -> str:
    """Periods belong to the whole organisation: only its admins (not a unit's) manage them."""
    member = request.actor.member
    if member is None or not member.is_admin or member.admin_unit_id is not None:
        raise PermissionDenied("not_admin")
    return member.nip


async def list_periods(request: Request, args: tuple[str, ...]) -> None:
    _require_admin(request)
    await request.send(screens.periods(request.lang, await request.services.periods.all()))


async def open_period(request: Request, args: tuple[str, ...]) -> None:
    nip, chosen = _require_admin(request), _ints(args, 1)
    if chosen is None:
        return
    period = await request.services.periods.open(chosen[0], actor=nip)
    await request.say("period.opened", name=period.name)
    await list_periods(request, ())


async def close_period(request: Request, args: tuple[str, ...]) -> None:
    nip, chosen = _require_admin(request), _ints(args, 1)
    if chosen is None:
        return
    period = await request.services.periods.close(chosen[0], actor=nip)
    await request.say("period.closed", name=period.name)
    await list_periods(request, ())


async def new_period(request: Request, args: tuple[str, ...]) -> None:
    _require_admin(request)
    turn = await request.services.conversations.begin(request.actor, PERIOD_CREATE, "new")
    await request.show_turn(turn)


MENU_ACTIONS = {
    "self": self_assessment,
    "skp": my_skp,
    "results": my_results,
    "team": my_team,
    "sub": one_subordinate,
    "assess": assess,
    "ack": acknowledge,
    "object": file_objection,
    "case": objection_case,
    "decide": decide,
    "dist": distribution,
    "periods": list_periods,
    "period_open": open_period,
    "period_close": close_period,
    "period_new": new_period,
}


def _command(action: str):  # type: ignore[no-untyped-def]
    @handler
    async def command(request: Request) -> None:
        await MENU_ACTIONS[action](request, ())

    return command


COMMANDS = (
    (("penilaian",), _command("self")),
    (("skp",), _command("skp")),
    (("hasil",), _command("results")),
    (("tim",), _command("team")),
    (("distribusi",), _command("dist")),
    (("periode",), _command("periods")),
)
