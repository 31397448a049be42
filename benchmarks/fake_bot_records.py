"""The records of the benchmarks' fake Bot API (``fake_bot_api``): the messages the bot sent, its
calls, the chats with simulated users, and Telegram's error answers."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]
KEPT_MESSAGES = 4  # per chat: enough to edit the question just answered and the one before


@dataclass(slots=True)
class BotMessage:
    """A message the bot sent, as its chat sees it (``text`` without the HTML tags)."""

    chat_id: int
    message_id: int
    text: str
    markup: str | None  # the reply_markup JSON as sent

    def buttons(self) -> list[tuple[str, str]]:
        """The inline buttons, row after row, as (label, callback_data)."""
        rows = json.loads(self.markup).get("inline_keyboard", []) if self.markup else []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    def button(self, label: str) -> str:
        """The callback data of the first button whose label contains ``label``."""
        for text, data in self.buttons():
            if label in text:
                return data
        raise LookupError(f"no button {label!r} on {self.text[:80]!r}")

    def json(self, chat: JsonDict, bot: JsonDict) -> JsonDict:
        message = {"message_id": self.message_id, "from": bot, "chat": chat,
                   "date": int(time.time()), "text": self.text}  # fmt: skip
        if self.markup:
            message["reply_markup"] = json.loads(self.markup)
        return message


@dataclass(slots=True)
class Call:
    """One Bot API call about a chat: when it arrived and when it was answered."""

    method: str
    started: float
    ended: float = math.inf


@dataclass(slots=True)
class Chat:
    chat_id: int
    user: JsonDict
    messages: dict[int, BotMessage] = field(default_factory=dict)
    next_id: int = 1
    last_send: float = -math.inf
    calls: list[Call] = field(default_factory=list)  # since the chat's last update
    reply: Call | None = None  # the call that carried the reply a user waited for
    waiter: tuple[Callable[[BotMessage], bool], asyncio.Future[BotMessage]] | None = None

    def json(self) -> JsonDict:
        return {"id": self.chat_id, "type": "private", "first_name": self.user["first_name"]}

    def keep(self, message: BotMessage) -> None:
        self.messages[message.message_id] = message
        while len(self.messages) > KEPT_MESSAGES:
            del self.messages[next(iter(self.messages))]


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


@dataclass(frozen=True, slots=True)
class Admission:
    retry_after: int | None

    def raise_if_refused(self) -> None:
        if self.retry_after is not None:
            raise ApiError(
                429, f"Too Many Requests: retry after {self.retry_after}", self.retry_after
            )


def error_body(error: ApiError) -> JsonDict:
    body: JsonDict = {"ok": False, "error_code": error.code, "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return body
