"""A reminder wave: how close to the configured rate do the plan job and the dispatcher deliver it?

    python benchmarks/reminder_fanout.py [--employees 10000] [--rate 300] [--delay 0.05]
        [--database sqlite|postgresql] [--processes 1|2] [--quick] [--strict]

Seeds ``--employees`` employees with a Telegram account, in three units, one in each of
Indonesia's time zones (WIB, WITA, WIT), and one open period whose self-assessment is due in ten
days: none has started it. The bot's clock (``KINERJA_TEST_CLOCK``) is set to Tuesday 8 December
2026, 02:00 UTC — 09:00 WIB, 10:00 WITA, 11:00 WIT, office hours everywhere. The plan job
(``Runtime.plan_reminders``, the reminders' ``plan``: one reminder per employee, "the period
opened", under its dedupe key) runs once and is timed; then ``--processes`` real bot processes
(``kinerja run`` via ``counted_bot.py``, their own plan job running too and finding nothing new)
deliver the wave against the fake Bot API over HTTP (``fake_bot_transport.FakeBotApiServer``),
which answers after ``--delay`` and enforces one global limit for every process: at most
``--rate`` messages in any sliding second and one a second per chat, else 429 with
``retry_after``. Every process gets ``KINERJA_OUTBOX_RATE=--rate``.

Prints the plan time, the delivery time (the first reminder's arrival to the last one's answer),
the time a perfect sender needs (employees / rate), their ratio (target <= 1.05; the best tuned
plain python-telegram-bot sender measured 1.096), the 429 answers (target 0), duplicates and lost
reminders (targets 0, counted by the fake per chat after a grace period), with PASS/FAIL. Exit 0
unless ``--strict`` and a target failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_setup import (  # noqa: E402
    SECRET,
    ScratchDatabases,
    kinerja_env,
    machine,
    query,
    revision,
    verdict,
)
from benchmarks.counted_bot import RESULT_ENV  # noqa: E402
from benchmarks.fake_bot_api import TOKEN, FakeBotApi  # noqa: E402
from benchmarks.fake_bot_transport import FakeBotApiServer  # noqa: E402
from bot.app import build_runtime  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.tables import EmployeeRow, PeriodRow, UnitRow  # noqa: E402

CHAT_BASE = 300_001
BOT = ROOT / "benchmarks" / "counted_bot.py"
CLOCK = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)  # a Tuesday: 09.00 WIB, 10.00 WITA, 11.00 WIT
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
GRACE = 3.0  # seconds to wait after the last expected message, for duplicates
STALL = 60.0  # seconds without a new message after which the run is given up
PLAIN_PTB = 1.096  # the best tuned plain python-telegram-bot sender, measured here (issue 10)


@dataclass(frozen=True)
class Options:
    employees: int
    rate: float
    delay: float
    database: str
    processes: int


def seed(url: str, employees: int) -> None:
    """Three units (WIB, WITA, WIT), the employees with their Telegram ids, an open period."""
    asyncio.run(_seed(url, employees))


async def _seed(url: str, employees: int) -> None:
    db = Database(url)
    now = datetime.now(UTC)
    try:
        async with db.session() as s:
            units = [
                UnitRow(code=f"U{n}", name=f"Dinas {zone}", timezone=zone, updated_at=now)
                for n, zone in enumerate(ZONES)
            ]
            s.add_all(units)
            await s.flush()
            s.add_all(
                EmployeeRow(
                    nip=f"{198001012010011000 + n}",
                    name=f"Pegawai {n}",
                    position="Pelaksana",
                    position_kind="pelaksana",
                    unit_id=units[n % len(units)].id,
                    telegram_id=CHAT_BASE + n,
                    updated_at=now,
                )
                for n in range(employees)
            )
            due = CLOCK.date() + timedelta(days=10)
            s.add(
                PeriodRow(
                    name="Triwulan IV 2026",
                    kind="quarterly",
                    start=date(2026, 10, 1),
                    end=date(2026, 12, 31),
                    self_due=due,
                    peer_due=due + timedelta(days=7),
                    review_due=due + timedelta(days=14),
                    status="open",
                    created_at=now,
                    updated_at=now,
                )
            )
            await s.commit()
    finally:
        await db.dispose()


async def plan(url: str) -> tuple[float, int]:
    """Run the plan job once, as the bot's JobQueue does; (seconds, reminders queued)."""
    settings = Settings(
        _env_file=None,
        database_url=url,
        secret_key=SECRET,
        bot_token=TOKEN,
        telegram_api_url="http://127.0.0.1:9",  # never called; a test clock needs a local API
        test_clock=CLOCK,
    )
    runtime = build_runtime(settings)
    try:
        started = time.perf_counter()
        queued = await runtime.services.reminders.plan()
        return time.perf_counter() - started, queued
    finally:
        await runtime.close()


async def start_bots(url: str, api_url: str, options: Options, folder: Path) -> list[Any]:
    bots = []
    for index in range(options.processes):
        env = kinerja_env(
            url,
            telegram_api_url=api_url,
            outbox_rate=str(options.rate),
            test_clock=CLOCK.isoformat(),
        )
        env[RESULT_ENV] = str(folder / f"bot-{index}.json")
        with (folder / f"bot-{index}.log").open("w") as log:
            bots.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, str(BOT), cwd=folder, env=env, stdout=log, stderr=log
                )
            )
    return bots


async def wait_for_delivery(api: FakeBotApi, expected: int) -> None:
    last_count, last_change = -1, time.monotonic()
    while True:
        count = sum(api.sent.values())
        if count >= expected:
            await asyncio.sleep(GRACE)
            return
        if count != last_count:
            last_count, last_change = count, time.monotonic()
        elif time.monotonic() - last_change > STALL:
            return
        await asyncio.sleep(0.2)


async def stop_bots(bots: list[Any], folder: Path) -> list[dict[str, Any]]:
    for process in bots:
        process.send_signal(signal.SIGTERM)
    results = []
    for index, process in enumerate(bots):
        await asyncio.wait_for(process.wait(), 60)
        path = folder / f"bot-{index}.json"
        if not path.exists():
            log = (folder / f"bot-{index}.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"bot process {index} ended without its result:\n{log}")
        results.append(json.loads(path.read_text()))
    return results


async def deliver(url: str, options: Options, folder: Path) -> dict[str, Any]:
    plan_seconds, queued = await plan(url)
    api = FakeBotApi(delay=options.delay, rate=options.rate, chat_interval=1.0)
    async with FakeBotApiServer(api) as server:
        bots = await start_bots(url, server.url, options, folder)
        await wait_for_delivery(api, queued)
        results = await stop_bots(bots, folder)
    return {"api": api, "bots": results, "plan_seconds": plan_seconds, "queued": queued}


def measure(options: Options) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kinerja-reminders-") as tmp:
        folder = Path(tmp)
        databases = ScratchDatabases(options.database, folder)
        try:
            databases.prepare(demo=False)
            url = databases.fresh()
            seed(url, options.employees)
            found = asyncio.run(deliver(url, options, folder))
            found["statuses"] = dict(
                query(url, "SELECT status, count(*) FROM outbox GROUP BY status")
            )
        finally:
            databases.close()
    return found


def report(options: Options, found: dict[str, Any]) -> bool:
    api: FakeBotApi = found["api"]
    expected = {CHAT_BASE + n for n in range(options.employees)}
    lost = sum(1 for chat in expected if api.sent.get(chat, 0) == 0)
    duplicates = sum(max(0, count - 1) for count in api.sent.values())
    delivered = sum(api.sent.values())
    elapsed = (api.last_send_answered or 0) - (api.first_send or 0)
    ideal = options.employees / options.rate
    ratio = elapsed / ideal
    cpu = sum(bot["cpu_seconds"] for bot in found["bots"])
    print(f"\nreminder_fanout: {options.employees:,} employees (WIB, WITA, WIT), "
          f"KINERJA_OUTBOX_RATE={options.rate:g} (the fake's limit too, and 1/s per chat), "
          f"Bot API delay {options.delay * 1000:.0f} ms, {options.database}, "
          f"{options.processes} process(es); commit {revision()}; {machine()}")  # fmt: skip
    print(f"  plan job: {found['queued']:,} reminders queued in {found['plan_seconds']:.1f} s")
    speed = delivered / elapsed if elapsed else 0.0
    print(f"  delivered {delivered:,} in {elapsed:.1f} s ({speed:.1f} messages/s); a perfect "
          f"sender needs {ideal:.1f} s; ratio {ratio:.3f} (plain PTB: {PLAIN_PTB})")  # fmt: skip
    print(f"  429 answers: {api.too_many['rate']} over the rate, {api.too_many['chat']} over 1/s "
          f"per chat; outbox rows by status: {found['statuses']}; bot CPU {cpu:.1f} s")  # fmt: skip
    too_many, planned = sum(api.too_many.values()), found["queued"]
    lines = [
        verdict(planned == options.employees, "one reminder planned each", f"{planned:,}"),
        verdict(ratio <= 1.05, "delivery <= 1.05 x employees / rate", f"{ratio:.3f} x"),
        verdict(too_many == 0, "no 429 answer", f"{too_many}"),
        verdict(lost == 0, "nothing lost", f"{lost}"),
        verdict(duplicates == 0, "no duplicate", f"{duplicates}"),
        verdict(api.violation_count == 0, "no Bot API misuse", f"{api.violation_count}"),
    ]
    print("Targets (issue 10):")
    for line in lines:
        print(line)
    return all(line.startswith("  PASS") for line in lines)


def parse(argv: list[str] | None = None) -> tuple[Options, bool]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=300.0, help="KINERJA_OUTBOX_RATE")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per Bot API call")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (150 employees)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    if args.processes == 2 and args.database != "postgresql":
        parser.error("--processes 2 needs --database postgresql")
    employees = 150 if args.quick else args.employees
    rate = min(args.rate, 50.0) if args.quick else args.rate
    return Options(employees, rate, args.delay, args.database, args.processes), args.strict


def main(argv: list[str] | None = None) -> int:
    options, strict = parse(argv)
    passed = report(options, measure(options))
    return 1 if strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
