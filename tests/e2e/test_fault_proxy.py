"""The fault-injecting proxy in front of the fake Telegram server: each fault does what it says,
and a seeded schedule is the same on every run."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.fault_proxy import FaultProxy
from tests.support.faults import Fault, FaultSchedule

pytestmark = pytest.mark.e2e
USER = FakeUser(id=4242, first_name="Uji")
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        server.start_chat(USER)
        yield server


@pytest.fixture
def proxy(tg: FakeTelegram) -> Iterator[FaultProxy]:
    with FaultProxy(tg.url) as running:
        yield running


def call(proxy: FaultProxy, tg: FakeTelegram, method: str, timeout: float = 5, **params: Any):  # type: ignore[no-untyped-def]
    """POST like python-telegram-bot does; (status, decoded body) or (None, error)."""
    body = json.dumps(params).encode()
    request = urllib.request.Request(
        f"{proxy.url}/bot{tg.token}/{method}",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())
    except OSError as error:
        return None, str(error)


def test_requests_without_a_fault_reach_the_server(proxy, tg):  # type: ignore[no-untyped-def]
    status, body = call(proxy, tg, "sendMessage", chat_id=USER.id, text="halo")
    assert (status, body["ok"]) == (200, True)
    assert [m.text for m in tg.messages(USER.id)] == ["halo"]


def test_a_refusal_is_answered_by_the_proxy_and_delivers_nothing(proxy, tg):  # type: ignore[no-untyped-def]
    proxy.on("sendMessage", fault=Fault.too_many_requests(retry_after=3), times=1)
    status, body = call(proxy, tg, "sendMessage", chat_id=USER.id, text="satu")
    assert status == 429
    assert body["parameters"] == {"retry_after": 3}
    assert tg.messages(USER.id) == []
    assert call(proxy, tg, "sendMessage", chat_id=USER.id, text="dua")[0] == 200  # times=1


def test_delivered_then_500_delivers_and_still_answers_an_error(proxy, tg):  # type: ignore[no-untyped-def]
    proxy.on("sendMessage", fault=Fault.delivered_then_500())
    status, body = call(proxy, tg, "sendMessage", chat_id=USER.id, text="sampai")
    assert (status, body["ok"]) == (500, False)
    assert [m.text for m in tg.messages(USER.id)] == ["sampai"]


def test_a_hang_gives_no_answer_and_delivers_nothing(proxy, tg):  # type: ignore[no-untyped-def]
    proxy.on("sendMessage", fault=Fault.hang(seconds=2))
    status, error = call(proxy, tg, "sendMessage", timeout=0.5, chat_id=USER.id, text="hilang")
    assert status is None
    assert "timed out" in error
    assert tg.messages(USER.id) == []


def test_a_held_request_waits_for_the_test_and_can_be_dropped_or_forwarded(proxy, tg):  # type: ignore[no-untyped-def]
    proxy.on("sendMessage", fault=Fault.hold(), match=lambda p: p.get("text") != "lewat")
    answers: list[Any] = []
    senders = [
        threading.Thread(
            target=lambda t=text: answers.append(
                call(proxy, tg, "sendMessage", chat_id=USER.id, text=t)
            )
        )
        for text in ("ditahan", "juga ditahan")
    ]
    for sender in senders:
        sender.start()
    proxy.wait_held(2, "sendMessage")
    assert call(proxy, tg, "sendMessage", chat_id=USER.id, text="lewat")[0] == 200
    assert [m.text for m in tg.messages(USER.id)] == ["lewat"]
    proxy.clear()
    assert proxy.release_held(forward=True) == 2
    for sender in senders:
        sender.join()
    assert sorted(status for status, _ in answers) == [200, 200]
    assert len(tg.messages(USER.id)) == 3


def test_a_schedule_is_the_same_for_the_same_seed_and_each_chat_on_its_own() -> None:
    rates = {"sendMessage": [(0.3, Fault.bad_gateway()), (0.2, Fault.too_many_requests())]}

    def draws(schedule: FaultSchedule, chat: int, n: int = 200) -> list[Fault | None]:
        return [schedule.decide("sendMessage", {"chat_id": chat}) for _ in range(n)]

    alone, shared = FaultSchedule(7, rates), FaultSchedule(7, rates)
    draws(shared, 2, 50)  # another chat's requests first change nothing for chat 1
    assert draws(alone, 1) == draws(shared, 1)
    assert draws(FaultSchedule(8, rates), 1) != draws(FaultSchedule(7, rates), 1)
    faults = draws(FaultSchedule(7, rates), 1, 2000)
    share = sum(fault is not None for fault in faults) / len(faults)
    assert 0.35 < share < 0.5  # 50% drawn, fewer after the cap on faults in a row
    streak = longest = 0
    for fault in faults:
        streak = streak + 1 if fault else 0
        longest = max(longest, streak)
    assert longest == 2
    assert FaultSchedule(7, rates).decide("getUpdates", {}) is None
