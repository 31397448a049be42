"""Typed actions: what a button asks for, as a value — never a route string.

The domain attaches actions to the messages it writes (a supervisor's "Lihat" is
``ShowSubordinate(period_id, employee_id)``); the adapter encodes each one as Telegram callback
data and, when it is pressed, hands the decoded value to its handler, whose use case authorises
the presser again. Each area states its actions in its own ``actions.py``; the few every area
shares (the menu, help, the language) are here.

An action is a frozen dataclass with a stable ``name`` and scalar fields: ``int``, ``str``,
``date``, a ``StrEnum``, or one of those or ``None``. The outbox keeps an action as a record (its
name and fields, :meth:`ActionCatalogue.record`) and reads it back with the catalogue of the
actions this version knows (:meth:`ActionCatalogue.action`). So a ``name`` is never changed once
used: messages queued before an upgrade carry it.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, get_type_hints

Scalar = int | str | None
ACTION_TAG = "$action"  # the key of a record that names its action


class Action:
    """The base of every action (a frozen dataclass with a stable ``name``)."""

    __slots__ = ()
    name: ClassVar[str]
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]


@dataclass(frozen=True, slots=True)
class ShowMenu(Action):
    name: ClassVar[str] = "menu"


@dataclass(frozen=True, slots=True)
class ShowHelp(Action):
    name: ClassVar[str] = "help"


@dataclass(frozen=True, slots=True)
class SwitchLanguage(Action):
    """Switch to the other language (the one not in use)."""

    name: ClassVar[str] = "language"


@dataclass(frozen=True, slots=True)
class UnreadableAction(Action):
    """A stored action this version cannot read back (renamed, removed or malformed). It has no
    button: a message carrying it cannot be sent, and the dispatcher marks it failed."""

    name: ClassVar[str] = "unreadable"
    stored: str


@dataclass(frozen=True, slots=True)
class ActionField:
    """One field of an action: its name, its type and whether it may be ``None``."""

    name: str
    kind: type[Any]  # int, str, date or a StrEnum
    optional: bool


def action_fields(action: type[Action]) -> tuple[ActionField, ...]:
    """The fields of ``action`` in order; ``TypeError`` for a field type actions cannot carry."""
    hints = get_type_hints(action)
    found = []
    for item in dataclasses.fields(action):
        kind, optional = _unwrap(hints[item.name])
        if kind not in (int, str, date) and not _is_enum(kind):
            raise TypeError(f"{action.__name__}.{item.name}: an action cannot carry {kind!r}")
        found.append(ActionField(item.name, kind, optional))
    return tuple(found)


def _is_enum(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def _unwrap(hint: Any) -> tuple[Any, bool]:
    if isinstance(hint, types.UnionType):
        members = [m for m in hint.__args__ if m is not type(None)]
        if len(members) == 1 and len(hint.__args__) == 2:
            return members[0], True
    return hint, False


class ActionCatalogue:
    """The actions a stored message may carry, by their stable names (``<area>/<action>``, unlike
    a text key), plus the route strings
    of the format before typed actions (``legacy``: ``"sub"`` -> ``ShowSubordinate``, whose
    ``"sub:3:17"`` gives the fields in order), so messages queued before an upgrade still work."""

    def __init__(
        self, actions: Iterable[type[Action]], *, legacy: Mapping[str, type[Action]] | None = None
    ) -> None:
        by_name: dict[str, type[Action]] = {}
        for action in actions:
            if by_name.setdefault(action.name, action) is not action:
                raise ValueError(f"two actions are named {action.name!r}")
        self._by_name: Mapping[str, type[Action]] = types.MappingProxyType(by_name)
        self._fields = types.MappingProxyType({a: action_fields(a) for a in by_name.values()})
        self._legacy = types.MappingProxyType(dict(legacy or {}))

    @property
    def actions(self) -> tuple[type[Action], ...]:
        return tuple(self._by_name.values())

    @staticmethod
    def record(action: Action) -> dict[str, Scalar]:
        """``action`` as JSON-ready data: ``{"$action": name, field: value, ...}``."""
        record: dict[str, Scalar] = {ACTION_TAG: action.name}
        for item in dataclasses.fields(action):
            record[item.name] = _plain(getattr(action, item.name))
        return record

    def action(self, stored: object) -> Action:
        """The action a record (or an old route string) names; :class:`UnreadableAction` when
        this version does not know it — reading never fails, so one message cannot stop
        the others."""
        try:
            if isinstance(stored, str):
                return self._from_reference(stored)
            if isinstance(stored, Mapping):
                return self._from_record(stored)
        except (KeyError, TypeError, ValueError):
            pass
        return UnreadableAction(repr(stored)[:200])

    def _from_record(self, record: Mapping[str, Any]) -> Action:
        action = self._by_name[record[ACTION_TAG]]
        fields = self._fields[action]
        if set(record) != {ACTION_TAG, *(f.name for f in fields)}:
            raise ValueError(f"fields of {action.name}: {sorted(record)}")
        return action(**{f.name: _typed(f, record[f.name]) for f in fields})

    def _from_reference(self, reference: str) -> Action:
        """``sub:3:17`` (the format before typed actions: a name, then whole numbers)."""
        name, *args = reference.split(":")
        action = self._legacy[name]
        fields = self._fields[action]
        if len(args) != len(fields) or not all(a.isdecimal() for a in args):
            raise ValueError(reference)
        return action(**{f.name: int(a) for f, a in zip(fields, args, strict=True)})


def _plain(value: object) -> Scalar:
    if isinstance(value, StrEnum):
        return value.value
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("an action cannot carry a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"an action cannot carry {value!r}")


def _typed(spec: ActionField, value: object) -> object:
    if value is None and spec.optional:
        return None
    if spec.kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if spec.kind is str and isinstance(value, str):
        return value
    if spec.kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, str) and issubclass(spec.kind, StrEnum):
        return spec.kind(value)
    raise TypeError(f"{spec.name}: {value!r}")
