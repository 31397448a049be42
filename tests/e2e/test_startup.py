"""Start-up failures the operator must understand, and that must not leak the token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.rig import SECRET
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e

REJECTED = "987654321:AAEwrong-but-well-formed-token-0123456789"


def test_a_rejected_token_stops_the_bot_with_advice_and_never_shows_the_token(
    tmp_path: Path,
) -> None:
    # Not the ``tg`` fixture: a wrong token is a request the fake counts as the bot's mistake.
    with FakeTelegram() as tg:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
        env.update(
            KINERJA_BOT_TOKEN=REJECTED,
            KINERJA_TELEGRAM_API_URL=tg.url,
            KINERJA_DATABASE_URL=f"sqlite:///{tmp_path / 'kinerja.db'}",
            KINERJA_SECRET_KEY=SECRET,
            KINERJA_LOG_LEVEL="DEBUG",  # the most the log can say
            PYTHONUNBUFFERED="1",
        )
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert [call.status for call in tg.calls("getMe")] == [401]  # Telegram did refuse it

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Telegram rejected the bot token" in result.stderr
    assert "@BotFather" in result.stderr
    assert "KINERJA_BOT_TOKEN" in result.stderr
    assert "Traceback" not in output
    secret_part = REJECTED.split(":")[1]
    assert secret_part not in output
    assert secret_part[:12] not in output
