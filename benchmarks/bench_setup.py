"""What the benchmarks need around the bot: scratch databases prepared with the ``kinerja`` command
line, the bot's environment, and the way figures and verdicts are printed.

Only public surfaces are used (the command line, the schema's table names), so the benchmarks do
not depend on where the application keeps its modules.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]

from benchmarks.fake_bot_api import TOKEN

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-9f3c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"  # noqa: S105 - a benchmark's own key
POSTGRES_ENV = "KINERJA_BENCH_POSTGRES_URL"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
UNUSED_API = "http://127.0.0.1:9"  # the in-process fake answers before any socket is opened


def kinerja_env(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a bot or CLI process: this one's, without any KINERJA_* of the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env |= {
        "KINERJA_BOT_TOKEN": TOKEN,
        "KINERJA_SECRET_KEY": SECRET,
        "KINERJA_DATABASE_URL": database_url,
        "KINERJA_TELEGRAM_API_URL": UNUSED_API,
        "KINERJA_LOG_LEVEL": "INFO",
        "KINERJA_REMINDERS": "false",  # no plan job unless a benchmark asks for it
        "PYTHONUNBUFFERED": "1",
    }
    return env | {f"KINERJA_{name.upper()}": value for name, value in settings.items()}


def kinerja(args: Sequence[str], database_url: str, cwd: Path) -> str:
    """Run ``kinerja ARGS`` (``python -m bot``); its output, or SystemExit with it on failure."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=kinerja_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"kinerja {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class ScratchDatabases:
    """A prepared template (migrated, ``kinerja demo`` loaded, plus anything the caller adds) and
    a fresh copy of it per run: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on
    PostgreSQL (every database made here is dropped by :meth:`close`)."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._server = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES
        self._prefix = f"kinerja_bench_{os.getpid()}"
        self._made: list[str] = []
        self.template = self._new("template")
        self._copies = 0

    def _new(self, name: str, template: str | None = None) -> str:
        if self.backend == "sqlite":
            path = self.folder / f"{name}.db"
            if template is not None:
                query(template, "PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file
                shutil.copyfile(urlsplit(template).path, path)
            return f"sqlite:///{path}"
        database = f"{self._prefix}_{name}"
        source = f' TEMPLATE "{urlsplit(template).path[1:]}"' if template else ""
        _run(_postgres(self._server, f'CREATE DATABASE "{database}"{source}'))
        self._made.append(database)
        return _with_database(self._server, database)

    def prepare(self, *, demo: bool = True) -> None:
        """Migrate the template and load the demo organisation through the command line."""
        kinerja(["db", "upgrade"], self.template, self.folder)
        if demo:
            kinerja(["demo"], self.template, self.folder)

    def fresh(self) -> str:
        """A new copy of the template; its URL."""
        self._copies += 1
        return self._new(f"run{self._copies}", self.template)

    def close(self) -> None:
        for database in reversed(self._made):
            _run(_postgres(self._server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        self._made.clear()


def query(url: str, sql: str, rows: Sequence[Sequence[Any]] | None = None) -> list[tuple[Any, ...]]:
    """Run one statement on a scratch database (``?`` placeholders); with ``rows``, once per row."""
    if url.startswith("sqlite"):
        with contextlib.closing(sqlite3.connect(urlsplit(url).path)) as conn, conn:
            if rows is not None:
                conn.executemany(sql, rows)
                return []
            return list(conn.execute(sql).fetchall())
    numbered = sql
    for index in range(1, sql.count("?") + 1):
        numbered = numbered.replace("?", f"${index}", 1)
    found: list[tuple[Any, ...]] = _run(_postgres(url, numbered, rows))
    return found


async def _postgres(
    url: str, sql: str, rows: Sequence[Sequence[Any]] | None = None
) -> list[tuple[Any, ...]]:
    conn = await asyncpg.connect(url)
    try:
        if rows is not None:
            await conn.executemany(sql, rows)
            return []
        return [tuple(record) for record in await conn.fetch(sql)]
    finally:
        await conn.close()


def _run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def revision() -> str:
    """The commit measured (``git describe --always --dirty`` of this checkout)."""
    result = subprocess.run(
        ["git", "describe", "--always", "--dirty"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"


def percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def verdict(ok: bool, target: str, figure: str) -> str:
    return f"  {'PASS' if ok else 'FAIL'}  {target:<52}  {figure}"
