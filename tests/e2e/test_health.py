"""``/healthz`` in polling mode (issue 8): a bot that polls has no webhook port, so
``KINERJA_HEALTH_PORT`` gives it a small listener for the service manager or a monitor. (Webhook
mode serves it on the webhook port: ``test_several_processes.py``.)"""

from __future__ import annotations

import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.rig import BotProcess
from tests.support.fake_telegram import FakeTelegram
from tests.support.ports import free_port

pytestmark = pytest.mark.e2e


@pytest.fixture
def polling_bot(
    tg: FakeTelegram, demo_sqlite_template: Path, tmp_path: Path
) -> Iterator[BotProcess]:
    target = tmp_path / "kinerja.db"
    target.write_bytes(demo_sqlite_template.read_bytes())
    process = BotProcess(tg, f"sqlite:///{target}", tmp_path)
    process.extra_env.update(
        KINERJA_HEALTH_PORT=str(free_port()), KINERJA_HEALTH_LISTEN="127.0.0.1"
    )
    process.start()
    yield process
    process.stop()
    process.assert_clean_log()


def health(process: BotProcess) -> int | None:
    url = f"http://127.0.0.1:{process.extra_env['KINERJA_HEALTH_PORT']}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return int(error.code)
    except OSError:
        return None


def eventually(process: BotProcess, status: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while (seen := health(process)) != status:
        assert time.monotonic() < deadline, f"/healthz answered {seen}, not {status}"
        time.sleep(0.2)


def test_a_polling_bot_answers_healthz_on_its_health_port(polling_bot: BotProcess) -> None:
    eventually(polling_bot, 200)
    path = polling_bot.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        [(head,)] = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    eventually(polling_bot, 503)  # a release whose migration has not run
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (head,))
    eventually(polling_bot, 200)
