"""What the domain says to people: notices in answer to an input, messages for the outbox.

Everything is a text key with parameters, never prose: the adapter renders it in the reader's
language and time zone. Buttons carry a typed action (:mod:`domain.actions`), never Telegram
callback data or a route string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from domain.actions import Action


@dataclass(frozen=True, slots=True)
class TextRef:
    """A text parameter that is itself a text key (a predikat, a status), shown in the reader's
    language."""

    key: str


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a list inside a message (a unit's completion, a name): a text key and its
    parameters, rendered in the reader's language like the message itself."""

    key: str
    params: Mapping[str, LineParam] = field(default_factory=dict)


LineParam = str | int | Decimal | TextRef | datetime | date


@dataclass(frozen=True, slots=True)
class Lines:
    """A text parameter that is a list of lines (a summary's table, a digest's names), one per
    line in the message; no lines render as nothing."""

    items: tuple[Line, ...] = ()


Param = str | int | Decimal | TextRef | datetime | date | Lines


@dataclass(frozen=True, slots=True)
class Button:
    """A button: the text key of its label (filled with ``params``) and the action it asks for
    (e.g. ``ShowSubordinate(3, 17)``); the Telegram adapter encodes the action as callback data,
    and the use case behind it authorises the person again when it is pressed."""

    label: str
    action: Action
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notice:
    """A message for the person, as a text key, its parameters and optional buttons."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A proactive message for the outbox. Rendered in the recipient's language at send time.

    ``dedupe_key`` makes enqueueing idempotent: the same key is never sent twice. ``timezone``
    (an IANA name, e.g. the recipient's unit's ``Asia/Makassar``) is the zone its dates and
    times are shown in; ``None`` means the installation's default zone.
    """

    chat_id: int
    key: str
    dedupe_key: str
    params: Mapping[str, Param] = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()
    not_before: datetime | None = None
    timezone: str | None = None
