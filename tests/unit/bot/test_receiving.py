"""Receiving: the poller moves Telegram's offset only past updates it recorded; the webhook
answers 200 only once an update is recorded (503 when it could not be, 403 without the secret);
``/healthz`` says whether the database is there and current."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime

import httpx
import pytest
from telegram import Bot, Update

from bot.receipt import Receipt
from bot.serve import Poller
from bot.web import SECRET_HEADER, Listener, health_app, webhook_app
from domain.engine.updates import Arrival, Recorded
from tests.support.clock import FixedClock
from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.unit.bot.test_receipt import FakeInbox

SITI = FakeUser(id=7_700_000_001, first_name="Siti")
SECRET = "rahasia-webhook_123"


class FlakyInbox(FakeInbox):
    """Refuses to record while ``down``, as a database that went away."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    async def record(
        self,
        arrivals: Sequence[Arrival],
        *,
        now: datetime,
        shared: bool,
        done: Sequence[int] = (),
    ) -> list[Recorded]:
        if self.down:
            raise ConnectionError("database went away")
        return await super().record(arrivals, now=now, shared=shared, done=done)


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        server.start_chat(SITI)
        yield server
        server.assert_no_violations()


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url) as real:
        yield real


async def test_the_offset_moves_only_past_updates_recorded_in_the_inbox(
    tg: FakeTelegram, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.serve.POLL_SECONDS", 0)
    inbox, queue = FlakyInbox(), asyncio.Queue[object]()
    poller = Poller(bot, Receipt(inbox, FixedClock(), shared=False), queue)
    first = tg.send_text(SITI, "satu")
    inbox.down = True
    polling = asyncio.create_task(poller.run())
    try:
        await asyncio.sleep(1.5)  # fetched, not recordable: Telegram keeps it
        assert [u["update_id"] for u in tg.pending_updates()] == [first]
        assert queue.empty()
        inbox.down = False
        received = await asyncio.wait_for(queue.get(), timeout=10)
        assert isinstance(received, Update)
        assert received.update_id == first
        second = tg.send_text(SITI, "dua")
        received = await asyncio.wait_for(queue.get(), timeout=10)
        assert isinstance(received, Update)
        assert received.update_id == second
        await asyncio.to_thread(tg.wait_until_delivered, first, timeout=10)  # confirmed now
    finally:
        polling.cancel()
        with pytest.raises(asyncio.CancelledError):
            await polling


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def listening(app: object) -> AsyncIterator[str]:
    port = _free_port()
    listener = Listener(app, "127.0.0.1", port)  # type: ignore[arg-type]
    listener.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await listener.stop()


def an_update(update_id: int) -> dict[str, object]:
    chat = {"id": SITI.id, "type": "private"}
    sender = {"id": SITI.id, "is_bot": False, "first_name": "Siti"}
    message = {"message_id": 1, "date": 0, "chat": chat, "from": sender, "text": "halo"}
    return {"update_id": update_id, "message": message}


async def test_the_webhook_answers_200_only_for_a_recorded_update(bot: Bot) -> None:
    inbox, queue = FlakyInbox(), asyncio.Queue[object]()
    receipt = Receipt(inbox, FixedClock(), shared=True)

    async def healthy() -> str | None:
        return None

    app = webhook_app("telegram", healthy, bot=bot, receipt=receipt, queue=queue, secret=SECRET)
    async with listening(app) as base, httpx.AsyncClient(base_url=base) as http:

        async def post(update: object, secret: str = SECRET) -> int:
            body = json.dumps(update)
            headers = {SECRET_HEADER: secret, "Content-Type": "application/json"}
            return (await http.post("/telegram", content=body, headers=headers)).status_code

        assert await post(an_update(1), secret="salah") == 403
        inbox.down = True
        assert await post(an_update(1)) == 503  # Telegram will deliver it again
        inbox.down = False
        assert await post(an_update(1)) == 200
        assert await post(an_update(1)) == 200  # a repeated delivery: accepted, not handed on
        assert await post({"not": "an update"}) == 400
    assert queue.qsize() == 1
    assert list(inbox.rows) == [1]


async def test_healthz_is_200_when_healthy_and_503_with_the_reason_otherwise() -> None:
    problem: list[str | None] = [None]

    async def health() -> str | None:
        return problem[0]

    async with listening(health_app(health)) as base, httpx.AsyncClient(base_url=base) as http:
        ok = await http.get("/healthz")
        problem[0] = "schema at revision 0004, this release needs 0006"
        bad = await http.get("/healthz")
        missing = await http.get("/telegram")
    assert (ok.status_code, ok.json()) == (200, {"ok": True, "problem": None})
    assert bad.status_code == 503
    assert bad.json()["problem"].startswith("schema at revision 0004")
    assert missing.status_code == 404
