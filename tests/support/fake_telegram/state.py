"""Everything the fake knows, shared by the HTTP threads and the driver."""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .constants import DEFAULT_UPDATE_TYPES
from .errors import ApiError
from .records import ApiCall, CallbackAnswer, ChatEvent, Delivery, JsonDict, SentMessage, StoredFile
from .wire import Params

_EXTENSIONS = {"photo": ".jpg", "sticker": ".webp"}


@dataclass
class Chat:
    """A chat with the bot: its messages both ways, what the bot did, and injected failures."""

    json: JsonDict
    next_message_id: int = 1
    bot_messages: dict[int, SentMessage] = field(default_factory=dict)
    user_messages: dict[int, JsonDict] = field(default_factory=dict)
    deleted_user_messages: set[int] = field(default_factory=set)
    events: list[ChatEvent] = field(default_factory=list)
    cursor: int = 0
    blocked: bool = False
    refusals_left: int = 0
    retry_after: int = 1
    send_times: list[float] = field(default_factory=list)
    chat_actions: list[str] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.json["id"])

    def allocate_message_id(self) -> int:
        self.next_message_id += 1
        return self.next_message_id - 1

    def message_json(self, message_id: int) -> JsonDict | None:
        if message_id in self.bot_messages and not self.bot_messages[message_id].deleted:
            found = self.bot_messages[message_id].raw
        elif message_id in self.user_messages and message_id not in self.deleted_user_messages:
            found = self.user_messages[message_id]
        else:
            return None
        return {key: value for key, value in found.items() if key != "reply_to_message"}


@dataclass
class Webhook:
    """What the bot gave setWebhook."""

    url: str
    secret_token: str | None
    max_connections: int
    ip_address: str | None
    has_custom_certificate: bool


@dataclass
class Query:
    """A callback query a user made, until and after the bot answers it."""

    update_id: int
    user_id: int
    data: str
    answered: bool = False


class State:
    """Everything the fake knows; guarded by ``cond``, which is notified on every change."""

    def __init__(self, token: str, bot_username: str, bot_name: str) -> None:
        if not re.fullmatch(r"\d+:[\w-]+", token):
            raise ValueError(f"not a bot token: {token!r}")
        self.cond = threading.Condition()
        self.token = token
        self.bot_json: JsonDict = {
            "id": int(token.split(":", maxsplit=1)[0]),
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.closing = False
        self.chats: dict[int, Chat] = {}
        self.updates: list[JsonDict] = []
        self.next_update_id = 500_000_001
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.poll_generation = 0
        self.webhook: Webhook | None = None
        self.webhook_error: tuple[int, str] | None = None
        self.files: dict[str, StoredFile] = {}
        self.queries: dict[str, Query] = {}
        self.callback_answers: list[CallbackAnswer] = []
        self.commands: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.requests: list[ApiCall] = []
        self.violations: list[str] = []
        self.deliveries: list[Delivery] = []
        self.event_seq = 0

    def chat(self, chat_json: JsonDict) -> Chat:
        chat = self.chats.setdefault(chat_json["id"], Chat(chat_json))
        chat.json = chat_json
        return chat

    def enqueue(self, payload: JsonDict) -> int:
        update_id = self.next_update_id
        self.next_update_id += 1
        if set(payload) <= self.allowed_updates:
            self.updates.append({"update_id": update_id, **payload})
            self.cond.notify_all()
        return update_id

    def confirm_updates(self, offset: int | None) -> None:
        if offset is not None and offset < 0:
            self.updates = self.updates[offset:]
        elif offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def record_event(self, chat: Chat, kind: str, message: SentMessage) -> None:
        self.event_seq += 1
        chat.bot_messages[message.message_id] = message
        chat.events.append(ChatEvent(self.event_seq, kind, message))
        self.cond.notify_all()

    def store_file(
        self, kind: str, data: bytes, filename: str | None, mime: str | None
    ) -> StoredFile:
        number = len(self.files) + 1
        # Telegram stores photos as JPEG and keeps a document's extension in its file_path.
        extension = _EXTENSIONS.get(kind) or PurePosixPath(filename or "").suffix.lower()
        stored = StoredFile(
            file_id=f"{kind[:3].upper()}{number:05d}{secrets.token_hex(6)}",
            file_unique_id=f"U{number:05d}",
            file_path=f"{kind}s/file_{number}{extension}",
            kind=kind,
            data=data,
            filename=filename,
            mime_type=mime,
        )
        self.files[stored.file_id] = stored
        return stored

    def log(self, method: str, params: Params, status: int, description: str | None) -> None:
        self.requests.append(ApiCall(method, params.summary(), status, description))

    def violate(self, method: str, error: ApiError, params: Params) -> None:
        detail = f" ({error.note})" if error.note else ""
        self.violations.append(
            f"{method}: {error.status} {error.description}{detail}; params={params.summary()}"
        )
        self.cond.notify_all()
