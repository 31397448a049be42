"""Bot API methods on messages: send, edit, delete, answer callback queries, files."""

from __future__ import annotations

from dataclasses import replace

from .api_content import (
    Content,
    check_flood,
    content,
    message_json,
    new_message,
    target_chat,
    text_content,
    visible,
)
from .constants import (
    CALLBACK_ANSWER_LIMIT,
    CAPTION_LIMIT,
    CHAT_ACTIONS,
    DOWNLOAD_SIZE_LIMIT,
    NOT_MODIFIED,
    PHOTO_SIZE_LIMIT,
    UPLOAD_SIZE_LIMIT,
)
from .errors import ApiError, bad_request
from .files import is_image
from .markup import parse_markup
from .records import CallbackAnswer, Edit, JsonDict, SentMessage, StoredFile, Upload, now
from .state import Chat, State
from .wire import Params


def send_message(state: State, params: Params) -> JsonDict:
    chat = target_chat(state, params)
    check_flood(chat)
    return new_message(state, chat, params, "text", text_content(params))


def send_photo(state: State, params: Params) -> JsonDict:
    chat = target_chat(state, params)
    check_flood(chat)
    caption = content(params, "caption", CAPTION_LIMIT)
    stored = _input_file(state, params, "photo")
    extra = {"photo": stored.data, "file_id": stored.file_id}
    return new_message(state, chat, params, "photo", caption, **extra)


def send_document(state: State, params: Params) -> JsonDict:
    chat = target_chat(state, params)
    check_flood(chat)
    caption = content(params, "caption", CAPTION_LIMIT)
    stored = _input_file(state, params, "document")
    extra = {"document": stored.data, "file_id": stored.file_id, "filename": stored.filename}
    return new_message(state, chat, params, "document", caption, **extra)


def _input_file(state: State, params: Params, kind: str) -> StoredFile:
    """An uploaded file part, an ``attach://name`` reference to one, or a known file_id."""
    reference = None if kind in params.uploads else params.string(kind)
    upload = params.uploads.get(kind)
    if reference is not None and reference.startswith("attach://"):
        upload = params.uploads.get(reference.removeprefix("attach://"))
        if upload is None:
            raise bad_request(f"{reference} is not attached to the request")
    elif reference is not None:
        known = state.files.get(reference)
        if known is None or known.kind != kind:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return known
    if upload is None:
        raise bad_request(f"parameter {kind!r} is required")
    return _store_upload(state, kind, upload)


def _store_upload(state: State, kind: str, upload: Upload) -> StoredFile:
    limit = PHOTO_SIZE_LIMIT if kind == "photo" else UPLOAD_SIZE_LIMIT
    if not upload.data:
        raise bad_request("file must be non-empty")
    if len(upload.data) > limit:
        raise ApiError(413, "Request Entity Too Large")
    if kind == "photo" and not is_image(upload.data):
        raise bad_request("IMAGE_PROCESS_FAILED: the photo is not a PNG, JPEG, GIF or WebP")
    return state.store_file(kind, upload.data, upload.filename, upload.content_type)


def send_chat_action(state: State, params: Params) -> bool:
    chat = target_chat(state, params)
    action = params.required_string("action")
    if action not in CHAT_ACTIONS:
        raise bad_request(f"wrong parameter action in request: {action!r}")
    chat.chat_actions.append(action)
    return True


def edit_message_text(state: State, params: Params) -> JsonDict:
    chat, message = _message_to_edit(state, params)
    if message.kind != "text":
        raise bad_request("there is no text in the message to edit")
    return _edit(state, chat, message, "editMessageText", text_content(params), params)


def edit_message_caption(state: State, params: Params) -> JsonDict:
    chat, message = _message_to_edit(state, params)
    if message.kind == "text":
        raise bad_request("there is no caption in the message to edit")
    caption = content(params, "caption", CAPTION_LIMIT)
    return _edit(state, chat, message, "editMessageCaption", caption, params)


def edit_message_reply_markup(state: State, params: Params) -> JsonDict:
    chat, message = _message_to_edit(state, params)
    return _edit(state, chat, message, "editMessageReplyMarkup", None, params)


def _message_to_edit(state: State, params: Params) -> tuple[Chat, SentMessage]:
    if params.has("inline_message_id"):
        raise bad_request("inline messages are not supported by the fake")
    chat = target_chat(state, params)
    message_id = params.required_integer("message_id")
    message = chat.bot_messages.get(message_id)
    if message is None and message_id in chat.user_messages:
        raise bad_request("message can't be edited", note="it was sent by the user")
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    return chat, message


def _edit(
    state: State,
    chat: Chat,
    message: SentMessage,
    method: str,
    text: Content | None,
    params: Params,
) -> JsonDict:
    # Like Telegram, an edit without reply_markup removes the inline keyboard.
    markup = parse_markup(params.json("reply_markup"), inline_only=True)
    updated = replace(message, buttons=markup.buttons, reply_markup=markup.inline_json)
    if text is not None:
        updated = replace(
            updated,
            text=text.text,
            source=text.source,
            parse_mode=text.parse_mode,
            entities=text.entities,
        )
    if visible(updated) == visible(message):
        raise bad_request(NOT_MODIFIED, violation=False)
    edit = Edit(method, updated.text, updated.buttons, now())
    updated = replace(updated, edits=(*message.edits, edit))
    updated = replace(updated, raw=message_json(state, chat, updated))
    state.record_event(chat, "edited", updated)
    return updated.raw


def delete_message(state: State, params: Params) -> bool:
    chat = target_chat(state, params)
    message_id = params.required_integer("message_id")
    message = chat.bot_messages.get(message_id)
    if (message is not None and message.deleted) or message_id in chat.deleted_user_messages:
        # Not a violation: the user may have deleted it first.
        raise bad_request("message to delete not found", violation=False)
    if message is not None:
        state.record_event(chat, "deleted", replace(message, deleted=True))
    elif message_id in chat.user_messages:
        chat.deleted_user_messages.add(message_id)
    else:
        raise bad_request("message to delete not found")
    return True


def answer_callback_query(state: State, params: Params) -> bool:
    query_id = params.required_string("callback_query_id")
    query = state.queries.get(query_id)
    if query is None or query.answered:
        raise bad_request(
            "query is too old and response timeout expired or query ID is invalid",
            note="unknown id" if query is None else "this query was already answered",
        )
    text = params.string("text")
    if text is not None and len(text) > CALLBACK_ANSWER_LIMIT:
        raise bad_request(f"MESSAGE_TOO_LONG: answer text is {len(text)} > 200 characters")
    query.answered = True
    show_alert = params.flag("show_alert")
    answer = CallbackAnswer(query_id, query.update_id, query.user_id, query.data, text, show_alert)
    state.callback_answers.append(answer)
    state.cond.notify_all()
    return True


def get_file(state: State, params: Params) -> JsonDict:
    stored = state.files.get(params.required_string("file_id"))
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > DOWNLOAD_SIZE_LIMIT:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }
