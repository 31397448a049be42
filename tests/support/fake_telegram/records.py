"""The public records of the fake: users, the bot's messages, events, calls and files."""

from __future__ import annotations

import json
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]
ButtonRows = list[list[tuple[str, str]]]
MessagePredicate = Callable[["SentMessage"], bool]


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user; their private chat with the bot has the same id."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str = "id"

    def to_json(self) -> JsonDict:
        data: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        data["language_code"] = self.language_code
        return data

    def private_chat_json(self) -> JsonDict:
        data: JsonDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class Edit:
    """One edit of a bot message: the method and the state right after it."""

    method: str
    text: str | None
    buttons: ButtonRows
    date: int


@dataclass(frozen=True)
class SentMessage:
    """A snapshot of a message the bot sent.

    ``text`` is the text or caption as the user sees it (HTML parsed away); ``source`` is what the
    bot sent. ``buttons`` are the inline keyboard's rows of (text, callback_data or url);
    ``keyboard`` the rows of a reply keyboard. ``raw`` is the Message JSON Telegram returned.
    """

    message_id: int
    chat_id: int
    date: int
    kind: str  # "text", "photo" or "document"
    text: str | None
    source: str | None = None
    parse_mode: str | None = None
    buttons: ButtonRows = field(default_factory=list)
    keyboard: list[list[str]] | None = None
    remove_keyboard: bool = False
    filename: str | None = None
    file_id: str | None = None
    reply_to_message_id: int | None = None
    edits: tuple[Edit, ...] = ()
    deleted: bool = False
    photo: bytes | None = field(default=None, repr=False)
    document: bytes | None = field(default=None, repr=False)
    entities: tuple[JsonDict, ...] = field(default=(), repr=False)
    reply_markup: JsonDict | None = field(default=None, repr=False)
    options: JsonDict = field(default_factory=dict, repr=False)
    raw: JsonDict = field(default_factory=dict, repr=False)

    @property
    def caption(self) -> str | None:
        return None if self.kind == "text" else self.text

    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]


@dataclass(frozen=True)
class ChatEvent:
    """Something the bot did in a chat; ``seq`` orders events across all chats."""

    seq: int
    kind: str  # "sent", "edited" or "deleted"
    message: SentMessage


@dataclass(frozen=True)
class CallbackAnswer:
    callback_query_id: str
    update_id: int
    user_id: int
    data: str
    text: str | None
    show_alert: bool


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, as logged for debugging."""

    method: str
    params: JsonDict
    status: int
    description: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One attempt to POST an update to the bot's webhook; ``status`` is None if unreachable."""

    update_id: int | None
    url: str
    secret: str | None
    status: int | None
    error: str | None = None


@dataclass(frozen=True)
class StoredFile:
    """A file the fake knows: sent by a user or uploaded by the bot."""

    file_id: str
    file_unique_id: str
    file_path: str
    kind: str  # "photo", "document" or "sticker"
    data: bytes = field(repr=False)
    filename: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart/form-data request."""

    filename: str
    content_type: str | None
    data: bytes = field(repr=False)


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG of the given size, for photos users send."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def utf16_length(text: str) -> int:
    """Telegram counts text lengths and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def deep_copy(data: JsonDict) -> JsonDict:
    copied: JsonDict = json.loads(json.dumps(data))
    return copied


def now() -> int:
    return int(time.time())
