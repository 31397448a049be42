"""What fake users do, as the updates Telegram creates for it. Call with ``state.cond`` held."""

from __future__ import annotations

import re
import secrets

from .records import FakeUser, JsonDict, SentMessage, now, utf16_length
from .state import Query, State

USER_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)")


def user_entities(text: str) -> list[JsonDict]:
    """Telegram marks a leading ``/command`` or ``/command@bot`` as a bot_command entity."""
    match = USER_COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"offset": 0, "length": utf16_length(match.group()), "type": "bot_command"}]


def user_message(state: State, user: FakeUser, chat_json: JsonDict, content: JsonDict) -> int:
    """Queues a ``message`` update; ``content`` holds text, photo, document, caption..."""
    chat = state.chat(chat_json)
    message: JsonDict = {
        "message_id": chat.allocate_message_id(),
        "from": user.to_json(),
        "chat": chat_json,
        "date": now(),
        **content,
    }
    if "text" in content and (entities := user_entities(content["text"])):
        message["entities"] = entities
    chat.user_messages[message["message_id"]] = message
    return state.enqueue({"message": message})


def user_edit(state: State, user: FakeUser, message_id: int, new_text: str) -> int:
    """Queues an ``edited_message`` update for a text the user sent in their private chat."""
    chat = state.chats.get(user.id)
    original = chat.user_messages.get(message_id) if chat else None
    if chat is None or original is None or "text" not in original:
        raise ValueError(f"{user.first_name} sent no text message {message_id}")
    edited = {key: value for key, value in original.items() if key != "entities"}
    edited |= {"text": new_text, "edit_date": now()}
    if entities := user_entities(new_text):
        edited["entities"] = entities
    chat.user_messages[message_id] = edited
    return state.enqueue({"edited_message": edited})


def current_message(state: State, user: FakeUser, message: SentMessage | int) -> SentMessage:
    """The bot message as stored now; an int is a message id in the user's private chat."""
    chat_id, message_id = (
        (message.chat_id, message.message_id)
        if isinstance(message, SentMessage)
        else (user.id, message)
    )
    chat = state.chats.get(chat_id)
    current = chat.bot_messages.get(message_id) if chat else None
    if current is None or current.deleted:
        raise AssertionError(f"the bot has no (undeleted) message {message_id} in {chat_id}")
    return current


def callback_query(state: State, user: FakeUser, message: SentMessage, data: str) -> int:
    """Queues a ``callback_query`` update from ``message`` as currently stored."""
    query_id = str(secrets.randbits(62))
    query = {
        "id": query_id,
        "from": user.to_json(),
        "message": message.raw,
        "chat_instance": str((message.chat_id * 2654435761) % 2**62),
        "data": data,
    }
    update_id = state.enqueue({"callback_query": query})
    state.queries[query_id] = Query(update_id, user.id, data)
    return update_id


def button_data(message: SentMessage, text: str) -> str:
    """The callback_data of the inline button labelled ``text``; fails listing the buttons."""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    button = next((b for row in rows for b in row if b["text"] == text), None)
    if button is None:
        raise AssertionError(
            f"message {message.message_id} has no button {text!r}; "
            f"its buttons are {message.button_texts()} (text: {message.text!r})"
        )
    if "callback_data" not in button:
        raise AssertionError(f"button {text!r} is a URL button: {button['url']}")
    return str(button["callback_data"])
