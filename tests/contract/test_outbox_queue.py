"""The outbox queue's contract (``OutboxQueue``: claims, leases and claim ownership), on the
fakes, SQLite and PostgreSQL.

"Two processes" are two queues over two ``Database`` s (two engines, two connection pools) on the
same database, as two bot processes would be; on the fakes, two queues over one fake database.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.actions import ActionCatalogue, ShowMenu, UnreadableAction
from domain.appraisal.actions import LEGACY_REFERENCES, ShowObjection, ShowResults, ShowSubordinate
from domain.messages import Button, Line, Lines, OutboundMessage, TextRef
from domain.org.identity import ChatAccount
from domain.outbox import OutboxQueue
from domain.skm.actions import StartRtl
from domain.skm.report_model import ScopeKind
from tests.contract.conftest import Store

LEASE = timedelta(minutes=2)
ACTIONS = ActionCatalogue(
    [ShowMenu, ShowSubordinate, ShowResults, ShowObjection, StartRtl], legacy=LEGACY_REFERENCES
)


@pytest.fixture
def now(clock) -> datetime:
    return clock.now()


@pytest.fixture
def queue(store: Store) -> OutboxQueue:
    return store.queue(ACTIONS)


@pytest.fixture
def second_process(other_store: Store) -> OutboxQueue:
    return other_store.queue(ACTIONS)


async def add(store: Store, now: datetime, *messages: OutboundMessage) -> list[int]:
    async with store.factory() as tx:
        for message in messages:
            assert await tx.outbox.enqueue(message, now=now)
        await tx.commit()
    ids = [r.id for r in await store.outbox_rows()]
    return [i for i in ids if i is not None][-len(messages) :]


async def test_a_claim_returns_typed_messages_in_the_recipients_language_and_zone(
    store, queue, now
):
    at = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    button = Button("core.menu.help", ShowSubordinate(3, 17), {"n": "1"})
    message = OutboundMessage(
        5,
        "appraisal.notify",
        "k1",
        {"when": at, "day": date(2026, 12, 1), "status": TextRef("status.x"), "n": 3, "s": "a"},
        ((button,),),
        timezone="Asia/Makassar",
    )
    async with store.factory() as tx:
        await tx.accounts.save(ChatAccount(5, language="en"))
        assert await tx.outbox.enqueue(message, now=now)
        assert not await tx.outbox.enqueue(message, now=now)  # the same dedupe key: nothing
        await tx.commit()

    [claimed] = await queue.claim(now=now, limit=10, lease=LEASE)
    assert (claimed.chat_id, claimed.key, claimed.language, claimed.timezone) == (
        5,
        "appraisal.notify",
        "en",
        "Asia/Makassar",
    )
    assert dict(claimed.params) == dict(message.params)
    assert claimed.buttons == ((button,),)
    assert claimed.attempts == 0
    assert claimed.claim is not None
    stored = await store.outbox_row(claimed.id)
    assert (stored.claim_token, stored.claimed_until) == (claimed.claim, now + LEASE)
    assert await queue.claim(now=now, limit=10, lease=LEASE) == []  # leased


async def test_numbers_and_lists_of_lines_come_back_typed(store, queue, now):
    lines = Lines(
        (
            Line("a.line", {"ikm": Decimal("81.25"), "day": date(2026, 12, 1), "k": TextRef("x")}),
            Line("b.line"),
        )
    )
    params = {"lines": lines, "ikm": Decimal("70.10"), "empty": Lines()}
    await add(store, now, OutboundMessage(5, "k", "k", params))
    [claimed] = await queue.claim(now=now, limit=10, lease=LEASE)
    assert dict(claimed.params) == params


async def test_buttons_keep_their_typed_actions_with_enums_and_dates(store, queue, now):
    rtl = StartRtl(ScopeKind.UNIT, 12, date(2026, 1, 1), date(2026, 3, 31))
    await add(store, now, OutboundMessage(5, "k", "k", buttons=((Button("a", rtl),),)))
    [stored] = await store.outbox_rows()
    assert stored.payload["buttons"][0][0]["action"] == {
        "$action": "skm/rtl",
        "scope_kind": "unit",
        "scope_id": 12,
        "date_from": "2026-01-01",
        "date_to": "2026-03-31",
    }
    [claimed] = await queue.claim(now=now, limit=10, lease=LEASE)
    assert claimed.buttons == ((Button("a", rtl),),)


async def test_rows_queued_before_typed_actions_are_read_as_typed_actions(store, queue, now):
    old = [
        [{"label": "appraisal.button.open", "data": "sub:3:17", "params": {}}],
        [{"label": "appraisal.button.decide", "data": "case:3:17", "params": {}}],
        [{"label": "appraisal.button.results", "data": "results:3", "params": {}}],
    ]
    await store.insert_outbox_row(now, old)
    [claimed] = await queue.claim(now=now, limit=10, lease=LEASE)
    assert claimed.buttons == (
        (Button("appraisal.button.open", ShowSubordinate(3, 17)),),
        (Button("appraisal.button.decide", ShowObjection(3, 17)),),
        (Button("appraisal.button.results", ShowResults(3)),),
    )


async def test_an_action_this_version_does_not_know_is_read_as_unreadable(store, queue, now):
    gone = {"$action": "appraisal/gone", "period_id": 3}
    await store.insert_outbox_row(now, [[{"label": "x", "action": gone, "params": {}}]])
    [claimed] = await queue.claim(now=now, limit=10, lease=LEASE)  # the claim does not fail
    [[button]] = claimed.buttons
    assert isinstance(button.action, UnreadableAction)
    assert "appraisal/gone" in button.action.stored


async def test_a_message_without_a_zone_has_none(store, queue, now):
    await add(store, now, OutboundMessage(5, "k", "k"))
    [claimed] = await queue.claim(now=now, limit=10, lease=LEASE)
    assert claimed.timezone is None
    assert claimed.language is None


async def test_claims_take_the_oldest_due_first_and_at_most_the_limit(store, queue, now):
    later = now + timedelta(minutes=5)
    ids = await add(
        store,
        now,
        OutboundMessage(1, "k", "a", not_before=now - timedelta(seconds=1)),
        OutboundMessage(2, "k", "b", not_before=later),
        OutboundMessage(3, "k", "c", not_before=now - timedelta(seconds=5)),
        OutboundMessage(4, "k", "d"),
    )
    first = await queue.claim(now=now, limit=2, lease=LEASE)
    assert [m.id for m in first] == [ids[2], ids[0]]
    assert len({m.claim for m in first}) == 1  # one token per claim
    second = await queue.claim(now=now, limit=2, lease=LEASE)
    assert [m.id for m in second] == [ids[3]]
    assert second[0].claim != first[0].claim


async def test_two_processes_claiming_at_once_never_get_the_same_message(
    store, queue, second_process, now
):
    await add(store, now, *(OutboundMessage(n, "k", f"m{n}") for n in range(60)))
    seen: list[int] = []
    for _ in range(10):
        batches = await asyncio.gather(
            *(
                q.claim(now=now, limit=7, lease=LEASE)
                for q in (queue, second_process, queue, second_process)
            )
        )
        seen += [m.id for batch in batches for m in batch]
    assert len(seen) == len(set(seen)) == 60


async def test_a_lost_lease_makes_every_later_update_a_no_op(store, queue, second_process, now):
    [row_id] = await add(store, now, OutboundMessage(5, "k", "k"))
    [mine] = await queue.claim(now=now, limit=1, lease=LEASE)
    late = now + LEASE + timedelta(seconds=1)  # this sender stalled past its lease...
    [theirs] = await second_process.claim(now=late, limit=1, lease=LEASE)  # ...and lost it
    assert theirs.id == mine.id == row_id
    assert theirs.claim != mine.claim

    assert not await queue.renew(row_id, claim=mine.claim, now=late, lease=LEASE)
    assert not await queue.mark_sent(row_id, now=late, claim=mine.claim)
    assert not await queue.retry_later(row_id, not_before=late, error="x", claim=mine.claim)
    assert not await queue.mark_failed(row_id, error="x", claim=mine.claim)
    assert not await queue.mark_blocked(row_id, 5, now=late, claim=mine.claim)
    stored = await store.outbox_row(row_id)
    assert (stored.status, stored.attempts, stored.claim_token, stored.sent_at) == (
        "pending",
        0,
        theirs.claim,
        None,
    )
    assert await second_process.mark_sent(row_id, now=late, claim=theirs.claim)
    stored = await store.outbox_row(row_id)
    assert (stored.status, stored.sent_at, stored.claim_token, stored.claimed_until) == (
        "sent",
        late,
        None,
        None,
    )


async def test_renewing_keeps_the_message_from_being_claimed_again(
    store, queue, second_process, now
):
    [row_id] = await add(store, now, OutboundMessage(5, "k", "k"))
    [mine] = await queue.claim(now=now, limit=1, lease=LEASE)
    almost = now + LEASE - timedelta(seconds=1)
    assert await queue.renew(row_id, claim=mine.claim, now=almost, lease=LEASE)
    assert (
        await second_process.claim(now=now + LEASE + timedelta(seconds=1), limit=1, lease=LEASE)
        == []
    )
    # a lease that ran out with nobody else claiming is still this sender's to renew
    late = almost + LEASE + timedelta(seconds=30)
    assert await queue.renew(row_id, claim=mine.claim, now=late, lease=LEASE)
    assert await queue.mark_sent(row_id, now=late, claim=mine.claim)
    assert not await queue.renew(row_id, claim=mine.claim, now=late, lease=LEASE)  # sent


async def test_retry_later_counts_failures_only_and_gives_the_lease_back(store, queue, now):
    [row_id] = await add(store, now, OutboundMessage(5, "k", "k"))
    [claimed] = await queue.claim(now=now, limit=1, lease=LEASE)
    soon = now + timedelta(seconds=4)
    assert await queue.retry_later(row_id, not_before=soon, error="e" * 600, claim=claimed.claim)
    stored = await store.outbox_row(row_id)
    assert (stored.attempts, stored.not_before, stored.claim_token, stored.claimed_until) == (
        1,
        soon,
        None,
        None,
    )
    assert len(stored.last_error or "") == 500
    [again] = await queue.claim(now=soon, limit=1, lease=LEASE)
    assert again.attempts == 1
    assert await queue.retry_later(
        row_id, not_before=soon, error="paused", failed=False, claim=again.claim
    )
    assert (await store.outbox_row(row_id)).attempts == 1
    [third] = await queue.claim(now=soon, limit=1, lease=LEASE)
    assert await queue.mark_failed(row_id, error="refused", claim=third.claim)
    stored = await store.outbox_row(row_id)
    assert (stored.status, stored.last_error, stored.claim_token) == ("failed", "refused", None)


async def test_blocking_drops_the_persons_messages_but_not_one_another_process_holds(
    store, queue, second_process, now
):
    first, second, held, other_person = await add(
        store,
        now,
        OutboundMessage(5, "k", "a"),
        OutboundMessage(5, "k", "b"),
        OutboundMessage(5, "k", "c", not_before=now + timedelta(seconds=1)),
        OutboundMessage(6, "k", "d", not_before=now + timedelta(hours=1)),
    )
    mine = await queue.claim(now=now, limit=2, lease=LEASE)
    assert [m.id for m in mine] == [first, second]
    later = now + timedelta(seconds=1)
    [theirs] = await second_process.claim(now=later, limit=1, lease=LEASE)
    assert theirs.id == held

    assert await queue.mark_blocked(first, 5, now=later, claim=mine[0].claim)
    statuses = {r.id: r.status for r in await store.outbox_rows()}
    assert statuses == {
        first: "blocked",
        second: "blocked",
        held: "pending",
        other_person: "pending",
    }
    assert await store.blocked_at(5) == later


async def test_prune_deletes_messages_finished_more_than_the_given_time_ago(store, queue, now):
    sent, failed, blocked, pending = await add(
        store,
        now,
        OutboundMessage(1, "k", "a"),
        OutboundMessage(2, "k", "b"),
        OutboundMessage(3, "k", "c"),
        OutboundMessage(4, "k", "d"),
    )
    claimed = {m.id: m.claim for m in await queue.claim(now=now, limit=10, lease=LEASE)}
    assert await queue.mark_sent(sent, now=now, claim=claimed[sent])
    assert await queue.mark_failed(failed, error="x", claim=claimed[failed])
    assert await queue.mark_blocked(blocked, 3, now=now, claim=claimed[blocked])
    assert await queue.retry_later(pending, not_before=now, error="x", claim=claimed[pending])

    assert await queue.prune(before=now) == 0
    assert await queue.prune(before=now + timedelta(seconds=1)) == 3
    assert [r.id for r in await store.outbox_rows()] == [pending]


async def test_the_outbox_queue_claims_sends_retries_and_stops_for_blocked_chats(store, queue, now):
    button = Button("menu.open", ShowMenu(), {"n": "1"})
    async with store.factory() as uow:
        await uow.accounts.save(ChatAccount(5, language="en"))
        await uow.outbox.enqueue(OutboundMessage(5, "a", "a", buttons=((button,),)), now=now)
        later = now + timedelta(hours=1)
        await uow.outbox.enqueue(OutboundMessage(6, "b", "b", not_before=later), now=now)
        await uow.outbox.enqueue(OutboundMessage(5, "c", "c"), now=now)
        await uow.commit()
    claimed = await queue.claim(now=now, limit=10, lease=timedelta(minutes=1))
    assert [(m.key, m.language) for m in claimed] == [("a", "en"), ("c", "en")]
    assert claimed[0].buttons == ((button,),)
    assert await queue.claim(now=now, limit=10, lease=timedelta(minutes=1)) == []
    await queue.mark_sent(claimed[0].id, now=now)
    await queue.retry_later(claimed[1].id, not_before=now, error="x" * 600)
    retried = await store.outbox_row(claimed[1].id)
    assert (retried.attempts, len(retried.last_error or "")) == (1, 500)
    await queue.mark_blocked(claimed[1].id, 5, now=now)
    assert [row.status for row in await store.outbox_rows()] == ["sent", "pending", "blocked"]
    assert await store.blocked_at(5) == now


async def test_marking_several_sent_at_once_applies_only_under_each_ones_claim(
    store, queue, second_process, now
):
    first, second, third = await add(
        store, now, *(OutboundMessage(n, "k", f"m{n}") for n in (1, 2, 3))
    )
    mine = {m.id: m.claim for m in await queue.claim(now=now, limit=2, lease=LEASE)}
    late = now + LEASE + timedelta(seconds=1)
    [theirs] = await second_process.claim(now=late, limit=1, lease=LEASE)  # took `first` over
    assert theirs.id == first
    assert await queue.renew(second, claim=mine[second], now=late, lease=LEASE)
    [last] = await queue.claim(now=late, limit=1, lease=LEASE)
    assert last.id == third

    sent = [(first, mine[first]), (second, mine[second]), (third, last.claim)]
    assert await queue.mark_sent_many(sent, now=late) == 2
    rows = {r.id: r for r in await store.outbox_rows()}
    assert [(rows[i].status, rows[i].sent_at) for i in (second, third)] == [("sent", late)] * 2
    assert (rows[second].claim_token, rows[second].claimed_until) == (None, None)
    assert (rows[first].status, rows[first].claim_token) == ("pending", theirs.claim)
    assert await queue.mark_sent_many([], now=late) == 0


async def test_next_due_is_when_the_earliest_pending_message_can_be_claimed(store, queue, now):
    assert await queue.next_due() is None
    soon, later = now + timedelta(seconds=30), now + timedelta(hours=1)
    first, _ = await add(
        store,
        now,
        OutboundMessage(1, "k", "a", not_before=soon),
        OutboundMessage(2, "k", "b", not_before=later),
    )
    assert await queue.next_due() == soon
    [claimed] = await queue.claim(now=soon, limit=1, lease=LEASE)  # leased until soon + LEASE
    assert await queue.next_due() == soon + LEASE  # free again when its lease runs out
    assert await queue.mark_sent(first, now=soon, claim=claimed.claim)
    assert await queue.next_due() == later
    [other] = await queue.claim(now=later, limit=1, lease=LEASE)
    assert await queue.next_due() == later + LEASE  # claimed: free again when its lease ends
    assert await queue.mark_failed(other.id, error="x", claim=other.claim)
    assert await queue.next_due() is None
