"""PerUserUpdateProcessor: one person's updates in order, everyone else's in parallel, and one
person's burst never holds the slots other people need."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update, User
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.processor import PerUserUpdateProcessor, update_owner
from tests.support.fake_telegram import FakeTelegram

ALICE, BUDI = 1001, 2002
_ids = iter(range(1, 1_000_000))


def update_from(user_id: int, text: str) -> Update:
    user = User(user_id, f"user{user_id}", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    message = Message(next(_ids), datetime.now(UTC), chat, from_user=user, text=text)
    return Update(next(_ids), message=message)


Handler = Callable[[Update], Awaitable[None]]


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server
        server.assert_no_violations()


async def running_app(tg: FakeTelegram, slots: int, handle: Handler) -> Application:  # type: ignore[type-arg]
    """A real PTB application (fetcher, tasks, processor) fed through its update queue."""
    processor = PerUserUpdateProcessor(slots)
    application = (
        Application.builder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .concurrent_updates(processor)
        .updater(None)
        .build()
    )

    async def callback(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        await handle(update)

    application.add_handler(TypeHandler(Update, callback))
    await application.initialize()
    await application.start()
    return application


async def test_one_persons_burst_does_not_starve_another_person(tg: FakeTelegram) -> None:
    alice_may_go_on = asyncio.Event()
    budi_done = asyncio.Event()
    alice_seen: list[str] = []

    async def handle(update: Update) -> None:
        assert update.message is not None
        if update_owner(update) == BUDI:
            budi_done.set()
            return
        await alice_may_go_on.wait()  # Alice's first update holds her lock until released
        alice_seen.append(update.message.text or "")

    application = await running_app(tg, 64, handle)
    try:
        burst = [f"a{n}" for n in range(200)]
        for text in burst:
            await application.update_queue.put(update_from(ALICE, text))
        await application.update_queue.put(update_from(BUDI, "hello"))
        # Budi is handled while all 200 of Alice's updates are still in progress or queued:
        # her queued updates hold no slot. (PTB's order — slot first — made Budi wait here.)
        await asyncio.wait_for(budi_done.wait(), timeout=2)
        assert alice_seen == []
        processor = application.update_processor
        assert processor.current_concurrent_updates == 1  # only Alice's running update
        alice_may_go_on.set()
        await asyncio.wait_for(application.update_queue.join(), timeout=10)
        assert alice_seen == burst  # in arrival order
        assert isinstance(processor, PerUserUpdateProcessor)
        assert processor.queued_users == 0  # every lock forgotten
    finally:
        alice_may_go_on.set()
        await application.stop()
        await application.shutdown()


async def test_each_persons_updates_run_in_order_and_people_run_in_parallel() -> None:
    processor = PerUserUpdateProcessor(8)
    seen: dict[int, list[int]] = {ALICE: [], BUDI: []}
    running: set[int] = set()
    overlap: list[tuple[int, int]] = []
    both_running = asyncio.Event()

    async def handle(owner: int, number: int) -> None:
        if owner in running:
            overlap.append((owner, number))
        running.add(owner)
        if len(running) == 2:
            both_running.set()
        for _ in range(3):
            await asyncio.sleep(0)  # let the other tasks try to overtake
        seen[owner].append(number)
        running.discard(owner)

    tasks = [
        asyncio.create_task(processor.process_update(update_from(owner, str(n)), handle(owner, n)))
        for n in range(30)
        for owner in (ALICE, BUDI)
    ]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=5)
    assert seen == {ALICE: list(range(30)), BUDI: list(range(30))}
    assert overlap == []  # never two of one person's updates at once
    assert both_running.is_set()  # but Alice and Budi side by side
    assert processor.queued_users == 0


async def test_a_slot_is_taken_only_by_an_update_that_runs() -> None:
    processor = PerUserUpdateProcessor(2)
    gate = asyncio.Event()
    done: list[str] = []

    async def handle(name: str) -> None:
        if name == "a0":
            await gate.wait()
        done.append(name)

    alice = [
        asyncio.create_task(processor.process_update(update_from(ALICE, n), handle(n)))
        for n in ("a0", "a1", "a2", "a3")
    ]
    await asyncio.sleep(0.01)
    assert processor.current_concurrent_updates == 1
    budi = asyncio.create_task(processor.process_update(update_from(BUDI, "b"), handle("b")))
    await asyncio.wait_for(budi, timeout=1)  # one slot was still free for Budi
    gate.set()
    await asyncio.gather(*alice)
    assert done == ["b", "a0", "a1", "a2", "a3"]


async def test_a_cancelled_queued_update_leaves_no_lock_and_no_stray_coroutine() -> None:
    processor = PerUserUpdateProcessor(4)
    gate = asyncio.Event()
    done: list[str] = []

    async def handle(name: str) -> None:
        if name == "first":
            await gate.wait()
        done.append(name)

    first = asyncio.create_task(processor.process_update(update_from(ALICE, "1"), handle("first")))
    queued = asyncio.create_task(
        processor.process_update(update_from(ALICE, "2"), handle("cancelled"))
    )
    last = asyncio.create_task(processor.process_update(update_from(ALICE, "3"), handle("last")))
    await asyncio.sleep(0.01)
    queued.cancel()
    gate.set()
    await asyncio.gather(first, last)
    with pytest.raises(asyncio.CancelledError):
        await queued
    assert done == ["first", "last"]
    assert processor.queued_users == 0
    # filterwarnings=error: a never-awaited handler coroutine would fail this test at GC


async def test_updates_without_a_person_run_directly() -> None:
    processor = PerUserUpdateProcessor(1)
    done: list[str] = []

    async def handle() -> None:
        done.append("x")

    await processor.process_update(object(), handle())
    await processor.process_update(Update(1), handle())
    assert done == ["x", "x"]
    assert processor.queued_users == 0
