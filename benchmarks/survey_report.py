"""The figures of ``survey_throughput``: one :class:`Outcome` per run (its processes merged), and
the printed :class:`Report` with the targets of issue 9 and PASS/FAIL next to each figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from benchmarks.bench_setup import machine, percentile, revision, verdict
from benchmarks.survey_users import SELF_UPDATES, SKM_UPDATES

PER_SURVEY_SQL = 40  # statements, one BEGIN per transaction included
MIN_RATE = {"skm": 500.0, "self": 250.0}


@dataclass
class Outcome:
    label: str
    users: int
    processes: int = 1
    updates: int = 0
    elapsed: float = 0.0
    cpu_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    startup: float = 0.0
    idle_cpu_seconds: float | None = None
    idle_seconds: float = 0.0
    done_users: int = 0
    failures: list[str] = field(default_factory=list)
    failed_users: int = 0
    chat_calls: int = 0
    reply_round_trips: Counter[str] = field(default_factory=Counter)
    sql: dict[str, Counter[str]] = field(default_factory=dict)  # task kind: figures
    per_update: Counter[str] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)
    violation_count: int = 0
    rows_stored: int | None = None

    @property
    def rate(self) -> float:
        return self.updates / self.elapsed if self.elapsed else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_seconds / self.updates if self.updates else float("nan")

    def latency_ms(self, fraction: float) -> float:
        return 1000 * percentile(self.latencies, fraction)


def merge(label: str, users: int, results: list[dict[str, Any]]) -> Outcome:
    """One outcome from the results of the run's processes (wall time from the first start)."""
    outcome = Outcome(label, users, processes=len(results))
    ends = []
    for result in results:
        outcome.updates += result.get("updates", 0)
        outcome.cpu_seconds += result.get("cpu_seconds", 0.0)
        outcome.latencies += result.get("latencies", [])
        outcome.peak_rss_mb = max(outcome.peak_rss_mb, result["peak_rss_mb"])
        outcome.startup = result["startup"]
        outcome.idle_cpu_seconds = result.get("idle_cpu_seconds")
        outcome.idle_seconds = result.get("idle_seconds", 0.0)
        outcome.done_users += result.get("done_users", 0)
        outcome.failures += result.get("failures", [])
        outcome.failed_users += result.get("failed_users", 0)
        outcome.chat_calls += result.get("chat_calls", 0)
        outcome.reply_round_trips.update(result.get("reply_round_trips", {}))
        outcome.violations += result["violations"]
        outcome.violation_count += result["violation_count"]
        for kind, tally in result.get("sql", {}).get("tallies", {}).items():
            figures = {k: v for k, v in tally.items() if isinstance(v, int)}
            outcome.sql.setdefault(kind, Counter()).update(figures)
        outcome.per_update.update(result.get("sql", {}).get("per_update", {}))
        if "started" in result:
            ends.append((result["started"], result["started"] + result["elapsed"]))
    if ends:
        outcome.elapsed = max(end for _, end in ends) - min(start for start, _ in ends)
    return outcome


@dataclass
class Report:
    users: int
    delay: float
    flow: str
    database: str
    processes: int
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.outcomes[outcome.label] = outcome

    @property
    def conversation(self) -> str:
        return "survey" if self.flow == "skm" else "self-assessment"

    @property
    def steps(self) -> int:
        return SKM_UPDATES if self.flow == "skm" else SELF_UPDATES

    def print(self) -> bool:
        """Print everything; whether every target passed."""
        print(f"\nsurvey_throughput: {self.flow} flow, {self.users} users x {self.steps} updates, "
              f"Bot API delay {self.delay * 1000:.0f} ms, {self.database}; commit {revision()}; "
              f"{machine()}")  # fmt: skip
        self._table()
        self._details()
        lines = self._targets()
        print("Targets (issue 9):")
        for line in lines:
            print(line)
        return all(line.startswith("  PASS") for line in lines)

    def _table(self) -> None:
        runs = [o for o in self.outcomes.values() if o.updates and "RSS" not in o.label]
        rows: list[tuple[str, Any]] = [
            ("updates", lambda o: f"{o.updates:,}"),
            ("seconds", lambda o: f"{o.elapsed:.1f}"),
            ("updates/s", lambda o: f"{o.rate:,.1f}"),
            ("CPU per update (ms)", lambda o: f"{o.cpu_ms:.2f}"),
            ("p50 latency (ms)", lambda o: f"{o.latency_ms(0.5):,.0f}"),
            ("p99 latency (ms)", lambda o: f"{o.latency_ms(0.99):,.0f}"),
            ("peak RSS (MB)", lambda o: f"{o.peak_rss_mb:.0f}"),
        ]
        print(f"{'':<22}" + "".join(f"{o.label:>19}" for o in runs))
        for name, figure in rows:
            print(f"{name:<22}" + "".join(f"{figure(o):>19}" for o in runs))

    def _details(self) -> None:
        for outcome in self.outcomes.values():
            if outcome.failed_users or outcome.violation_count:
                print(f"{outcome.label}: {outcome.failed_users} users failed, "
                      f"{outcome.violation_count} Bot API violations")  # fmt: skip
                for line in outcome.failures[:3] + outcome.violations[:3]:
                    print(f"    {line}")
        bot = self.outcomes.get("kinerja")
        if bot is None or not bot.updates:
            return
        print(f"kinerja, {self.users} users:")
        print(f"  Bot API calls per update: {bot.chat_calls / bot.updates:.2f}; round trips until "
              f"the reply, by update kind: {_round_trips(bot)}")  # fmt: skip
        update = bot.sql.get("update", Counter())
        surveys = bot.updates / self.steps
        plain, transactions = update["statements"] / surveys, update["transactions"] / surveys
        print(f"  SQL per {self.conversation}: {plain + transactions:.1f} statements ({plain:.1f} "
              f"+ {transactions:.1f} BEGIN) in {transactions:.1f} transactions, "
              f"{update['writing'] / surveys:.1f} of them writing")  # fmt: skip
        per = bot.per_update
        print(f"  updates with more than one writing transaction: {per['several writing']}; with a "
              f"read-only transaction beside a writing one: {per['read beside writing']} "
              f"(of {per['updates with SQL']} updates that ran SQL)")  # fmt: skip
        background = bot.sql.get("background", Counter())
        print(f"  background jobs meanwhile: {background['transactions']} transactions, "
              f"{background['statements']} statements")  # fmt: skip
        for outcome in self.outcomes.values():
            if outcome.rows_stored is not None:
                print(f"  {outcome.label}: rows stored {outcome.rows_stored}, expected "
                      f"{outcome.done_users} (users who finished)")  # fmt: skip
        self._extras()

    def _extras(self) -> None:
        low = self.outcomes.get("kinerja low load")
        if low is not None:
            print(f"  low load ({low.users} users): p50 {low.latency_ms(0.5):.0f} ms, "
                  f"p99 {low.latency_ms(0.99):.0f} ms")  # fmt: skip
        for label in ("kinerja idle", "echo default idle"):
            idle = self.outcomes.get(label)
            if idle is not None:
                polls = sum(tally["transactions"] for tally in idle.sql.values())
                print(f"  {label.removesuffix(' idle')}: start-up to first getUpdates "
                      f"{idle.startup:.2f} s; idle CPU {_idle_percent(idle):.3f} % of a core "
                      f"({polls} SQL transactions in {idle.idle_seconds:.0f} s), "
                      f"peak RSS {idle.peak_rss_mb:.0f} MB")  # fmt: skip
        rss = self.outcomes.get("kinerja RSS")
        if rss is not None:
            print(f"  {rss.users:,} surveys at once: peak RSS {rss.peak_rss_mb:.0f} MB "
                  f"({rss.updates:,} updates in {rss.elapsed:.0f} s, {rss.done_users:,} surveys "
                  f"finished within the time box)")  # fmt: skip

    def _targets(self) -> list[str]:
        bot, lines = self.outcomes.get("kinerja"), list[str]()
        if bot is None:
            return lines
        minimum = MIN_RATE[self.flow]
        lines.append(verdict(bot.rate >= minimum, f">= {minimum:.0f} updates/s", f"{bot.rate:.1f}"))
        echo = self.outcomes.get("echo concurrent")
        if echo is not None and echo.rate:
            ratio = bot.rate / echo.rate
            lines.append(
                verdict(ratio >= 0.3, ">= 0.3 x the concurrent echo bot", f"{ratio:.3f} x")
            )
        lines.append(verdict(bot.cpu_ms <= 2.0, "CPU <= 2 ms per update", f"{bot.cpu_ms:.2f} ms"))
        limit = 200 + self.delay * 1000
        p99 = bot.latency_ms(0.99)
        lines.append(verdict(p99 <= limit, f"p99 <= {limit:.0f} ms at {self.users} users",
                             f"{p99:.0f} ms"))  # fmt: skip
        lines += self._sql_targets(bot)
        presses = [int(k.split(":")[1]) for k in bot.reply_round_trips if k.startswith("press:")]
        worst = max(presses, default=-1)  # -1: no button was answered
        lines.append(verdict(0 <= worst <= 1, "1 round trip until the reply to a button",
                             f"at most {worst}"))  # fmt: skip
        lines += self._extra_targets()
        for outcome in self.outcomes.values():
            if outcome.rows_stored is not None:
                ok = outcome.rows_stored == outcome.done_users and not outcome.failed_users
                lines.append(verdict(ok, f"rows stored = rows expected ({outcome.label})",
                                     f"{outcome.rows_stored} = {outcome.done_users}"))  # fmt: skip
        return lines

    def _sql_targets(self, bot: Outcome) -> list[str]:
        update = bot.sql.get("update", Counter())
        surveys = bot.updates / self.steps
        lines = []
        if self.flow == "skm":
            per_survey = (update["statements"] + update["transactions"]) / surveys
            lines.append(verdict(per_survey <= PER_SURVEY_SQL, "<= 40 SQL statements per survey",
                                 f"{per_survey:.1f}"))  # fmt: skip
        several = bot.per_update["several writing"]
        beside = bot.per_update["read beside writing"]
        lines.append(
            verdict(several == 0, "1 writing transaction per update", f"{several} with more")
        )
        lines.append(verdict(beside == 0, "no read transaction beside a writing one", f"{beside}"))
        return lines

    def _extra_targets(self) -> list[str]:
        lines = []
        low = self.outcomes.get("kinerja low load")
        if low is not None:
            limit, p50 = self.delay * 1000 + 30, low.latency_ms(0.5)
            lines.append(verdict(p50 <= limit, f"low-load p50 <= {limit:.0f} ms", f"{p50:.0f} ms"))
        idle = self.outcomes.get("kinerja idle")
        if idle is not None:
            lines.append(verdict(idle.startup <= 0.8, "start-up to first getUpdates <= 0.8 s",
                                 f"{idle.startup:.2f} s"))  # fmt: skip
            percent = _idle_percent(idle)
            lines.append(verdict(percent <= 0.1, "idle CPU <= 0.1 % of a core", f"{percent:.3f} %"))
        rss = self.outcomes.get("kinerja RSS")
        if rss is not None:
            lines.append(verdict(rss.peak_rss_mb <= 120, f"peak RSS at {rss.users:,} surveys <= "
                                 "120 MB", f"{rss.peak_rss_mb:.0f} MB"))  # fmt: skip
        double = self.outcomes.get("kinerja x2")
        bot = self.outcomes["kinerja"]
        if double is not None and bot.rate:
            ratio = double.rate / bot.rate
            lines.append(verdict(ratio >= 1.6, "2 processes >= 1.6 x one", f"{ratio:.2f} x"))
        return lines


def _round_trips(outcome: Outcome) -> str:
    parts = sorted(outcome.reply_round_trips.items())
    return ", ".join(f"{key.replace(':', ' ')} trips: {count}" for key, count in parts)


def _idle_percent(outcome: Outcome) -> float:
    if outcome.idle_cpu_seconds is None or not outcome.idle_seconds:
        return float("nan")
    return 100 * outcome.idle_cpu_seconds / outcome.idle_seconds
