"""``/pengingat`` and the buttons of reminders and digests. Each handler receives its typed
action (:mod:`domain.reminders.actions`); the use case authorises the presser again."""

from __future__ import annotations

from bot.appraisal.handlers import objection_case, one_subordinate
from bot.request import Request
from bot.screens import Rendered
from domain.appraisal.actions import ShowObjection, ShowSubordinate
from domain.reminders.actions import (
    DigestItem,
    OpenDigestItem,
    SetReminderMute,
    ShowReminderSettings,
)
from domain.reminders.model import Mute


async def settings(request: Request, action: ShowReminderSettings) -> None:
    current = await request.services.reminders.mute(request.actor)
    await request.send(_settings_screen(request, current))


async def set_mute(request: Request, action: SetReminderMute) -> None:
    chosen = await request.services.reminders.set_mute(request.actor, action.mute)
    await request.say("reminders.mute.saved", current=request.text(f"reminders.mute.{chosen}"))


def _settings_screen(request: Request, current: Mute) -> Rendered:
    hours = request.services.settings.office_hours
    body = request.text(
        "reminders.settings",
        {"current": request.text(f"reminders.mute.{current}"), "hours": hours},
    )
    buttons = tuple(
        (
            (
                ("✓ " if m is current else "") + request.text(f"reminders.mute.{m}"),
                SetReminderMute(m),
            ),
        )
        for m in Mute
    )
    return Rendered(body, buttons)


async def digest_item(request: Request, action: OpenDigestItem) -> None:
    """A digest's button: the item's screen while it still waits, else a short note."""
    state = await request.services.reminders.digest_item(
        request.actor, action.item, action.period_id, action.employee_id
    )
    if not state.pending:
        await request.say(f"reminders.item.done.{action.item}", name=state.name)
        return
    if action.item is DigestItem.DECIDE:
        await objection_case(request, ShowObjection(action.period_id, action.employee_id))
    else:
        await one_subordinate(request, ShowSubordinate(action.period_id, action.employee_id))
