"""Webhook delivery: POSTing updates to the bot like Telegram does."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from http import HTTPStatus
from typing import Any

from .records import Delivery, JsonDict, now
from .state import State, Webhook

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post_json(url: str, payload: Any, secret: str | None, timeout: float = 5) -> Delivery:
    """POSTs ``payload`` as JSON like Telegram's webhook delivery does."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = json.dumps(payload).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    update_id = payload.get("update_id") if isinstance(payload, dict) else None
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Delivery(update_id, url, secret, response.status)
    except urllib.error.HTTPError as error:
        error.close()
        message = f"Wrong response from the webhook: {error.code} {_phrase(error.code)}"
        return Delivery(update_id, url, secret, error.code, message)
    except OSError as error:
        return Delivery(update_id, url, secret, None, f"Connection failed: {error}")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class WebhookDelivery:
    """POSTs queued updates to the bot's webhook one at a time, in order, retrying failures."""

    retry_delay = 0.2

    def __init__(self, state: State) -> None:
        self.state = state
        self.thread = threading.Thread(target=self._run, name="fake-telegram-webhook", daemon=True)

    def _run(self) -> None:
        while (job := self._next_job()) is not None:
            update, hook = job
            self._finish(update, post_json(hook.url, update, hook.secret_token))

    def _next_job(self) -> tuple[JsonDict, Webhook] | None:
        state = self.state
        with state.cond:
            state.cond.wait_for(lambda: state.closing or bool(state.webhook and state.updates))
            if state.closing or state.webhook is None:
                return None
            return state.updates[0], state.webhook

    def _finish(self, update: JsonDict, delivery: Delivery) -> None:
        state = self.state
        with state.cond:
            state.deliveries.append(delivery)
            if delivery.status is not None and 200 <= delivery.status < 300:
                if state.updates and state.updates[0] is update:
                    state.updates.pop(0)
                state.cond.notify_all()
                return
            state.webhook_error = (now(), delivery.error or "Unknown error")
            state.cond.wait_for(lambda: state.closing, timeout=self.retry_delay)
