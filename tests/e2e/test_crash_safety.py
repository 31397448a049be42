"""Nothing lost at any instant (issue 8): the real bot process SIGKILLed at chosen points of a
citizen's "Kirim", and with many people's updates in flight, then restarted.

The points are reached exactly, not by guessing a delay: a SQL statement of the submit is stalled
by a test-only trigger (``tests.e2e.stalls``), or a Bot API call is held by the fault proxy
(``tests.support.fault_proxy``), and the bot is killed while it waits there. Every point of the
submit is checked against one invariant: after the restart the response is stored exactly once
(and the citizen is told they rated today), or it is not stored and the citizen can still send
it; never neither, never twice.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.journeys import SKM_CODE, admin_of_disdukcapil, count, fill_skm, person, sent_texts
from tests.e2e.rig import BotProcess, Person
from tests.e2e.stalls import StatementStall
from tests.support.fake_telegram import FakeTelegram, SentMessage
from tests.support.fault_proxy import FaultProxy
from tests.support.faults import Fault
from tests.support.ports import free_port

pytestmark = pytest.mark.e2e
ALREADY_RATED = "sudah menilai"
HELP = "PermenPANRB 6/2022"  # in /bantuan's text only


@pytest.fixture
def proxy(tg: FakeTelegram) -> Iterator[FaultProxy]:
    with FaultProxy(tg.url) as running:
        yield running


@pytest.fixture
def proxied_bot(
    tg: FakeTelegram, proxy: FaultProxy, demo_database_url: str, tmp_path: Path
) -> Iterator[BotProcess]:
    """The bot talking to Telegram through the proxy; not started. The tests check its log."""
    process = BotProcess(tg, demo_database_url, tmp_path)
    process.extra_env["KINERJA_TELEGRAM_API_URL"] = proxy.url
    yield process
    process.stop()


# --- a citizen's "Kirim" -------------------------------------------------------------------


@dataclass(frozen=True)
class KillPoint:
    """Where the bot is held when it is killed: inside the INSERT into ``table``, or inside the
    Bot API call ``method`` (the first whose text contains ``text``)."""

    table: str | None = None
    method: str | None = None
    text: str = ""


class HeldCall:
    def __init__(self, proxy: FaultProxy, point: KillPoint) -> None:
        self.proxy, self.point = proxy, point

    def install(self) -> None:
        def wanted(params: dict[str, object]) -> bool:
            return self.point.text in str(params.get("text", ""))

        assert self.point.method is not None
        self.proxy.on(self.point.method, fault=Fault.hold(), match=wanted, times=1)

    def wait(self) -> None:
        self.proxy.wait_held(1, self.point.method)

    def remove(self) -> None:
        self.proxy.release_held(forward=False)  # the bot that made it is dead
        self.proxy.clear()


KILL_POINTS = [
    pytest.param(KillPoint(table="skm_marks"), id="taking-the-daily-mark"),
    pytest.param(KillPoint(table="skm_responses"), id="writing-the-response"),
    pytest.param(KillPoint(table="outbox"), id="queueing-the-saran"),
    pytest.param(KillPoint(method="answerCallbackQuery"), id="answering-the-press"),
    pytest.param(KillPoint(method="sendMessage", text="sudah tersimpan"), id="sending-the-thanks"),
]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_kill_during_kirim_leaves_the_response_stored_once_or_still_sendable(
    point: KillPoint, proxied_bot: BotProcess, proxy: FaultProxy, demo_database_url: str
) -> None:
    bot = proxied_bot
    bot.start()
    admin_of_disdukcapil(bot, 7_300_000_002)  # so that the saran is queued for someone
    warga = person(bot, 7_300_000_001, "Siti")
    kirim = fill_skm(warga, saran="Mohon tambah kursi tunggu")
    stall = (
        StatementStall(demo_database_url, point.table) if point.table else HeldCall(proxy, point)
    )
    stall.install()
    try:
        warga.tap(kirim, "Kirim")
        stall.wait()
        bot.kill()
    finally:
        stall.remove()
    bot.start()
    assert_stored_once_or_sendable(bot, warga)
    bot.assert_clean_log()


def assert_stored_once_or_sendable(bot: BotProcess, warga: Person) -> None:
    """The citizen scans the QR code again: either they are told they rated today and the
    response is stored (a pending one may be completed at start-up: it gets a moment), or they
    can send it, and then it is stored once."""
    bot.tg.mark_read(warga.chat_id)
    warga.send(f"/start skm_{SKM_CODE}")
    reply = bot.tg.wait_for_message(warga.chat_id, _answer_to_reopening, timeout=15)
    responses = "SELECT count(*) FROM skm_responses"
    if ALREADY_RATED in (reply.text or ""):
        stored = _settled_count(bot, responses)
        assert stored == 1, (
            f"the response is lost ({stored} stored) and the citizen is refused for today: "
            f"{reply.text!r}"
        )
        return
    stored = count(bot, responses)
    assert stored == 0, f"{stored} stored, and the citizen may send it again: it would double"
    if "periksa jawaban" in (reply.text or ""):  # resumed at the review page
        warga.tap(reply, "Kirim")
    else:  # a fresh survey: answer it again
        warga.tap(fill_skm(warga, saran="Mohon tambah kursi tunggu", opened=reply), "Kirim")
    warga.expect("sudah tersimpan", timeout=15)
    assert _settled_count(bot, responses) == 1


def _settled_count(bot: BotProcess, sql: str, within: float = 5.0) -> int:
    """``count`` once it is 1, or after ``within`` seconds."""
    deadline = time.monotonic() + within
    while (found := count(bot, sql)) != 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def _answer_to_reopening(message: SentMessage) -> bool:
    text = message.text or ""
    opened = bool(message.buttons) and ("pertanyaan 1 dari" in text or "periksa jawaban" in text)
    return opened or ALREADY_RATED in text


# --- updates in flight -----------------------------------------------------------------------

CROWD = 25
HANDLED_WITHIN = 15.0


def webhook_env(process: BotProcess) -> None:
    port = free_port()
    process.extra_env.update(
        KINERJA_MODE="webhook",
        KINERJA_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        KINERJA_WEBHOOK_SECRET="crash-safety-secret",
        KINERJA_WEBHOOK_LISTEN="127.0.0.1",
        KINERJA_WEBHOOK_PORT=str(port),
    )


@pytest.mark.parametrize(
    ("mode", "demo_database_url"),
    [  # as deployed: one process polling on SQLite; webhook processes on PostgreSQL
        pytest.param("polling", "sqlite", id="polling-sqlite"),
        pytest.param("webhook", "postgresql", id="webhook-postgresql", marks=pytest.mark.postgres),
    ],
    indirect=["demo_database_url"],
)
def test_updates_in_flight_at_a_kill_are_each_handled_once_after_the_restart(
    mode: str, proxied_bot: BotProcess, proxy: FaultProxy, tg: FakeTelegram
) -> None:
    """Each of ``CROWD`` people opens a survey and asks for help; every reply is held, so the
    bot has taken all updates from Telegram and handled none to the end; then it is killed.

    The kill follows the first held reply by well under a second: held longer than the bot's
    5 s read timeout, the replies would fail in the live process before the kill."""
    bot = proxied_bot
    if mode == "webhook":
        webhook_env(bot)
    bot.start()
    crowd = [person(bot, 7_400_000_000 + i, f"Warga {i}") for i in range(CROWD)]
    proxy.on("sendMessage", fault=Fault.hold())
    for warga in crowd:
        warga.send(f"/start skm_{SKM_CODE}")
        warga.send("/bantuan")
    tg.wait_until_delivered(timeout=30)  # Telegram has forgotten them: confirmed or answered
    proxy.wait_held(CROWD, "sendMessage")  # and the bot is inside each person's first reply
    bot.kill()
    proxy.release_held(forward=False)
    proxy.clear()
    bot.start()
    unhandled = _wait_until_handled(bot, crowd)
    assert not unhandled, (
        f"{len(unhandled)} of {2 * CROWD} updates in flight at the kill were never handled "
        f"(first: {unhandled[:4]})"
    )
    for warga in crowd:
        assert _survey_then_help(bot, warga) == ["survey", "help"], warga.user.first_name
        sessions = "SELECT count(*) FROM conversation_sessions WHERE owner_id = :owner"
        assert count(bot, sessions, owner=warga.user.id) == 1
    bot.assert_clean_log()


def _wait_until_handled(bot: BotProcess, crowd: list[Person]) -> list[str]:
    deadline = time.monotonic() + HANDLED_WITHIN
    while True:
        unhandled = [
            f"{warga.user.first_name}: {what}"
            for warga in crowd
            for what, fragment in (("survey", "pertanyaan 1 dari"), ("help", HELP))
            if not sent_texts(bot, warga.chat_id, lambda text, f=fragment: f in text)
        ]
        if not unhandled or time.monotonic() > deadline:
            return unhandled
        time.sleep(0.2)


def _survey_then_help(bot: BotProcess, warga: Person) -> list[str]:
    """What the person got, in order: each reply once (the survey's first question, the help)."""
    order = []
    for event in bot.tg.events(warga.chat_id):
        text = event.message.text or ""
        if event.kind == "sent" and "pertanyaan 1 dari" in text:
            order.append("survey")
        elif event.kind == "sent" and HELP in text:
            order.append("help")
    return order
