"""What the fault-injecting proxy (``tests.support.fault_proxy``) does to one Bot API request.

A :class:`Fault` is one bad moment of Telegram's: an error answered without delivering (429 with
``retry_after``, 502, a refused edit), an error answered *after* delivering (the bot cannot know
its message arrived), a hang until the bot's read timeout, a hold until the test lets the request
go (so the bot is provably inside that call), or a delay.

A :class:`Rule` applies a fault to chosen methods (and optionally requests whose parameters
match); a :class:`FaultSchedule` draws faults at chosen rates, deterministically: the fault of the
*n*-th request of one (method, chat) depends only on the seed, the method, the chat and *n*, so
people answering at the same time do not change each other's faults. (``answerCallbackQuery``
names no chat: its draws follow the query id, which the fake server chooses at random.)
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

JsonDict = dict[str, Any]


class Kind(Enum):
    REFUSE = "refuse"  # answer an error; the request never reaches the server
    DELIVER_THEN_FAIL = "deliver-then-fail"  # forward, then answer an error (or hang)
    HANG = "hang"  # no answer (nothing delivered) until ``seconds`` pass, then close
    HOLD = "hold"  # keep the request until the test releases it (forwarded or dropped)
    DELAY = "delay"  # forward after ``seconds``


@dataclass(frozen=True)
class Fault:
    kind: Kind
    status: int = 0
    description: str = ""
    retry_after: int | None = None
    seconds: float = 0.0

    @staticmethod
    def too_many_requests(retry_after: int = 1) -> Fault:
        text = f"Too Many Requests: retry after {retry_after}"
        return Fault(Kind.REFUSE, 429, text, retry_after=retry_after)

    @staticmethod
    def bad_gateway() -> Fault:
        return Fault(Kind.REFUSE, 502, "Bad Gateway")

    @staticmethod
    def bad_request(description: str) -> Fault:
        """A 400 such as "message to edit not found" (``description`` without the prefix)."""
        return Fault(Kind.REFUSE, 400, f"Bad Request: {description}")

    @staticmethod
    def delivered_then_500() -> Fault:
        return Fault(Kind.DELIVER_THEN_FAIL, 500, "Internal Server Error")

    @staticmethod
    def delivered_then_hang(seconds: float = 7.0) -> Fault:
        """Delivered, but the answer never comes: the bot's read times out."""
        return Fault(Kind.DELIVER_THEN_FAIL, seconds=seconds)

    @staticmethod
    def hang(seconds: float = 7.0) -> Fault:
        """Longer than python-telegram-bot's 5 s read timeout."""
        return Fault(Kind.HANG, seconds=seconds)

    @staticmethod
    def hold() -> Fault:
        return Fault(Kind.HOLD)

    @staticmethod
    def delay(seconds: float) -> Fault:
        return Fault(Kind.DELAY, seconds=seconds)

    def envelope(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


Match = Callable[[JsonDict], bool]


@dataclass
class Rule:
    """``fault`` for requests to ``methods`` (all when empty) whose parameters ``match``; at most
    ``times`` requests (unlimited when None)."""

    fault: Fault
    methods: frozenset[str] = frozenset()
    match: Match | None = None
    times: int | None = None
    used: int = 0

    def applies(self, method: str, params: JsonDict) -> bool:
        if self.times is not None and self.used >= self.times:
            return False
        if self.methods and method.lower() not in self.methods:
            return False
        return self.match is None or self.match(params)


Rates = Sequence[tuple[float, Fault]]


@dataclass
class FaultSchedule:
    """Faults at ``rates[method]`` (probability, fault), drawn from a seeded hash per (method,
    chat, n). After ``max_in_a_row`` faults for one (method, chat), the next request goes through:
    Telegram's bad moments pass, and a bounded retry must be able to get through."""

    seed: int
    rates: Mapping[str, Rates]
    max_in_a_row: int = 2
    _count: Counter[tuple[str, str]] = field(default_factory=Counter)
    _streak: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.rates = {method.lower(): rates for method, rates in self.rates.items()}
        for rates in self.rates.values():
            assert sum(p for p, _ in rates) < 1, "rates must leave room for success"

    def decide(self, method: str, params: JsonDict) -> Fault | None:
        rates = self.rates.get(method.lower())
        if not rates:
            return None
        key = (method.lower(), _subject(params))
        n = self._count[key]
        self._count[key] += 1
        if self._streak[key] >= self.max_in_a_row:
            self._streak[key] = 0
            return None
        fault = _pick(rates, _uniform(self.seed, key, n))
        self._streak[key] = self._streak[key] + 1 if fault else 0
        return fault


def _subject(params: JsonDict) -> str:
    """What the request is about: its chat; for a callback answer (which names no chat) the
    query, so that its retries count as one streak."""
    return str(params.get("chat_id") or params.get("callback_query_id") or "")


def _uniform(seed: int, key: tuple[str, str], n: int) -> float:
    digest = hashlib.sha256(f"{seed}:{key[0]}:{key[1]}:{n}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _pick(rates: Rates, draw: float) -> Fault | None:
    for probability, fault in rates:
        if draw < probability:
            return fault
        draw -= probability
    return None


@dataclass(frozen=True)
class Passage:
    """One request through the proxy: the method, its parameters and the fault it got."""

    method: str
    params: JsonDict
    fault: Fault | None


@dataclass
class Held:
    """A request kept by a ``HOLD`` fault until the test releases it."""

    method: str
    params: JsonDict
    released: threading.Event = field(default_factory=threading.Event)
    forward: bool = False
