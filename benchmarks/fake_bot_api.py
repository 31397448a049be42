"""A fake Telegram Bot API for the benchmarks: Telegram's answers, after a fixed delay.

One core, :class:`FakeBotApi`, reached two ways (``fake_bot_transport``): an in-process PTB
``BaseRequest`` for a bot in the same event loop (``survey_throughput``: no sockets, so the bot's
own CPU is measured, not an HTTP stack's), and an HTTP server on 127.0.0.1 for bots in other
processes (``outbox_fanout``, a later ``reminder_fanout``), which then share one rate counter.

What it answers, as Telegram does (``{"ok": true, "result": ...}``): ``getMe``, the start-up calls
(``setMyCommands``, ``deleteWebhook``, ...), ``getUpdates`` as a long poll over an in-memory queue
(an update pushed while a poll waits is returned at once: the delay models the bot's own round
trips, not Telegram's push), ``sendMessage``, ``editMessageText``, ``editMessageReplyMarkup``,
``deleteMessage``, ``answerCallbackQuery`` and ``sendChatAction``. Every method but ``getUpdates``
is answered ``delay`` seconds after it arrived; a message sent or edited becomes visible to its
chat (:meth:`FakeBotApi.expect`) when the answer goes back. Optional limits, decided on arrival:
at most ``rate`` messages in any sliding second and one a ``chat_interval`` per chat, else 429
with ``retry_after``. Mistakes a correct bot never makes (an unknown method, a callback query
answered twice, editing a message that does not exist) are answered with Telegram's error and
counted in ``violations``. Only the last few messages of a chat are kept, so 2,000 chats cost
the bot process little memory. The records (messages, calls, chats) are in ``fake_bot_records``.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import math
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from typing import Any

from benchmarks.fake_bot_records import (
    Admission,
    ApiError,
    BotMessage,
    Call,
    Chat,
    JsonDict,
    error_body,
)

SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "copyMessage"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup"})
ACKNOWLEDGED = frozenset(
    {"setMyCommands", "deleteMyCommands", "deleteWebhook", "setChatMenuButton", "sendChatAction",
     "deleteMessage", "setMyDescription", "setMyShortDescription", "close", "logOut"}
)  # fmt: skip
TAG = re.compile(r"<[^>]+>")
BOT_ID = 7_000_000_001
TOKEN = f"{BOT_ID}:AAbenchmarkFakeBotApiToken0123456789"  # the fake's own


class FakeBotApi:
    """The state and the answers; transports call :meth:`call` with the wire parameters."""

    def __init__(
        self,
        *,
        delay: float = 0.05,
        rate: float | None = None,
        chat_interval: float | None = None,
        username: str = "kinerja_bench_bot",
        first_update_id: int = 1,
    ) -> None:
        """``first_update_id``: where this fake's update ids start. Telegram numbers one bot's
        updates once, and the bot receives an update id once (its inbox): two fakes standing
        for one bot's traffic in two processes must not hand out the same ids."""
        self.delay, self.rate, self.chat_interval = delay, rate, chat_interval
        self.token = TOKEN
        self.bot = {"id": BOT_ID, "is_bot": True, "first_name": "Bench", "username": username}
        self.chats: dict[int, Chat] = {}
        self.methods: Counter[str] = Counter()
        self.too_many = Counter[str]()  # 429 answers by reason: "rate" or "chat"
        self.sent: Counter[int] = Counter()  # messages accepted, per chat
        self.first_send: float | None = None  # arrival of the first accepted message
        self.last_send_answered: float | None = None
        self.first_poll: float | None = None  # wall-clock time of the first getUpdates
        self.violations: list[str] = []  # the first few; ``violation_count`` counts them all
        self.violation_count = 0
        self._window: deque[float] = deque()  # arrivals of accepted messages, last second
        self._updates: deque[JsonDict] = deque()
        self._arrived = asyncio.Event()
        self._update_ids = itertools.count(first_update_id)
        self._queries: dict[str, int] = {}
        self._query_ids = itertools.count(1)
        self.on_first_poll: Callable[[], None] | None = None
        self._closing = False

    # --- the users' side ------------------------------------------------------------------

    def chat(self, chat_id: int, first_name: str = "Warga", language: str = "id") -> Chat:
        if chat_id not in self.chats:
            user = {"id": chat_id, "is_bot": False, "first_name": first_name,
                    "language_code": language}  # fmt: skip
            self.chats[chat_id] = Chat(chat_id, user)
        return self.chats[chat_id]

    def push_text(self, chat: Chat, text: str) -> None:
        message: JsonDict = {"message_id": chat.next_id, "from": chat.user, "chat": chat.json(),
                             "date": int(time.time()), "text": text}  # fmt: skip
        chat.next_id += 1
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            message["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
        self._push({"message": message})

    def push_press(self, chat: Chat, message: BotMessage, data: str) -> None:
        query_id = str(next(self._query_ids))
        self._queries[query_id] = chat.chat_id
        query = {"id": query_id, "from": chat.user, "chat_instance": str(chat.chat_id),
                 "message": message.json(chat.json(), self.bot), "data": data}  # fmt: skip
        self._push({"callback_query": query})

    def expect(
        self, chat: Chat, matches: Callable[[BotMessage], bool]
    ) -> asyncio.Future[BotMessage]:
        """A future for the next message sent or edited in ``chat`` that ``matches``."""
        future: asyncio.Future[BotMessage] = asyncio.get_running_loop().create_future()
        chat.waiter = (matches, future)
        return future

    def _push(self, update: JsonDict) -> None:
        update["update_id"] = next(self._update_ids)
        self._updates.append(update)
        self._arrived.set()

    # --- the bot's side -------------------------------------------------------------------

    async def call(self, method: str, params: Mapping[str, str]) -> tuple[int, JsonDict]:
        """Answer one request: (HTTP status, body); ``params`` as on the wire (strings)."""
        self.methods[method] += 1
        if method == "getUpdates":
            return 200, {"ok": True, "result": await self._get_updates(params)}
        arrived = time.monotonic()
        chat = self._chat_of(method, params)
        record = Call(method, arrived)
        if chat is not None:
            chat.calls.append(record)
        try:
            admitted = self._admit(method, chat, arrived)
            await asyncio.sleep(self.delay)
            admitted.raise_if_refused()
            waiting = chat is not None and chat.waiter is not None
            result = self._answer(method, chat, params)
            if waiting and chat is not None and chat.waiter is None:
                chat.reply = record
        except ApiError as error:
            return error.code, error_body(error)
        finally:
            record.ended = time.monotonic()
        return 200, {"ok": True, "result": result}

    def _chat_of(self, method: str, params: Mapping[str, str]) -> Chat | None:
        if method == "answerCallbackQuery":
            chat_id = self._queries.get(params.get("callback_query_id", ""))
            return self.chats.get(chat_id) if chat_id is not None else None
        if "chat_id" not in params:
            return None
        chat_id = int(params["chat_id"])
        return self.chats.get(chat_id) or self.chat(chat_id)

    def _admit(self, method: str, chat: Chat | None, now: float) -> Admission:
        """Telegram's limits, decided when the request arrives."""
        if method not in SEND_METHODS:
            return Admission(None)
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        if self.rate is not None and len(self._window) >= self.rate:
            self.too_many["rate"] += 1
            return Admission(max(1, math.ceil(self._window[0] + 1.0 - now)))
        if chat is not None and self.chat_interval is not None:
            if now - chat.last_send < self.chat_interval:
                self.too_many["chat"] += 1
                return Admission(1)
            chat.last_send = now
        self._window.append(now)
        self.first_send = now if self.first_send is None else self.first_send
        return Admission(None)

    def _answer(self, method: str, chat: Chat | None, params: Mapping[str, str]) -> Any:
        if method == "getMe":
            return self.bot | {"can_join_groups": True, "can_read_all_group_messages": False,
                               "supports_inline_queries": False}  # fmt: skip
        if method in ACKNOWLEDGED:
            return True
        if method == "answerCallbackQuery":
            if self._queries.pop(params.get("callback_query_id", ""), None) is None:
                raise self._violation(400, "Bad Request: query is too old or query ID is invalid")
            return True
        if chat is None:
            raise self._violation(404, f"Not Found: method {method} is not faked")
        if method in SEND_METHODS:
            return self._send(chat, params)
        if method in EDIT_METHODS:
            return self._edit(method, chat, params)
        raise self._violation(404, f"Not Found: method {method} is not faked")

    def _send(self, chat: Chat, params: Mapping[str, str]) -> JsonDict:
        text = html.unescape(TAG.sub("", params.get("text") or params.get("caption") or ""))
        message = BotMessage(chat.chat_id, chat.next_id, text, params.get("reply_markup"))
        chat.next_id += 1
        chat.keep(message)
        self.sent[chat.chat_id] += 1
        self.last_send_answered = time.monotonic()
        self._show(chat, message)
        return message.json(chat.json(), self.bot)

    def _edit(self, method: str, chat: Chat, params: Mapping[str, str]) -> JsonDict:
        message_id = int(params.get("message_id", "0"))
        if not 0 < message_id < chat.next_id:
            raise self._violation(400, "Bad Request: message to edit not found")
        old = chat.messages.get(message_id)
        text = html.unescape(TAG.sub("", params.get("text", ""))) if "text" in params else None
        new = BotMessage(
            chat.chat_id,
            message_id,
            text if text is not None else (old.text if old else ""),
            params.get("reply_markup"),
        )
        if old is not None and (old.text, old.markup) == (new.text, new.markup):
            raise ApiError(400, "Bad Request: message is not modified")
        chat.keep(new)
        self._show(chat, new)
        return new.json(chat.json(), self.bot)

    def _show(self, chat: Chat, message: BotMessage) -> None:
        if chat.waiter is not None:
            matches, future = chat.waiter
            if not future.done() and matches(message):
                chat.waiter = None
                future.set_result(message)

    async def _get_updates(self, params: Mapping[str, str]) -> list[JsonDict]:
        if self.first_poll is None:
            self.first_poll = time.time()
            if self.on_first_poll is not None:
                self.on_first_poll()
        offset = int(params.get("offset") or 0)
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()
        if not self._updates and not self._closing:
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), float(params.get("timeout") or 0))
            except TimeoutError:
                return []
        limit = int(params.get("limit") or 100)
        return list(itertools.islice(self._updates, limit))

    def release_pollers(self) -> None:
        """Answer every waiting long poll now, and later ones at once (the fake is closing)."""
        self._closing = True
        self._arrived.set()

    def _violation(self, code: int, description: str) -> ApiError:
        self.violation_count += 1
        if len(self.violations) < 10:
            self.violations.append(description)
        return ApiError(code, description)
