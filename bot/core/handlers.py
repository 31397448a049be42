"""``/start`` (with deep links), ``/menu``, ``/bantuan``, ``/bahasa`` and the menu buttons."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.callbacks import BadCallback, MenuButton, decode
from bot.core.menu import render_menu
from bot.request import Request, answer, handler

log = logging.getLogger(__name__)

MenuAction = Callable[[Request, tuple[str, ...]], Awaitable[None]]
DeepLink = Callable[[Request, str], Awaitable[None]]

# Filled by bot.routes.register(): action name -> handler, deep-link prefix -> handler.
MENU_ACTIONS: dict[str, MenuAction] = {}
DEEP_LINKS: dict[str, DeepLink] = {}


async def show_menu(request: Request) -> None:
    organisation = await request.services.directory.organisation_name()
    tasks = [request.text(n.key, n.params) for n in await request.services.tasks(request.actor)]
    await request.send(render_menu(request.actor, organisation=organisation, tasks=tasks))


@handler
async def cmd_start(request: Request) -> None:
    payload = request.context.args[0] if request.context.args else ""
    for prefix, follow in DEEP_LINKS.items():
        if payload.startswith(prefix):
            await follow(request, payload[len(prefix) :])
            return
    await show_menu(request)


@handler
async def cmd_menu(request: Request) -> None:
    await show_menu(request)


@handler
async def cmd_help(request: Request) -> None:
    await request.say("core.help")


@handler
async def cmd_language(request: Request) -> None:
    await switch_language(request, ())


async def switch_language(request: Request, args: tuple[str, ...]) -> None:
    wanted = request.context.args[0].lower() if request.context.args else ""
    if wanted not in ("id", "en"):
        wanted = "en" if request.lang == "id" else "id"
    await request.services.directory.set_language(request.actor.telegram_id, wanted)
    request.actor = await request.services.directory.identify(request.actor.telegram_id)
    await request.say("core.language.changed")
    await show_menu(request)


async def _help(request: Request, args: tuple[str, ...]) -> None:
    await request.say("core.help")


async def _menu(request: Request, args: tuple[str, ...]) -> None:
    await show_menu(request)


@handler
async def on_menu_button(request: Request) -> None:
    query = request.update.callback_query
    assert query is not None
    try:
        button = decode(query.data)
    except BadCallback:
        button = None
    if not isinstance(button, MenuButton) or button.action not in MENU_ACTIONS:
        log.warning("unknown menu button from %s", request.who)
        await answer(query, request.text("core.button_unknown"))
        return
    # Answered after the action: a refusal (a domain error) answers with its reason instead.
    await MENU_ACTIONS[button.action](request, button.args)
    await answer(query)


MENU_ACTIONS.update({"help": _help, "language": switch_language, "menu": _menu})
