"""Where does a bot process spend its time? A summary of a py-spy profile, by layer.

    pip install py-spy   # into your own .venv; not a project dependency
    py-spy record --subprocesses --format raw --rate 250 -o survey.txt -- \\
        .venv/bin/python benchmarks/survey_throughput.py --no-extras
    python benchmarks/profile_summary.py survey.txt [--process kinerja-0]

Reads py-spy's ``raw`` (collapsed) output, keeps the samples of the process whose command line
contains ``--process`` (by default the single-process kinerja run of ``survey_throughput``), and
files each sample under the layer of its innermost frame that belongs to a known package: the
first library met walking outwards from where the CPU was is the one that cost it (SQLAlchemy
called from a repository is SQLAlchemy; a repository's own loop is storage). Samples entirely
in the standard library are the event loop and its helpers.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# (layer, fragment of a frame's file path); the first match, innermost frame first, wins
LAYERS = (
    ("SQLAlchemy ORM (sessions, loading, unit of work)", "sqlalchemy/orm/"),
    ("SQLAlchemy SQL building and compiling", "sqlalchemy/sql/"),
    ("SQLAlchemy engine, pool, asyncio bridge", "sqlalchemy/"),
    ("SQLModel", "sqlmodel/"),
    ("aiosqlite (its thread and the hand-off)", "aiosqlite/"),
    ("asyncpg", "asyncpg/"),
    ("PTB dispatch (Application, handlers, JobQueue)", "telegram/ext/"),
    ("PTB Telegram objects and requests", "telegram/"),
    ("APScheduler", "apscheduler/"),
    ("pydantic", "pydantic"),
    ("the bot's own code: bot/", "/bot/"),
    ("the bot's own code: domain/", "/domain/"),
    ("the bot's own code: storage/", "/storage/"),
    ("benchmark harness (fake Bot API, simulated users)", "/benchmarks/"),
    ("logging", "/logging/"),
    ("json", "/json/"),
    ("zoneinfo, datetime", "zoneinfo"),
    ("asyncio event loop and other standard library", ""),
)
FRAME = re.compile(r"\(([^()]*?)(?::\d+)?\)$")


def layer_of(stack: list[str]) -> str:
    files = [match.group(1) for frame in reversed(stack) if (match := FRAME.search(frame))]
    for file in files:
        for name, fragment in LAYERS[:-1]:
            if fragment in file:
                return name
    return LAYERS[-1][0]


def summarise(path: Path, process: str) -> tuple[Counter[str], int]:
    layers: Counter[str] = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack_text, _, count_text = line.rpartition(" ")
        if not stack_text or not count_text.isdigit():
            continue
        stack = stack_text.split(";")
        if not stack or process not in stack[0]:
            continue
        count = int(count_text)
        layers[layer_of(stack[1:])] += count
        total += count
    return layers, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, help="py-spy record --format raw output")
    parser.add_argument("--process", default="kinerja-0", help="part of the command line")
    args = parser.parse_args()
    layers, total = summarise(args.profile, args.process)
    if not total:
        raise SystemExit(f"no samples of a process matching {args.process!r}")
    print(f"{total:,} samples of the process matching {args.process!r}:")
    for name, count in layers.most_common():
        print(f"  {100 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
