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


async def test_cancel_drops_the_pending_messages_of_a_prefix_and_nothing_else(store, clock):
    now = clock.now()
    async with store.factory() as uow:
        for key in ("rem:self:1:7:d7", "rem:self:1:7:d3", "rem:self:1:70:d7", "rem:self:1_7:x"):
            await uow.outbox.enqueue(OutboundMessage(5, "k", key), now=now)
        await uow.commit()
    async with store.factory() as uow:
        assert await uow.outbox.cancel("rem:self:1:7:") == 2  # "_" is no wildcard
        await uow.commit()
    keys = [row.dedupe_key for row in await store.outbox_rows()]
    assert keys == ["rem:self:1:70:d7", "rem:self:1_7:x"]


async def test_latest_and_replace_change_a_waiting_message_but_not_a_sent_one(store, clock):
    now = clock.now()
    later = now + timedelta(minutes=30)
    first = OutboundMessage(5, "first", "result:1:N:1", {"n": 1}, not_before=later)
    async with store.factory() as uow:
        assert await uow.outbox.latest("result:1:N:") is None
        await uow.outbox.enqueue(first, now=now)
        await uow.outbox.enqueue(OutboundMessage(5, "other", "result:1:M:1"), now=now)
        await uow.commit()
    async with store.factory() as uow:
        entry = await uow.outbox.latest("result:1:N:")
        assert entry is not None
        assert (entry.dedupe_key, entry.not_before, entry.pending) == ("result:1:N:1", later, True)
        second = OutboundMessage(5, "second", "result:1:N:1", {"n": 2}, not_before=now)
        assert await uow.outbox.replace(second)
        await uow.commit()
    [row] = [r for r in await store.outbox_rows() if r.dedupe_key == "result:1:N:1"]
    assert (row.payload["key"], row.payload["params"], row.not_before) == (
        "second",
        {"n": 2},
        later,  # its time to go stays
    )
    queue = store.queue(ActionCatalogue([]))
    claims = await queue.claim(now=later, limit=2, lease=timedelta(minutes=1))
    [claimed] = [m for m in claims if m.key == "second"]
    async with store.factory() as uow:  # claimed: on its way to Telegram, no longer ours
        assert not await uow.outbox.replace(second)
    await queue.mark_sent(claimed.id, now=later, claim=claimed.claim)
    async with store.factory() as uow:
        entry = await uow.outbox.latest("result:1:N:")
        assert entry is not None
        assert (entry.pending, entry.sent_at) == (False, later)
        assert not await uow.outbox.replace(second)
