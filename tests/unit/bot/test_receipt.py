"""The durable receipt seen from the processor: what arrives twice is handled once, one person's
updates go in update id order even when another process holds an earlier one, and what an
earlier life left is handled again — or, when its effect had committed, shown, not re-applied."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from telegram import Bot, Chat, Message, Update, User

from bot.processor import PerUserUpdateProcessor, Resume
from bot.receipt import Receipt
from domain.engine.updates import MAX_ATTEMPTS, Arrival, Leftover, Recorded
from tests.support.clock import FixedClock

ALICE, BUDI = 1001, 2002


def update(update_id: int, user_id: int = ALICE, text: str = "x") -> Update:
    user = User(user_id, f"user{user_id}", is_bot=False)
    message = Message(
        update_id, datetime.now(UTC), Chat(user_id, Chat.PRIVATE), from_user=user, text=text
    )
    return Update(update_id, message=message)


class FakeInbox:
    """The inbox in memory; ``elsewhere`` holds updates another process received."""

    def __init__(self) -> None:
        self.rows: dict[int, Arrival] = {}
        self.seen: set[int] = set()
        self.elsewhere: set[int] = set()
        self.leftovers: list[Leftover] = []
        self.handled: list[int] = []

    async def record(
        self,
        arrivals: Sequence[Arrival],
        *,
        now: datetime,
        shared: bool,
        done: Sequence[int] = (),
    ) -> list[Recorded]:
        await self.done(done)
        fresh = [a for a in arrivals if a.update_id not in self.seen]
        recorded = []
        for a in fresh:
            self.seen.add(a.update_id)
            self.rows[a.update_id] = a
            waits = shared and any(
                r.owner_id == a.owner_id
                and r.update_id < a.update_id
                and r.update_id in self.elsewhere
                for r in self.rows.values()
            )
            recorded.append(Recorded(a.update_id, waits))
        return recorded

    async def take_over(
        self, *, now: datetime, restarting: bool, everything: bool = False
    ) -> list[Leftover]:
        taken, self.leftovers = self.leftovers, []
        for left in taken:
            self.elsewhere.discard(left.update_id)
        return taken

    async def renew(self, *, now: datetime) -> None:
        return None

    async def earlier_pending(self, owner_id: int, update_id: int) -> bool:
        return any(r.owner_id == owner_id and r.update_id < update_id for r in self.rows.values())

    async def done(self, update_ids: Sequence[int]) -> None:
        for update_id in update_ids:
            self.rows.pop(update_id, None)

    @contextmanager
    def handling(self, update_id: int, *, applied: bool = False) -> Iterator[None]:
        self.handled.append(update_id)
        yield


@pytest.fixture
def bot() -> Bot:
    return Bot("123456:" + "A" * 35)


async def test_an_update_recorded_twice_is_handed_on_once() -> None:
    receipt = Receipt(FakeInbox(), FixedClock(), shared=False)
    first = await receipt.record([update(1), update(2)])
    again = await receipt.record([update(2), update(3)])
    assert [u.update_id for u in first + again] == [1, 2, 3]
    assert receipt.in_hand == 3


async def test_an_update_waits_for_the_same_persons_earlier_one_held_by_another_process() -> None:
    inbox = FakeInbox()
    inbox.rows[5] = Arrival(5, ALICE, "{}")  # received by the other process, not done yet
    inbox.elsewhere.add(5)
    receipt = Receipt(inbox, FixedClock(), shared=True)
    processor = PerUserUpdateProcessor(4, receipt)
    seen: list[int] = []

    async def handle(number: int) -> None:
        seen.append(number)

    [later] = await receipt.record([update(6)])
    [budi] = await receipt.record([update(7, BUDI)])
    waiting = asyncio.create_task(processor.process_update(later, handle(6)))
    await processor.process_update(budi, handle(7))  # someone else is not held up
    await asyncio.sleep(0.3)
    assert seen == [7]
    await inbox.done([5])  # the other process is done with Alice's earlier update
    await asyncio.wait_for(waiting, timeout=2)
    assert seen == [7, 6]
    assert inbox.rows == {}  # both done, out of the inbox
    assert inbox.handled == [7, 6]


async def test_an_earlier_update_taken_over_from_a_dead_process_goes_first(bot: Bot) -> None:
    inbox = FakeInbox()
    inbox.rows[5] = Arrival(5, ALICE, update(5, text="first").to_json())
    inbox.elsewhere.add(5)
    receipt = Receipt(inbox, FixedClock(), shared=True)
    processor = PerUserUpdateProcessor(4, receipt)
    seen: list[str] = []

    async def handle(text: str) -> None:
        seen.append(text)

    [later] = await receipt.record([update(6, text="second")])
    waiting = asyncio.create_task(processor.process_update(later, handle("second")))
    await asyncio.sleep(0.2)
    inbox.leftovers = [Leftover(5, ALICE, inbox.rows[5].payload, attempts=2)]
    [taken] = await receipt.upkeep(bot)  # its lease ran out: this process takes it
    assert isinstance(taken, Update)
    await asyncio.wait_for(
        asyncio.gather(waiting, processor.process_update(taken, handle("first"))), timeout=3
    )
    assert seen == ["first", "second"]


async def test_what_an_earlier_life_left_comes_back_and_an_applied_update_as_a_resume(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    inbox = FakeInbox()
    inbox.leftovers = [
        Leftover(8, ALICE, update(8).to_json(), attempts=2, applied=True),
        Leftover(9, ALICE, update(9).to_json(), attempts=2),
        Leftover(10, BUDI, update(10, BUDI).to_json(), attempts=MAX_ATTEMPTS + 1),
    ]
    inbox.rows = {n: Arrival(n, None, "{}") for n in (8, 9, 10)}
    receipt = Receipt(inbox, FixedClock(), shared=False)
    resumed, again = await receipt.take_over(bot, everything=True)
    assert isinstance(resumed, Resume)
    assert resumed.update.update_id == 8
    assert isinstance(again, Update)
    assert again.update_id == 9
    assert json.loads(again.to_json())["message"]["text"] == "x"
    assert 10 not in inbox.rows  # taken too often without being done: dropped, with a warning
    assert any("update 10 dropped" in r.message for r in caplog.records)


async def test_polling_lets_go_of_handled_updates_with_the_next_batch(bot: Bot) -> None:
    inbox = FakeInbox()
    receipt = Receipt(inbox, FixedClock(), shared=False)
    [first] = await receipt.record([update(1)])
    await receipt.done(first)
    assert 1 in inbox.rows  # still there: one transaction less per update
    await receipt.record([update(2)])
    assert sorted(inbox.rows) == [2]  # gone with the next batch's transaction
    await receipt.done(update(2))
    await receipt.flush()  # the poller found nothing new, or the bot stops
    assert inbox.rows == {}
