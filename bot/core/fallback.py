"""Everything else: unknown commands, stickers and the like, edited messages, group chats,
and the global error handler. Each gets one short reply and one log line; nothing changes."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationHandlerStop

from bot.context import Context
from bot.i18n import t
from bot.replies import ReplyFailed, persist
from bot.request import Request, handler

log = logging.getLogger(__name__)


@handler
async def on_unknown_command(request: Request) -> None:
    log.info("unknown command from %s", request.who)
    await request.say("core.unknown_command")


@handler
async def on_unsupported(request: Request) -> None:
    log.info("unsupported message from %s", request.who)
    await request.say("core.unsupported_message")


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


async def drop_duplicates(update: Update, context: Context) -> None:
    """Webhook mode: an update another process (or an earlier delivery) handled stops here."""
    if not await context.services.updates.first_time(update.update_id):
        log.info("update %s was handled already; dropped", update.update_id)
        raise ApplicationHandlerStop


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its update; tell the person, never with a stack trace."""
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
