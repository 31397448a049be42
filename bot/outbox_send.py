"""One outbox message: rendered in its recipient's language, sent, and Telegram's answer recorded
(``bot.dispatch`` paces and pipelines the sends).

What Telegram answers decides what happens to the row: accepted (the dispatcher marks it sent
with others), ``RetryAfter`` (back to the queue without counting a failure; the dispatcher
pauses), ``Forbidden`` (the person blocked the bot: the row and their pending ones are
``blocked`` and the account remembers it, :meth:`~domain.outbox.OutboxQueue.mark_blocked`),
``BadRequest`` (failed), anything else (retried with back-off, failed after ``MAX_ATTEMPTS``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.callbacks import Codecs
from bot.i18n import t
from bot.keyboards import inline
from bot.render.completion_chart import photo_of
from bot.screens import text
from domain.clock import Clock
from domain.outbox import RENDERED_REPLY, OutboxQueue, QueuedMessage

log = logging.getLogger("bot.dispatch")
MAX_ATTEMPTS = 8
HTML = ParseMode.HTML
Markup = InlineKeyboardMarkup | None


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: Literal["sent", "paused", "blocked", "failed", "retry"]
    retry_after: float | None = None  # seconds Telegram asked to wait ("paused")


@dataclass(frozen=True, slots=True)
class Rendered:
    body: str
    markup: Markup
    photo: bytes | None = None  # the message goes as this picture, ``body`` its caption


async def render(message: QueuedMessage, codecs: Codecs, timezone: str) -> Rendered:
    """The message as it is sent; raises if this version cannot render it. A message that asks
    for a picture (``$photo``) has it drawn in a thread: the event loop keeps pacing meanwhile."""
    body, markup = _text(message, codecs, timezone)
    if "$photo" not in message.params:
        return Rendered(body, markup)
    lang = message.language or "id"
    return Rendered(body, markup, await asyncio.to_thread(photo_of, message.params, lang))


def _text(message: QueuedMessage, codecs: Codecs, timezone: str) -> tuple[str, Markup]:
    if message.key == RENDERED_REPLY:  # a late reply, rendered when it was first sent
        return str(message.params["html"]), _rendered_buttons(str(message.params["buttons"]))
    lang = message.language or "id"
    body = text(lang, message.timezone or timezone, message.key, message.params)
    # an action this version does not know (UnreadableAction) has no codec: NoCodec
    markup = inline(
        [[(t(lang, b.label, **b.params), b.action) for b in row] for row in message.buttons],
        codecs,
    )
    return body, markup


async def deliver(
    bot: Bot, message: QueuedMessage, rendered: Rendered, queue: OutboxQueue, clock: Clock
) -> Outcome:
    """Send one rendered message; record in the queue whatever Telegram answered but
    acceptance (the dispatcher marks accepted messages sent in batches)."""
    claim = message.claim
    try:
        await _send(bot, message.chat_id, rendered)
    except RetryAfter as error:
        wait_for = error.retry_after
        seconds = float(wait_for.total_seconds() if isinstance(wait_for, timedelta) else wait_for)
        log.warning("Telegram asked to wait %.0f s; outbox sending paused", seconds)
        await queue.retry_later(
            message.id,
            not_before=clock.now() + timedelta(seconds=seconds),
            error="RetryAfter",
            failed=False,
            claim=claim,
        )
        return Outcome("paused", seconds)
    except Forbidden:
        await queue.mark_blocked(message.id, message.chat_id, now=clock.now(), claim=claim)
        return Outcome("blocked")
    except BadRequest as error:
        log.warning("outbox message %s refused by Telegram: %s", message.id, error)
        await queue.mark_failed(message.id, error=str(error), claim=claim)
        return Outcome("failed")
    except TelegramError as error:  # TimedOut, NetworkError, ChatMigrated, Conflict, ...
        log.warning("outbox message %s not sent: %s: %s", message.id, _name(error), error)
        return await _retry_with_backoff(queue, clock, message, f"{_name(error)}: {error}")
    except Exception as error:
        log.exception("outbox message %s: unexpected error while sending", message.id)
        return await _retry_with_backoff(queue, clock, message, f"{_name(error)}: {error}")
    return Outcome("sent")


async def _send(bot: Bot, chat_id: int, rendered: Rendered) -> None:
    body, markup = rendered.body, rendered.markup
    if rendered.photo is None:
        await bot.send_message(chat_id, body, parse_mode=HTML, reply_markup=markup)
    else:
        await bot.send_photo(
            chat_id, rendered.photo, caption=body, parse_mode=HTML, reply_markup=markup
        )


async def _retry_with_backoff(
    queue: OutboxQueue, clock: Clock, message: QueuedMessage, error: str
) -> Outcome:
    if message.attempts + 1 >= MAX_ATTEMPTS:
        log.warning("outbox message %s given up after %s attempts", message.id, MAX_ATTEMPTS)
        await queue.mark_failed(message.id, error=error, claim=message.claim)
        return Outcome("failed")
    await queue.retry_later(
        message.id,
        not_before=clock.now() + timedelta(seconds=2 ** (message.attempts + 1)),
        error=error,
        claim=message.claim,
    )
    return Outcome("retry")


def _rendered_buttons(encoded: str) -> Markup:
    """A late reply's buttons: ``[[label, callback data], ...]`` as they were first sent."""
    rows = [
        [InlineKeyboardButton(label, callback_data=data) for label, data in row]
        for row in json.loads(encoded)
        if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _name(error: BaseException) -> str:
    return type(error).__name__
