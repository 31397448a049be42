"""``/bantuan``: what *this* person can do, built from the routing table.

Each command row names the roles that may use it and the key of its help line (what it does,
with one example). A person's help has one section per role they hold, in the order below, and
lists every command one of their roles may use — once, under the first of their roles that may
use it — and no other; a role's section may add the steps that have no command (filing an
objection from ``/hasil``, the pejabat penilai's tanggapan, the atasan's decision).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.i18n import has, t
from bot.router import Command
from domain.actors import Role
from domain.org.access import PEOPLE

# The order of the sections; the operator has no chat, so no help here (``kinerja --help``).
SECTIONS = (
    Role.CITIZEN,
    Role.EMPLOYEE,
    Role.SUPERVISOR,
    Role.UNIT_HEAD,
    Role.ADMIN,
    Role.ORG_ADMIN,
)


def command_line(lang: str, command: Command) -> str:
    """``/hasil — what it does. Example: …`` (an English alias after the name)."""
    name, *aliases = command.names
    also = "".join(f" (/{alias})" for alias in aliases)
    return f"• /{name}{also} — {t(lang, command.help)}"


def render_help(lang: str, roles: Iterable[Role], commands: Sequence[Command]) -> str:
    held = frozenset(roles)
    parts = [t(lang, "help.intro")]
    shown: set[tuple[str, ...]] = set()
    for role in SECTIONS:
        if role not in held:
            continue
        mine = [c for c in commands if role in c.roles and c.roles != PEOPLE]
        lines = [command_line(lang, c) for c in mine if c.names not in shown]
        shown.update(c.names for c in mine)
        notes = f"help.role.{role.value}.notes"
        if has(notes):
            lines.append(t(lang, notes))
        if lines:
            parts.append("\n".join([t(lang, f"help.role.{role.value}"), *lines]))
    common = [command_line(lang, c) for c in commands if c.roles == PEOPLE and held & c.roles]
    if common:
        parts.append("\n".join([t(lang, "help.common"), *common]))
    parts.append(t(lang, "help.privacy"))
    return "\n\n".join(parts)
