"""What sending and editing share: the target chat, text and its limits, replies, Message JSON."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from .constants import MESSAGE_LIMIT
from .errors import ApiError, bad_request
from .files import document_json, photo_json
from .markup import parse_markup
from .records import JsonDict, SentMessage, deep_copy, now, utf16_length
from .state import Chat, State
from .telegram_html import FormattedText, HtmlError, parse_telegram_html
from .wire import Params


@dataclass(frozen=True)
class Content:
    """A text or caption: as the user sees it, as the bot sent it, and its entities."""

    text: str | None
    source: str | None
    parse_mode: str | None
    entities: tuple[JsonDict, ...]


def target_chat(state: State, params: Params) -> Chat:
    raw = params.raw("chat_id")
    if isinstance(raw, str) and raw.startswith("@"):
        raise bad_request("chat not found", note="the fake knows no @usernames")
    chat = state.chats.get(params.required_integer("chat_id"))
    if chat is None:
        note = "a chat exists once a FakeUser wrote to the bot or after start_chat(user)"
        raise bad_request("chat not found", note=note)
    if chat.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user", violation=False)
    return chat


def check_flood(chat: Chat) -> None:
    """Answers 429 while ``FakeTelegram.rate_limit`` has refusals left for the chat."""
    if chat.refusals_left > 0:
        chat.refusals_left -= 1
        raise ApiError(
            429,
            f"Too Many Requests: retry after {chat.retry_after}",
            violation=False,
            retry_after=chat.retry_after,
        )


def content(params: Params, key: str, limit: int) -> Content:
    """The ``text`` or ``caption`` parameter, parsed; Telegram counts UTF-16 units after parsing."""
    source, parse_mode = params.string(key), params.string("parse_mode") or None
    if source is None:
        return Content(None, None, parse_mode, ())
    formatted = format_text(source, parse_mode)
    if utf16_length(formatted.text) > limit:
        what = "message caption" if key == "caption" else "message"
        raise bad_request(f"{what} is too long ({utf16_length(formatted.text)} > {limit})")
    return Content(formatted.text, source, parse_mode, formatted.entities)


def text_content(params: Params) -> Content:
    parsed = content(params, "text", MESSAGE_LIMIT)
    if not (parsed.text or "").strip():
        raise bad_request("message text is empty")
    return parsed


def format_text(source: str, parse_mode: str | None) -> FormattedText:
    mode = (parse_mode or "").lower()
    if not mode:
        return FormattedText(source)
    if mode in {"markdown", "markdownv2"}:
        raise bad_request("the fake validates only parse_mode HTML; use HTML")
    if mode != "html":
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    try:
        return parse_telegram_html(source)
    except HtmlError as error:
        raise bad_request(f"can't parse entities: {error}") from None


def visible(message: SentMessage) -> tuple[Any, ...]:
    """What Telegram compares to decide that an edit changes nothing."""
    return message.text, message.entities, message.reply_markup


def new_message(
    state: State, chat: Chat, params: Params, kind: str, text: Content, **extra: Any
) -> JsonDict:
    """Stores a message the bot sent and answers its Message JSON."""
    markup = parse_markup(params.json("reply_markup"), inline_only=False)
    reply_to, options = _reply_to(chat, params), _options(params)
    message = SentMessage(
        message_id=chat.allocate_message_id(),
        chat_id=chat.id,
        date=now(),
        kind=kind,
        text=text.text,
        source=text.source,
        parse_mode=text.parse_mode,
        entities=text.entities,
        buttons=markup.buttons,
        keyboard=markup.keyboard,
        remove_keyboard=markup.remove_keyboard,
        reply_markup=markup.inline_json,
        reply_to_message_id=reply_to,
        options=options,
        **extra,
    )
    message = replace(message, raw=message_json(state, chat, message))
    chat.send_times.append(time.monotonic())
    state.record_event(chat, "sent", message)
    return message.raw


def _reply_to(chat: Chat, params: Params) -> int | None:
    reply = params.json("reply_parameters")
    if reply is None:
        return None
    if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
        raise bad_request(f"reply_parameters must have a message_id, got {reply!r}")
    if reply.get("chat_id", chat.id) != chat.id:
        raise bad_request("replies to other chats are not supported by the fake")
    if chat.message_json(reply["message_id"]) is not None:
        return int(reply["message_id"])
    if reply.get("allow_sending_without_reply"):
        return None
    raise bad_request("message to be replied not found")


def _options(params: Params) -> JsonDict:
    options: JsonDict = {
        "disable_notification": params.flag("disable_notification"),
        "protect_content": params.flag("protect_content"),
    }
    preview = params.json("link_preview_options")
    if preview is not None and not isinstance(preview, dict):
        raise bad_request("can't parse link preview options JSON object")
    if preview is not None:
        options["link_preview_options"] = preview
    return options


def message_json(state: State, chat: Chat, message: SentMessage) -> JsonDict:
    """The Message object Telegram answers for a bot message (and puts in callback queries)."""
    data: JsonDict = {
        "message_id": message.message_id,
        "from": state.bot_json,
        "chat": chat.json,
        "date": message.date,
    }
    if message.edits:
        data["edit_date"] = message.edits[-1].date
    if message.text is not None:
        data["text" if message.kind == "text" else "caption"] = message.text
    if message.entities:
        data["entities" if message.kind == "text" else "caption_entities"] = message.entities
    stored = state.files.get(message.file_id or "")
    if stored is not None:
        data[message.kind] = (photo_json if message.kind == "photo" else document_json)(stored)
    replied = chat.message_json(message.reply_to_message_id or 0)
    if replied is not None:
        data["reply_to_message"] = replied
    if message.reply_markup:
        data["reply_markup"] = message.reply_markup
    if "link_preview_options" in message.options:
        data["link_preview_options"] = message.options["link_preview_options"]
    if message.options.get("protect_content"):
        data["has_protected_content"] = True
    return deep_copy(data)  # as a client would see it, unaffected by later changes
