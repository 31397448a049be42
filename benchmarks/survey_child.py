"""One contender of ``survey_throughput`` in a process of its own, so its CPU and RSS are its own.

    python benchmarks/survey_child.py CONFIG.json

Started by ``survey_throughput.py``, never by hand. ``kinerja`` is the real command line,
``bot.cli.main(["run"])`` (what ``kinerja run`` runs: settings, logging, ``build_runtime``,
``build_application``, ``run_polling``); the only change is that PTB's ``ApplicationBuilder``
gets the in-process fake as its request layer. The echo bots are plain PTB applications under
the same fake. The simulated users start when the bot first calls ``getUpdates`` (after a
``READY``/``GO`` handshake with the parent when several processes share the users); the result
is written as JSON to the path in the config.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from benchmarks.fake_bot_api import FakeBotApi  # noqa: E402
from benchmarks.fake_bot_transport import FakeRequest  # noqa: E402
from benchmarks.sql_counter import SqlCounter  # noqa: E402
from benchmarks.survey_users import (  # noqa: E402
    Script,
    Traffic,
    echo_user,
    employee_self_assessment,
    skm_citizen,
)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class ChildConfig:
    contender: str  # kinerja | echo-default | echo-concurrent
    mode: str  # traffic | idle
    flow: str  # skm | self | echo
    users: int
    first_user: int
    delay: float
    seconds: float | None  # time box of the traffic, None: until every user is done
    timeout: float  # for one reply
    idle_seconds: float
    idle_settle: float  # seconds after the first getUpdates before idle CPU is measured
    launched_at: float  # wall clock, just before the parent started this process
    result: str
    wait_for_go: bool
    service: str
    steps: int  # updates per user of an echo bot


class Child:
    def __init__(self, config: ChildConfig) -> None:
        self.config = config
        # each process's users get their own range of update ids (see FakeBotApi)
        self.api = FakeBotApi(delay=config.delay, first_update_id=config.first_user * 1_000)
        self.counter: SqlCounter | None = None
        self.application: AnyApplication | None = None
        self.outcome: dict[str, Any] = {}
        self._driver: asyncio.Task[None] | None = None
        self.api.on_first_poll = self._first_poll

    def _first_poll(self) -> None:
        self._driver = asyncio.get_running_loop().create_task(self._drive())

    async def _drive(self) -> None:
        try:
            if self.config.mode == "idle":
                await self._idle()
            else:
                await self._traffic()
        finally:
            assert self.application is not None
            self.application.stop_running()

    async def _idle(self) -> None:
        await asyncio.sleep(self.config.idle_settle)
        if self.counter is not None:
            self.counter.reset()
        cpu = time.process_time()
        await asyncio.sleep(self.config.idle_seconds)
        self.outcome["idle_cpu_seconds"] = time.process_time() - cpu
        self.outcome["idle_seconds"] = self.config.idle_seconds

    async def _traffic(self) -> None:
        config = self.config
        if config.wait_for_go:
            print("READY", flush=True)
            await asyncio.to_thread(sys.stdin.readline)
        chats = [self.api.chat(config.first_user + i) for i in range(config.users)]
        traffic = Traffic(self.api, config.timeout)
        if self.counter is not None:
            self.counter.reset()
        calls_before = sum(self.api.methods.values())
        cpu, wall = time.process_time(), time.time()
        elapsed = await traffic.run(self._script(), chats, config.seconds)
        self.outcome |= {
            "cpu_seconds": time.process_time() - cpu,
            "started": wall,
            "elapsed": elapsed,
            "updates": len(traffic.latencies),
            "latencies": list(traffic.latencies),
            "done_users": traffic.done_users,
            "failures": traffic.failures[:5],
            "failed_users": len(traffic.failures),
            "chat_calls": traffic.calls,
            "all_calls": sum(self.api.methods.values()) - calls_before,
            "reply_round_trips": dict(traffic.reply_round_trips),
            "chain_round_trips": dict(traffic.chain_round_trips),
        }

    def _script(self) -> Script:
        flow, service = self.config.flow, self.config.service
        if flow == "skm":
            return lambda traffic, chat: skm_citizen(traffic, chat, service)
        if flow == "self":
            return employee_self_assessment
        return echo_user(self.config.steps)

    def run(self) -> None:
        if self.config.contender == "kinerja":
            self._run_kinerja()
        else:
            self._run_echo(concurrent=self.config.contender == "echo-concurrent")
        rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        self.outcome |= {
            "peak_rss_mb": rss_kib / 1024,
            "first_poll": self.api.first_poll,
            "startup": (self.api.first_poll or 0) - self.config.launched_at,
            "violations": self.api.violations,
            "violation_count": self.api.violation_count,
            "methods": dict(self.api.methods),
        }
        if self.counter is not None:
            self.outcome["sql"] = self.counter.summary()
        Path(self.config.result).write_text(json.dumps(self.outcome))

    def _run_kinerja(self) -> None:
        self.counter = SqlCounter()
        self.counter.install()
        _give_builder_the_fake(self.api, self._built)
        from bot.cli import main

        status = main(["run"])
        self.outcome["exit_status"] = status

    def _built(self, application: AnyApplication) -> None:
        self.application = application

    def _run_echo(self, *, concurrent: bool) -> None:
        builder = ApplicationBuilder().token(self.api.token)
        builder = builder.request(FakeRequest(self.api)).get_updates_request(FakeRequest(self.api))
        if concurrent:
            builder = builder.concurrent_updates(True)
        self.application = builder.build()
        self.application.add_handler(MessageHandler(filters.TEXT, _echo))
        self.application.run_polling()


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(update.message.text or "")


def _give_builder_the_fake(api: FakeBotApi, built: Callable[[AnyApplication], None]) -> None:
    """Make every ``ApplicationBuilder.build()`` use the in-process fake as its request layer."""
    original = ApplicationBuilder.build

    def build(self: ApplicationBuilder) -> AnyApplication:  # type: ignore[type-arg]
        self.request(FakeRequest(api)).get_updates_request(FakeRequest(api))
        application = original(self)
        built(application)
        return application

    ApplicationBuilder.build = build  # type: ignore[method-assign]


def write_config(config: ChildConfig, path: Path) -> None:
    path.write_text(json.dumps(asdict(config)))


if __name__ == "__main__":
    Child(ChildConfig(**json.loads(Path(sys.argv[1]).read_text()))).run()
