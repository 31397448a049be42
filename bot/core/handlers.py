"""The menu, ``/bantuan`` and ``/bahasa``: what everyone can ask for. ``/start`` and its deep
links, and the decoding of menu buttons, are the router's (:mod:`bot.router`)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.help import render_help
from bot.core.menu import render_menu
from bot.request import Request
from bot.router import Command
from bot.screens import Rendered
from domain.actions import ShowMenu, SwitchLanguage


async def show_menu(request: Request) -> None:
    organisation = await request.services.directory.organisation_name()
    notices = await request.services.tasks(request.actor)
    tasks = [request.text(n.key, n.params) for n in notices]
    waiting = frozenset(n.key for n in notices)
    await request.send(
        render_menu(request.actor, organisation=organisation, tasks=tasks, waiting=waiting)
    )


async def menu(request: Request, action: ShowMenu) -> None:
    await show_menu(request)


async def show_help(request: Request, commands: Sequence[Command]) -> None:
    """``/bantuan``: the commands this person's roles may use (``commands``: the table's)."""
    await request.send(Rendered(render_help(request.lang, request.actor.roles, commands)))


async def cmd_language(request: Request) -> None:
    """``/bahasa [id|en]``: the language asked for, else the other one."""
    wanted = request.context.args[0].lower() if request.context.args else ""
    await change_language(request, wanted if wanted in ("id", "en") else None)


async def switch_language(request: Request, action: SwitchLanguage) -> None:
    await change_language(request, None)


async def change_language(request: Request, wanted: str | None) -> None:
    """Switch to ``wanted`` (``None``: the language not in use), then show the menu in it."""
    language = wanted or ("en" if request.lang == "id" else "id")
    await request.services.directory.set_language(request.actor.telegram_id, language)
    request.actor = await request.services.directory.identify(request.actor.telegram_id)
    await request.say("core.language.changed")
    await show_menu(request)
