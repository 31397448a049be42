"""Peer feedback in chat: ``/umpanbalik`` and its buttons, a subordinate's raters from the
team screen, the choice of raters, the frozen summary. Each handler receives its typed action
(:mod:`domain.peer.actions`); every one is authorised again by the use case it calls."""

from __future__ import annotations

from bot.peer import screens
from bot.request import Request
from domain.peer.actions import (
    GiveFeedback,
    ListFeedback,
    NominateRaters,
    ShowPeerSummary,
    ShowRaters,
)
from domain.peer.nomination_flow import NOMINATIONS, QUESTIONNAIRE_ID, NominationRef


async def list_feedback(request: Request, action: ListFeedback) -> None:
    """``/umpanbalik``: whom I am asked to rate, and my own results once frozen."""
    peer = request.services.peer
    lists = [
        found
        for found in await peer.my_list(request.actor)
        if action.period_id in (None, found.period.id)
    ]
    rated = [(p.id or 0, p.name) for p in await peer.rated_periods(request.actor)]
    await request.send(screens.rater_list(request.lang, request.timezone, lists, rated))


async def give_feedback(request: Request, action: GiveFeedback) -> None:
    """The who-sees-what statement, then the form (resumed, or to edit until the deadline)."""
    statement, turn = await request.services.peer.begin(request.actor, action.assignment_id)
    await request.notices((statement,))
    await request.show_turn(turn)


async def show_raters(request: Request, action: ShowRaters) -> None:
    view = await request.services.peer.raters_of(
        request.actor, action.period_id, action.employee_id
    )
    await request.send(screens.raters(request.lang, request.timezone, view))


async def nominate(request: Request, action: NominateRaters) -> None:
    subject = NOMINATIONS.encode(
        NominationRef(action.period_id, action.employee_id, action.relation)
    )
    turn = await request.services.conversations.begin(request.actor, QUESTIONNAIRE_ID, subject)
    await request.show_turn(turn)


async def show_summary(request: Request, action: ShowPeerSummary) -> None:
    view = await request.services.peer.summary(request.actor, action.period_id, action.employee_id)
    await request.send(screens.summary(request.lang, request.timezone, view))
