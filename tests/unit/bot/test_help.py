"""``/bantuan`` is per role and complete: every command of the routing table appears in the help
of every role that may use it, and in no other role's — in both languages."""

from __future__ import annotations

import re

import pytest

from bot.core.help import SECTIONS, render_help
from bot.i18n import LANGUAGES
from bot.routes import ROUTES
from domain.actors import Role
from domain.org.access import PEOPLE


def mentioned(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w/])/{name}(?![\w-])", text) is not None


COMMANDS = [(command, name) for command in ROUTES.commands for name in command.names]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role", SECTIONS)
@pytest.mark.parametrize(("command", "name"), COMMANDS, ids=[n for _, n in COMMANDS])
def test_a_command_is_in_the_help_of_exactly_the_roles_that_may_use_it(command, name, role, lang):
    text = render_help(lang, {role}, ROUTES.commands)
    assert mentioned(text, name) == (role in command.roles), (role, name)


def test_every_role_of_a_person_has_a_section_of_the_help():
    assert set(SECTIONS) == set(PEOPLE)


def test_every_command_names_the_roles_that_may_use_it_and_a_help_line():
    for command in ROUTES.commands:
        assert command.roles, command.names
        assert command.roles <= PEOPLE, command.names
        assert command.help.startswith("help.command."), command.names


def test_a_person_with_several_roles_sees_each_command_once_with_an_example():
    roles = {Role.EMPLOYEE, Role.SUPERVISOR, Role.UNIT_HEAD, Role.ADMIN, Role.ORG_ADMIN}
    text = render_help("id", roles, ROUTES.commands)
    for command in ROUTES.commands:
        name = command.names[0]
        if command.roles & roles:
            assert len(re.findall(rf"• /{name}\b", text)) == 1, name
    assert text.count("Contoh:") == sum(1 for c in ROUTES.commands if c.roles & roles)


def test_the_employee_s_help_explains_the_objection_steps_and_the_supervisor_s_the_tanggapan():
    employee = render_help("id", {Role.EMPLOYEE}, ROUTES.commands)
    supervisor = render_help("en", {Role.EMPLOYEE, Role.SUPERVISOR}, ROUTES.commands)
    assert "Ajukan keberatan" in employee
    assert "Respond" in supervisor
    assert "Decide" in supervisor
