"""The outbox: the single path of every proactive message (reminders, notifications, digests).

A use case queues an :class:`~domain.messages.OutboundMessage` in its own transaction (through
:class:`Outbox`), so the message is sent if and only if the change that caused it committed; the
dispatcher claims and sends the queued rows (through :class:`OutboxQueue`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.clock import Clock
from domain.messages import Button, OutboundMessage, Param
from domain.unit_of_work import UnitOfWork, UnitOfWorkFactory

# The key of a reply already rendered by the adapter (``params``: its ``html`` and its buttons as
# JSON ``[[label, callback data], ...]``), sent as it is: see :class:`LateReplies`.
RENDERED_REPLY = "$reply"


def reminder_stream(purpose: str, period_id: int, person_id: int) -> str:
    """The dedupe-key prefix of the reminders of one purpose (``self``, ``peer``, ...), period
    and person (``domain.reminders``): what :meth:`Outbox.cancel` takes when the work is done."""
    return f"rem:{purpose}:{period_id}:{person_id}:"


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """What the outbox knows of one queued message: when it may go, and whether it went."""

    dedupe_key: str
    not_before: datetime
    pending: bool
    sent_at: datetime | None = None


class Outbox(Protocol):
    async def enqueue(self, message: OutboundMessage, *, now: datetime) -> bool:
        """Queue a message; ``False`` when its dedupe key was queued before (nothing added)."""
        ...

    async def latest(self, prefix: str) -> OutboxEntry | None:
        """The newest message whose dedupe key starts with ``prefix`` (``None``: none kept;
        sent messages are pruned after 30 days)."""
        ...

    async def replace(self, message: OutboundMessage) -> bool:
        """Give the message still pending under ``message.dedupe_key`` this text, parameters
        and buttons (its time to go stays); ``False`` when it is no longer pending."""
        ...

    async def cancel(self, prefix: str) -> int:
        """Drop the messages not yet sent whose dedupe key starts with ``prefix`` (a reminder
        planned for work just done); how many."""
        ...


@dataclass(frozen=True, slots=True)
class QueuedMessage:
    """An outbox row claimed for sending, with the recipient's language if known.

    ``claim`` is the owner token of the claim that returned it: every later update of the row
    passes it, and changes nothing once another claimer has taken the row over."""

    id: int
    chat_id: int
    key: str
    params: Mapping[str, Param]
    buttons: tuple[tuple[Button, ...], ...]
    attempts: int
    language: str | None
    timezone: str | None = None
    claim: str | None = None


class OutboxQueue(Protocol):
    """The dispatcher's side of the outbox.

    Every update after :meth:`claim` takes the message's ``claim`` token and applies only while
    that claim still owns the row (``id = :id AND claim_token = :claim``); it returns whether it
    did. ``claim=None`` skips the ownership check (for tools and tests that hold no claim).
    """

    async def claim(self, *, now: datetime, limit: int, lease: timedelta) -> list[QueuedMessage]:
        """Lease up to ``limit`` due messages to a new owner token (oldest due first)."""
        ...

    async def renew(
        self, message_id: int, *, claim: str | None, now: datetime, lease: timedelta
    ) -> bool:
        """Extend the lease right before sending; ``False`` when the claim was lost."""
        ...

    async def mark_sent(
        self, message_id: int, *, now: datetime, claim: str | None = None
    ) -> bool: ...

    async def mark_sent_many(self, sent: Sequence[tuple[int, str | None]], *, now: datetime) -> int:
        """Mark several messages sent in one transaction: ``(id, claim)`` pairs, each applied
        only while its claim owns the row; how many were marked."""
        ...

    async def next_due(self) -> datetime | None:
        """When the earliest pending message can next be claimed (its ``not_before``, or the end
        of the lease another claimer holds on it); ``None`` when nothing is pending."""
        ...

    async def retry_later(
        self,
        message_id: int,
        *,
        not_before: datetime,
        error: str,
        failed: bool = True,
        claim: str | None = None,
    ) -> bool:
        """Put a claimed message back; ``failed`` counts it as a failed attempt."""
        ...

    async def mark_failed(
        self, message_id: int, *, error: str, claim: str | None = None
    ) -> bool: ...

    async def mark_blocked(
        self, message_id: int, chat_id: int, *, now: datetime, claim: str | None = None
    ) -> bool:
        """The person blocked the bot: remember it and drop their pending messages (except
        those another claimer holds under a live lease)."""
        ...

    async def prune(self, *, before: datetime) -> int:
        """Delete messages sent, failed or blocked before ``before``; how many."""
        ...


class SendingTurn(Protocol):
    """Which process sends the outbox. Telegram's limit is the bot's, not a process's: only the
    process holding the turn sends, so several processes together keep one pace."""

    async def take(self) -> bool:
        """Hold the turn, taking it if it is free; ``False`` while another process holds it
        (or the database cannot say)."""
        ...

    async def give_up(self) -> None:
        """Let another process take the turn (at shutdown)."""
        ...


class OutboxUnitOfWork(UnitOfWork, Protocol):
    @property
    def outbox(self) -> Outbox: ...


Keyboard = Sequence[Sequence[tuple[str, str]]]


class LateReplies:
    """A reply Telegram would not take in time, queued in the outbox: the answer it confirms
    is already committed, so the person gets it later rather than never.

    ``reference`` names the reply uniquely (the update and its place among the replies), so
    queueing it twice sends it once."""

    def __init__(self, uow: UnitOfWorkFactory[OutboxUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def queue(self, chat_id: int, html: str, buttons: Keyboard, *, reference: str) -> None:
        params: dict[str, Param] = {"html": html, "buttons": json.dumps(buttons)}
        message = OutboundMessage(chat_id, RENDERED_REPLY, f"reply:{reference}", params)
        async with self._uow() as uow:
            await uow.outbox.enqueue(message, now=self._clock.now())
            await uow.commit()
