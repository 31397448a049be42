"""Everything else: unknown commands, stickers and the like, edited messages, group chats,
and the global error handler. Each gets one short reply and one log line; nothing changes."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode

from bot.context import Context
from bot.engine.screens import render_session
from bot.i18n import t
from bot.processor import Resume
from bot.replies import ReplyFailed, persist
from bot.request import Request, handler
from domain.unit_of_work import AlreadyApplied

log = logging.getLogger(__name__)


@handler
async def on_unknown_command(request: Request) -> None:
    log.info("unknown command from %s", request.who)
    await request.say("core.unknown_command")


@handler
async def on_unsupported(request: Request) -> None:
    """A sticker, voice note, location, contact...: said so, then, where a form waits for an
    answer, its current question again (whose buttons are then the only ones that count)."""
    log.info("unsupported message from %s", request.who)
    await request.say("core.unsupported_message")
    turn = await request.services.conversations.show_again(request.actor)
    if turn is not None and turn.questionnaire is not None:
        await request.send(render_session(turn.questionnaire, turn.session, request.lang))


@handler
async def on_edited(request: Request) -> None:
    log.info("edited message from %s ignored", request.who)
    await request.say("core.edited_ignored")


async def on_group(update: Update, context: Context) -> None:
    """In a group, answer only /start or a command addressed to this bot (``/cmd@bot``): other
    bots' commands are theirs, and a bot chattering in groups is a nuisance."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    username = context.services.bot_username
    command = message.text.split()[0] if message.text.split() else ""
    if command != "/start" and not command.lower().endswith(f"@{username}".lower()):
        return
    log.info(
        "command in group chat %s answered", update.effective_chat and update.effective_chat.id
    )
    reply = t("id", "core.private_only", bot=username)
    try:
        await persist(lambda: message.reply_text(reply, parse_mode=ParseMode.HTML), "sendMessage")
    except ReplyFailed as failed:
        log.warning("a group was not answered: %s", failed)


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its update; tell the person, never with a stack trace."""
    if isinstance(context.error, AlreadyApplied) and isinstance(update, Update):
        await _where_they_are(update, context)
        return
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    lang = "id"
    try:
        if update.effective_user is not None:
            actor = await context.services.directory.identify(update.effective_user.id)
            lang = actor.language
        chat, text = update.effective_chat.id, t(lang, "core.internal_error")
        await persist(
            lambda: context.bot.send_message(chat, text, parse_mode=ParseMode.HTML), "sendMessage"
        )
    except ReplyFailed as failed:
        log.warning("could not tell the user about the failure: %s", failed)
    except Exception:  # the database or Telegram itself may be what failed
        log.exception("could not tell the user about the failure")


async def on_resume(resume: Resume, context: Context) -> None:
    """An update taken over after a restart whose effect had committed: not handled again."""
    await _where_they_are(resume.update, context)


async def _where_they_are(update: Update, context: Context) -> None:
    """An update whose effect had committed before the bot stopped (taken over after a
    restart, or ``AlreadyApplied``): not applied twice; the person sees the question they are
    at, since its reply may never have gone out."""
    log.info("update %s was applied before the bot restarted; not again", update.update_id)
    if update.effective_user is None or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    services = context.services
    actor = await services.directory.identify(update.effective_user.id)
    turn = await services.conversations.show_again(actor)
    if turn is not None and turn.questionnaire is not None:
        request = Request(update, context, services, actor)
        await request.send(render_session(turn.questionnaire, turn.session, actor.language))
