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
            else:  # nothing new: let go of what was handled since
                await self._receipt.flush()

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


def serve(application: KinerjaApplication, served: Served) -> None:
    """Run until SIGTERM or SIGINT, ``application.stop_running()``, or a fatal error of the
    poller (a revoked token, re-raised here). Like PTB's own runner, the loop runs forever
    between start-up and shutdown, so ``stop_running`` works as PTB documents it."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = _Server(application, served)
    try:
        loop.run_until_complete(server.start())
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, loop.stop)
        loop.run_forever()
    finally:
        try:
            loop.run_until_complete(server.stop())
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            asyncio.set_event_loop(None)
    if server.failure is not None:
        raise server.failure


class _Server:
    """What :func:`serve` starts and stops, in that order and the reverse."""

    def __init__(self, application: KinerjaApplication, served: Served) -> None:
        self.application, self.served = application, served
        self.failure: BaseException | None = None
        self._listeners: list[Listener] = []
        self._poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        app, settings, receipt = self.application, self.served.settings, self.served.receipt
        await app.initialize()
        await self.served.start(app)
        if settings.health_port is not None:
            health = health_app(self.served.health)
            self._listen(Listener(health, settings.health_listen, settings.health_port))
        await app.start()
        for update in await receipt.take_over(app.bot, everything=_polling(settings)):
            await app.update_queue.put(update)  # before anything new comes in
        if _polling(settings):
            self._poller = asyncio.create_task(Poller(app.bot, receipt, app.update_queue).run())
            self._poller.add_done_callback(self._poller_ended)
            return
        self._listen(_webhook_listener(app, settings, receipt, self.served.health))
        await _set_webhook(app.bot, settings)
        _keep_up(app, receipt)

    def _listen(self, listener: Listener) -> None:
        listener.start()
        self._listeners.append(listener)

    def _poller_ended(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.failure = task.exception()
            asyncio.get_running_loop().stop()

    async def stop(self) -> None:
        """Stop receiving, let the updates in hand finish, close the database."""
        if self._poller is not None and not self._poller.done():
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        for listener in reversed(self._listeners):
            await listener.stop()
        if self.application.running:
            await self.application.stop()  # PTB handles what is queued first
        await self.served.receipt.flush()
        await self.application.shutdown()
        await self.served.close()


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


def _polling(settings: Settings) -> bool:
    return settings.mode == "polling"
