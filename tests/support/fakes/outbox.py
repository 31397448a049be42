"""The outbox in memory: the use cases' side (:class:`FakeOutbox`) and the dispatcher's
(:class:`FakeOutboxQueue`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from domain.actions import ActionCatalogue
from domain.messages import Button, OutboundMessage
from domain.outbox import OutboxEntry, QueuedMessage
from tests.support.fakes.state import (
    BLOCKED,
    FAILED,
    PENDING,
    SENT,
    AccountRow,
    FakeState,
    OutboxRow,
)

if TYPE_CHECKING:  # the queue opens units of work, and a unit of work holds a FakeOutbox
    from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

_FREE: dict[str, Any] = {"claimed_until": None, "claim_token": None}


def _payload(message: OutboundMessage) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "key": message.key,
        "params": dict(message.params),
        "buttons": [
            [
                {
                    "label": b.label,
                    "action": ActionCatalogue.record(b.action),
                    "params": dict(b.params),
                }
                for b in row
            ]
            for row in message.buttons
        ],
    }
    if message.timezone is not None:
        payload["timezone"] = message.timezone
    return payload


class FakeOutbox:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def enqueue(self, message: OutboundMessage, *, now: datetime) -> bool:
        if any(row.dedupe_key == message.dedupe_key for row in self._state.outbox.values()):
            return False
        row_id = self._state.next_id()
        self._state.outbox[row_id] = OutboxRow(
            id=row_id,
            dedupe_key=message.dedupe_key,
            chat_id=message.chat_id,
            payload=_payload(message),
            not_before=message.not_before or now,
            created_at=now,
        )
        return True

    async def latest(self, prefix: str) -> OutboxEntry | None:
        found = [r for r in self._state.outbox.values() if r.dedupe_key.startswith(prefix)]
        if not found:
            return None
        row = max(found, key=lambda r: r.id)
        return OutboxEntry(row.dedupe_key, row.not_before, row.status == PENDING, row.sent_at)

    async def replace(self, message: OutboundMessage) -> bool:
        for row in self._state.outbox.values():
            if row.dedupe_key == message.dedupe_key:
                if row.status != PENDING or row.claim_token is not None:
                    return False
                row.payload = _payload(message)
                return True
        return False

    async def cancel(self, prefix: str) -> int:
        doomed = [
            key
            for key, row in self._state.outbox.items()
            if row.status == PENDING and row.dedupe_key.startswith(prefix)
        ]
        for key in doomed:
            del self._state.outbox[key]
        return len(doomed)


class FakeOutboxQueue:
    """The dispatcher's side of the outbox; each call is its own committed transaction.

    Like ``storage.outbox.SqlOutboxQueue``, each claim writes a fresh owner token and every later
    update applies only while that token still owns the row (or when no ``claim`` is given)."""

    def __init__(self, factory: FakeUnitOfWorkFactory, actions: ActionCatalogue) -> None:
        self._factory = factory
        self._actions = actions

    async def claim(self, *, now: datetime, limit: int, lease: timedelta) -> list[QueuedMessage]:
        async with self._factory() as uow:
            due = sorted(
                (
                    row
                    for row in uow.state.outbox.values()
                    if row.status == PENDING
                    and row.not_before <= now
                    and (row.claimed_until is None or row.claimed_until < now)
                ),
                key=lambda row: (row.not_before, row.id),
            )[:limit]
            token = f"claim-{uow.state.next_id()}"
            claimed = []
            for row in due:
                row.claimed_until = now + lease
                row.claim_token = token
                account = uow.state.accounts.get(row.chat_id)
                claimed.append(_queued(row, account.language if account else None, self._actions))
            await uow.commit()
            return claimed

    async def renew(
        self, message_id: int, *, claim: str | None, now: datetime, lease: timedelta
    ) -> bool:
        return await self._set(message_id, claim, pending=True, claimed_until=now + lease)

    async def mark_sent(self, message_id: int, *, now: datetime, claim: str | None = None) -> bool:
        return await self._set(message_id, claim, status=SENT, sent_at=now, **_FREE)

    async def mark_sent_many(self, sent: Sequence[tuple[int, str | None]], *, now: datetime) -> int:
        async with self._factory() as uow:
            marked = 0
            for message_id, claim in sent:
                row = uow.state.outbox.get(message_id)
                if row is not None and _owns(row, claim):
                    row.status, row.sent_at = SENT, now
                    row.claimed_until = row.claim_token = None
                    marked += 1
            await uow.commit()
            return marked

    async def next_due(self) -> datetime | None:
        async with self._factory() as uow:
            due = [
                max(row.not_before, row.claimed_until or row.not_before)
                for row in uow.state.outbox.values()
                if row.status == PENDING
            ]
            return min(due, default=None)

    async def retry_later(
        self,
        message_id: int,
        *,
        not_before: datetime,
        error: str,
        failed: bool = True,
        claim: str | None = None,
    ) -> bool:
        async with self._factory() as uow:
            row = uow.state.outbox.get(message_id)
            if row is None or not _owns(row, claim):
                return False
            row.attempts += 1 if failed else 0
            row.not_before = not_before
            row.claimed_until = row.claim_token = None
            row.last_error = error[:500]
            await uow.commit()
            return True

    async def mark_failed(self, message_id: int, *, error: str, claim: str | None = None) -> bool:
        return await self._set(message_id, claim, status=FAILED, last_error=error[:500], **_FREE)

    async def mark_blocked(
        self, message_id: int, chat_id: int, *, now: datetime, claim: str | None = None
    ) -> bool:
        """The person blocked the bot: drop their pending messages (but not those another
        claimer holds under a live lease) and remember it."""
        async with self._factory() as uow:
            ours = False
            for row in uow.state.outbox.values():
                if row.status != PENDING:
                    continue
                if row.id == message_id:
                    ours = _owns(row, claim)
                    drop = ours
                else:
                    drop = row.chat_id == chat_id and (
                        row.claim_token is None
                        or (claim is not None and row.claim_token == claim)
                        or (row.claimed_until is not None and row.claimed_until < now)
                    )
                if drop:
                    row.status = BLOCKED
                    row.claimed_until = row.claim_token = None
            uow.state.accounts.setdefault(chat_id, AccountRow(chat_id)).blocked_at = now
            await uow.commit()
            return ours

    async def prune(self, *, before: datetime) -> int:
        async with self._factory() as uow:
            old = [
                row.id
                for row in uow.state.outbox.values()
                if (row.status == SENT and row.sent_at is not None and row.sent_at < before)
                or (row.status in (FAILED, BLOCKED) and row.not_before < before)
            ]
            for row_id in old:
                del uow.state.outbox[row_id]
            await uow.commit()
            return len(old)

    async def _set(
        self, message_id: int, claim: str | None, *, pending: bool = False, **values: object
    ) -> bool:
        async with self._factory() as uow:
            row = uow.state.outbox.get(message_id)
            # an UPDATE of a missing row, or of one another claim owns, changes nothing
            if row is None or not _owns(row, claim) or (pending and row.status != PENDING):
                return False
            for name, value in values.items():
                setattr(row, name, value)
            await uow.commit()
            return True


def _owns(row: OutboxRow, claim: str | None) -> bool:
    return claim is None or row.claim_token == claim


def _queued(row: OutboxRow, language: str | None, actions: ActionCatalogue) -> QueuedMessage:
    payload = row.payload
    buttons = tuple(  # rows queued before typed actions keep "data": "sub:3:17"
        tuple(
            Button(b["label"], actions.action(b.get("action", b.get("data"))), b.get("params", {}))
            for b in line
        )
        for line in payload.get("buttons", [])
    )
    return QueuedMessage(
        row.id,
        row.chat_id,
        payload["key"],
        payload.get("params", {}),
        buttons,
        row.attempts,
        language,
        payload.get("timezone"),
        row.claim_token,
    )
