"""The real application (``bot.app.build_runtime`` / ``build_application``, as ``kinerja run``
builds it) in the test's own process and event loop, on a real database, its Bot API answered by
the strict fake Telegram without HTTP.

:class:`InProcessBotApi` is a PTB ``BaseRequest``: every call the bot makes goes through the fake's
checks (known method, text within 4,096 characters, valid Telegram HTML — so user text must be
escaped —, callback data within 64 bytes, editing a message that exists, ...); a call it refuses
is a *violation* (``FakeTelegram.assert_no_violations``). :class:`InProcessBot` takes what fake
users did from the fake's update queue and hands each update to the application exactly as the
bot's receiver does: recorded in the inbox, then through the per-person processor.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import text
from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.ext import CallbackContext
from telegram.request import BaseRequest, RequestData

from bot.app import Runtime, build_application, build_runtime
from bot.context import KinerjaApplication
from bot.settings import load_settings
from storage.database import Database
from tests.support.fake_telegram import FakeTelegram, FakeUser

SECRET = "in-process-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d"
NUR, HENDRA = "199608182022042001", "198509302010041001"  # pelaksana and her pejabat penilai
STAFF = {  # employees of the demo world and their Telegram accounts
    NUR: FakeUser(id=7_800_000_003, first_name="Nur"),
    HENDRA: FakeUser(id=7_800_000_004, first_name="Hendra"),
}
_API_URL = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
FORM = "application/x-www-form-urlencoded"


class InProcessBotApi(BaseRequest):
    """PTB's request layer, answered by the fake Bot API in this process."""

    def __init__(self, tg: FakeTelegram) -> None:
        self._api = tg.api()

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        found = _API_URL.search(url)
        assert found is not None, f"not a Bot API call: {url}"
        body, content_type = _encoded(request_data)
        envelope = self._api.call(found["token"], found["method"], content_type, body, "")
        return int(envelope.get("error_code", 200)), json.dumps(envelope).encode()


def _encoded(request_data: RequestData | None) -> tuple[bytes, str]:
    """The request's body as PTB's HTTPX layer sends it: a form, or multipart with files."""
    if request_data is None:
        return b"", FORM
    if not request_data.contains_files:
        return urlencode(request_data.json_parameters).encode(), FORM
    request = httpx.Request(
        "POST",
        "http://in-process/",
        data=request_data.json_parameters,
        files=request_data.multipart_data,
    )
    return request.read(), request.headers["content-type"]


@dataclass
class InProcessBot:
    tg: FakeTelegram
    runtime: Runtime
    application: KinerjaApplication
    errors: list[BaseException] = field(default_factory=list)  # what reached the error handler
    _offset: int = 0

    async def deliver(self) -> int:
        """Handle every update the fake users queued, in order; how many."""
        envelope = self.tg.api().call(
            self.tg.token, "getUpdates", FORM, urlencode({"offset": self._offset}).encode(), ""
        )
        queued = [Update.de_json(raw, self.application.bot) for raw in envelope["result"]]
        if not queued:
            return 0
        self._offset = queued[-1].update_id + 1
        for update in await self.runtime.receipt.record(queued):
            processor = self.application.update_processor
            await processor.process_update(update, self.application.process_update(update))
        await self.runtime.receipt.flush()  # as the poller does when it finds nothing new
        return len(queued)


@asynccontextmanager
async def in_process_bot(
    tg: FakeTelegram, database_url: str, **settings: Any
) -> AsyncIterator[InProcessBot]:
    """The bot started (migrations, commands, jobs scheduled but not run) on ``database_url``."""
    runtime = build_runtime(
        load_settings(bot_token=tg.token, database_url=database_url, secret_key=SECRET, **settings)
    )
    application = build_application(runtime, lambda: InProcessBotApi(tg))
    bot = InProcessBot(tg, runtime, application)

    async def record(update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
        assert context.error is not None
        bot.errors.append(context.error)

    application.add_error_handler(record)
    await application.initialize()
    try:
        await runtime.start(application)
        yield bot
    finally:
        await application.shutdown()
        await runtime.close()


def make_demo_world(sqlite_template: Path, target: Path) -> Path:
    """A migrated SQLite database with the demo organisation and an open period
    (``kinerja demo``), the employees of ``STAFF`` bound to their accounts."""
    shutil.copyfile(sqlite_template, target)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env |= {"KINERJA_DATABASE_URL": f"sqlite:///{target}", "KINERJA_SECRET_KEY": SECRET}
    command = [sys.executable, "-m", "bot", "demo"]
    subprocess.run(command, cwd=target.parent, env=env, check=True, capture_output=True)
    asyncio.run(_bind(f"sqlite:///{target}"))
    return target


async def _bind(url: str) -> None:
    database = Database(url)
    try:
        async with database.session() as session:
            for nip, person in STAFF.items():
                await session.exec(  # type: ignore[call-overload]
                    text("UPDATE employees SET telegram_id = :t WHERE nip = :nip"),
                    params={"t": person.id, "nip": nip},
                )
            await session.commit()
    finally:
        await database.dispose()
