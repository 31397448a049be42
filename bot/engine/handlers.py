"""The questionnaire engine over Telegram: buttons, typed answers, uploads and ``/batal``."""

from __future__ import annotations

import asyncio
import logging

from telegram import CallbackQuery, Update

from bot.callbacks import BadCallback, QuestionButton, decode_question
from bot.core.handlers import show_menu
from bot.engine.screens import render_session
from bot.request import (
    Request,
    answer,
    close_pressed,
    identifies_in_transaction,
    pressed_label,
)
from bot.screens import Rendered
from domain.engine.conversations import Turn
from domain.engine.questionnaire import (
    Back,
    Cancel,
    EditAt,
    Input,
    Press,
    Skip,
    Submit,
    Text,
    Upload,
)
from domain.errors import SessionFinished, StaleInput

log = logging.getLogger(__name__)
TYPED_INPUT_LIMIT = 4000  # the longest typed answer we accept
RECALLED = ("a", "s")  # presses the next question recalls on its first line: an option, skip


def event_for(button: QuestionButton) -> Input:
    if button.op == "a" and button.index is not None:
        return Press(button.index)
    if button.op == "e" and button.index is not None:
        return EditAt(button.index)
    navigation: dict[str, Input] = {"b": Back(), "s": Skip(), "c": Cancel(), "r": Submit()}
    return navigation[button.op]


@identifies_in_transaction
async def on_question_button(request: Request) -> None:
    query = request.update.callback_query
    assert query is not None
    try:
        button = decode_question(query.data)
    except BadCallback:
        await request.identify()
        log.warning("unknown callback data from %s", request.who)
        await answer(query, request.text("core.button_unknown"))
        return
    turn = await request.services.conversations.handle(
        request.user_id, event_for(button), session_id=button.session_id, version=button.version
    )
    assert turn is not None
    request.identified_as(turn.actor)
    if turn.error is not None:
        await answer(query, request.error_text(turn.error))
        if isinstance(turn.error, SessionFinished):
            await close_pressed(query)
        elif not isinstance(turn.error, StaleInput):
            # A refused press (e.g. Submit against a rule): say it where it cannot be missed,
            # then the same question again.
            await request.error(turn.error)
            await _show_again(request, button.session_id)
        return
    await _answered(request, query, button, turn)


async def _answered(
    request: Request, query: CallbackQuery, button: QuestionButton, turn: Turn
) -> None:
    """One Bot API round trip before the person sees what comes next: the press is answered
    while the pressed message itself becomes the next question (its first line recalls the
    answer given). A turn with something to say first (a submitted form's notices, a new menu)
    tidies the pressed message and sends, again at the same time as the answer."""
    label = pressed_label(query)
    recap = f"✔ {label}" if label and button.op in RECALLED else None
    if turn.session.is_active and not turn.outcome.notices and not turn.outcome.show_menu:
        rendered = render_session(turn.questionnaire, turn.session, request.lang)
        await asyncio.gather(answer(query), request.edit_pressed(query, rendered, recap))
        return
    await asyncio.gather(answer(query), close_pressed(query, recap), _show(request, turn))


async def _show(request: Request, turn: Turn) -> None:
    await request.show_turn(turn)
    if turn.outcome.show_menu:  # e.g. just registered: the person's menu has changed
        request.actor = await request.services.directory.identify(request.actor.telegram_id)
        await show_menu(request)


async def _typed(request: Request, event: Text | Upload, *, stray_key: str) -> None:
    turn = await request.services.conversations.handle(request.user_id, event)
    if turn is None:
        await request.identify()
        await request.say(stray_key)
        return
    request.identified_as(turn.actor)
    if turn.error is not None:
        await request.error(turn.error)
        await _show_again(request)
        return
    await _show(request, turn)


async def _show_again(request: Request, session_id: int | None = None) -> None:
    """The same question in a new message; the earlier messages' buttons go stale."""
    turn = await request.services.conversations.show_again(request.actor, session_id)
    if turn is not None:
        await request.send(render_session(turn.questionnaire, turn.session, request.lang))


@identifies_in_transaction
async def on_text(request: Request) -> None:
    message = request.update.effective_message
    assert message is not None
    assert message.text is not None
    if len(message.text) > TYPED_INPUT_LIMIT:
        await request.identify()
        await request.say("core.text_too_long", length=len(message.text), limit=TYPED_INPUT_LIMIT)
        return
    await _typed(request, Text(message.text), stray_key="core.stray_text")


@identifies_in_transaction
async def on_upload(request: Request) -> None:
    message = request.update.effective_message
    assert message is not None
    if message.photo:
        event = Upload("photo", message.photo[-1].file_id)
    elif message.document is not None:
        event = Upload("document", message.document.file_id)
    else:
        await request.identify()
        await request.say("core.unsupported_message")
        return
    await _typed(request, event, stray_key="core.file_unexpected")


async def cmd_cancel(request: Request) -> None:
    turn = await request.services.conversations.cancel_latest(request.actor)
    if turn is None:
        await request.say("engine.nothing_to_cancel")
        return
    await request.send(Rendered(request.text("engine.cancelled")))


def is_question_update(update: object) -> bool:
    return isinstance(update, Update) and update.callback_query is not None
