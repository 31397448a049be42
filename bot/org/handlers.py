"""``/daftar`` (NIP then code) and the ``reg_<code>`` deep link."""

from __future__ import annotations

from bot.core.handlers import show_menu
from bot.request import Request
from domain.errors import PermissionDenied
from domain.org.actions import StartRegistration

FLOW = "registration"


async def register(request: Request, action: StartRegistration) -> None:
    """``/daftar`` and the menu's "Daftar sebagai pegawai"."""
    try:
        turn = await request.services.conversations.begin(request.actor, FLOW, "self", restart=True)
    except PermissionDenied as refused:  # already registered: said as a message, as always
        await request.error(refused)
        return
    await request.show_turn(turn)


async def register_deep_link(request: Request, code: str) -> None:
    """``/start reg_<code>``: the code alone identifies the employee it was issued to."""
    member = await request.services.registration.redeem(request.actor, code)
    request.actor = await request.services.directory.identify(request.actor.telegram_id)
    await request.say("registration.welcome", name=member.name)
    await show_menu(request)
