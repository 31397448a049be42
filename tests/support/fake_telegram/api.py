"""Answering Bot API requests: authentication, dispatch to the method handlers, the envelope."""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from typing import Any

from . import api_messages, api_updates
from .errors import ApiError
from .records import JsonDict, StoredFile
from .state import State
from .wire import Params, decode_request

Handler = Callable[[State, Params], Any]

HANDLERS: dict[str, Handler] = {
    "getMe": api_updates.get_me,
    "getUpdates": api_updates.get_updates,
    "setWebhook": api_updates.set_webhook,
    "deleteWebhook": api_updates.delete_webhook,
    "getWebhookInfo": api_updates.get_webhook_info,
    "setMyCommands": api_updates.set_my_commands,
    "getMyCommands": api_updates.get_my_commands,
    "deleteMyCommands": api_updates.delete_my_commands,
    "sendMessage": api_messages.send_message,
    "sendPhoto": api_messages.send_photo,
    "sendDocument": api_messages.send_document,
    "sendChatAction": api_messages.send_chat_action,
    "editMessageText": api_messages.edit_message_text,
    "editMessageCaption": api_messages.edit_message_caption,
    "editMessageReplyMarkup": api_messages.edit_message_reply_markup,
    "deleteMessage": api_messages.delete_message,
    "answerCallbackQuery": api_messages.answer_callback_query,
    "getFile": api_messages.get_file,
}
# Telegram matches method names case-insensitively.
_BY_LOWER_NAME = {name.lower(): handler for name, handler in HANDLERS.items()}
_SUCCESS_DESCRIPTIONS = {"setwebhook": "Webhook was set", "deletewebhook": "Webhook was deleted"}


class BotApi:
    """The Bot API over one ``State``; every answer is logged, every violation recorded."""

    def __init__(self, state: State) -> None:
        self.state = state

    def call(self, token: str, method: str, content_type: str, body: bytes, query: str) -> JsonDict:
        """Answers one API request with Telegram's envelope."""
        params = Params({}, {})
        with self.state.cond:
            try:
                params = decode_request(content_type, body, query)
                result = self._dispatch(token, method, params)
            except ApiError as error:
                return self._refuse(method, params, error)
            except Exception as error:  # a bug in the fake must fail the test, not hang the bot
                failure = ApiError(500, f"fake crashed: {error!r}", note=traceback.format_exc())
                return self._refuse(method, params, failure)
            self.state.log(method, params, 200, None)
            envelope: JsonDict = {"ok": True, "result": result}
            if description := _SUCCESS_DESCRIPTIONS.get(method.lower()):
                envelope["description"] = description
            return envelope

    def _refuse(self, method: str, params: Params, error: ApiError) -> JsonDict:
        self.state.log(method, params, error.status, error.description)
        if error.violation:
            self.state.violate(method, error, params)
        return error.envelope()

    def _dispatch(self, token: str, method: str, params: Params) -> Any:
        if token != self.state.token:
            raise ApiError(401, "Unauthorized", note=f"wrong token {token!r}")
        handler = _BY_LOWER_NAME.get(method.lower())
        if handler is None:
            known = sorted(HANDLERS)
            note = f"unknown to Telegram or not implemented by the fake; it knows {known}"
            raise ApiError(404, "Not Found", note=note)
        return handler(self.state, params)

    def download(self, token: str, file_path: str) -> tuple[int, bytes, str]:
        """Answers ``/file/bot{token}/{file_path}``: (status, body, content type)."""
        params = Params({"file_path": file_path}, {})
        with self.state.cond:
            try:
                stored = self._file_at(token, file_path)
            except ApiError as error:
                envelope = self._refuse("download", params, error)
                return error.status, json.dumps(envelope).encode(), "application/json"
            self.state.log("download", params, 200, None)
            return 200, stored.data, stored.mime_type or "application/octet-stream"

    def _file_at(self, token: str, file_path: str) -> StoredFile:
        if token != self.state.token:
            raise ApiError(401, "Unauthorized", note="wrong token in the download URL")
        stored = next((f for f in self.state.files.values() if f.file_path == file_path), None)
        if stored is None:
            raise ApiError(404, "Not Found", note="no file has this file_path")
        return stored

    def unknown_path(self, path: str) -> JsonDict:
        with self.state.cond:
            self.state.violations.append(f"request to unknown path {path!r}")
        return ApiError(404, "Not Found").envelope()
