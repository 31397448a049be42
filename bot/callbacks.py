"""Callback data: short, prefixed, versioned, and never trusted.

Telegram gives a button at most 64 bytes of data. Two families exist:

* ``q1:<session>:<version>:<op>`` — a questionnaire button. ``session`` and ``version`` are base-36;
  ``op`` is ``a<i>`` (answer with option *i* of the current step), ``b`` (back), ``s`` (skip),
  ``c`` (cancel), ``r`` (submit from the review), ``e<i>`` (edit step *i* from the review). The
  server checks that the session belongs to the person pressing and that the version is current,
  so a forged or stale button does nothing.
* ``<name>.<version>[:<field>...]`` — a typed action (:mod:`domain.actions`), one
  :class:`ActionCodec` per action: ``subordinate.1:3:17`` is ``ShowSubordinate(3, 17)``. Fields
  are written in the action's order: whole numbers in decimal (database ids, at most
  ``MAX_ID``), codes as typed (``A-Z a-z 0-9 _ -``, at most 32), dates as ``YYYYMMDD``, an enum
  by its value, ``None`` as nothing. The use case behind the action authorises the presser.

The version is part of the prefix: a change of an action's fields gets a new one (``.2``), and
old buttons are then unknown (answered as such), never misread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar

from domain.actions import Action, ActionField, action_fields

MAX_BYTES: Final = 64
MAX_ID: Final = 2**31 - 1  # ids are INTEGER columns (PostgreSQL's int4)
CODE_LENGTH: Final = 32  # unit and service codes (domain.org.structure.CODE_MAX_LENGTH)
_QUESTION = re.compile(r"^q1:([0-9a-z]{1,12}):([0-9a-z]{1,8}):(a\d{1,3}|e\d{1,3}|[bscr])$")
_PREFIX = re.compile(r"^[a-z][a-z_]*\.[1-9][0-9]*$")
_NUMBER = re.compile(r"^(0|[1-9][0-9]{0,9})$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_DAY = re.compile(r"^[0-9]{8}$")

A = TypeVar("A", bound=Action)


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


def decode_question(data: str | None) -> QuestionButton:
    """Parse a questionnaire button; :class:`BadCallback` for anything this bot did not make."""
    match = _QUESTION.match(data or "")
    if not data or len(data.encode()) > MAX_BYTES or match is None:
        raise BadCallback(data)
    session, version, op = match.groups()
    index = int(op[1:]) if op[0] in "ae" else None
    return QuestionButton(int(session, 36), int(version, 36), op[0], index)


@dataclass(frozen=True, slots=True)
class ActionCodec(Generic[A]):
    """Callback data for one action type: ``<prefix>[:<field>...]``."""

    prefix: str
    action: type[A]
    fields: tuple[ActionField, ...] = field(init=False)

    def __post_init__(self) -> None:
        if not _PREFIX.match(self.prefix):
            raise ValueError(f"a prefix is <name>.<version>: {self.prefix!r}")
        object.__setattr__(self, "fields", action_fields(self.action))

    def encode(self, action: A) -> str:
        values = (_text(spec, getattr(action, spec.name)) for spec in self.fields)
        return _checked(":".join((self.prefix, *values)))

    def decode(self, data: str) -> A:
        prefix, *values = data.split(":")
        if prefix != self.prefix or len(values) != len(self.fields):
            raise BadCallback(data)
        try:
            return self.action(
                **{s.name: _value(s, v) for s, v in zip(self.fields, values, strict=True)}
            )
        except ValueError:  # a value out of range, an unknown enum member, a day that is none
            raise BadCallback(data) from None

    @property
    def max_bytes(self) -> int:
        """The longest data this codec can make (checked against Telegram's 64 bytes)."""
        return len(self.prefix) + sum(1 + _widest(spec) for spec in self.fields)


def _text(spec: ActionField, value: object) -> str:
    if value is None:
        if not spec.optional:
            raise ValueError(f"{spec.name} is required")
        return ""
    if spec.kind is int:
        if not isinstance(value, int) or not 0 <= value <= MAX_ID:
            raise ValueError(f"{spec.name}: {value!r} is not an id")
        return str(value)
    if spec.kind is date:
        assert isinstance(value, date)
        return f"{value.year:04d}{value.month:02d}{value.day:02d}"
    text = str(value)  # a code, or an enum's value
    if spec.kind is str and not _CODE.match(text):
        raise ValueError(f"{spec.name}: {text!r} is not a code")
    return text


def _value(spec: ActionField, text: str) -> object:
    if text == "" and spec.optional:
        return None
    if spec.kind is int and _NUMBER.match(text) and int(text) <= MAX_ID:
        return int(text)
    if spec.kind is str and _CODE.match(text):
        return text
    if spec.kind is date and _DAY.match(text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if spec.kind not in (int, str, date):
        return spec.kind(text)  # an enum member by its value, or ValueError
    raise ValueError(text)


def _widest(spec: ActionField) -> int:
    if spec.kind is int:
        return len(str(MAX_ID))
    if spec.kind is str:
        return CODE_LENGTH
    if spec.kind is date:
        return len("YYYYMMDD")
    return max(len(member.value) for member in spec.kind)


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


class NoCodec(ValueError):
    """An action no codec can write (an ``UnreadableAction``, or one left out of the routes)."""


class Codecs:
    """The codecs of every button action, by prefix (decoding) and by action type (encoding).
    Refuses, when built, two codecs for one prefix or action, and any codec whose longest data
    could pass Telegram's 64 bytes."""

    def __init__(self, codecs: Iterable[ActionCodec[Any]]) -> None:
        by_prefix: dict[str, ActionCodec[Any]] = {}
        by_action: dict[type[Action], ActionCodec[Any]] = {}
        for codec in codecs:
            if codec.max_bytes > MAX_BYTES:
                raise ValueError(f"{codec.prefix}: data of up to {codec.max_bytes} bytes")
            if by_prefix.setdefault(codec.prefix, codec) is not codec:
                raise ValueError(f"two codecs with the prefix {codec.prefix!r}")
            if by_action.setdefault(codec.action, codec) is not codec:
                raise ValueError(f"two codecs for {codec.action.__name__}")
        self._by_prefix = MappingProxyType(by_prefix)
        self._by_action = MappingProxyType(by_action)

    def encode(self, action: Action) -> str:
        codec = self._by_action.get(type(action))
        if codec is None:
            raise NoCodec(f"no button for {action!r}")
        return codec.encode(action)

    def decode(self, data: str | None) -> Action:
        """The action ``data`` names; :class:`BadCallback` for anything this bot did not make."""
        if not data or len(data.encode()) > MAX_BYTES:
            raise BadCallback(data)
        codec = self._by_prefix.get(data.split(":", 1)[0])
        if codec is None:
            raise BadCallback(data)
        decoded: Action = codec.decode(data)
        return decoded


def callback_data(press: Action | QuestionButton, codecs: Codecs) -> str:
    """The callback data of a button: a question's, or an action's by its codec."""
    return press.encode() if isinstance(press, QuestionButton) else codecs.encode(press)
