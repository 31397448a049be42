"""What every handler shares: the request (who, in which language, where to answer) and the
ways of answering. Handlers stay translators: parse the update, call one use case, render."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from functools import partial, wraps
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.callbacks import callback_data
from bot.context import Context
from bot.engine.screens import render_session
from bot.keyboards import inline
from bot.replies import ReplyFailed, persist, refused_because
from bot.screens import SEND_CHUNK_LIMIT, ButtonRow, Rendered, notice_text, split_html, text
from bot.services import Services
from domain.actors import Actor
from domain.engine.conversations import Turn
from domain.errors import DomainError
from domain.messages import Notice, TextRef

log = logging.getLogger(__name__)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Request:
    """One update, resolved: the services, the person and where to answer them."""

    update: Update
    context: Context
    services: Services
    actor: Actor
    sends: int = 0  # messages sent so far (names a reply queued for later)
    # False while ``actor`` stands only for the Telegram account, its language not yet read:
    # the use case identifies the person in its own transaction (see :func:`handler`).
    identified: bool = True

    @property
    def user_id(self) -> int:
        return self.actor.telegram_id

    async def identify(self) -> Actor:
        """The person, read now if the use case has not identified them yet."""
        if not self.identified:
            self.actor = await self.services.directory.identify(self.actor.telegram_id)
            self.identified = True
        return self.actor

    def identified_as(self, actor: Actor | None) -> None:
        """The use case identified the person in its transaction."""
        if actor is not None:
            self.actor, self.identified = actor, True

    @property
    def who(self) -> str:
        """How log lines name the person: an employee by NIP; a citizen never by Telegram id."""
        return f"NIP {self.actor.member.nip}" if self.actor.member else "a citizen"

    @property
    def lang(self) -> str:
        return self.actor.language

    @property
    def timezone(self) -> str:
        return self.services.timezone_for(self.actor)

    @property
    def chat_id(self) -> int:
        chat = self.update.effective_chat
        assert chat is not None
        return chat.id

    def text(self, key: str, params: Mapping[str, object] | None = None) -> str:
        return text(self.lang, self.timezone, key, params)

    async def say(self, key: str, **params: object) -> Message | None:
        return await self.send(Rendered(self.text(key, params)))

    async def send(self, rendered: Rendered) -> Message | None:
        """Send ``rendered``; a text over Telegram's limit goes as several messages, split at
        line boundaries, with the buttons on the last one. Telegram's hiccups are retried
        (:func:`bot.replies.persist`); what it still would not take goes to the outbox."""
        parts = split_html(rendered.text)
        sent: Message | None = None
        for position, part in enumerate(parts):
            buttons = rendered.buttons if position == len(parts) - 1 else ()
            self.sends += 1
            try:
                sent = await persist(partial(self._send, part, buttons), "sendMessage")
            except ReplyFailed as failed:
                await self._send_later(parts[position:], rendered.buttons, failed)
                return None
        return sent

    async def _send(self, part: str, buttons: tuple[ButtonRow, ...]) -> Message:
        return await self.context.bot.send_message(
            self.chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=inline(buttons, self.context.codecs),
            link_preview_options=None,
        )

    async def _send_later(
        self, parts: list[str], buttons: tuple[ButtonRow, ...], failed: ReplyFailed
    ) -> None:
        """Queue what Telegram would not take: the answer it confirms is committed already.
        Not for a citizen: an outbox row would keep their account next to the service they
        rate (docs/skm.md); scanning the QR code again shows where they were."""
        if self.actor.member is None:
            log.warning("a reply to a citizen was not delivered and is not kept: %s", failed)
            return
        log.warning("a reply to %s was not delivered; queued in the outbox: %s", self.who, failed)
        keyboard = [
            [(label, callback_data(press, self.context.codecs)) for label, press in row]
            for row in buttons
        ]
        for position, part in enumerate(parts):
            last = position == len(parts) - 1
            reference = f"{self.update.update_id}:{self.sends}:{position}"
            await self.services.late_replies.queue(
                self.chat_id, part, keyboard if last else [], reference=reference
            )

    async def edit_pressed(
        self, query: CallbackQuery, rendered: Rendered, recap: str | None = None
    ) -> None:
        """Turn the pressed message into ``rendered`` (the next question), ``recap`` (the
        answer just given) on its first line: one Bot API call, and the chat shows one
        message per form rather than one per question. When Telegram will not edit it (too
        old, deleted, or the text too long), ``rendered`` is sent as a new message."""
        message = query.message
        shown = f"{html.escape(recap, quote=False)}\n\n{rendered.text}" if recap else rendered.text
        if isinstance(message, Message) and len(shown) <= SEND_CHUNK_LIMIT:
            markup = inline(rendered.buttons, self.context.codecs)
            if await self._edit(message, shown, markup):
                return
        await self.send(rendered)

    @staticmethod
    async def _edit(message: Message, shown: str, markup: Any) -> bool:
        """Whether the message now shows ``shown``."""
        attempts = 0

        def edit() -> Awaitable[Message | bool]:
            nonlocal attempts
            attempts += 1
            return message.edit_text(shown, parse_mode=ParseMode.HTML, reply_markup=markup)

        try:
            await persist(edit, "editMessageText")
        except BadRequest as error:
            # "Not modified" after a retry: the earlier attempt was applied, its answer lost.
            if attempts > 1 and refused_because(error, "not modified"):
                return True
            log.info("the pressed message was not edited; sending the question: %s", error)
            return False
        except ReplyFailed as failed:
            log.warning("the pressed message was not edited; sending the question: %s", failed)
            return False
        return True

    async def error(self, error: DomainError) -> Message | None:
        log.info("refused %s for %s: %s", error.message_key, self.who, error.params)
        return await self.say(_error_key(error), **_labelled(error.params))

    def error_text(self, error: DomainError) -> str:
        return self.text(_error_key(error), _labelled(error.params))

    async def notices(self, notices: tuple[Notice, ...]) -> None:
        for notice in notices:
            buttons = tuple(
                tuple((self.text(b.label, b.params), b.action) for b in row)
                for row in notice.buttons
            )
            await self.send(Rendered(notice_text(notice, self.lang, self.timezone), buttons))

    async def show_turn(self, turn: Turn) -> None:
        """After an accepted input: the flow's notices, then the next question or page."""
        await self.notices(turn.outcome.notices)
        if turn.session.is_active or not turn.outcome.notices:
            await self.send(render_session(turn.questionnaire, turn.session, self.lang))


async def answer(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press. Telegram drops a query not answered within ~15 s; by then the
    action is already saved, so a late answer, or none, is not an error for the person."""
    try:
        await persist(
            lambda: query.answer(plain(text)[:200] if text else None), "answerCallbackQuery"
        )
    except BadRequest as error:
        if not refused_because(error, "query is too old", "invalid"):
            raise
        log.info("button answer came too late: %s", error)
    except ReplyFailed as failed:
        log.warning("a button was not answered: %s", failed)


def plain(html_text: str) -> str:
    """Telegram HTML as plain text, for places that show no markup (callback pop-ups)."""
    return html.unescape(_TAG.sub("", html_text))


def _labelled(params: Mapping[str, object]) -> dict[str, object]:
    """A form field named in an error is shown by its label in chat (``field.<name>``)."""
    from bot.i18n import has

    field = params.get("field")
    if isinstance(field, str) and has(f"field.{field}"):
        return {**params, "field": TextRef(f"field.{field}")}
    return dict(params)


def _error_key(error: DomainError) -> str:
    from bot.i18n import has

    return error.message_key if has(error.message_key) else error.key


Handler = Callable[[Request], Awaitable[None]]


Wrapped = Callable[[Update, Context], Coroutine[Any, Any, None]]


def handler(func: Handler) -> Wrapped:
    """Wrap ``func(request)``: resolve the actor, and turn a domain refusal into its message."""
    return _wrapped(func, identify=True)


def identifies_in_transaction(func: Handler) -> Wrapped:
    """As :func:`handler`, for a handler whose use case identifies the person in its own
    transaction (``Conversations.handle`` given a Telegram id), so that no read transaction
    runs before it: the handler calls :meth:`Request.identified_as` with the result, or
    :meth:`Request.identify` before it speaks otherwise."""
    return _wrapped(func, identify=False)


def _wrapped(func: Handler, *, identify: bool) -> Wrapped:
    @wraps(func)
    async def wrapper(update: Update, context: Context) -> None:
        services = context.services
        user = update.effective_user
        assert user is not None
        if identify:
            request = Request(update, context, services, await services.directory.identify(user.id))
        else:
            request = Request(update, context, services, Actor(user.id, "id"), identified=False)
        try:
            await func(request)
        except DomainError as error:
            await request.identify()
            query = update.callback_query
            if query is not None:
                await answer(query, request.error_text(error))
            else:
                await request.error(error)

    return wrapper


# Refusals of an edit of the pressed message that are normal life: the message was deleted or is
# older than 48 hours, or an earlier attempt (a press on another device, a retry after a lost
# answer) already made the same change.
NORMAL_EDIT_REFUSALS = ("message to edit not found", "message can't be edited", "not modified")


async def close_pressed(query: CallbackQuery, suffix: str | None = None) -> None:
    """Take the buttons off the message that was pressed, noting what was chosen. A tidy-up:
    whatever Telegram answers, the update goes on (the answer is saved, the next question
    follows)."""
    message = query.message
    if not isinstance(message, Message):
        return
    noted = f"{message.text_html}\n\n{html.escape(suffix, quote=False)}" if suffix else ""
    try:
        if noted and message.text_html and len(noted) <= SEND_CHUNK_LIMIT:
            await persist(
                lambda: message.edit_text(noted, parse_mode=ParseMode.HTML, reply_markup=None),
                "editMessageText",
            )
        else:
            await persist(
                lambda: message.edit_reply_markup(reply_markup=None), "editMessageReplyMarkup"
            )
    except BadRequest as error:
        if refused_because(error, *NORMAL_EDIT_REFUSALS):
            log.info("the pressed message was left as it is: %s", error)
        else:
            log.warning("the pressed message could not be tidied: %s", error)
    except ReplyFailed as failed:
        log.warning("the pressed message could not be tidied: %s", failed)


def pressed_label(query: CallbackQuery) -> str | None:
    """The text of the button that was pressed, as the person saw it."""
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return None
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None
