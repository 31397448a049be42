"""The 360° results in chat (issue 11): on ``/hasil`` for the employee, on a subordinate's
screen and before the assessment form for their pejabat penilai. Text first (what is shown,
or why not), then the radar chart as a photo when anything is shown."""

from __future__ import annotations

import asyncio
import io
from functools import partial

from telegram import InputFile

from bot.appraisal import handlers as appraisal
from bot.peer import results_screens
from bot.render.peer_charts import radar_chart
from bot.request import Request
from domain.appraisal.actions import AssessSubordinate
from domain.peer.raters import Relation


async def send_results(
    request: Request, period_id: int, employee_id: int | None = None, *, chart: bool = True
) -> None:
    """The results of ``employee_id`` (``None``: the reader's own) in a period. Nothing at all
    where nobody was asked for feedback after the deadline (nothing to say)."""
    found = await request.services.results.results(request.actor, period_id, employee_id)
    if not found.open and not any(found.asked(relation) for relation in Relation):
        return
    await request.send(results_screens.results(request.lang, request.timezone, found))
    if chart and found.anything_shown:
        png = await asyncio.to_thread(partial(radar_chart, found, request.lang))
        photo = InputFile(io.BytesIO(png), filename="radar-berakhlak.png")
        caption = request.text("results.chart.caption", {"name": found.member.name})
        await request.context.bot.send_photo(request.chat_id, photo, caption=caption)


async def assess(request: Request, action: AssessSubordinate) -> None:
    """The peer summary of the subordinate first (advice for the Rating Perilaku Kerja), then
    the assessment form."""
    await send_results(request, action.period_id, action.employee_id, chart=False)
    await appraisal.assess(request, action)
