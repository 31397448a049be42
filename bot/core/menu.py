"""The main menu: what each role can do, as buttons. One list, so it is easy to see it all."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Raw, t
from bot.screens import Rendered, rows_of
from domain.actions import Action, ShowHelp, SwitchLanguage
from domain.actors import Actor, Role
from domain.appraisal.actions import (
    ListPeriods,
    ShowDistribution,
    ShowResults,
    ShowSkp,
    ShowTeam,
    StartSelfAssessment,
)
from domain.org.actions import StartRegistration
from domain.peer.actions import ListFeedback
from domain.skm.actions import ChoosePosterService, ChooseReportScope, FindService

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
    action: Action
    roles: frozenset[Role]
    when: str | None = None  # shown only while this task (a text key of the tasks) is waiting


MENU: tuple[MenuItem, ...] = (
    MenuItem("appraisal.menu.self", StartSelfAssessment(), EMPLOYEE),
    MenuItem("peer.menu.give", ListFeedback(), EMPLOYEE, when="peer.task.give"),
    MenuItem("appraisal.menu.results", ShowResults(), EMPLOYEE),
    MenuItem("appraisal.menu.skp", ShowSkp(), EMPLOYEE),
    MenuItem("appraisal.menu.team", ShowTeam(), SUPERVISOR),
    MenuItem("appraisal.menu.distribution", ShowDistribution(), ADMIN | UNIT_HEAD),
    MenuItem("appraisal.menu.periods", ListPeriods(), ORG_ADMIN),
    MenuItem("core.menu.rate_service", FindService(), EVERYONE),
    MenuItem("skm.menu.report", ChooseReportScope(), ADMIN | UNIT_HEAD),
    MenuItem("skm.menu.poster", ChoosePosterService(), ADMIN),
    MenuItem("core.menu.register", StartRegistration(), CITIZEN),
    MenuItem("core.menu.help", ShowHelp(), EVERYONE),
    MenuItem("core.menu.language", SwitchLanguage(), EVERYONE),
)


def render_menu(
    actor: Actor,
    *,
    organisation: str | None,
    tasks: list[str],
    waiting: frozenset[str] = frozenset(),
) -> Rendered:
    """The greeting, the tasks, and the menu of the actor's roles; ``waiting`` holds the text
    keys of the tasks, for items shown only while something waits."""
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
    items = [
        item
        for item in MENU
        if item.roles & actor.roles and (item.when is None or item.when in waiting)
    ]
    buttons = [(t(lang, item.label), item.action) for item in items]
    return Rendered(greeting, rows_of(buttons, 2))
