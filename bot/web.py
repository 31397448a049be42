"""The bot's HTTP side: the webhook Telegram posts updates to, and ``/healthz``.

PTB's own webhook server answers Telegram 200 *before* the update is handled or stored, and has
no room for other paths. This one answers only once the update is in the inbox
(:mod:`bot.receipt`): 200 when it is (or was, a repeated delivery), 503 when the database could
not take it — Telegram then delivers it again — and 403 without the secret token.

``GET /healthz`` answers 200 when the database is reachable and its schema is at the revision
this release expects, 503 otherwise (with the reason as JSON), for load balancers and service
managers. It is served on the webhook port, and in either mode on ``KINERJA_HEALTH_PORT`` when
that is set (polling mode has no other port).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Bot, Update
from tornado.httpserver import HTTPServer

from bot.receipt import Receipt

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name
Health = Callable[[], Awaitable[str | None]]  # None when healthy, else why not


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: the log says what the bot did, not every request it served."""


class UpdatesHandler(tornado.web.RequestHandler):
    """``POST <webhook path>``: one update from Telegram."""

    def initialize(
        self, bot: Bot, receipt: Receipt, queue: asyncio.Queue[object], secret: str
    ) -> None:
        self.bot, self.receipt, self.queue, self.secret = bot, receipt, queue, secret

    async def post(self) -> None:
        token = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(token.encode(), self.secret.encode()):
            log.warning("a webhook request without the right secret token was refused")
            self._answer(HTTPStatus.FORBIDDEN)
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("a webhook request that is not an update was refused")
            self._answer(HTTPStatus.BAD_REQUEST)
            return
        try:
            fresh = await self.receipt.record([update])
        except Exception as error:  # noqa: BLE001 - the database is away: Telegram retries
            log.warning("update %s not recorded, Telegram will retry: %s", update.update_id, error)
            self._answer(HTTPStatus.SERVICE_UNAVAILABLE)
            return
        for received in fresh:
            await self.queue.put(received)
        self._answer(HTTPStatus.OK)

    def _answer(self, status: HTTPStatus) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": status == HTTPStatus.OK}))


class HealthHandler(tornado.web.RequestHandler):
    """``GET /healthz``."""

    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        problem = await self.health()
        self.set_status(HTTPStatus.OK if problem is None else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"ok": problem is None, "problem": problem}))


def health_app(health: Health) -> tornado.web.Application:
    return _Quiet([(r"/healthz", HealthHandler, {"health": health})])


def webhook_app(path: str, health: Health, **updates: Any) -> tornado.web.Application:
    """``updates``: the :class:`UpdatesHandler`'s ``bot``, ``receipt``, ``queue`` and ``secret``."""
    return _Quiet(
        [
            (rf"/{path.strip('/')}/?", UpdatesHandler, updates),
            (r"/healthz", HealthHandler, {"health": health}),
        ]
    )


class Listener:
    """One HTTP server on ``address``:``port``, started and stopped with the bot."""

    def __init__(self, app: tornado.web.Application, address: str, port: int) -> None:
        self._server = HTTPServer(app)
        self._address, self._port = address, port

    def start(self) -> None:
        self._server.listen(self._port, address=self._address)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
