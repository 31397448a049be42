"""The routing table: one route per action of every area, commands and deep links in one place,
and a router that hands each handler its typed action — with no registry filled at start-up."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

import bot
import domain
from bot.router import Command, DeepLink, Router, Routes, on
from bot.routes import MENU_COMMANDS, ROUTES
from domain.actions import Action, ShowHelp, ShowMenu, UnreadableAction
from domain.appraisal.actions import ShowSubordinate
from domain.org.access import PEOPLE


def _modules(package: ModuleType) -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            yield importlib.import_module(info.name)


MODULES = [*_modules(domain), *_modules(bot)]


def _actions_defined_in(module: ModuleType) -> Iterator[type[Action]]:
    for value in vars(module).values():
        is_action = isinstance(value, type) and issubclass(value, Action) and value is not Action
        if is_action and value.__module__ == module.__name__:
            yield value


def test_every_action_of_every_area_has_exactly_one_route() -> None:
    known = {a for module in MODULES for a in _actions_defined_in(module)}
    routed = [route.codec.action for route in ROUTES.actions]
    assert len(routed) == len(set(routed))
    assert set(routed) == known - {UnreadableAction}


def test_every_command_in_telegram_s_menu_is_in_the_table() -> None:
    names = {name for command in ROUTES.commands for name in command.names}
    assert set(MENU_COMMANDS) - {"start"} <= names
    assert "start" not in names  # /start is the router's: deep links, then ``ROUTES.start``


def _mutable_registries(module: ModuleType) -> list[str]:
    found = []
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        items = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list | set) and any(callable(item) for item in items):
            found.append(f"{module.__name__}.{name}")
    return found


def test_no_module_keeps_a_mutable_registry_of_handlers() -> None:
    """A table of handlers is read-only data (a tuple, a MappingProxyType): nothing registers
    into a module at start-up."""
    found = [name for module in MODULES for name in _mutable_registries(module)]
    assert found == []


@dataclass
class Query:
    data: str | None
    answers: list[str | None] = field(default_factory=list)

    async def answer(self, text: str | None = None) -> None:
        self.answers.append(text)


def request(*, data: str | None = None, args: list[str] | None = None) -> Any:
    update = SimpleNamespace(callback_query=Query(data))
    return SimpleNamespace(
        update=update,
        context=SimpleNamespace(args=args),
        who="a citizen",
        text=lambda key, params=None: key,
    )


def recorder() -> tuple[list[object], Callable[..., Any]]:
    calls: list[object] = []

    async def record(req: Any, *args: object) -> None:
        calls.append(args[0] if args else "called")

    return calls, record


async def test_a_pressed_button_reaches_its_handler_as_a_typed_action() -> None:
    calls, record = recorder()
    router = Router(
        Routes(
            start=record,
            commands=(),
            actions=(on("subordinate.1", ShowSubordinate, record),),
            deep_links=(),
            legacy={},
        )
    )
    pressed = request(data="subordinate.1:3:17")
    await router.on_button(pressed)
    assert calls == [ShowSubordinate(3, 17)]
    assert pressed.update.callback_query.answers == [None]


@pytest.mark.parametrize("data", ["m1:sub:3:17", "menu.1", "subordinate.1:x:17", None])
async def test_an_unknown_button_is_answered_as_unknown_and_runs_nothing(data) -> None:
    calls, record = recorder()
    router = Router(
        Routes(record, (), (on("subordinate.1", ShowSubordinate, record),), (), legacy={})
    )
    pressed = request(data=data)
    await router.on_button(pressed)
    assert calls == []
    assert pressed.update.callback_query.answers == ["core.button_unknown"]


async def test_a_command_naming_an_action_runs_that_action_s_handler() -> None:
    calls, record = recorder()
    router = Router(
        Routes(
            record,
            (Command(("bantuan",), ShowHelp(), roles=PEOPLE, help="help.command.bantuan"),),
            (on("help.1", ShowHelp, record),),
            (),
            {},
        )
    )
    [command] = router.routes.commands
    await router.command(command.does)(request())
    assert calls == [ShowHelp()]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["reg_ABCD2345"], ("reg", "ABCD2345")),
        (["skm_KTP-EL"], ("skm", "KTP-EL")),
        (["other"], "start"),
        (None, "start"),
    ],
)
async def test_start_follows_a_deep_link_by_its_prefix_else_shows_the_start(args, expected):
    calls: list[object] = []

    def link(tag: str) -> Callable[..., Any]:
        async def follow(req: Any, rest: str) -> None:
            calls.append((tag, rest))

        return follow

    async def start(req: Any) -> None:
        calls.append("start")

    links = (DeepLink("reg_", link("reg")), DeepLink("skm_", link("skm")))
    router = Router(Routes(start, (), (on("menu.1", ShowMenu, start),), links, {}))
    await router.on_start(request(args=args))
    assert calls == [expected]
