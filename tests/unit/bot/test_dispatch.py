"""The outbox dispatcher against a real PTB ``Bot`` talking HTTP to the strict fake Telegram
server (or, for answers the fake cannot give, a scripted HTTP server): pacing, RetryAfter,
blocked people, refused and unrenderable messages, back-off, lost claims and time zones.

Time is simulated: the dispatcher's monotonic clock and its sleep are a ``FakeTime`` that also
moves the wall clock, so nothing here waits for real seconds.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from typing import Any

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.dispatch import (
    IDLE_MAX,
    LEASE,
    MAX_ATTEMPTS,
    SPREAD,
    TURN_RETRY,
    OutboxDispatcher,
    Pacer,
)
from bot.i18n import CATALOGS, placeholders
from bot.router import Router
from bot.routes import ROUTES
from domain.appraisal.actions import ShowSubordinate
from domain.messages import Button, OutboundMessage
from domain.org.identity import ChatAccount
from domain.outbox import LateReplies, QueuedMessage
from tests.support.clock import FixedClock
from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.fakes.outbox import FakeOutboxQueue
from tests.support.fakes.state import OutboxRow
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

RATE = 25.0
ROUTER = Router(ROUTES)


def _key_with(count: int) -> str:
    """A text key with ``count`` placeholders in both languages (the catalogue changes)."""
    return next(
        key
        for key, template in CATALOGS["id"].items()
        if len(placeholders(template)) == count and len(placeholders(CATALOGS["en"][key])) == count
    )


PLAIN = _key_with(0)
WITH_PARAM = _key_with(1)
PARAM = next(iter(placeholders(CATALOGS["id"][WITH_PARAM])))


class FakeTime:
    """A monotonic clock and ``sleep`` that only move when told, moving the wall clock along."""

    def __init__(self, wall: FixedClock) -> None:
        self.now = 1000.0
        self.slept: list[float] = []
        self._wall = wall

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self._wall.advance(seconds=seconds)


class Rig:
    def __init__(
        self, tg: FakeTelegram, *, rate: float = RATE, in_flight: int | None = None
    ) -> None:
        self.tg = tg
        self.in_flight = in_flight
        self.clock = FixedClock()
        self.time = FakeTime(self.clock)
        self.db = FakeUnitOfWorkFactory(self.clock)
        self.queue = FakeOutboxQueue(self.db, ROUTER.catalogue)
        self.dispatcher = self.make_dispatcher(rate)

    def make_dispatcher(self, rate: float = RATE) -> OutboxDispatcher:
        return OutboxDispatcher(
            self.queue,
            self.clock,
            codecs=ROUTER.codecs,
            rate=rate,
            timezone="Asia/Jakarta",
            in_flight=self.in_flight,
            monotonic=self.time.monotonic,
            sleep=self.time.sleep,
        )

    def person(self, user_id: int, language: str = "id") -> int:
        self.tg.start_chat(FakeUser(id=user_id, first_name=f"P{user_id}", language_code=language))
        return user_id

    async def enqueue(self, *messages: OutboundMessage, language: str | None = None) -> list[int]:
        async with self.db() as uow:
            for message in messages:
                if language is not None:
                    await uow.accounts.save(ChatAccount(message.chat_id, language=language))
                assert await uow.outbox.enqueue(message, now=self.clock.now())
            await uow.commit()
        return [row.id for row in self.rows()][-len(messages) :]

    def rows(self) -> list[OutboxRow]:
        return sorted(self.db.state.outbox.values(), key=lambda row: row.id)

    def row(self, row_id: int) -> OutboxRow:
        return self.db.state.outbox[row_id]

    def advance(self, seconds: float) -> None:
        self.time.advance(seconds)


def message(chat_id: int, dedupe: str, key: str = PLAIN, **kwargs: object) -> OutboundMessage:
    return OutboundMessage(chat_id, key, dedupe, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server
        server.assert_no_violations()


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url) as real:
        yield real


@pytest.fixture
def rig(tg: FakeTelegram) -> Rig:
    return Rig(tg)


# --- the happy path ------------------------------------------------------------------------


async def test_due_messages_are_sent_in_the_recipients_language_with_buttons(rig, bot, tg):
    ani = rig.person(501, "en")
    button = Button(PLAIN, ShowSubordinate(3, 17))
    [first] = await rig.enqueue(message(ani, "m1", buttons=((button,),)), language="en")
    later = await rig.enqueue(message(ani, "m2", not_before=rig.clock.now() + timedelta(hours=1)))

    assert await rig.dispatcher.run_once(bot) == 1
    [sent] = tg.messages(ani)
    assert sent.source == CATALOGS["en"][PLAIN]
    assert sent.buttons == [[(CATALOGS["en"][PLAIN], "subordinate.1:3:17")]]
    row = rig.row(first)
    assert (row.status, row.sent_at, row.claimed_until, row.claim_token) == (
        "sent",
        rig.clock.now(),
        None,
        None,
    )
    assert rig.row(later[0]).status == "pending"


async def test_a_run_claims_less_than_one_second_of_sending(tg, bot):
    rig = Rig(tg, rate=10)
    people = [rig.person(600 + n) for n in range(15)]
    await rig.enqueue(*(message(p, f"m{p}") for p in people))
    start = rig.time.now

    assert await rig.dispatcher.run_once(bot) == 9  # 0.9 s at 10 a second
    interval = SPREAD / 10  # a second's sends spread over a little more than a second
    assert rig.time.now - start == pytest.approx(8 * interval)  # one send every interval
    assert [r.status for r in rig.rows()].count("pending") == 6
    assert all(r.claimed_until is None for r in rig.rows())  # the rest were never claimed
    # the next run, a second after the last send, starts afresh: an idle sender saves nothing up
    rig.advance(1)
    assert await rig.dispatcher.run_once(bot) == 6
    assert rig.time.slept == pytest.approx([interval] * (8 + 5))  # no burst
    slow = Rig(tg, rate=0.5)
    await slow.enqueue(message(people[0], "s1"), message(people[1], "s2"))
    assert await slow.dispatcher.run_once(bot) == 1  # never less than one a run


# --- messages the dispatcher cannot render -------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "error"),
    [
        (message(0, "bad", key="core.renamed_in_a_later_release"), "KeyError"),
        (message(0, "bad", buttons=((Button(PLAIN, ShowSubordinate(3, 2**31)),),)), "ValueError"),
        (message(0, "bad", key=WITH_PARAM, params={"renamed": 1}), "KeyError"),
        (
            message(
                0,
                "bad",
                key=WITH_PARAM,
                params={PARAM: datetime(2026, 11, 27, tzinfo=UTC)},
                timezone="Mars/Olympus_Mons",
            ),
            "ZoneInfoNotFoundError",
        ),
    ],
    ids=["unknown-key", "bad-action", "missing-param", "bad-time-zone"],
)
async def test_a_message_that_cannot_be_rendered_fails_alone_with_one_log_line(
    rig, bot, tg, caplog, broken, error
):
    ani, budi = rig.person(701), rig.person(702)
    bad_id, good_id = await rig.enqueue(replace(broken, chat_id=ani), message(budi, "good"))
    caplog.set_level("INFO", logger="bot.dispatch")

    assert await rig.dispatcher.run_once(bot) == 1  # the loop went on to Budi's message
    bad = rig.row(bad_id)
    assert (bad.status, bad.claim_token) == ("failed", None)
    assert error in (bad.last_error or "")
    assert rig.row(good_id).status == "sent"
    assert tg.messages(ani) == []
    lines = [r for r in caplog.records if r.name == "bot.dispatch"]
    assert [(line.levelname, line.exc_info) for line in lines] == [("ERROR", None)]
    assert rig.dispatcher.paced_chats == 1


@pytest.mark.parametrize(
    "stored",
    [
        {"$action": "appraisal/withdrawn_in_a_later_release", "period_id": 3},
        {"$action": "appraisal/subordinate", "period_id": 3},  # a field short
        {"$action": "appraisal/subordinate", "period_id": "3", "employee_id": 17},
        "sub:3",  # the old format, a field short
        "lap:u:5",  # an old route string no notification ever carried
    ],
    ids=["unknown-name", "missing-field", "wrong-type", "old-format-short", "old-unknown"],
)
async def test_a_stored_action_this_version_cannot_read_fails_alone_with_one_log_line(
    rig, bot, tg, caplog, stored
):
    ani, budi = rig.person(711), rig.person(712)
    button = Button(PLAIN, ShowSubordinate(3, 17))
    bad_id, good_id = await rig.enqueue(
        message(ani, "bad", buttons=((button,),)), message(budi, "good", buttons=((button,),))
    )
    key = "action" if isinstance(stored, dict) else "data"
    rig.row(bad_id).payload["buttons"] = [[{"label": PLAIN, key: stored, "params": {}}]]
    caplog.set_level("INFO", logger="bot.dispatch")

    assert await rig.dispatcher.run_once(bot) == 1
    bad = rig.row(bad_id)
    assert (bad.status, bad.claim_token) == ("failed", None)
    assert "NoCodec" in (bad.last_error or "")
    assert rig.row(good_id).status == "sent"
    assert tg.messages(ani) == []
    lines = [r for r in caplog.records if r.name == "bot.dispatch"]
    assert [(line.levelname, line.exc_info) for line in lines] == [("ERROR", None)]


@pytest.mark.parametrize(
    ("old", "data"),
    [
        ("sub:3:17", "subordinate.1:3:17"),
        ("case:3:17", "objection.1:3:17"),
        ("results:3", "results.1:3"),
    ],
)
async def test_a_message_queued_before_typed_actions_is_sent_with_its_action(
    rig, bot, tg, old, data
):
    """Rows written by the version before typed actions carry ``"data": "sub:3:17"``."""
    ani = rig.person(721)
    [row_id] = await rig.enqueue(
        message(ani, "old", buttons=((Button(PLAIN, ShowSubordinate(1, 1)),),))
    )
    rig.row(row_id).payload["buttons"] = [[{"label": PLAIN, "data": old, "params": {}}]]

    assert await rig.dispatcher.run_once(bot) == 1
    [sent] = tg.messages(ani)
    assert sent.buttons == [[(CATALOGS["id"][PLAIN], data)]]
    assert rig.row(row_id).status == "sent"


# --- what Telegram answers -----------------------------------------------------------------


async def test_retry_after_pauses_and_hands_back_the_rest_without_counting_a_failure(tg, bot):
    rig = Rig(tg, in_flight=1)  # the next request waits for this answer: none is in flight
    ani, budi, cici = rig.person(801), rig.person(802), rig.person(803)
    ids = await rig.enqueue(message(ani, "a"), message(budi, "b"), message(cici, "c"))
    tg.rate_limit(ani, count=1, retry_after=7)
    start = rig.clock.now()

    assert await rig.dispatcher.run_once(bot) == 0
    for row in map(rig.row, ids):
        assert (row.status, row.attempts, row.claimed_until, row.claim_token) == (
            "pending",
            0,
            None,
            None,
        )
        assert row.not_before == start + timedelta(seconds=7)
    assert rig.row(ids[0]).last_error == "RetryAfter"

    rig.advance(3)  # still paused: claims nothing, so another process may send them
    assert await rig.dispatcher.run_once(bot) == 0
    assert all(row.claim_token is None for row in rig.rows())

    rig.advance(4)
    assert await rig.dispatcher.run_once(bot) == 3
    assert [len(tg.send_times(chat)) for chat in (ani, budi, cici)] == [1, 1, 1]


def test_the_pacer_spaces_sends_and_does_not_release_a_backlog_after_a_pause() -> None:
    clock = FixedClock()
    fake = FakeTime(clock)
    pacer = Pacer(10, clock=fake.monotonic, sleep=fake.sleep)

    async def five() -> list[float]:
        times = []
        for _ in range(5):
            await pacer.wait()
            times.append(fake.now)
        return times

    times = asyncio.run(five())
    assert [round(b - a, 6) for a, b in pairwise(times)] == [0.1] * 4
    assert pacer.paused_for() == 0
    pacer.pause(2.0)
    assert pacer.paused_for() == pytest.approx(2.0)
    after = asyncio.run(five())
    assert after[0] == pytest.approx(times[-1] + 2.0)  # nothing before the pause ends
    assert [round(b - a, 6) for a, b in pairwise(after)] == [0.1] * 4
    assert pacer.paused_for() == 0
    fake.advance(5)  # an idle sender does not save up a burst either
    idle = asyncio.run(five())
    assert [round(b - a, 6) for a, b in pairwise(idle)] == [0.1] * 4


async def test_forbidden_marks_the_person_blocked_and_drops_their_pending_messages(rig, bot, tg):
    ani = rig.person(901)
    budi = rig.person(902)
    tg.block(FakeUser(id=ani, first_name="P901"))
    later = rig.clock.now() + timedelta(hours=2)
    first, second, third, other = await rig.enqueue(
        message(ani, "a1"),
        message(ani, "a2"),
        message(ani, "a3", not_before=later),
        message(budi, "b1"),
    )

    start = rig.clock.now()
    assert await rig.dispatcher.run_once(bot) == 1
    assert [rig.row(i).status for i in (first, second, third, other)] == [
        "blocked",
        "blocked",
        "blocked",
        "sent",
    ]
    assert start <= rig.db.state.accounts[ani].blocked_at <= rig.clock.now()
    assert len(tg.calls("sendMessage")) == 2  # the dropped message was not even tried


async def test_a_bad_request_marks_the_message_failed(rig, bot, tg):
    stranger = 990_001  # a chat the fake (and Telegram) does not know: "chat not found"
    budi = rig.person(991)
    failed, sent = await rig.enqueue(message(stranger, "x"), message(budi, "y"))

    assert await rig.dispatcher.run_once(bot) == 1
    tg.clear_violations()  # the fake counts writing to an unknown chat as a bot's mistake
    row = rig.row(failed)
    assert row.status == "failed"
    assert "chat not found" in (row.last_error or "").lower()
    assert rig.row(sent).status == "sent"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_network_errors_back_off_and_give_up_after_the_limit(rig):
    ani = rig.person(1101)
    [row_id] = await rig.enqueue(message(ani, "x"))
    unreachable = f"http://127.0.0.1:{_free_port()}/bot"  # connection refused: NetworkError
    bot = Bot(rig.tg.token, base_url=unreachable)
    waits = []
    for attempt in range(1, MAX_ATTEMPTS):
        before = rig.clock.now()
        assert await rig.dispatcher.run_once(bot) == 0
        row = rig.row(row_id)
        assert (row.status, row.attempts, row.claim_token) == ("pending", attempt, None)
        waits.append((row.not_before - before).total_seconds())
        assert await rig.dispatcher.run_once(bot) == 0  # not due yet: not even claimed
        assert rig.row(row_id).attempts == attempt
        rig.advance(waits[-1])
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]
    assert await rig.dispatcher.run_once(bot) == 0
    row = rig.row(row_id)
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS - 1)
    assert "NetworkError" in (row.last_error or "")
    await bot.shutdown()


class ScriptedTelegram:
    """An HTTP server answering every Bot API call with the next scripted reply, for answers
    the strict fake never gives (a migrated chat, a conflict, garbage, a slow reply)."""

    def __init__(self, replies: list[tuple[int, bytes, float]]) -> None:
        self.replies = replies
        self.calls = 0
        self.in_flight = self.most_in_flight = 0  # requests being answered at once
        self._lock = threading.Lock()
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with scripted._lock:
                    status, body, delay = scripted.replies[min(scripted.calls, len(replies) - 1)]
                    scripted.calls += 1
                    scripted.in_flight += 1
                    scripted.most_in_flight = max(scripted.most_in_flight, scripted.in_flight)
                time.sleep(delay)
                with scripted._lock:
                    scripted.in_flight -= 1
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot gave up waiting (the time-out case)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def __enter__(self) -> ScriptedTelegram:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _error(status: int, description: str, **parameters: object) -> tuple[int, bytes, float]:
    body: dict[str, object] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return status, json.dumps(body).encode(), 0.0


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (
            _error(400, "Bad Request: group chat was upgraded", migrate_to_chat_id=-100123),
            "ChatMigrated",
        ),
        (_error(409, "Conflict: terminated by other getUpdates request"), "Conflict"),
        (_error(401, "Unauthorized"), "InvalidToken"),
        ((200, b"<html>proxy error</html>", 0.0), "TelegramError"),
        ((200, b"{}", 1.0), "TimedOut"),
    ],
    ids=["chat-migrated", "conflict", "invalid-token", "garbage", "timed-out"],
)
async def test_any_other_telegram_error_backs_off_and_the_loop_goes_on(rig, reply, error):
    ani, budi = rig.person(1201), rig.person(1202)
    first, second = await rig.enqueue(message(ani, "a"), message(budi, "b"))
    request = HTTPXRequest(read_timeout=0.2)
    start = rig.clock.now()
    with ScriptedTelegram([reply]) as scripted:
        bot = Bot(rig.tg.token, base_url=scripted.base_url, request=request)
        assert await rig.dispatcher.run_once(bot) == 0
        await bot.shutdown()
    assert scripted.calls == 2  # the first message's error did not stop the second
    for row_id in (first, second):
        row = rig.row(row_id)
        assert (row.status, row.attempts, row.claim_token) == ("pending", 1, None)
        assert timedelta(seconds=2) <= row.not_before - start <= timedelta(seconds=2.1)
        assert (row.last_error or "").startswith(error)


# --- pacing per chat -----------------------------------------------------------------------


async def test_one_message_per_second_per_chat(rig, bot, tg):
    ani, budi = rig.person(1301), rig.person(1302)
    a1, a2, b1 = await rig.enqueue(message(ani, "a1"), message(ani, "a2"), message(budi, "b1"))

    assert await rig.dispatcher.run_once(bot) == 2
    deferred = rig.row(a2)
    assert (deferred.status, deferred.attempts, deferred.last_error) == (
        "pending",
        0,
        "per-chat pace",
    )
    sent_at = rig.time.now
    assert rig.row(a1).status == rig.row(b1).status == "sent"

    rig.advance(0.5)
    assert await rig.dispatcher.run_once(bot) == 0  # not due: Ani had one less than 1 s ago
    rig.advance(0.5)
    assert await rig.dispatcher.run_once(bot) == 1
    assert rig.time.now - sent_at >= 1.0
    assert len(tg.send_times(ani)) == 2


async def test_chats_not_written_to_for_a_minute_are_forgotten(rig, bot):
    people = [rig.person(1400 + n) for n in range(5)]
    await rig.enqueue(*(message(p, f"m{p}") for p in people))
    assert await rig.dispatcher.run_once(bot) == 5
    assert rig.dispatcher.paced_chats == 5
    rig.advance(30)
    await rig.dispatcher.run_once(bot)
    assert rig.dispatcher.paced_chats == 5
    rig.advance(31)
    await rig.dispatcher.run_once(bot)
    assert rig.dispatcher.paced_chats == 0


# --- claims --------------------------------------------------------------------------------


async def test_a_message_whose_claim_was_taken_over_is_skipped_not_sent_twice(tg, bot):
    rig = Rig(tg, rate=3)  # 1/3 s apart
    ani, budi = rig.person(1501), rig.person(1502)
    other = FakeOutboxQueue(rig.db, ROUTER.catalogue)
    taken: list[int] = []
    stalls = False

    async def sleep(seconds: float) -> None:
        rig.advance(seconds)
        if stalls:  # while this sender waits its turn, its lease runs out and another claims
            rig.advance(LEASE.total_seconds())
            taken.extend(m.id for m in await other.claim(now=rig.clock.now(), limit=5, lease=LEASE))

    rig.time.sleep = sleep  # type: ignore[method-assign]
    dispatcher = rig.make_dispatcher(rate=3)
    [first] = await rig.enqueue(message(ani, "a"))
    assert await dispatcher.run_once(bot) == 1
    [second] = await rig.enqueue(message(budi, "b"))
    stalls = True

    assert await dispatcher.run_once(bot) == 0  # its turn came after the lease ran out
    assert taken == [second]
    assert rig.row(first).status == "sent"
    row = rig.row(second)
    assert row.status == "pending"
    assert row.claim_token is not None  # the other claim's
    assert tg.send_times(budi) == []


async def test_a_lost_claim_changes_nothing(rig):
    ani = rig.person(1601)
    [row_id] = await rig.enqueue(message(ani, "a"))
    [mine] = await rig.queue.claim(now=rig.clock.now(), limit=5, lease=LEASE)
    rig.advance(LEASE.total_seconds() + 1)
    [theirs] = await FakeOutboxQueue(rig.db, ROUTER.catalogue).claim(
        now=rig.clock.now(), limit=5, lease=LEASE
    )
    now = rig.clock.now()

    assert not await rig.queue.renew(row_id, claim=mine.claim, now=now, lease=LEASE)
    assert not await rig.queue.mark_sent(row_id, now=now, claim=mine.claim)
    assert not await rig.queue.mark_failed(row_id, error="x", claim=mine.claim)
    assert not await rig.queue.retry_later(row_id, not_before=now, error="x", claim=mine.claim)
    assert not await rig.queue.mark_blocked(row_id, ani, now=now, claim=mine.claim)
    row = rig.row(row_id)
    assert (row.status, row.attempts, row.claim_token) == ("pending", 0, theirs.claim)
    assert await rig.queue.mark_sent(row_id, now=now, claim=theirs.claim)


# --- time zones ----------------------------------------------------------------------------


async def test_times_are_shown_in_the_recipients_time_zone_when_the_message_names_one(rig, bot, tg):
    ani, budi = rig.person(1701), rig.person(1702)
    at = datetime(2026, 11, 27, 3, 5, tzinfo=UTC)  # 10.05 WIB, 11.05 WITA, 12.05 WIT
    await rig.enqueue(
        message(ani, "wit", key=WITH_PARAM, params={PARAM: at}, timezone="Asia/Jayapura"),
        message(budi, "default", key=WITH_PARAM, params={PARAM: at}),
    )
    assert await rig.dispatcher.run_once(bot) == 2
    [to_ani], [to_budi] = tg.messages(ani), tg.messages(budi)
    assert "12.05 WIT" in (to_ani.text or "")
    assert "10.05 WIB" in (to_budi.text or "")


# --- pruning -------------------------------------------------------------------------------


async def test_prune_deletes_what_was_finished_more_than_30_days_ago(rig, bot, tg):
    ani, budi = rig.person(1801), rig.person(1802)
    stranger = 990_002
    in_20_days = rig.clock.now() + timedelta(days=20)
    old_sent, old_failed, kept = await rig.enqueue(
        message(ani, "a"), message(stranger, "b"), message(budi, "c", not_before=in_20_days)
    )
    await rig.dispatcher.run_once(bot)
    tg.clear_violations()
    statuses = [rig.row(i).status for i in (old_sent, old_failed, kept)]
    assert statuses == ["sent", "failed", "pending"]
    rig.clock.advance(days=29)
    assert await rig.dispatcher.prune() == 0
    rig.clock.advance(days=2)
    assert await rig.dispatcher.prune() == 2
    assert [row.id for row in rig.rows()] == [kept]


# --- late replies ----------------------------------------------------------------------------


async def test_a_late_reply_goes_out_as_it_was_rendered_and_only_once(rig, bot, tg):
    budi = rig.person(701)
    replies = LateReplies(rig.db, rig.clock)
    keyboard = [[("Sangat baik", "q1:a:1:4")], [("Batal", "q1:a:1:c")]]
    for _ in range(2):  # the same reply queued twice (a retried update) is one message
        await replies.queue(budi, "<b>Pertanyaan 2</b> &amp; lagi", keyboard, reference="9:1:0")

    assert await rig.dispatcher.run_once(bot) == 1
    [sent] = tg.messages(budi)
    assert sent.source == "<b>Pertanyaan 2</b> &amp; lagi"
    assert sent.buttons == [[("Sangat baik", "q1:a:1:4")], [("Batal", "q1:a:1:c")]]
    assert [row.status for row in rig.rows()] == ["sent"]


async def test_a_message_that_asks_for_a_chart_is_sent_as_a_photo_with_its_text_as_caption(
    rig, bot, tg
):
    admin = rig.person(520, "en")
    chart = json.dumps([["Dinas Kesehatan", 75, 25, None], ["Dukcapil", 100, 50, 40]])
    params = {"$photo": "completion_chart", "chart": chart, "until": datetime(2026, 12, 6).date()}
    [row] = await rig.enqueue(
        message(admin, "summary:1:2026-W50:chart", "reminders.summary.chart", params=params),
        language="en",
    )
    assert await rig.dispatcher.run_once(bot) == 1
    [sent] = tg.messages(admin)
    assert sent.kind == "photo"
    assert sent.source == "📊 Completion per unit, up to 6 Dec 2026."
    assert rig.row(row).status == "sent"


async def test_a_message_asking_for_an_unknown_picture_fails_alone(rig, bot, tg):
    admin = rig.person(521)
    [bad, good] = await rig.enqueue(
        message(admin, "p1", PLAIN, params={"$photo": "no_such_chart"}),
        message(admin, "p2", PLAIN),
    )
    assert await rig.dispatcher.run_once(bot) == 1
    assert rig.row(bad).status == "failed"
    assert "cannot render" in (rig.row(bad).last_error or "")
    assert rig.row(good).status == "sent"


# --- pipelined sends, few writes, one sender, idle -------------------------------------------

SENT = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "x"}


class CountingQueue(FakeOutboxQueue):
    """The fake queue, counting the write transactions the dispatcher asks for."""

    writes = 0

    async def claim(self, **kwargs: Any) -> list[QueuedMessage]:
        self.writes += 1
        return await super().claim(**kwargs)

    async def mark_sent_many(self, sent: Any, **kwargs: Any) -> int:
        self.writes += 1
        return await super().mark_sent_many(sent, **kwargs)

    async def renew(self, message_id: int, **kwargs: Any) -> bool:
        self.writes += 1
        return await super().renew(message_id, **kwargs)

    async def mark_sent(self, message_id: int, **kwargs: Any) -> bool:
        self.writes += 1
        return await super().mark_sent(message_id, **kwargs)


async def test_sends_do_not_wait_for_the_previous_answer(rig):
    people = [rig.person(1900 + n) for n in range(6)]
    ids = await rig.enqueue(*(message(p, f"m{p}") for p in people))
    with ScriptedTelegram([(200, json.dumps({"ok": True, "result": SENT}).encode(), 0.3)]) as api:
        bot = Bot(rig.tg.token, base_url=api.base_url)
        assert await rig.dispatcher.run_once(bot) == 6
        await bot.shutdown()
    assert api.most_in_flight > 1  # several requests in flight, each still paced
    assert rig.time.slept == pytest.approx([SPREAD / RATE] * 5)
    assert [rig.row(i).status for i in ids] == ["sent"] * 6


async def test_a_wave_costs_fewer_write_transactions_than_messages(tg, bot):
    rig = Rig(tg)
    rig.queue = queue = CountingQueue(rig.db, ROUTER.catalogue)
    dispatcher = rig.make_dispatcher()
    people = [rig.person(2000 + n) for n in range(40)]
    await rig.enqueue(*(message(p, f"m{p}") for p in people))

    assert await dispatcher.run_once(bot) + await dispatcher.run_once(bot) == 40
    assert all(row.status == "sent" for row in rig.rows())
    assert queue.writes < 40 / 2  # claims, and marks of several messages at once


async def test_a_process_without_the_sending_turn_sends_nothing(tg, bot):
    class Taken:
        async def take(self) -> bool:
            return False

        async def give_up(self) -> None:
            return None

    rig = Rig(tg)
    ani = rig.person(2101)
    await rig.enqueue(message(ani, "a"))
    dispatcher = OutboxDispatcher(
        rig.queue, rig.clock, codecs=ROUTER.codecs, rate=RATE, timezone="Asia/Jakarta", turn=Taken()
    )
    assert await dispatcher.send_due(bot) == TURN_RETRY
    assert await dispatcher.run_once(bot) == 0
    assert [(row.status, row.claim_token) for row in rig.rows()] == [("pending", None)]
    assert tg.send_times(ani) == []


async def test_an_idle_dispatcher_sleeps_until_the_next_message_is_due(rig, bot):
    assert await rig.dispatcher.send_due(bot) == IDLE_MAX  # nothing queued at all
    ani = rig.person(2201)
    await rig.enqueue(message(ani, "later", not_before=rig.clock.now() + timedelta(seconds=3)))
    assert await rig.dispatcher.send_due(bot) == pytest.approx(3.0)
    await rig.enqueue(message(ani, "tomorrow", not_before=rig.clock.now() + timedelta(days=1)))
    assert await rig.dispatcher.send_due(bot) == pytest.approx(3.0)
    rig.advance(3)
    assert await rig.dispatcher.send_due(bot) == 0  # it sent: look again at once
    assert await rig.dispatcher.send_due(bot) == IDLE_MAX  # tomorrow's: wake up in a while
    assert len(rig.tg.send_times(ani)) == 1


async def test_the_dispatcher_wakes_when_a_message_is_queued_in_this_process(rig, bot, tg):
    """``run`` sleeps on its doorbell; ``wake`` (rung after a commit that queued) ends it."""
    rig.dispatcher.start(bot)
    ani = rig.person(2301)
    for _ in range(50):  # until the empty outbox was looked at and the dispatcher sleeps
        await asyncio.sleep(0.01)
    await rig.enqueue(message(ani, "now"))
    rig.dispatcher.wake()
    for _ in range(500):
        await asyncio.sleep(0.01)
        if tg.send_times(ani):
            break
    await rig.dispatcher.stop()
    assert len(tg.send_times(ani)) == 1  # long before IDLE_MAX
    assert [row.status for row in rig.rows()] == ["sent"]


def test_a_late_wake_up_keeps_the_grid_without_ever_exceeding_the_rate() -> None:
    clock = FixedClock()
    fake = FakeTime(clock)
    pacer = Pacer(10, clock=fake.monotonic, sleep=fake.sleep)

    async def sends(count: int, late: dict[int, float]) -> list[float]:
        times = []
        for n in range(count):
            await pacer.wait()
            times.append(fake.now)
            fake.advance(late.get(n, 0.0))  # the event loop was busy after this send
        return times

    times = asyncio.run(sends(40, {3: 0.15, 20: 0.08}))
    # most of the 0.23 s of late wake-ups were caught up (a late send still counts in its window)
    assert 39 * 0.1 <= times[-1] - times[0] <= 39 * 0.1 + 0.1
    gaps = [b - a for a, b in pairwise(times)]
    assert min(gaps) >= 0.05 - 1e-9  # never closer than half an interval
    assert all(later - times[n] >= 1.0 - 1e-9 for n, later in enumerate(times[10:]))
    fake.advance(0.5)  # longer than a catch-up may cover: a fresh start
    [first, second] = asyncio.run(sends(2, {}))
    assert second - first == pytest.approx(0.1)
