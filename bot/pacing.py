"""The outbox's pace: one send every ``spread / rate`` seconds, never a burst (``bot.dispatch``).

The sends sit on a grid of slots ``interval`` apart. A wake-up that comes a few milliseconds late
(a busy event loop, a busy machine) does not move the grid: the next send keeps its slot, so
lateness does not add up over thousands of messages. Three rules keep that honest:

* at most ``floor(rate)`` sends in any window of ``spread × floor(rate) / rate`` seconds, counted
  on the times the sends really left (so a late send pushes the ones a window later too);
* never two sends closer than half an interval (catching up is gentle, not a burst);
* a sender idle or stalled for longer than ``MAX_LAG`` starts a fresh grid (no saved-up burst).

After a ``RetryAfter`` the pacer pauses and widens its margin by 1 % (at most to 10 %): requests
reach Telegram less evenly than they leave when the machine or the network is busy.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable

MAX_LAG = 0.25  # seconds of late slots a sender may still catch up on
MAX_SPREAD = 1.10  # the widest :meth:`Pacer.widen` goes: a tenth below the rate
MIN_GAP = 0.5  # of an interval: the closest two sends may be while catching up


class Pacer:
    """Spaces sends ``spread/rate`` seconds apart (monotonic clock), with an optional pause.

    ``clock`` and ``sleep`` default to ``time.monotonic`` and ``asyncio.sleep``; tests pass fakes.
    """

    def __init__(
        self,
        rate: float,
        *,
        spread: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.spread = spread
        self._rate = rate
        self._per_window = max(1, math.floor(rate))
        self._set_spread(spread)
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._resume_at = float("-inf")
        self._sent: deque[list[float]] = deque(maxlen=self._per_window)

    async def wait(self) -> list[float]:
        """Wait for the next slot; returns the send's recorded time (a box), which the sender
        moves to when its request really leaves (:meth:`left`)."""
        now = self._clock()
        if now - self._next > MAX_LAG:
            self._next = now  # idle, or stalled too long to catch up: a fresh grid
        slot = grid = self._next
        if self._sent:
            slot = max(slot, self._sent[-1][0] + MIN_GAP * self.interval)
        if len(self._sent) == self._per_window:
            slot = max(slot, self._sent[0][0] + self._window)
        if slot > now:
            await self._sleep(slot - now)
        sent = [max(slot, self._clock())]
        self._sent.append(sent)
        self._next = grid + self.interval  # a send held back by the rules keeps the grid
        return sent

    def left(self, sent: list[float]) -> None:
        """The request of a send really left now (a busy event loop may start it late): the
        window a later send must keep counts from here."""
        sent[0] = max(sent[0], self._clock())

    def widen(self) -> None:
        """Telegram said the bot was too fast: requests reach it less evenly than they leave
        (a busy machine or network), so leave a wider margin from now on."""
        self._set_spread(min(MAX_SPREAD, self.spread + 0.01))

    def _set_spread(self, spread: float) -> None:
        self.spread = spread
        self.interval = spread / self._rate
        self._window = self._per_window * self.interval

    def pause(self, seconds: float) -> None:
        """Send nothing for ``seconds``; afterwards one send per interval again (no burst)."""
        self._resume_at = max(self._resume_at, self._clock() + seconds)
        self._next = max(self._next, self._resume_at)

    def paused_for(self) -> float:
        """Seconds left of the current pause (0 when not paused)."""
        return max(0.0, self._resume_at - self._clock())
