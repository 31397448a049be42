"""How fast are the IKM reports people run, over 1,000,000 SKM responses?

    python benchmarks/skm_report.py [--rows 1000000] [--services 50] [--keep DIR]

Creates a fresh SQLite database in a temporary folder (the real migrations), bulk-inserts the
responses over the services (1 % with a saran, most with a profile) with Core ``executemany`` in
chunks, then times, through the use cases the CLI and the chat run (best of 3 each):

* all services for the year (``kinerja report ikm``, ``SkmReports.report``: a GROUP BY in SQL),
* one unit's scope (``--unit``: ``service_id IN (services of the subtree)``),
* by unit (``--by unit``: per-service sums regrouped by each service's current unit),
* the same three with ``details=True`` (what ``--format xlsx`` reads: profiles in one pass,
  every saran, populations, RTL),
* a unit head's chat report (``SkmReports.scope_report``: summary, chart and workbook data),

and the naive alternative: load every response of the year into Python and average there. It
prints every figure and its ratio to the naive one, then the all-services report without the
covering index, so the index is kept only because it pays. Judged by: every path under 2 s on
SQLite on the project's 2-core machines (the all-services report is the headline).
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
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.actors import Actor, StaffMember  # noqa: E402
from domain.skm.ikm import UNSUR_CODES, UnsurTotals, compute_ikm  # noqa: E402
from domain.skm.report_model import Grouping, IkmReport, ScopeKind  # noqa: E402
from domain.skm.report_period import ReportPeriod  # noqa: E402
from domain.skm.reports import Scope, SkmReports  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.unit_of_work import SqlUnitOfWorkFactory  # noqa: E402

YEAR = ReportPeriod(date(2025, 1, 1), date(2025, 12, 31))
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


GENDERS, AGES = ("L", "P", None), ("lt20", "20-29", "30-39", "40-49", "50-59", "60+", None)
EDUCATION = ("SD", "SMP", "SMA", "DIPLOMA", "S1", "S2", "S3", None)
OCCUPATIONS = ("PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "LAINNYA", None)


def _rows(pairs: list[tuple[int, int]], count: int, rnd: random.Random) -> list[tuple[object, ...]]:
    days = (YEAR.date_to - YEAR.date_from).days + 1
    rows = []
    for _ in range(count):
        service, unit = pairs[rnd.randrange(len(pairs))]
        day = YEAR.date_from + timedelta(days=rnd.randrange(days))
        scores = rnd.choices((1, 2, 3, 4), weights=SCORE_WEIGHTS, k=9)
        if rnd.random() < 0.03:  # a few paper forms leave an unsur empty
            scores[rnd.randrange(9)] = None  # type: ignore[call-overload]
        profile = (
            rnd.choice(GENDERS),
            rnd.choice(AGES),
            rnd.choice(EDUCATION),
            rnd.choice(OCCUPATIONS),
        )
        saran = "Antrean lama, mohon tambah loket" if rnd.random() < 0.01 else None
        rows.append(
            (service, unit, f"{day} 00:00:00.000000", day.isoformat(), "paper", *scores,
             *profile, saran)
        )  # fmt: skip
    return rows


def load_responses(path: Path, pairs: list[tuple[int, int]], total: int) -> float:
    """Bulk insert with executemany in chunks of ``CHUNK``; returns the seconds it took."""
    columns = "service_id, unit_id, submitted_at, local_date, channel, " + ", ".join(
        code.lower() for code in UNSUR_CODES
    )
    columns += ", gender, age_band, education, occupation, suggestion"
    statement = f"INSERT INTO skm_responses ({columns}) VALUES ({', '.join('?' * 19)})"  # noqa: S608
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


async def _best(run: Callable[[], Awaitable[int]], repeats: int = 3) -> tuple[float, int]:
    best, groups = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        groups = await run()
        best = min(best, time.perf_counter() - started)
    return best, groups


async def time_report(db: Database, repeats: int = 3) -> tuple[float, int]:
    """The all-services report of the year (the headline figure)."""
    reports = SkmReports(SqlUnitOfWorkFactory(db, Clock()))

    async def run() -> int:
        return len((await reports.report(YEAR, by=Grouping.SERVICE)).groups)

    return await _best(run, repeats)


async def time_paths(db: Database) -> list[tuple[str, float, int]]:
    """Every path people run, as (label, best seconds, groups)."""
    reports = SkmReports(SqlUnitOfWorkFactory(db, Clock()))
    paths: list[tuple[str, Callable[[], Awaitable[int]]]] = [
        ("all services", lambda: _groups(reports.report(YEAR))),
        ("one unit (--unit UNIT-2)", lambda: _groups(reports.report(YEAR, unit_code="UNIT-2"))),
        ("by unit (--by unit)", lambda: _groups(reports.report(YEAR, by=Grouping.UNIT))),
        ("all services, details (xlsx)", lambda: _groups(reports.report(YEAR, details=True))),
        (
            "one unit, details (xlsx)",
            lambda: _groups(reports.report(YEAR, unit_code="UNIT-2", details=True)),
        ),
        (
            "by unit, details (xlsx)",
            lambda: _groups(reports.report(YEAR, by=Grouping.UNIT, details=True)),
        ),
        ("chat: a unit's report (/laporan)", lambda: _chat(reports)),
    ]
    found = []
    for label, run in paths:
        seconds, groups = await _best(run)
        found.append((label, seconds, groups))
    return found


async def _groups(report: Awaitable[IkmReport]) -> int:
    return len((await report).groups)


# The benchmark's organisation has no staff: an admin of everything reads the chat report.
ADMIN = Actor(
    1, "id", StaffMember(1, "198001012005011001", "Admin", "Admin", "struktural", 1, "PEMDA",
                         "Pemerintah Daerah", None, 1, is_admin=True)
)  # fmt: skip


async def _chat(reports: SkmReports) -> int:
    scope = Scope(ScopeKind.UNIT, 2, "UNIT-2", "Unit 2", 2)
    report = await reports.scope_report(ADMIN, scope, YEAR)
    return len(report.groups)


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


PLANNED = {
    "report": "SELECT service_id, COUNT(*), {scores} FROM skm_responses WHERE {year} "
    "GROUP BY service_id",
    "profile": "SELECT service_id, gender, age_band, education, occupation, COUNT(*) "
    "FROM skm_responses WHERE {year} "
    "GROUP BY service_id, gender, age_band, education, occupation",
    "saran": "SELECT service_id, local_date, suggestion FROM skm_responses WHERE {year} "
    "AND suggestion IS NOT NULL ORDER BY local_date DESC, id DESC",
}


def query_plans(path: Path) -> dict[str, str]:
    """SQLite's plan of each query a detailed report runs."""
    scores = ", ".join(f"SUM({c.lower()}), COUNT({c.lower()})" for c in UNSUR_CODES)
    year = "local_date BETWEEN '2025-01-01' AND '2025-12-31'"
    with sqlite3.connect(path) as conn:
        return {
            name: "; ".join(
                str(row[-1])
                for row in conn.execute(
                    "EXPLAIN QUERY PLAN " + sql.format(scores=scores, year=year)
                ).fetchall()
            )
            for name, sql in PLANNED.items()
        }


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
    for name, plan in query_plans(path).items():
        print(f"Query plan, {name}: {plan}")
    naive = min(naive_report(path) for _ in range(3))
    print(f"Naive: rows loaded into Python and averaged there (best of 3): {naive:.3f} s")
    print("Reports through the use cases (best of 3), and naive / report:")
    paths = await time_paths(db)
    for label, seconds, groups in paths:
        print(f"  {label:<34} {groups:>3} groups  {seconds:6.3f} s  {naive / seconds:5.1f}x")
    report = paths[0][1]
    slowest = max(seconds for _, seconds, _ in paths)
    verdict = "PASS" if report < 2.0 else "FAIL"
    print(f"{verdict}: the all-services report must stay under 2 s on SQLite ({report:.3f} s)")
    verdict = "PASS" if slowest < 2.0 else "FAIL"
    print(f"{verdict}: every path under 2 s on SQLite (slowest {slowest:.3f} s)")
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
