"""How fast is the IKM report for every service over 1,000,000 SKM responses?

    python benchmarks/skm_report.py [--rows 1000000] [--services 50] [--keep DIR]

Creates a fresh SQLite database in a temporary folder (the real migrations), bulk-inserts the
responses over the services with Core ``executemany`` in chunks, then times the all-services IKM
report for the whole year through the same use case the CLI runs (``SkmReports.report``, a
``GROUP BY`` in SQL; best of 3), and the naive alternative: load every response into Python and
average there. It prints both times and their ratio, then the same report without the covering
index, so the index is kept only because it pays. Judged by: the report under 2 s on SQLite on the
project's 2-core machines.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.services.skm_reports import SkmReports  # noqa: E402
from domain.skm import UNSUR_CODES, UnsurTotals, compute_ikm  # noqa: E402
from domain.skm_report import Grouping, Period  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.unit_of_work import SqlUnitOfWorkFactory  # noqa: E402

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
CHUNK = 50_000
SCORE_WEIGHTS = (5, 15, 45, 35)  # a plausible spread of 1..4


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 1, 15, 3, 0, tzinfo=UTC)


def seed_organisation(path: Path, services: int) -> list[tuple[int, int]]:
    """A root, ten units and ``services`` services; returns (service id, unit id) pairs."""
    now = Clock().now().isoformat(" ")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO units (id, code, name, parent_id, timezone, updated_at) "
            "VALUES (1, 'PEMDA', 'Pemerintah Daerah', NULL, 'Asia/Jakarta', ?)",
            (now,),
        )
        for unit in range(2, 12):
            conn.execute(
                "INSERT INTO units (id, code, name, parent_id, timezone, updated_at) "
                "VALUES (?, ?, ?, 1, NULL, ?)",
                (unit, f"UNIT-{unit}", f"Unit {unit}", now),
            )
        pairs = [(sid, 2 + sid % 10) for sid in range(1, services + 1)]
        conn.executemany(
            "INSERT INTO public_services (id, code, name, unit_id, active, updated_at) "
            "VALUES (?, ?, ?, ?, 1, ?)",
            [(sid, f"SVC-{sid:03d}", f"Layanan {sid}", uid, now) for sid, uid in pairs],
        )
    return pairs


def _rows(pairs: list[tuple[int, int]], count: int, rnd: random.Random) -> list[tuple[object, ...]]:
    days = (YEAR.date_to - YEAR.date_from).days + 1
    rows = []
    for _ in range(count):
        service, unit = pairs[rnd.randrange(len(pairs))]
        day = YEAR.date_from + timedelta(days=rnd.randrange(days))
        scores = rnd.choices((1, 2, 3, 4), weights=SCORE_WEIGHTS, k=9)
        if rnd.random() < 0.03:  # a few paper forms leave an unsur empty
            scores[rnd.randrange(9)] = None  # type: ignore[call-overload]
        rows.append((service, unit, f"{day} 03:00:00.000000", day.isoformat(), "paper", *scores))
    return rows


def load_responses(path: Path, pairs: list[tuple[int, int]], total: int) -> float:
    """Bulk insert with executemany in chunks of ``CHUNK``; returns the seconds it took."""
    columns = "service_id, unit_id, submitted_at, local_date, channel, " + ", ".join(
        code.lower() for code in UNSUR_CODES
    )
    statement = f"INSERT INTO skm_responses ({columns}) VALUES ({', '.join('?' * 14)})"  # noqa: S608
    rnd = random.Random(14_2017)
    started = time.perf_counter()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        done = 0
        while done < total:
            rows = _rows(pairs, min(CHUNK, total - done), rnd)
            conn.executemany(statement, rows)
            done += len(rows)
            rate = done / (time.perf_counter() - started)
            print(f"\r  inserted {done:>9,} / {total:,} ({rate:,.0f} rows/s)", end="", flush=True)
    print()
    return time.perf_counter() - started


async def time_report(db: Database, repeats: int = 3) -> tuple[float, int]:
    reports = SkmReports(SqlUnitOfWorkFactory(db, Clock()))
    best, groups = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        report = await reports.report(YEAR, by=Grouping.SERVICE)
        best = min(best, time.perf_counter() - started)
        groups = len(report.groups)
    return best, groups


def naive_report(path: Path) -> float:
    """Load every response of the year into Python and average there (what we avoid)."""
    started = time.perf_counter()
    with sqlite3.connect(path) as conn:
        columns = ", ".join(code.lower() for code in UNSUR_CODES)
        rows = conn.execute(
            f"SELECT service_id, {columns} FROM skm_responses WHERE local_date BETWEEN ? AND ?",  # noqa: S608
            (YEAR.date_from.isoformat(), YEAR.date_to.isoformat()),
        ).fetchall()
    sums: dict[int, list[int]] = defaultdict(lambda: [0] * 18)
    counts: dict[int, int] = defaultdict(int)
    for service, *scores in rows:
        totals = sums[service]
        counts[service] += 1
        for index, score in enumerate(scores):
            if score is not None:
                totals[2 * index] += score
                totals[2 * index + 1] += 1
    for service, totals in sums.items():
        unsur = [
            UnsurTotals(code, totals[2 * i], totals[2 * i + 1])
            for i, code in enumerate(UNSUR_CODES)
        ]
        compute_ikm(unsur, counts[service])
    return time.perf_counter() - started


def query_plan(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        columns = ", ".join(f"SUM({c.lower()}), COUNT({c.lower()})" for c in UNSUR_CODES)
        plan = conn.execute(
            f"EXPLAIN QUERY PLAN SELECT service_id, COUNT(*), {columns} FROM skm_responses "  # noqa: S608
            "WHERE local_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY service_id"
        ).fetchall()
    return "; ".join(str(row[-1]) for row in plan)


def swap_to_narrow_index(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_skm_responses_report")
        conn.execute("CREATE INDEX ix_bench_service_date ON skm_responses (service_id, local_date)")


async def main(rows: int, services: int, keep: Path | None) -> None:
    folder = keep or Path(tempfile.mkdtemp(prefix="skm-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.db"
    path.unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    await upgrade(db)
    pairs = seed_organisation(path, services)
    print(f"Loading {rows:,} responses over {services} services into {path}")
    load = load_responses(path, pairs, rows)
    print(f"  loaded in {load:.1f} s")
    print(f"Query plan: {query_plan(path)}")
    report, groups = await time_report(db)
    naive = min(naive_report(path) for _ in range(3))
    print(f"IKM report, {groups} services, GROUP BY in SQL (best of 3): {report:.3f} s")
    print(f"Naive: rows loaded into Python and averaged there (best of 3): {naive:.3f} s")
    print(f"Ratio naive / SQL: {naive / report:.1f}x")
    verdict = "PASS" if report < 2.0 else "FAIL"
    print(f"{verdict}: the report must stay under 2 s on SQLite")
    await db.dispose()
    swap_to_narrow_index(path)
    db = Database(f"sqlite:///{path}")
    narrow, _ = await time_report(db)
    print(f"Without the covering index (service_id, local_date only): {narrow:.3f} s")
    print(f"Covering index speed-up: {narrow / report:.1f}x")
    await db.dispose()
    if keep is None:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    options = parser.parse_args()
    asyncio.run(main(options.rows, options.services, options.keep))
