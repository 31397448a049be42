"""Running the bot until SIGTERM: start-up, receiving updates (polling or webhook), shutdown.

PTB's ``run_polling`` and ``run_webhook`` tell Telegram an update arrived (the next ``getUpdates``
offset, the webhook's 200) before it is handled, so a crash drops whatever was in flight. Here
every update goes through :class:`bot.receipt.Receipt` first; the rest of PTB is used as it is
(the application, its update queue and processor, its job queue).

Start-up: migrations, commands, jobs (``bot.app``); ``/healthz`` if configured; the application;
then what an earlier life left in the inbox, *before* anything new; then the poller, or the
webhook listener and ``setWebhook``. Shutdown (SIGTERM, SIGINT): stop receiving, let the updates
in hand finish (PTB's ``Application.stop``), close the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable
from datetime import timedelta
from typing import Protocol

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.context import KinerjaApplication
from bot.receipt import UPKEEP_SECONDS, Receipt
from bot.routes import ALLOWED_UPDATES
from bot.settings import Settings
from bot.web import Health, Listener, health_app, webhook_app

log = logging.getLogger(__name__)
POLL_SECONDS = 10  # Telegram holds a getUpdates this long when there is nothing to fetch
MAX_PAUSE = 30.0  # the longest pause after a failure, in seconds


class Poller:
    """``getUpdates`` in a loop; the offset moves only past updates recorded in the inbox."""

    def __init__(self, bot: Bot, receipt: Receipt, queue: asyncio.Queue[object]) -> None:
        self._bot, self._receipt, self._queue = bot, receipt, queue
        self._offset: int | None = None

    async def run(self) -> None:
        await self._bot.delete_webhook()
        pause = 1.0
        while True:
            updates = await self._fetch()
            if updates is None:  # Telegram failed: wait, a little longer each time
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
                continue
            pause = 1.0
            if updates:
                await self._receive(updates)

    async def _fetch(self) -> list[Update] | None:
        try:
            updates = await self._bot.get_updates(
                offset=self._offset, timeout=POLL_SECONDS, allowed_updates=ALLOWED_UPDATES
            )
        except TimedOut:
            return []
        except RetryAfter as error:
            wait = error.retry_after
            await asyncio.sleep(wait.total_seconds() if isinstance(wait, timedelta) else wait)
            return []
        except InvalidToken:
            raise
        except (Conflict, NetworkError, TelegramError) as error:
            log.warning("getUpdates failed: %s: %s", type(error).__name__, error)
            return None
        return list(updates)

    async def _receive(self, updates: list[Update]) -> None:
        """Record the batch, and only then let the offset move past it (the next fetch tells
        Telegram); the database unreachable: the same batch again, after a pause."""
        pause = 1.0
        while True:
            try:
                fresh = await self._receipt.record(updates)
                break
            except Exception as error:  # noqa: BLE001 - the database is away: keep the offset
                log.warning("%d update(s) not recorded yet: %s", len(updates), error)
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
        self._offset = updates[-1].update_id + 1
        for update in fresh:
            await self._queue.put(update)


class Served(Protocol):
    """What the composition root gives :func:`serve` (``bot.app.Runtime``)."""

    settings: Settings
    receipt: Receipt

    async def health(self) -> str | None: ...
    async def start(self, application: KinerjaApplication) -> None:
        """The bot's own start-up: migrations, commands, jobs."""
        ...

    async def close(self) -> None: ...


async def serve(application: KinerjaApplication, served: Served) -> None:
    """Run until SIGTERM or SIGINT (or a fatal error of the poller, such as a revoked token)."""
    settings, receipt, health = served.settings, served.receipt, served.health
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    try:
        async with _running(application, served):
            for update in await receipt.take_over(application.bot, everything=_polling(settings)):
                await application.update_queue.put(update)
            async with _receiving(application, settings, receipt, health) as failed:
                await _first(stopping.wait(), failed)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


@contextlib.asynccontextmanager
async def _running(application: KinerjaApplication, served: Served) -> AsyncIterator[None]:
    settings = served.settings
    health_listener = None
    try:
        await application.initialize()
        await served.start(application)
        if settings.health_port is not None:
            health_listener = Listener(
                health_app(served.health), settings.health_listen, settings.health_port
            )
            health_listener.start()
        await application.start()
        yield
    finally:
        if application.running:
            await application.stop()  # the updates in hand are finished first
        await application.shutdown()
        if health_listener is not None:
            await health_listener.stop()
        await served.close()


@contextlib.asynccontextmanager
async def _receiving(
    application: KinerjaApplication, settings: Settings, receipt: Receipt, health: Health
) -> AsyncIterator[asyncio.Future[None]]:
    """Receive until the block ends; yields a future that fails if receiving cannot go on."""
    if _polling(settings):
        task = asyncio.create_task(Poller(application.bot, receipt, application.update_queue).run())
        try:
            yield task
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        return
    listener = _webhook_listener(application, settings, receipt, health)
    listener.start()
    try:
        await _set_webhook(application.bot, settings)
        _keep_up(application, receipt)
        yield asyncio.get_running_loop().create_future()  # nothing ends it but a signal
    finally:
        await listener.stop()


def _webhook_listener(
    application: KinerjaApplication, settings: Settings, receipt: Receipt, health: Health
) -> Listener:
    assert settings.webhook_url is not None
    assert settings.webhook_secret is not None
    path = settings.webhook_url.split("://", 1)[1].partition("/")[2]
    app = webhook_app(
        path,
        health,
        bot=application.bot,
        receipt=receipt,
        queue=application.update_queue,
        secret=settings.webhook_secret.get_secret_value(),
    )
    return Listener(app, settings.webhook_listen, settings.webhook_port)


async def _set_webhook(bot: Bot, settings: Settings) -> None:
    assert settings.webhook_url is not None
    assert settings.webhook_secret is not None
    await bot.set_webhook(
        settings.webhook_url,
        allowed_updates=ALLOWED_UPDATES,
        secret_token=settings.webhook_secret.get_secret_value(),
    )


def _keep_up(application: KinerjaApplication, receipt: Receipt) -> None:
    """Webhook mode: renew this process's leases, take over a dead process's updates."""

    async def upkeep(context: object) -> None:
        try:
            taken = await receipt.upkeep(application.bot)
        except Exception as error:  # noqa: BLE001 - the database is away: next time
            log.warning("inbox upkeep failed: %s", error)
            return
        for update in taken:
            await application.update_queue.put(update)

    assert application.job_queue is not None
    application.job_queue.run_repeating(
        upkeep, interval=UPKEEP_SECONDS, first=UPKEEP_SECONDS, name="inbox-upkeep"
    )


async def _first(*waits: Awaitable[object]) -> None:
    """Wait until one of ``waits`` is over; re-raise its error if it failed."""
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    for task in done:
        task.result()


def _polling(settings: Settings) -> bool:
    return settings.mode == "polling"
