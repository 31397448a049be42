"""The outbox: every proactive message is a row written in the same transaction as the change
that caused it, then claimed, sent and marked by the dispatcher (``bot.dispatch``).

Claiming takes a short lease (``claimed_until``) so that several bot processes on PostgreSQL share
the work with ``FOR UPDATE SKIP LOCKED``, and a message whose sender died is picked up again when
the lease runs out. A message is marked sent right after Telegram accepted it; only a crash in
that instant can repeat one message (documented in docs/architecture.md).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.ports import Button, OutboundMessage, Param, QueuedMessage, TextRef
from storage.database import Database
from storage.tables import ChatAccountRow, OutboxRow

PENDING, SENT, FAILED, BLOCKED = "pending", "sent", "failed", "blocked"


def _encode(value: Param) -> Any:
    """JSON for a text parameter; dates and text keys are tagged so they come back typed."""
    if isinstance(value, TextRef):
        return {"$text": value.key}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Param:
    if isinstance(value, dict):
        if "$text" in value:
            return TextRef(value["$text"])
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
    return value  # type: ignore[no-any-return]


def payload_of(message: OutboundMessage) -> dict[str, Any]:
    return {
        "key": message.key,
        "params": {name: _encode(value) for name, value in message.params.items()},
        "buttons": [
            [{"label": b.label, "data": b.data, "params": dict(b.params)} for b in row]
            for row in message.buttons
        ],
    }


class SqlOutbox:
    """The outbox port for use cases: enqueue inside their transaction."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def enqueue(self, message: OutboundMessage, *, now: datetime) -> bool:
        insert = pg_insert if self._dialect == "postgresql" else sqlite_insert
        statement = (
            insert(OutboxRow)
            .values(
                dedupe_key=message.dedupe_key,
                chat_id=message.chat_id,
                payload=payload_of(message),
                status=PENDING,
                attempts=0,
                not_before=message.not_before or now,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
        )
        result = await self._s.exec(statement)
        return bool(result.rowcount)


def _queued(row: OutboxRow, language: str | None) -> QueuedMessage:
    assert row.id is not None
    payload = row.payload
    buttons = tuple(
        tuple(Button(b["label"], b["data"], b.get("params", {})) for b in line)
        for line in payload.get("buttons", [])
    )
    params = {name: _decode(value) for name, value in payload.get("params", {}).items()}
    return QueuedMessage(
        row.id,
        row.chat_id,
        payload["key"],
        params,
        buttons,
        row.attempts,
        language,
    )


class SqlOutboxQueue:
    """The dispatcher's side of the outbox (:class:`domain.ports.OutboxQueue`)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(self, *, now: datetime, limit: int, lease: timedelta) -> list[QueuedMessage]:
        async with self._db.session() as s:
            query = (
                select(OutboxRow, ChatAccountRow.language)
                .join(
                    ChatAccountRow,
                    col(ChatAccountRow.telegram_id) == OutboxRow.chat_id,
                    isouter=True,
                )
                .where(
                    OutboxRow.status == PENDING,
                    col(OutboxRow.not_before) <= now,
                    (col(OutboxRow.claimed_until).is_(None)) | (col(OutboxRow.claimed_until) < now),
                )
                .order_by(col(OutboxRow.not_before), col(OutboxRow.id))
                .limit(limit)
                .with_for_update(skip_locked=True, of=OutboxRow)
            )
            claimed = []
            for row, language in await s.exec(query):
                assert row.id is not None
                row.claimed_until = now + lease
                claimed.append(_queued(row, language))
            await s.commit()
            return claimed

    async def mark_sent(self, message_id: int, *, now: datetime) -> None:
        await self._set(message_id, status=SENT, sent_at=now, claimed_until=None)

    async def retry_later(
        self, message_id: int, *, not_before: datetime, error: str, failed: bool = True
    ) -> None:
        async with self._db.session() as s:
            row = await s.get_one(OutboxRow, message_id)
            row.attempts += 1 if failed else 0
            row.not_before = not_before
            row.claimed_until = None
            row.last_error = error[:500]
            await s.commit()

    async def mark_failed(self, message_id: int, *, error: str) -> None:
        await self._set(message_id, status=FAILED, last_error=error[:500], claimed_until=None)

    async def mark_blocked(self, message_id: int, chat_id: int, *, now: datetime) -> None:
        """The person blocked the bot: drop their pending messages and remember it."""
        async with self._db.session() as s:
            await s.exec(
                update(OutboxRow)
                .where(col(OutboxRow.chat_id) == chat_id, col(OutboxRow.status) == PENDING)
                .values(status=BLOCKED, claimed_until=None)
            )
            account = await s.get(ChatAccountRow, chat_id)
            if account is None:
                s.add(ChatAccountRow(telegram_id=chat_id, blocked_at=now))
            else:
                account.blocked_at = now
            await s.commit()

    async def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        async with self._db.session(readonly=True) as s:
            query = select(OutboxRow.status, func.count()).group_by(col(OutboxRow.status))
            return {str(status): int(count) for status, count in await s.exec(query)}

    async def _set(self, message_id: int, **values: object) -> None:
        async with self._db.session() as s:
            await s.exec(update(OutboxRow).where(col(OutboxRow.id) == message_id).values(**values))
            await s.commit()
