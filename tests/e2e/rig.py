"""The end-to-end rig: the real bot process (``python -m bot run``, what ``kinerja run`` runs)
talking HTTP to the strict fake Telegram server, on a prepared database.

``BotProcess`` starts, stops, SIGKILLs and restarts the bot and runs CLI commands against the same
database; ``Person`` is one fake Telegram user with a readable vocabulary (``send``, ``expect``,
``tap``). Seeding helpers write straight to the database the bot uses (``bind``, ``grant_admin``),
for tests that are not about registration.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from storage.database import Database
from storage.unit_of_work import SqlUnitOfWork, SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.fake_telegram import FakeTelegram, FakeUser, SentMessage

ROOT = Path(__file__).resolve().parents[2]
SECRET = "e2e-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"
START_TIMEOUT = 30.0
T = TypeVar("T")


class BotProcess:
    """One bot process (restartable) and the CLI, sharing a database and the fake server."""

    def __init__(self, tg: FakeTelegram, database_url: str, workdir: Path) -> None:
        self.tg = tg
        self.database_url = database_url
        self.workdir = workdir
        self.extra_env: dict[str, str] = {}
        self.log_path = workdir / "bot.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
        env.update(
            KINERJA_BOT_TOKEN=self.tg.token,
            KINERJA_TELEGRAM_API_URL=self.tg.url,
            KINERJA_DATABASE_URL=self.database_url,
            KINERJA_SECRET_KEY=SECRET,
            KINERJA_LOG_LEVEL="INFO",
            KINERJA_REMINDERS="false",  # the tests of reminders turn them on (real time varies)
            KINERJA_RESULT_GRACE_MINUTES="0",  # a result is told at once (its grace: unit tests)
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def start(self) -> None:
        """Start the bot and wait until it polls Telegram (or has set its webhook)."""
        assert self._process is None, "already running"
        # The bot calls deleteWebhook right before its first long poll (bot/serve.py), and
        # setWebhook in webhook mode; a completed getUpdates would take the poll's 10 s.
        before = len(self.tg.calls("deleteWebhook"))
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        webhook = self.env.get("KINERJA_MODE") == "webhook"
        self._wait_until(
            lambda: (
                self.tg.webhook_url is not None
                if webhook
                else len(self.tg.calls("deleteWebhook")) > before
            ),
            "the bot to start",
        )

    def _wait_until(self, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if self._process is not None and self._process.poll() is not None:
                raise AssertionError(f"bot exited with {self._process.returncode}:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self.log}")
            time.sleep(0.02)

    def stop(self) -> None:
        """SIGTERM, as a service manager would; the bot shuts down cleanly."""
        if self._process is None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=20)
        finally:
            self._process = None

    def kill(self) -> None:
        """SIGKILL: no chance to clean up, like a power cut of the process."""
        assert self._process is not None
        self._process.kill()
        self._process.wait(timeout=10)
        self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``kinerja <args>`` against the same database and settings."""
        result = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"kinerja {' '.join(args)} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
            )
        return result

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def assert_clean_log(self) -> None:
        """No traceback and no ERROR line: every failure the bot had was one it handled."""
        bad = [line for line in self.log.splitlines() if " ERROR " in line or "Traceback" in line]
        assert not bad, "the bot logged errors:\n" + self.log

    # --- seeding the database directly -----------------------------------------------------

    def db(self, work: Callable[[SqlUnitOfWork], Coroutine[Any, Any, T]]) -> T:
        """Run ``work(uow)`` in one committed transaction on the bot's database."""

        async def run() -> T:
            database = Database(self.database_url)
            try:
                async with SqlUnitOfWorkFactory(database, FixedClock())() as uow:
                    result = await work(uow)
                    await uow.commit()
                    return result
            finally:
                await database.dispose()

        return asyncio.run(run())

    def bind(self, person: Person, nip: str) -> None:
        async def work(uow: SqlUnitOfWork) -> None:
            member = await uow.org.member_by_nip(nip)
            assert member is not None, nip
            await uow.org.bind_telegram(member.id, person.user.id)

        self.db(work)

    def grant_admin(self, nip: str, unit_id: int | None = None) -> None:
        async def work(uow: SqlUnitOfWork) -> None:
            member = await uow.org.member_by_nip(nip)
            assert member is not None, nip
            await uow.org.set_admin(member.id, is_admin=True, unit_id=unit_id)

        self.db(work)


@dataclass
class Person:
    """One Telegram user talking to the bot in a private chat."""

    tg: FakeTelegram
    user: FakeUser

    @property
    def chat_id(self) -> int:
        return self.user.id

    def send(self, text: str) -> int:
        if text.startswith("/"):
            return self.tg.send_command(self.user, text)
        return self.tg.send_text(self.user, text)

    def expect(self, *fragments: str, timeout: float = 10.0) -> SentMessage:
        """The next message (new or edited) whose text contains every fragment."""

        def matches(message: SentMessage) -> bool:
            return all(fragment in (message.text or "") for fragment in fragments)

        return self.tg.wait_for_message(self.chat_id, matches, timeout=timeout)

    def expect_buttons(self, *labels: str, timeout: float = 10.0) -> SentMessage:
        """The next message that carries buttons with every one of these labels."""

        def matches(message: SentMessage) -> bool:
            texts = [text for row in message.buttons for text, _ in row]
            return all(any(label in text for text in texts) for label in labels)

        return self.tg.wait_for_message(self.chat_id, matches, timeout=timeout)

    def tap(self, message: SentMessage, label: str) -> int:
        """Press the button whose text contains ``label`` on ``message``."""
        for row in message.buttons:
            for text, data in row:
                if label in text:
                    return self.tg.press(self.user, message, data)
        available = [text for row in message.buttons for text, _ in row]
        raise AssertionError(f"no button {label!r} on the message; it has {available}")

    def button_data(self, message: SentMessage, label: str) -> str:
        for row in message.buttons:
            for text, data in row:
                if label in text:
                    return data
        raise AssertionError(f"no button {label!r}")

    def silent(self, within: float = 0.5) -> None:
        self.tg.assert_no_new_messages(self.chat_id, within=within)
