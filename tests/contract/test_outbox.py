"""The outbox's contract (``Outbox``, the use cases' side: a message queued in their transaction,
once per dedupe key), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from domain.actions import ActionCatalogue
from domain.messages import OutboundMessage


async def test_the_outbox_queues_each_dedupe_key_once(store, clock):
    now = clock.now()
    message = OutboundMessage(5, "reminder.self", "remind:5:2026", {"days": "3"})
    async with store.factory() as uow:
        assert await uow.outbox.enqueue(message, now=now)
        assert not await uow.outbox.enqueue(message, now=now)
        assert await uow.outbox.enqueue(OutboundMessage(5, "x", "other"), now=now)
        await uow.commit()
    async with store.factory() as uow:
        assert not await uow.outbox.enqueue(message, now=now)
    assert [row.dedupe_key for row in await store.outbox_rows()] == ["remind:5:2026", "other"]


async def test_a_message_is_due_from_its_not_before_or_at_once(store, clock):
    now = clock.now()
    later = now + timedelta(hours=1)
    async with store.factory() as uow:
        assert await uow.outbox.enqueue(OutboundMessage(5, "k", "now"), now=now)
        assert await uow.outbox.enqueue(OutboundMessage(5, "k", "later", not_before=later), now=now)
        await uow.commit()
    rows = await store.outbox_rows()
    assert [(r.dedupe_key, r.not_before, r.created_at, r.status) for r in rows] == [
        ("now", now, now, "pending"),
        ("later", later, now, "pending"),
    ]
    due = await store.queue(ActionCatalogue([])).claim(now=now, limit=5, lease=timedelta(minutes=1))
    assert [m.id for m in due] == [rows[0].id]  # "later" is not due yet
