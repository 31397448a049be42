"""What a session is about, typed: a flow's subject is a small frozen dataclass (an appraisal
case, a service, a report's scope and period), kept in the session row as text. One codec writes
and reads that text, so no flow parses subject strings itself.

A :class:`Subjects` codec is the dataclass plus templates, parts joined by ``:``: ``{field}`` is a
field's value (``{period.date_from}`` a field of a nested dataclass), anything else a literal::

    CASES = Subjects(CaseRef, "period:{period}", "period:{period}:employee:{employee}")
    CASES.encode(CaseRef(3, 17))      # "period:3:employee:17"
    CASES.parse("period:3")           # CaseRef(period=3, employee=None)

Fields are ``int``, ``str`` (without ``:``), ``date``, an ``Enum`` or a nested dataclass, each
possibly ``None`` (a template that leaves it out). Writing takes the first template that names
exactly the fields that are set; reading, the first template the text matches. Text that matches
none is refused with ``InvalidValue("bad_subject")``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Generic, TypeVar

from domain.errors import InvalidValue

S = TypeVar("S")
SEPARATOR = ":"


@dataclass(frozen=True, slots=True)
class NoSubject:
    """The subject of a flow about nothing in particular (registering oneself, a new period)."""


class Subjects(Generic[S]):
    """Writes subjects of type ``S`` as text and reads them back (see the module)."""

    def __init__(self, kind: type[S], *templates: str) -> None:
        if not templates:
            raise ValueError("a subject needs at least one template")
        self.kind = kind
        self._templates = tuple(tuple(t.split(SEPARATOR)) for t in templates)
        self._types = _field_types(kind)
        for parts in self._templates:  # fail at import time on a template that cannot work
            for path in _fields_of(parts):
                _reader(_type_at(self._types, path))

    def encode(self, subject: S) -> str:
        for parts in self._templates:
            values = {path: _value_at(subject, path) for path in _fields_of(parts)}
            named = {path.partition(".")[0] for path in values}
            if None in values.values() or named != _set_fields(subject):
                continue
            return SEPARATOR.join(_text(values[p]) if p else part for p, part in _parts(parts))
        raise ValueError(f"no template writes {subject!r}")

    def parse(self, text: str) -> S:
        given = text.split(SEPARATOR)
        for parts in self._templates:
            if len(parts) != len(given):
                continue
            try:
                return self._read(parts, given)
            except (ValueError, TypeError, KeyError):
                continue
        raise InvalidValue("bad_subject", field="subject")

    def _read(self, parts: tuple[str, ...], given: list[str]) -> S:
        values: dict[str, object] = {}
        for (path, literal), word in zip(_parts(parts), given, strict=True):
            if not path:
                if word != literal:
                    raise ValueError(literal)
                continue
            values[path] = _reader(_type_at(self._types, path))(word)
        return typing.cast(S, _build(self.kind, values))


def _parts(parts: tuple[str, ...]) -> list[tuple[str, str]]:
    """(field path, or "" for a literal; the part as written)."""
    return [(p[1:-1] if p.startswith("{") and p.endswith("}") else "", p) for p in parts]


def _fields_of(parts: tuple[str, ...]) -> list[str]:
    return [path for path, _ in _parts(parts) if path]


def _field_types(kind: Any) -> Mapping[str, Any]:
    hints = typing.get_type_hints(kind)
    return {f.name: _optional_of(hints[f.name]) for f in dataclasses.fields(kind)}


def _optional_of(hint: Any) -> Any:
    """``X | None`` -> ``X``."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        [inner] = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return inner
    return hint


def _type_at(types_: Mapping[str, Any], path: str) -> Any:
    head, _, rest = path.partition(".")
    found = types_[head]
    return _type_at(_field_types(found), rest) if rest else found


def _value_at(subject: object, path: str) -> object:
    for name in path.split("."):
        subject = getattr(subject, name)
    return subject


def _set_fields(subject: object) -> set[str]:
    """The fields of ``subject`` that are set (not ``None``)."""
    names = (f.name for f in dataclasses.fields(typing.cast(Any, subject)))
    return {name for name in names if getattr(subject, name) is not None}


def _text(value: object) -> str:
    if isinstance(value, Enum):
        value = value.value
    text = value.isoformat() if isinstance(value, date) else str(value)
    if SEPARATOR in text or not text:
        raise ValueError(f"{value!r} cannot be part of a subject")
    return text


def _reader(kind: Any) -> Callable[[str], object]:
    if kind is int:
        return _int
    if kind is date:
        return date.fromisoformat
    if kind is str:
        return _word
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    raise TypeError(f"a subject field cannot be a {kind!r}")


def _int(text: str) -> int:
    if not text.lstrip("-").isdecimal():
        raise ValueError(text)
    return int(text)


def _word(text: str) -> str:
    if not text:
        raise ValueError(text)
    return text


def _build(kind: Any, values: Mapping[str, object]) -> object:
    """``kind`` from ``{"a": 1, "b.c": 2}``: nested dataclasses built from their fields."""
    nested: dict[str, dict[str, object]] = {}
    flat: dict[str, object] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            flat[head] = value
    types_ = _field_types(kind)
    flat.update({name: _build(types_[name], inner) for name, inner in nested.items()})
    return kind(**flat)
