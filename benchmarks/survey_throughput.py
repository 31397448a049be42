"""How many updates a second does the real bot handle, at what CPU, latency, memory and SQL cost?

    python benchmarks/survey_throughput.py [--users 500] [--delay 0.05] [--flow skm|self]
        [--database sqlite|postgresql] [--processes 1|2] [--no-extras] [--quick] [--strict]

Simulated people do a whole conversation, closed loop (each sends the next update when the bot's
reply to the previous one has arrived, pressing the buttons the bot's messages carry): ``skm``, a
citizen's SKM survey from the service's QR link (16 updates: ``/start skm_KTP-EL``, U1…U9, the
four profile questions, the saran skipped as most citizens do, submit); ``self``, an employee's
self-assessment of one RHK (19 updates, a typed realisation among them). The bot is the real
``kinerja run`` on a fresh copy of a migrated database holding the demo organisation (PostgreSQL:
a scratch database from ``KINERJA_BENCH_POSTGRES_URL``, default
postgresql://postgres@127.0.0.1:5432/test, dropped afterwards), its Bot API an in-process fake
answering every call after ``--delay`` seconds (``benchmarks/fake_bot_api.py``).

In the same run and under the same fake, with as many users each sending as many updates, two
plain PTB echo bots: default (one update at a time; time-boxed, it manages ~1/delay a second) and
``concurrent_updates=True``. Every contender runs in a process of its own (``survey_child.py``),
so CPU time and peak RSS are its own; they include the fake and the simulated users, which are
the same for every contender. With ``--processes 2`` (PostgreSQL) the kinerja run is repeated with
two bot processes sharing the users, started together. The extras (SKM flow only): p50 latency at
20 users, start-up to the first ``getUpdates`` and idle CPU (kinerja and the default echo bot),
and peak RSS with 2,000 surveys at once (time-boxed). Every figure is printed with the targets of
issue 9 and PASS/FAIL; the exit status is 0 unless ``--strict`` and a target failed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_setup import ScratchDatabases, kinerja, kinerja_env, query  # noqa: E402
from benchmarks.survey_child import ChildConfig, write_config  # noqa: E402
from benchmarks.survey_report import Outcome, Report, merge  # noqa: E402
from benchmarks.survey_users import SELF_UPDATES, SKM_UPDATES  # noqa: E402

USER_BASE = 100_001  # Telegram ids of the simulated users: USER_BASE, USER_BASE + 1, ...
SERVICE = "KTP-EL"  # a demo service
SUPERVISOR = "198509302010041001"  # the demo's Kepala Seksi Identitas Penduduk
CHILD = ROOT / "benchmarks" / "survey_child.py"


@dataclass(frozen=True)
class Run:
    label: str
    contender: str  # kinerja | echo-default | echo-concurrent
    users: int
    mode: str = "traffic"
    processes: int = 1
    seconds: float | None = None  # time box


@dataclass(frozen=True)
class Options:
    users: int
    delay: float
    flow: str
    database: str
    processes: int
    extras: bool
    echo_seconds: float
    low_users: int
    rss_users: int
    rss_seconds: float
    idle_seconds: float
    timeout: float


def plan(options: Options) -> list[Run]:
    users = options.users
    runs = [
        Run("echo concurrent", "echo-concurrent", users),
        Run("kinerja", "kinerja", users),
    ]
    if options.processes == 2:
        runs.append(Run("kinerja x2", "kinerja", users, processes=2))
    runs.append(Run("echo default", "echo-default", users, seconds=options.echo_seconds))
    if options.extras:
        runs += [
            Run("kinerja low load", "kinerja", options.low_users),
            Run("kinerja idle", "kinerja", 0, mode="idle"),
            Run("echo default idle", "echo-default", 0, mode="idle"),
            Run("kinerja RSS", "kinerja", options.rss_users, seconds=options.rss_seconds),
        ]
    return runs


def prepare(databases: ScratchDatabases, options: Options) -> None:
    """The demo organisation; for ``self``, one employee with an SKP item per simulated user, each
    bound to their Telegram id (the demo's open period covers them)."""
    databases.prepare()
    if options.flow != "self":
        return
    nips = [f"199{i % 10}0101202201{1 + i % 2}{i // 10 + 1:03d}" for i in range(options.users)]
    year = time.gmtime().tm_year
    employees = ["nip,name,position,position_kind,unit_code,supervisor_nip"] + [
        f"{nip},Pegawai Uji {i + 1},Pengadministrasi,pelaksana,DISDUKCAPIL-IDP,{SUPERVISOR}"
        for i, nip in enumerate(nips)
    ]
    skp = ["nip,year,kind,rhk,indicator,target"] + [
        f"{nip},{year},utama,Terlayaninya warga,Jumlah berkas selesai,100 Berkas" for nip in nips
    ]
    for kind, lines in (("employees", employees), ("skp", skp)):
        path = databases.folder / f"{kind}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        kinerja(["import", kind, str(path)], databases.template, databases.folder)
    bindings = [(USER_BASE + i, nip) for i, nip in enumerate(nips)]
    query(databases.template, "UPDATE employees SET telegram_id = ? WHERE nip = ?", bindings)


def launch(run: Run, url: str, options: Options, folder: Path) -> Outcome:
    """Start the run's process(es), let them go together, collect and merge their results."""
    share = -(-run.users // run.processes)
    children = []
    for index in range(run.processes):
        users = min(share, run.users - index * share)
        name = f"{run.label.replace(' ', '-')}-{index}"  # kinerja-0 is the main run's process
        config = _config(run, options, folder / f"{name}.json", users, index * share)
        children.append(_start(config, url, folder / f"{name}.log"))
    if run.processes > 1:
        for process, _ in children:
            assert process.stdout is not None
            if process.stdout.readline().strip() != "READY":
                raise SystemExit(f"{run.label}: a bot process did not start")
        for process, _ in children:
            assert process.stdin is not None
            process.stdin.write("GO\n")
            process.stdin.flush()
    results = [_finish(run, process, config) for process, config in children]
    return merge(run.label, run.users, results)


def _config(run: Run, options: Options, path: Path, users: int, offset: int) -> ChildConfig:
    steps = SELF_UPDATES if options.flow == "self" else SKM_UPDATES
    timeout = max(options.timeout, (run.seconds or 0) + 10)
    return ChildConfig(
        contender=run.contender,
        mode=run.mode,
        flow=options.flow if run.contender == "kinerja" else "echo",
        users=users,
        first_user=USER_BASE + offset,
        delay=options.delay,
        seconds=run.seconds,
        timeout=timeout,
        idle_seconds=options.idle_seconds,
        idle_settle=1.0 if options.idle_seconds < 5 else 3.0,
        launched_at=0.0,
        result=str(path.with_suffix(".result.json")),
        wait_for_go=run.processes > 1,
        service=SERVICE,
        steps=steps,
    )


def _start(config: ChildConfig, url: str, log: Path) -> tuple[subprocess.Popen[str], ChildConfig]:
    path = Path(config.result).with_suffix(".config.json")
    config.launched_at = time.time()
    write_config(config, path)
    with log.open("w") as stderr:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, str(CHILD), str(path)],
            cwd=log.parent,
            env=kinerja_env(url),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    return process, config


def _finish(run: Run, process: subprocess.Popen[str], config: ChildConfig) -> dict[str, Any]:
    process.communicate(timeout=3600)
    result = Path(config.result)
    if process.returncode != 0 or not result.exists():
        log = Path(config.result.removesuffix(".result.json") + ".log")
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        raise SystemExit(f"{run.label}: the bot process failed ({process.returncode}):\n{tail}")
    outcome: dict[str, Any] = json.loads(result.read_text())
    return outcome


def stored_rows(url: str, flow: str) -> int:
    sql = {
        "skm": "SELECT count(*) FROM skm_responses",
        "self": "SELECT count(*) FROM appraisals WHERE status = 'submitted'",
    }[flow]
    return int(query(url, sql)[0][0])


def measure(options: Options) -> Report:
    report = Report(options.users, options.delay, options.flow, options.database, options.processes)
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        folder = Path(tmp)
        databases = ScratchDatabases(options.database, folder)
        try:
            prepare(databases, options)
            for run in plan(options):
                url = databases.fresh() if run.contender == "kinerja" else databases.template
                print(f"  running {run.label} ({run.users} users, {run.processes} process(es))...",
                      flush=True)  # fmt: skip
                outcome = launch(run, url, options, folder)
                if run.contender == "kinerja" and run.mode == "traffic":
                    outcome.rows_stored = stored_rows(url, options.flow)
                report.add(outcome)
        finally:
            databases.close()
    return report


def parse(argv: list[str] | None = None) -> tuple[Options, bool]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per Bot API call")
    parser.add_argument("--flow", choices=["skm", "self"], default="skm")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1)
    parser.add_argument("--no-extras", action="store_true", help="skip low load, idle and RSS")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    if args.processes == 2 and args.database != "postgresql":
        parser.error("--processes 2 needs --database postgresql (SQLite has one writer)")
    quick = args.quick
    options = Options(
        users=10 if quick else args.users,
        delay=args.delay,
        flow=args.flow,
        database=args.database,
        processes=args.processes,
        extras=args.flow == "skm" and not args.no_extras,
        echo_seconds=2.0 if quick else 20.0,
        low_users=3 if quick else 20,
        rss_users=20 if quick else 2000,
        rss_seconds=10.0 if quick else 60.0,
        idle_seconds=0.5 if quick else 10.0,
        timeout=60.0,
    )
    return options, args.strict


def main(argv: list[str] | None = None) -> int:
    options, strict = parse(argv)
    report = measure(options)
    passed = report.print()
    return 1 if strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
