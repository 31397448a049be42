"""The shape of the routing table (:mod:`bot.routes`) and the router that follows it.

The table is data, built once: commands, button actions (each with its codec), deep links. The
:class:`Router` is made from it when the application is built, and nothing is registered into
a module afterwards. A button press is decoded to its typed action and handed to the action's
handler; a command may name an action too (``/hasil`` is ``ShowResults()``), so a command and
its menu button run the same code.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from bot.callbacks import ActionCodec, BadCallback, Codecs
from bot.request import Handler, Request, answer
from domain.actions import Action, ActionCatalogue
from domain.actors import Role

log = logging.getLogger(__name__)
A = TypeVar("A", bound=Action)


@dataclass(frozen=True, slots=True)
class Command:
    """``/name`` (the first name is the one Telegram's menu shows): a handler, or an action.

    ``roles`` are the roles that may use it (groups in :mod:`domain.org.access`) and ``help``
    the key of its line in ``/bantuan`` (what it does, with one example): the help of a person
    lists every command one of their roles may use, and no other (:mod:`bot.core.help`).
    """

    names: tuple[str, ...]
    does: Handler | Action
    roles: frozenset[Role]
    help: str


@dataclass(frozen=True, slots=True)
class ActionRoute(Generic[A]):
    """A button's action: its codec (callback data) and its handler."""

    codec: ActionCodec[A]
    handle: Callable[[Request, A], Awaitable[None]]


def on(
    prefix: str, action: type[A], handle: Callable[[Request, A], Awaitable[None]]
) -> ActionRoute[A]:
    """The route of ``action``: data ``<prefix>[:<field>...]``, answered by ``handle``."""
    return ActionRoute(ActionCodec(prefix, action), handle)


@dataclass(frozen=True, slots=True)
class DeepLink:
    """``/start <prefix><rest>`` (a t.me link's payload): ``handle(request, rest)``."""

    prefix: str
    handle: Callable[[Request, str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Routes:
    """The routing table. ``start`` answers ``/start`` without a known deep link; ``legacy``
    names the route strings outbox rows carried before typed actions (``"sub"``)."""

    start: Handler
    commands: tuple[Command, ...]
    actions: tuple[ActionRoute[Any], ...]
    deep_links: tuple[DeepLink, ...]
    legacy: Mapping[str, type[Action]]


class Router:
    """Follows a :class:`Routes` table: decodes button presses, runs actions and deep links."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.codecs = Codecs(route.codec for route in routes.actions)
        self.catalogue = ActionCatalogue(
            (route.codec.action for route in routes.actions), legacy=routes.legacy
        )
        self._routes: Mapping[type[Action], ActionRoute[Any]] = MappingProxyType(
            {route.codec.action: route for route in routes.actions}
        )

    async def perform(self, request: Request, action: Action) -> None:
        await self._routes[type(action)].handle(request, action)

    def command(self, does: Handler | Action) -> Handler:
        """The handler of a command: its own, or the one of the action it names."""
        if not isinstance(does, Action):
            return does

        async def perform(request: Request) -> None:
            await self.perform(request, does)

        return perform

    async def on_button(self, request: Request) -> None:
        """A pressed button (any but a questionnaire's): decode it, then run its action."""
        query = request.update.callback_query
        assert query is not None
        try:
            action = self.codecs.decode(query.data)
        except BadCallback:
            log.warning("unknown button from %s", request.who)
            await answer(query, request.text("core.button_unknown"))
            return
        # Answered after the action: a refusal (a domain error) answers with its reason instead.
        await self.perform(request, action)
        await answer(query)

    async def on_start(self, request: Request) -> None:
        """``/start``, ``/start reg_<code>``, ``/start skm_<CODE>``..."""
        payload = request.context.args[0] if request.context.args else ""
        for link in self.routes.deep_links:
            if payload.startswith(link.prefix):
                await link.handle(request, payload[len(link.prefix) :])
                return
        await self.routes.start(request)
