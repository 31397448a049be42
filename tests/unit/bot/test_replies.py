"""persist(): a reply survives Telegram's bad moments — RetryAfter honoured, 5xx and network
errors retried with back-off, refusals never retried, everything within a bounded time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.replies import REPLY_BUDGET, ReplyFailed, persist


class Telegram:
    """Answers each call with the next of ``answers`` (an exception is raised)."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.calls = 0

    async def call(self) -> object:
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


class Time:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_retry_after_is_honoured_then_the_call_goes_through(caplog) -> None:
    telegram, time = Telegram(RetryAfter(timedelta(seconds=3)), "sent"), Time()
    assert await persist(telegram.call, "sendMessage", sleep=time.sleep, clock=time.clock) == "sent"
    assert time.slept == [3.0]
    assert [r.levelname for r in caplog.records] == ["WARNING"]


async def test_5xx_and_time_outs_are_retried_with_growing_back_off() -> None:
    failures = [NetworkError("Bad Gateway"), TimedOut(), NetworkError("Internal Server Error")]
    telegram, time = Telegram(*failures, "sent"), Time()
    assert await persist(telegram.call, "editMessageText", sleep=time.sleep, clock=time.clock)
    assert time.slept == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("refusal", [BadRequest("Message to edit not found"), Forbidden("blocked")])
async def test_a_refusal_is_never_retried(refusal: Exception) -> None:
    telegram, time = Telegram(refusal, "never"), Time()
    with pytest.raises(type(refusal)):
        await persist(telegram.call, "sendMessage", sleep=time.sleep, clock=time.clock)
    assert telegram.calls == 1


async def test_a_call_that_keeps_failing_gives_up_within_the_budget() -> None:
    telegram, time = Telegram(*[NetworkError("Bad Gateway")] * 100), Time()
    with pytest.raises(ReplyFailed) as failed:
        await persist(telegram.call, "sendMessage", sleep=time.sleep, clock=time.clock)
    assert time.now <= REPLY_BUDGET
    assert 5 <= telegram.calls < 100
    assert failed.value.method == "sendMessage"
    assert isinstance(failed.value.cause, NetworkError)


async def test_a_retry_after_beyond_the_budget_gives_up_at_once() -> None:
    telegram, time = Telegram(RetryAfter(timedelta(seconds=60)), "late"), Time()
    with pytest.raises(ReplyFailed):
        await persist(telegram.call, "sendMessage", sleep=time.sleep, clock=time.clock)
    assert (telegram.calls, time.slept) == (1, [])
