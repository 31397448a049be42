"""The outbox: every proactive message is a row written in the same transaction as the change
that caused it, then claimed, sent and marked by the dispatcher (``bot.dispatch``).

Claiming takes a short lease (``claimed_until``) so that several bot processes on PostgreSQL share
the work with ``FOR UPDATE SKIP LOCKED``, and a message whose sender died is picked up again when
the lease runs out. Each claim writes a fresh owner token (``claim_token``); every later update
of a row (renew, sent, retry, failed, blocked) is conditional on ``id = :id AND claim_token =
:mine``, so a sender whose lease ran out cannot mark or resend a message another process took
over. A message is marked sent right after Telegram accepted it; only a crash in that instant, or
a time-out after Telegram in fact delivered, can repeat one message (docs/architecture.md).
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, delete, func, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.actions import ActionCatalogue
from domain.messages import Button, Line, LineParam, Lines, OutboundMessage, Param, TextRef
from domain.outbox import OutboxEntry, QueuedMessage
from storage.database import Database
from storage.tables import ChatAccountRow, OutboxRow

PENDING, SENT, FAILED, BLOCKED = "pending", "sent", "failed", "blocked"
# A session's ``info`` key: it queued a message, so its commit wakes this process's dispatcher.
QUEUED = "kinerja_outbox_queued"
_FREE: dict[str, Any] = {"claimed_until": None, "claim_token": None}  # the lease given back


def _encode(value: Param) -> Any:
    """JSON for a text parameter; dates, numbers, text keys and lists of lines are tagged so
    they come back typed."""
    if isinstance(value, Lines):
        return {"$lines": [[ln.key, _encoded(ln.params)] for ln in value.items]}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, TextRef):
        return {"$text": value.key}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _encoded(params: Mapping[str, Param]) -> dict[str, Any]:
    return {name: _encode(value) for name, value in params.items()}


def _decode(value: Any) -> Param:
    if isinstance(value, dict):
        if "$lines" in value:
            return Lines(tuple(Line(key, _line_params(params)) for key, params in value["$lines"]))
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$text" in value:
            return TextRef(value["$text"])
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
    return value  # type: ignore[no-any-return]


def _line_params(params: dict[str, Any]) -> dict[str, LineParam]:
    decoded = {name: _decode(value) for name, value in params.items()}
    return {name: value for name, value in decoded.items() if not isinstance(value, Lines)}


def _aware(value: Any) -> datetime | None:
    """An aggregate of a timestamp column comes back untyped from SQLite (text, naive UTC)."""
    if value is None:
        return None
    found = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(found, datetime)
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def payload_of(message: OutboundMessage) -> dict[str, Any]:
    """The row's JSON: text key, tagged parameters, and buttons whose action is a record
    (``{"$action": "appraisal.subordinate", "period_id": 3, "employee_id": 17}``)."""
    payload: dict[str, Any] = {
        "key": message.key,
        "params": {name: _encode(value) for name, value in message.params.items()},
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
        if result.rowcount:
            self._s.info[QUEUED] = True  # the unit of work rings the dispatcher once committed
        return bool(result.rowcount)

    async def latest(self, prefix: str) -> OutboxEntry | None:
        query = (
            select(OutboxRow)
            .where(col(OutboxRow.dedupe_key).like(_prefix_pattern(prefix), escape="\\"))
            .order_by(col(OutboxRow.id).desc())
            .limit(1)
        )
        row = (await self._s.exec(query)).first()
        if row is None:
            return None
        return OutboxEntry(row.dedupe_key, row.not_before, row.status == PENDING, row.sent_at)

    async def replace(self, message: OutboundMessage) -> bool:
        result = await self._s.exec(
            update(OutboxRow)
            .where(
                col(OutboxRow.dedupe_key) == message.dedupe_key,
                col(OutboxRow.status) == PENDING,
                # a claimed row may be on its way to Telegram: then it is no longer ours to change
                col(OutboxRow.claim_token).is_(None),
            )
            .values(payload=payload_of(message))
        )
        return bool(result.rowcount)

    async def cancel(self, prefix: str) -> int:
        """Delete the pending rows whose dedupe key starts with ``prefix`` (``LIKE``, with its
        wildcards escaped); how many."""
        pattern = _prefix_pattern(prefix)
        result = await self._s.exec(
            delete(OutboxRow).where(
                col(OutboxRow.status) == PENDING,
                col(OutboxRow.dedupe_key).like(pattern, escape="\\"),
            )
        )
        return int(result.rowcount)


def _prefix_pattern(prefix: str) -> str:
    """``LIKE`` for keys starting with ``prefix`` (its wildcards escaped with a backslash)."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _buttons(payload: dict[str, Any], actions: ActionCatalogue) -> tuple[tuple[Button, ...], ...]:
    """The typed buttons of a row; rows queued before typed actions keep ``"data": "sub:3:17"``.
    An action this version does not know comes back as an ``UnreadableAction`` (the dispatcher
    marks that message failed), so one row never stops a claim."""
    return tuple(
        tuple(
            Button(b["label"], actions.action(b.get("action", b.get("data"))), b.get("params", {}))
            for b in line
        )
        for line in payload.get("buttons", [])
    )


def _queued(
    fields: Any, language: str | None, claim: str | None, actions: ActionCatalogue
) -> QueuedMessage:
    """A claimed row (its ``id``, ``chat_id``, ``payload`` and ``attempts``) as a message."""
    payload = fields.payload
    params = {name: _decode(value) for name, value in payload.get("params", {}).items()}
    return QueuedMessage(
        fields.id,
        fields.chat_id,
        payload["key"],
        params,
        _buttons(payload, actions),
        fields.attempts,
        language,
        payload.get("timezone"),
        claim,
    )


class SqlOutboxQueue:
    """The dispatcher's side of the outbox (:class:`domain.outbox.OutboxQueue`); ``actions``
    are the actions its buttons may carry (the composition root's routing table)."""

    def __init__(self, db: Database, actions: ActionCatalogue) -> None:
        self._db = db
        self._actions = actions

    async def claim(self, *, now: datetime, limit: int, lease: timedelta) -> list[QueuedMessage]:
        """Lease up to ``limit`` due messages to a fresh owner token, oldest due first: one
        SELECT (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) and one UPDATE for the lot."""
        token = secrets.token_hex(16)
        async with self._db.session() as s:
            query = (
                sa_select(
                    col(OutboxRow.id),
                    col(OutboxRow.chat_id),
                    col(OutboxRow.payload),
                    col(OutboxRow.attempts),
                    col(ChatAccountRow.language),
                )
                .join(
                    ChatAccountRow,
                    col(ChatAccountRow.telegram_id) == OutboxRow.chat_id,
                    isouter=True,
                )
                .where(
                    col(OutboxRow.status) == PENDING,
                    col(OutboxRow.not_before) <= now,
                    (col(OutboxRow.claimed_until).is_(None)) | (col(OutboxRow.claimed_until) < now),
                )
                .order_by(col(OutboxRow.not_before), col(OutboxRow.id))
                .limit(limit)
                .with_for_update(skip_locked=True, of=OutboxRow)
            )
            rows = (await (await s.connection()).execute(query)).all()
            if not rows:
                return []
            await s.exec(
                update(OutboxRow)
                .where(col(OutboxRow.id).in_([row.id for row in rows]))
                .values(claimed_until=now + lease, claim_token=token)
            )
            await s.commit()
            return [_queued(row, row.language, token, self._actions) for row in rows]

    async def renew(
        self, message_id: int, *, claim: str | None, now: datetime, lease: timedelta
    ) -> bool:
        return await self._update(
            message_id, claim, {"claimed_until": now + lease}, col(OutboxRow.status) == PENDING
        )

    async def mark_sent(self, message_id: int, *, now: datetime, claim: str | None = None) -> bool:
        return await self._update(message_id, claim, {"status": SENT, "sent_at": now, **_FREE})

    async def mark_sent_many(self, sent: Sequence[tuple[int, str | None]], *, now: datetime) -> int:
        """One transaction, one UPDATE per claim among ``sent``; how many rows it marked."""
        by_claim: dict[str | None, list[int]] = defaultdict(list)
        for message_id, claim in sent:
            by_claim[claim].append(message_id)
        marked = 0
        async with self._db.session() as s:
            for claim, ids in by_claim.items():
                where: list[ColumnElement[bool]] = [col(OutboxRow.id).in_(ids)]
                if claim is not None:
                    where.append(col(OutboxRow.claim_token) == claim)
                statement = update(OutboxRow).where(*where)
                result = await s.exec(statement.values(status=SENT, sent_at=now, **_FREE))
                marked += int(result.rowcount)
            await s.commit()
        return marked

    async def next_due(self) -> datetime | None:
        claimable = case(
            (col(OutboxRow.claimed_until) > col(OutboxRow.not_before), OutboxRow.claimed_until),
            else_=OutboxRow.not_before,
        )
        async with self._db.session(readonly=True) as s:
            query = select(func.min(claimable)).where(OutboxRow.status == PENDING)
            found = (await s.exec(query)).one()
        return _aware(found)

    async def retry_later(
        self,
        message_id: int,
        *,
        not_before: datetime,
        error: str,
        failed: bool = True,
        claim: str | None = None,
    ) -> bool:
        values = {"not_before": not_before, "last_error": error[:500], **_FREE}
        if failed:
            values["attempts"] = col(OutboxRow.attempts) + 1
        return await self._update(message_id, claim, values)

    async def mark_failed(self, message_id: int, *, error: str, claim: str | None = None) -> bool:
        return await self._update(
            message_id, claim, {"status": FAILED, "last_error": error[:500], **_FREE}
        )

    async def mark_blocked(
        self, message_id: int, chat_id: int, *, now: datetime, claim: str | None = None
    ) -> bool:
        """The person blocked the bot: remember it and drop their pending messages, except
        those another claimer holds under a live lease (it will hear the same 403)."""
        ours = [col(OutboxRow.id) == message_id, col(OutboxRow.status) == PENDING]
        if claim is not None:
            ours.append(col(OutboxRow.claim_token) == claim)
        token = col(OutboxRow.claim_token)
        not_anothers = or_(token.is_(None), col(OutboxRow.claimed_until) < now)
        others = [
            col(OutboxRow.chat_id) == chat_id,
            col(OutboxRow.status) == PENDING,
            col(OutboxRow.id) != message_id,
            not_anothers if claim is None else or_(not_anothers, token == claim),
        ]
        async with self._db.session() as s:
            result = await s.exec(update(OutboxRow).where(*ours).values(status=BLOCKED, **_FREE))
            await s.exec(update(OutboxRow).where(*others).values(status=BLOCKED, **_FREE))
            account = await s.get(ChatAccountRow, chat_id)
            if account is None:
                s.add(ChatAccountRow(telegram_id=chat_id, blocked_at=now))
            else:
                account.blocked_at = now
            await s.commit()
            return bool(result.rowcount)

    async def prune(self, *, before: datetime) -> int:
        """Delete messages sent, failed or blocked before ``before`` (a failed or blocked
        message's last attempt is its ``not_before``); how many."""
        async with self._db.session() as s:
            result = await s.exec(
                delete(OutboxRow).where(
                    or_(
                        (col(OutboxRow.status) == SENT) & (col(OutboxRow.sent_at) < before),
                        col(OutboxRow.status).in_([FAILED, BLOCKED])
                        & (col(OutboxRow.not_before) < before),
                    )
                )
            )
            await s.commit()
            return int(result.rowcount)

    async def counts(self) -> dict[str, int]:
        async with self._db.session(readonly=True) as s:
            query = select(OutboxRow.status, func.count()).group_by(col(OutboxRow.status))
            return {str(status): int(count) for status, count in await s.exec(query)}

    async def _update(
        self,
        message_id: int,
        claim: str | None,
        values: dict[str, Any],
        *conditions: ColumnElement[bool],
    ) -> bool:
        """``UPDATE outbox SET … WHERE id = :id [AND claim_token = :claim]``; whether it did."""
        where = [col(OutboxRow.id) == message_id, *conditions]
        if claim is not None:
            where.append(col(OutboxRow.claim_token) == claim)
        async with self._db.session() as s:
            result = await s.exec(update(OutboxRow).where(*where).values(**values))
            await s.commit()
            return bool(result.rowcount)
