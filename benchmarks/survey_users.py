"""Simulated Telegram users for ``survey_throughput``: closed loop, each user sends their next
update only when the bot's reply to the previous one has arrived, and reads the buttons to press
from the bot's own messages, as a Telegram client would.

A reply is recognised by its text (``pertanyaan 3 dari``, ``periksa jawaban``...), so it does not
matter whether the bot sends the next question as a new message or edits the old one into it.
The latency of an update runs from the moment it is queued for ``getUpdates`` to the moment the
fake answers the Bot API call that carried the reply. The Bot API calls about a chat between two
of its updates belong to the first of them; the chain of calls that waited on each other (one
started after the other was answered) gives the round trips on the update's critical path.
"""

from __future__ import annotations

import asyncio
import functools
import time
from array import array
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from benchmarks.fake_bot_api import FakeBotApi
from benchmarks.fake_bot_records import BotMessage, Call, Chat

Matcher = Callable[[BotMessage], bool]
Script = Callable[["Traffic", Chat], Awaitable[None]]
SKM_UPDATES = 16  # /start, U1..U9, four profile answers, saran (skipped), submit
SELF_UPDATES = 19  # /penilaian, realisation, evidence, rating, 7 x (BerAKHLAK, note), submit
SESUAI = "Sesuai Ekspektasi"


def numbered(number: int) -> Matcher:
    """The question ``number`` of a form (``pertanyaan 3 dari 14``)."""
    wanted = f"pertanyaan {number} dari"
    return lambda message: wanted in message.text


def containing(fragment: str) -> Matcher:
    return lambda message: fragment in message.text


@dataclass
class Traffic:
    """The users' side of one run, and what it saw."""

    api: FakeBotApi
    timeout: float  # for one reply
    latencies: array[float] = field(default_factory=lambda: array("d"))
    calls: int = 0  # Bot API calls about the users' chats
    reply_round_trips: Counter[str] = field(default_factory=Counter)  # "press:3": count
    chain_round_trips: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    done_users: int = 0
    _kinds: dict[int, str] = field(default_factory=dict)  # "text" or "press", per chat

    async def send(self, chat: Chat, text: str, reply: Matcher) -> BotMessage:
        push = lambda: self.api.push_text(chat, text)  # noqa: E731
        return await self._exchange(chat, "text", push, reply)

    async def press(self, chat: Chat, message: BotMessage, data: str, reply: Matcher) -> BotMessage:
        push = lambda: self.api.push_press(chat, message, data)  # noqa: E731
        return await self._exchange(chat, "press", push, reply)

    async def _exchange(
        self, chat: Chat, kind: str, push: Callable[[], None], reply: Matcher
    ) -> BotMessage:
        self._close_update(chat)
        self._kinds[chat.chat_id] = kind
        future = self.api.expect(chat, reply)
        started = time.monotonic()
        push()
        message = await asyncio.wait_for(future, self.timeout)
        self.latencies.append(time.monotonic() - started)
        return message

    def _close_update(self, chat: Chat) -> None:
        """File the calls made since the chat's last update under that update."""
        calls, chat.calls = chat.calls, []
        reply, chat.reply = chat.reply, None
        if not calls:
            return
        depths: list[int] = []
        for index, call in enumerate(calls):
            before = [depths[i] for i, p in enumerate(calls[:index]) if p.ended <= call.started]
            depths.append(1 + max(before, default=0))
        self.calls += len(calls)
        self.chain_round_trips[max(depths)] += 1
        if reply is not None:
            kind = self._kinds.get(chat.chat_id, "text")
            self.reply_round_trips[f"{kind}:{_depth_of(reply, calls, depths)}"] += 1

    async def run(self, script: Script, chats: list[Chat], seconds: float | None) -> float:
        """Every user at once; returns the seconds until the last reply (or ``seconds``)."""
        started = time.monotonic()
        tasks = [asyncio.create_task(self._user(script, chat)) for chat in chats]
        _, unfinished = await asyncio.wait(tasks, timeout=seconds)
        elapsed = time.monotonic() - started
        for task in unfinished:
            task.cancel()
        await asyncio.gather(*unfinished, return_exceptions=True)
        await asyncio.sleep(self.api.delay * 3)  # let the last tidy-up calls be answered
        for chat in chats:
            self._close_update(chat)
        return elapsed

    async def _user(self, script: Script, chat: Chat) -> None:
        try:
            await script(self, chat)
            self.done_users += 1
        except (TimeoutError, LookupError) as error:
            seen = [m.text[:60] for m in chat.messages.values()]
            self.failures.append(f"user {chat.chat_id}: {type(error).__name__} {error}; saw {seen}")


def _depth_of(reply: Call, calls: list[Call], depths: list[int]) -> int:
    for call, depth in zip(calls, depths, strict=True):
        if call is reply:
            return depth
    return 0


async def skm_citizen(traffic: Traffic, chat: Chat, service: str) -> None:
    """The whole survey from the service's QR link, as ``tests/e2e/test_skm.py`` reads it."""
    question = await traffic.send(chat, f"/start skm_{service}", numbered(1))
    for number in range(1, 10):  # the answer buttons come first, ascending 1..4
        score = 1 + (chat.chat_id + number) % 4
        data = question.buttons()[score - 1][1]
        question = await traffic.press(chat, question, data, numbered(number + 1))
    for number in range(10, 14):  # jenis kelamin, usia, pendidikan, pekerjaan
        data = question.buttons()[chat.chat_id % 2][1]
        question = await traffic.press(chat, question, data, numbered(number + 1))
    review = await traffic.press(chat, question, question.button("Lewati"), containing("periksa"))
    await traffic.press(chat, review, review.button("Kirim"), containing("Terima kasih"))


async def employee_self_assessment(traffic: Traffic, chat: Chat) -> None:
    """An employee with one RHK fills in and submits the self-assessment (``/penilaian``)."""
    question = await traffic.send(chat, "/penilaian", numbered(1))
    realisation = f"Realisasi {chat.chat_id}: 120 berkas selesai"
    question = await traffic.send(chat, realisation, numbered(2))
    question = await traffic.press(chat, question, question.button("Lewati"), numbered(3))
    question = await traffic.press(chat, question, question.button(SESUAI), numbered(4))
    for number in range(4, 18, 2):  # seven BerAKHLAK values: a rating, then an optional note
        question = await traffic.press(
            chat, question, question.button(SESUAI), numbered(number + 1)
        )
        after = containing("periksa") if number == 16 else numbered(number + 2)
        question = await traffic.press(chat, question, question.button("Lewati"), after)
    await traffic.press(chat, question, question.button("Kirim"), containing("terkirim"))


def _echo_of(text: str, message: BotMessage) -> bool:
    return message.text == text


def echo_user(steps: int) -> Script:
    async def script(traffic: Traffic, chat: Chat) -> None:
        for step in range(steps):
            text = f"pesan {step + 1} dari {chat.chat_id}"
            await traffic.send(chat, text, functools.partial(_echo_of, text))

    return script
