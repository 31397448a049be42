"""Callback data: short, prefixed, versioned, and never trusted.

Telegram gives a button at most 64 bytes of data. Two families exist:

* ``q1:<session>:<version>:<op>`` — a questionnaire button. ``session`` and ``version`` are base-36;
  ``op`` is ``a<i>`` (answer with option *i* of the current step), ``b`` (back), ``s`` (skip),
  ``c`` (cancel), ``r`` (submit from the review), ``e<i>`` (edit step *i* from the review). The
  server checks that the session belongs to the person pressing and that the version is current,
  so a forged or stale button does nothing.
* ``m1:<action>[:<arg>...]`` — a menu button. The handler authorises the action for the presser.

The ``1`` is the format version: a change of format gets a new prefix and old buttons are stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

MAX_BYTES: Final = 64
_QUESTION = re.compile(r"^q1:([0-9a-z]{1,12}):([0-9a-z]{1,8}):(a\d{1,3}|e\d{1,3}|[bscr])$")
_MENU = re.compile(r"^m1:([a-z_]{1,20})((?::[A-Za-z0-9_.-]{1,32}){0,3})$")  # unit codes: 32


class BadCallback(ValueError):
    """Callback data this bot did not make (forged, truncated or from an old format)."""


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number < 0:
        raise ValueError("negative")
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


@dataclass(frozen=True, slots=True)
class QuestionButton:
    session_id: int
    version: int
    op: str  # "a", "e", "b", "s", "c", "r"
    index: int | None = None

    def encode(self) -> str:
        op = f"{self.op}{self.index}" if self.index is not None else self.op
        return _checked(f"q1:{_b36(self.session_id)}:{_b36(self.version)}:{op}")


@dataclass(frozen=True, slots=True)
class MenuButton:
    action: str
    args: tuple[str, ...] = ()

    def encode(self) -> str:
        return _checked(":".join(("m1", self.action, *self.args)))


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> QuestionButton | MenuButton:
    """Parse callback data; raise :class:`BadCallback` for anything this bot did not make."""
    if not data or len(data.encode()) > MAX_BYTES:
        raise BadCallback(data)
    if match := _QUESTION.match(data):
        session, version, op = match.groups()
        index = int(op[1:]) if op[0] in "ae" else None
        return QuestionButton(int(session, 36), int(version, 36), op[0], index)
    if match := _MENU.match(data):
        action, rest = match.groups()
        return MenuButton(action, tuple(rest.split(":")[1:]) if rest else ())
    raise BadCallback(data)


def menu(action: str, *args: object) -> str:
    return MenuButton(action, tuple(str(a) for a in args)).encode()


def action(reference: str) -> str:
    """Callback data for a domain action reference ``<action>[:<arg>...]``."""
    name, *args = reference.split(":")
    return menu(name, *args)
