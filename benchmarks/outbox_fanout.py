"""How close to the configured rate does the outbox deliver a backlog, within Telegram's limits?

    python benchmarks/outbox_fanout.py [--messages 10000] [--rate 25] [--delay 0.05]
        [--per-chat 1] [--database sqlite|postgresql] [--processes 1|2] [--quick] [--strict]

Queues ``--messages`` outbox messages (a forwarded saran each, ``--per-chat`` consecutive ones
per chat) through the real storage layer (``build_runtime(...).uow()``, ``uow.outbox.enqueue``),
then starts ``--processes`` real bot processes (``kinerja run`` via ``counted_bot.py``, the JobQueue
running the dispatcher every second exactly as in production) against the fake Bot API over HTTP
(``fake_bot_transport.FakeBotApiServer``), which answers every call after ``--delay`` seconds and
enforces Telegram's limits as one global counter for every process: at most ``--rate`` messages in
any sliding second and one a second per chat, else 429 with ``retry_after``. Every process gets
the same ``KINERJA_OUTBOX_RATE=--rate``, as an operator would set it.

Prints the delivery time (from the first message's arrival to the last one's answer), the time
a perfect sender needs (messages / rate), their ratio (target <= 1.05), the 429 answers
(target 0), lost and duplicated messages (targets 0; counted by the fake, per chat, after a
grace period) and the write transactions per message (target <= 1), with PASS/FAIL. Exit 0
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, get_type_hints

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

CHAT_BASE = 200_001
BOT = ROOT / "benchmarks" / "counted_bot.py"
GRACE = 3.0  # seconds to wait after the last expected message, for duplicates
STALL = 60.0  # seconds without a new message after which the run is given up
SARAN = {"service": "Perekaman KTP-el", "unit": "Disdukcapil", "date": date(2026, 8, 17)}


@dataclass(frozen=True)
class Options:
    messages: int
    rate: float
    delay: float
    per_chat: int
    database: str
    processes: int


async def enqueue(url: str, options: Options) -> float:
    """Queue the messages through the storage layer the bot uses; seconds it took."""
    settings = Settings(_env_file=None, database_url=url, secret_key=SECRET, bot_token=TOKEN)
    runtime = build_runtime(settings)
    started = time.perf_counter()
    now = datetime.now(UTC)
    try:
        for first in range(0, options.messages, 1000):
            async with runtime.uow() as uow:
                # the type its enqueue takes, wherever the domain keeps it
                message = get_type_hints(type(uow.outbox).enqueue)["message"]
                for number in range(first, min(first + 1000, options.messages)):
                    chat = CHAT_BASE + number // options.per_chat
                    params = SARAN | {"text": f"Saran nomor {number + 1}"}
                    queued = message(chat, "skm.forward.suggestion", f"bench:{number}", params)
                    await uow.outbox.enqueue(queued, now=now)
                await uow.commit()
    finally:
        await runtime.close()
    return time.perf_counter() - started


async def start_bots(url: str, api_url: str, options: Options, folder: Path) -> list[Any]:
    bots = []
    for index in range(options.processes):
        env = kinerja_env(url, telegram_api_url=api_url, outbox_rate=str(options.rate))
        env[RESULT_ENV] = str(folder / f"bot-{index}.json")
        with (folder / f"bot-{index}.log").open("w") as log:
            bots.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, str(BOT), cwd=folder, env=env, stdout=log, stderr=log
                )
            )
    return bots


async def wait_for_delivery(api: FakeBotApi, options: Options) -> None:
    """Until every message has arrived (then a grace period), or nothing arrives for a while."""
    last_count, last_change = -1, time.monotonic()
    while True:
        count = sum(api.sent.values())
        if count >= options.messages:
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


def measure(options: Options) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kinerja-outbox-") as tmp:
        folder = Path(tmp)
        databases = ScratchDatabases(options.database, folder)
        try:
            databases.prepare(demo=False)
            url = databases.fresh()
            found = asyncio.run(deliver(url, options, folder))
            found["statuses"] = dict(
                query(url, "SELECT status, count(*) FROM outbox GROUP BY status")
            )
        finally:
            databases.close()
    return found


async def deliver(url: str, options: Options, folder: Path) -> dict[str, Any]:
    insert_seconds = await enqueue(url, options)
    api = FakeBotApi(delay=options.delay, rate=options.rate, chat_interval=1.0)
    async with FakeBotApiServer(api) as server:
        bots = await start_bots(url, server.url, options, folder)
        await wait_for_delivery(api, options)
        results = await stop_bots(bots, folder)
    return {"api": api, "bots": results, "insert_seconds": insert_seconds}


def report(options: Options, found: dict[str, Any]) -> bool:
    api: FakeBotApi = found["api"]
    expected = {CHAT_BASE + n // options.per_chat for n in range(options.messages)}
    lost = sum(max(0, options.per_chat - api.sent.get(chat, 0)) for chat in expected)
    duplicates = sum(max(0, count - options.per_chat) for count in api.sent.values())
    delivered = sum(api.sent.values())
    elapsed = (api.last_send_answered or 0) - (api.first_send or 0)
    ideal = options.messages / options.rate
    ratio = elapsed / ideal
    background = [bot["sql"]["tallies"].get("background", {}) for bot in found["bots"]]
    writing = sum(tally.get("writing", 0) for tally in background)
    cpu = sum(bot["cpu_seconds"] for bot in found["bots"])
    per_message = writing / delivered if delivered else float("nan")
    print(f"\noutbox_fanout: {options.messages:,} messages ({options.per_chat} per chat), "
          f"KINERJA_OUTBOX_RATE={options.rate:g}, Bot API delay {options.delay * 1000:.0f} ms, "
          f"{options.database}, {options.processes} process(es); commit {revision()}; "
          f"{machine()}")  # fmt: skip
    print(f"  queued in {found['insert_seconds']:.1f} s; delivered {delivered:,} in {elapsed:.1f} s"
          f" ({delivered / elapsed if elapsed else 0:.1f} messages/s); a perfect sender needs "
          f"{ideal:.1f} s")  # fmt: skip
    print(f"  429 answers: {api.too_many['rate']} over the rate, {api.too_many['chat']} over 1/s "
          f"per chat; outbox rows by status: {found['statuses']}")  # fmt: skip
    print(f"  bot processes: {writing:,} writing transactions ({per_message:.2f} per message), "
          f"CPU {cpu:.1f} s ({1000 * cpu / max(delivered, 1):.2f} ms per message), peak RSS "
          f"{max(bot['peak_rss_mb'] for bot in found['bots']):.0f} MB; Bot API calls "
          f"{dict(api.methods)}")  # fmt: skip
    too_many = sum(api.too_many.values())
    lines = [
        verdict(ratio <= 1.05, "elapsed <= 1.05 x messages / rate", f"{ratio:.3f} x"),
        verdict(too_many == 0, "no 429 answer", f"{too_many}"),
        verdict(lost == 0, "nothing lost", f"{lost}"),
        verdict(duplicates == 0, "no duplicate", f"{duplicates}"),
        verdict(per_message <= 1.0, "<= 1 write transaction per message", f"{per_message:.2f}"),
        verdict(api.violation_count == 0, "no Bot API misuse", f"{api.violation_count}"),
    ]
    print("Targets (issue 9):")
    for line in lines:
        print(line)
    return all(line.startswith("  PASS") for line in lines)


def parse(argv: list[str] | None = None) -> tuple[Options, bool]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="KINERJA_OUTBOX_RATE (max 30)")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per Bot API call")
    parser.add_argument("--per-chat", type=int, default=1, help="consecutive messages per chat")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (100 messages)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    if args.processes == 2 and args.database != "postgresql":
        parser.error("--processes 2 needs --database postgresql")
    messages = 100 if args.quick else args.messages
    options = Options(messages, args.rate, args.delay, args.per_chat, args.database, args.processes)
    return options, args.strict


def main(argv: list[str] | None = None) -> int:
    options, strict = parse(argv)
    passed = report(options, measure(options))
    return 1 if strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
