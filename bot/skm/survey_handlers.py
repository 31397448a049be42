"""The citizen survey in the chat: ``/start skm_<CODE>`` (the QR code at the counter), ``/layanan``
and the menu's "Nilai layanan" to find a service, whose buttons ask for ``RateService(id)``.

Flow (the questionnaire itself is run by the engine's handlers)::

    QR / button ─► privacy note ─► U1 … U9 ─► profile (skippable) ─► saran ─┬─► review ─► thanks
         │                                                        contact ◄┘
         ├─ unknown or inactive service ──► "not found" + how to search
         └─ already rated today ──────────► refused (error.rate_limited.skm_today)

Privacy: nothing here logs who is rating what. A refusal is answered directly, not through
``Request.error`` (whose log line names the person and the refusal's parameters: "rated service
X today" next to an account would undo the survey's anonymity).
"""

from __future__ import annotations

import logging

from bot.request import Request
from bot.screens import Press, Rendered
from domain.engine.conversations import Turn
from domain.errors import NotFound, RateLimited
from domain.skm.actions import FindService, RateService
from domain.skm.survey_flow import SEARCH_LIMIT

log = logging.getLogger(__name__)


async def _refuse_quietly(request: Request, error: RateLimited) -> None:
    """Say why, without the log line: the refusal itself says this person rated today."""
    await request.say(error.message_key, **error.params)


async def _start_survey(request: Request, turn: Turn) -> None:
    if turn.questionnaire is not None:  # a just-begun survey always has its questions
        await request.say("skm.survey.privacy", **turn.questionnaire.params)
    await request.show_turn(turn)


async def survey_deep_link(request: Request, code: str) -> None:
    """``/start skm_<CODE>``: open that service's survey, or say how to find the right one."""
    try:
        turn = await request.services.skm_surveys.open(request.actor, code)
    except NotFound:
        log.info("survey link for unknown or inactive service %r", code[:40])
        await request.say("skm.survey.unknown_service", code=code[:40])
        await show_services(request, "")
        return
    except RateLimited as error:
        await _refuse_quietly(request, error)
        return
    await _start_survey(request, turn)


async def rate_service(request: Request, action: RateService) -> None:
    """A search result's button."""
    try:
        turn = await request.services.skm_surveys.open_by_id(request.actor, action.service_id)
    except NotFound:
        await request.say("skm.survey.unknown_service", code=str(action.service_id))
        return
    except RateLimited as error:
        await _refuse_quietly(request, error)
        return
    await _start_survey(request, turn)


async def show_services(request: Request, query: str) -> None:
    """Active services matching ``query`` as buttons (all of them for an empty query)."""
    surveys = request.services.skm_surveys
    found = await surveys.find(query)
    if not found:
        await request.say("skm.search.none", query=query)
        return
    shown = found[: len(found) - 1] if len(found) > SEARCH_LIMIT else found
    buttons: tuple[tuple[tuple[str, Press], ...], ...] = tuple(
        (
            (
                request.text("skm.search.button", {"service": s.name, "unit": s.unit_name}),
                RateService(s.id),
            ),
        )
        for s in shown
    )
    intro = ("skm.search.found", {"query": query}) if query else ("skm.search.ask", {})
    lines = [request.text(*intro)]
    if len(found) > SEARCH_LIMIT:
        lines.append(request.text("skm.search.more", {"query": query or "akta"}))
    await request.send(Rendered("\n\n".join(lines), buttons))


async def cmd_services(request: Request) -> None:
    """``/layanan [kata]``."""
    await show_services(request, " ".join(request.context.args or [])[:60])


async def find_service(request: Request, action: FindService) -> None:
    """The menu's "Nilai layanan"."""
    await show_services(request, "")
