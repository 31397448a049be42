"""Coaching and development in chat: recording a session and a plan item (the pejabat
penilai), answering Format B.1.8 (the employee), and the development record on ``/hasil`` and
on a subordinate's screen. Every handler's use case or flow authorises the presser again."""

from __future__ import annotations

from bot.appraisal import handlers as appraisal
from bot.peer import development_screens as screens
from bot.peer.results_handlers import send_results
from bot.request import Request
from domain.appraisal.actions import ClosePeriod, ShowResults, ShowSubordinate, StartSelfAssessment
from domain.peer import coaching
from domain.peer.coaching_flows import RECORD_FLOW, SESSIONS, TARGETS, CoachingRef, CoachingTarget
from domain.peer.development_actions import (
    AgreePlanItem,
    AnswerCoaching,
    RecordCoaching,
    ShowDevelopment,
)
from domain.peer.plan_flow import PLAN_FLOW


async def record_coaching(request: Request, action: RecordCoaching) -> None:
    subject = TARGETS.encode(CoachingTarget(action.period_id, action.employee_id))
    turn = await request.services.conversations.begin(request.actor, RECORD_FLOW, subject)
    await request.show_turn(turn)


async def agree_plan(request: Request, action: AgreePlanItem) -> None:
    subject = TARGETS.encode(CoachingTarget(action.period_id, action.employee_id))
    turn = await request.services.conversations.begin(request.actor, PLAN_FLOW, subject)
    await request.show_turn(turn)


async def answer_coaching(request: Request, action: AnswerCoaching) -> None:
    subject = SESSIONS.encode(CoachingRef(action.period_id, action.record_id))
    turn = await request.services.conversations.begin(
        request.actor, coaching.QUESTIONNAIRE_ID, subject
    )
    await request.show_turn(turn)


async def show_development(request: Request, action: ShowDevelopment) -> None:
    record = await request.services.development.record(
        request.actor, action.period_id, action.employee_id
    )
    await request.send(screens.development(request.lang, record))


async def one_subordinate(request: Request, action: ShowSubordinate) -> None:
    """The subordinate's case, then their coaching and development with its buttons."""
    await appraisal.one_subordinate(request, action)
    await send_results(request, action.period_id, action.employee_id)
    await show_development(request, ShowDevelopment(action.period_id, action.employee_id))


async def my_results(request: Request, action: ShowResults) -> None:
    """``/hasil``: the appraisal results, then for those periods (and the open ones) the 360°
    results and the coaching and development, where anything was recorded."""
    await appraisal.my_results(request, action)
    if request.actor.member is None:
        return
    services = request.services
    shown = [r.case.period_id for r in await services.appraisals.results(request.actor)]
    if action.period_id is not None:
        shown = [action.period_id]
    else:
        shown += [p.id for p in await services.appraisals.open_periods(request.actor) if p.id]
    for period_id in dict.fromkeys(shown):
        await send_results(request, period_id)
        record = await services.development.record(request.actor, period_id)
        if not record.empty:
            await request.send(screens.development(request.lang, record))


async def self_assessment(request: Request, action: StartSelfAssessment) -> None:
    """The previous period's agreed plan first (if any), then the self-assessment."""
    if request.actor.member is not None:
        periods = await request.services.appraisals.open_periods(request.actor)
        chosen = action.period_id or (periods[0].id if len(periods) == 1 else None)
        if chosen is not None:
            plan = await request.services.development.previous_plan(request.actor, chosen)
            if plan:
                await request.send(screens.previous_plan(request.lang, plan))
    await appraisal.self_assessment(request, action)


async def close_period(request: Request, action: ClosePeriod) -> None:
    """Closing a period freezes its results: the development recommendations go out."""
    await appraisal.close_period(request, action)
    told = await request.services.recommendations.send_for_period(request.actor, action.period_id)
    await request.say("development.recommendations_sent", count=told)
