"""Where does a bot process spend its time? A summary of a py-spy profile, by layer.

    pip install py-spy   # into your own .venv; not a project dependency
    py-spy record --gil --subprocesses --format raw --rate 200 -o survey.raw -- \\
        .venv/bin/python benchmarks/survey_throughput.py --no-extras
    python benchmarks/profile_summary.py survey.raw [--process kinerja-0]

Reads py-spy's ``raw`` (collapsed) output and keeps the samples of the process whose command
line contains ``--process`` (by default the single-process kinerja run of ``survey_throughput``).
The event-loop thread, where everything Python does for an update runs one piece at a time, and
the worker threads (aiosqlite runs each SQLite connection in a thread of its own) are summed up
apart. A sample of the event loop is filed under the layer of its innermost frame that belongs
to a known package, looking only inside the callback the loop was running (SQLAlchemy called
from a repository is SQLAlchemy; a repository's own loop is storage; the loop's own bookkeeping
is the event loop). A thread waiting (the loop in ``select``, aiosqlite's thread for work) is
left out. The line numbers that tell aiosqlite's waiting from its working are those of
aiosqlite 0.22 (``_connection_worker_thread``).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# (layer, where its files are); the first match, innermost frame first, wins. py-spy names a file
# relative to the sys.path entry it was found in ("sqlalchemy/orm/session.py", "bot/app.py",
# "survey_child.py" for the benchmarks' own folder).
HARNESS = ("benchmarks/", "survey_child.py", "survey_users.py", "fake_bot_", "sql_counter.py")
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SQLAlchemy ORM (sessions, loading, unit of work)", ("sqlalchemy/orm/",)),
    ("SQLAlchemy SQL building and compiling", ("sqlalchemy/sql/",)),
    ("SQLAlchemy engine, pool, asyncio bridge", ("sqlalchemy/",)),
    ("SQLModel", ("sqlmodel/",)),
    ("aiosqlite, the event loop's side (futures, hand-off)", ("aiosqlite/",)),
    ("asyncpg", ("asyncpg/",)),
    ("PTB dispatch (Application, handlers, JobQueue)", ("telegram/ext/",)),
    ("PTB Telegram objects and requests", ("telegram/",)),
    ("APScheduler", ("apscheduler/",)),
    ("pydantic", ("pydantic",)),
    ("the bot's own code: bot/", ("bot/",)),
    ("the bot's own code: domain/", ("domain/",)),
    ("the bot's own code: storage/", ("storage/",)),
    ("benchmark harness (fake Bot API, simulated users, SQL counter)", HARNESS),
    ("logging", ("logging/",)),
    ("json", ("json/",)),
    ("zoneinfo, datetime", ("zoneinfo/", "datetime.py", "_strptime.py")),
)
LOOP = "the event loop itself, and other standard library"
CALLBACK = "Handle._run (asyncio/events.py"
SQLITE = "SQLite executing (sqlite3 called by aiosqlite)"
# where a thread waits rather than works (py-spy's idle detection misses some of these)
WAITING = (
    "_connection_worker_thread (aiosqlite/core.py:59)",  # tx.get(): waiting for work
    "EpollSelector.select (selectors.py",  # the event loop waiting for I/O or a timer
    "Condition.wait (threading.py",
)
FRAME = re.compile(r"\(([^()]*?)(?::\d+)?\)$")


def _in(file: str, places: tuple[str, ...]) -> bool:
    return any(file.startswith(place) or f"/{place}" in file for place in places)


def layer_of(stack: list[str]) -> str:
    """The layer of an event-loop sample: the innermost known package within the callback."""
    inside = [i for i, frame in enumerate(stack) if frame.startswith(CALLBACK)]
    frames = stack[inside[-1] + 1 :] if inside else stack
    files = [match.group(1) for frame in reversed(frames) if (match := FRAME.search(frame))]
    for file in files:
        for name, places in LAYERS:
            if _in(file, places):
                return name
    return LOOP


def worker_layer(stack: list[str]) -> str:
    leaf = stack[-1]
    if leaf.startswith("_connection_worker_thread (aiosqlite/core.py:62)"):
        return SQLITE  # result = function(): inside sqlite3
    match = FRAME.search(leaf)
    if match is not None and _in(match.group(1), ("aiosqlite/", "asyncio/")):
        return "aiosqlite, the thread's side (waking the event loop with each result)"
    return layer_of(stack)


def summarise(path: Path, process: str) -> dict[str, Counter[str]]:
    threads: dict[str, Counter[str]] = {"event loop": Counter(), "worker threads": Counter()}
    for line in path.read_text(errors="replace").splitlines():
        stack_text, _, count_text = line.rpartition(" ")
        stack = stack_text.split(";")
        mine = [i for i, f in enumerate(stack) if f.startswith("process ") and process in f]
        if not mine or not count_text.isdigit() or len(stack) <= mine[-1] + 1:
            continue
        frames, count = stack[mine[-1] + 1 :], int(count_text)
        worker = frames[0].startswith("Thread._bootstrap")
        thread = threads["worker threads" if worker else "event loop"]
        if frames[-1].startswith(WAITING):
            thread["(waiting: left out)"] += count
        else:
            thread[worker_layer(frames) if worker else layer_of(frames)] += count
    return threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, help="py-spy record --format raw output")
    parser.add_argument("--process", default="kinerja-0", help="part of the command line")
    args = parser.parse_args()
    threads = summarise(args.profile, args.process)
    if not any(threads.values()):
        raise SystemExit(f"no samples of a process matching {args.process!r}")
    for thread, layers in threads.items():
        busy = sum(n for name, n in layers.items() if not name.startswith("(waiting"))
        print(f"{thread}: {busy:,} samples of {args.process!r}")
        for name, count in layers.most_common():
            share = f"{100 * count / busy:5.1f} %" if not name.startswith("(") else "       "
            print(f"  {share}  {name} ({count:,})")


if __name__ == "__main__":
    main()
