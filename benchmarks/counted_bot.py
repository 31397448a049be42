"""``kinerja run`` with its SQL counted, for benchmarks that start real bot processes.

    BENCH_RESULT_PATH=result.json python benchmarks/counted_bot.py

Runs ``bot.cli.main(["run"])`` unchanged (settings from the ``KINERJA_*`` environment, the Bot
API at ``KINERJA_TELEGRAM_API_URL``) with :class:`~benchmarks.sql_counter.SqlCounter` listening on
every engine; when the bot has shut down (SIGTERM), writes the SQL counts, the process CPU time
and the peak RSS as JSON to ``BENCH_RESULT_PATH``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.sql_counter import SqlCounter  # noqa: E402

RESULT_ENV = "BENCH_RESULT_PATH"


def main() -> int:
    counter = SqlCounter()
    counter.install()
    from bot.cli import main as kinerja

    status = kinerja(["run"])
    result = {
        "exit_status": status,
        "sql": counter.summary(),
        "cpu_seconds": time.process_time(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    Path(os.environ[RESULT_ENV]).write_text(json.dumps(result))
    return status


if __name__ == "__main__":
    sys.exit(main())
