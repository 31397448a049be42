"""The main menu: what each role can do, as buttons. One list, so it is easy to see it all."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import menu
from bot.i18n import Raw, t
from bot.screens import Rendered, rows_of
from domain.actors import Actor, Role

CITIZEN = frozenset({Role.CITIZEN})
EMPLOYEE = frozenset({Role.EMPLOYEE})
SUPERVISOR = frozenset({Role.SUPERVISOR})
ADMIN = frozenset({Role.ADMIN})
ORG_ADMIN = frozenset({Role.ORG_ADMIN})
UNIT_HEAD = frozenset({Role.UNIT_HEAD})
EVERYONE = frozenset(Role)


@dataclass(frozen=True, slots=True)
class MenuItem:
    label: str
    action: str
    roles: frozenset[Role]


MENU: tuple[MenuItem, ...] = (
    MenuItem("appraisal.menu.self", "self", EMPLOYEE),
    MenuItem("appraisal.menu.results", "results", EMPLOYEE),
    MenuItem("appraisal.menu.skp", "skp", EMPLOYEE),
    MenuItem("appraisal.menu.team", "team", SUPERVISOR),
    MenuItem("appraisal.menu.distribution", "dist", ADMIN | UNIT_HEAD),
    MenuItem("appraisal.menu.periods", "periods", ORG_ADMIN),
    MenuItem("core.menu.rate_service", "skm_find", EVERYONE),
    MenuItem("skm.menu.report", "skm_report", ADMIN | UNIT_HEAD),
    MenuItem("skm.menu.poster", "skm_poster", ADMIN),
    MenuItem("core.menu.register", "register", CITIZEN),
    MenuItem("core.menu.help", "help", EVERYONE),
    MenuItem("core.menu.language", "language", EVERYONE),
)


def render_menu(actor: Actor, *, organisation: str | None, tasks: list[str]) -> Rendered:
    lang = actor.language
    if actor.member is None:
        org = f" — {organisation}" if organisation else ""
        greeting = t(lang, "core.greeting.citizen", org=org)
    else:
        member = actor.member
        greeting = t(
            lang,
            "core.greeting.member",
            name=member.name,
            position=member.position,
            unit=member.unit_name,
        )
        lines = "\n".join(f"• {task}" for task in tasks) or t(lang, "core.tasks.none")
        greeting += "\n\n" + t(lang, "core.tasks.title") + "\n" + str(Raw(lines))
    items = [item for item in MENU if item.roles & actor.roles]
    buttons = [(t(lang, item.label), menu(item.action)) for item in items]
    return Rendered(greeting, rows_of(buttons, 2))
