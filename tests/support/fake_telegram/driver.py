"""``FakeTelegram``: the server's lifecycle and the synchronous, thread-safe driver for tests."""

from __future__ import annotations

import mimetypes
import threading
from types import TracebackType
from typing import Any, Self

from . import users
from .api import BotApi
from .constants import DEFAULT_TOKEN
from .files import document_json, photo_json, sticker_json
from .reading import ChatReader
from .records import (
    ApiCall,
    CallbackAnswer,
    Delivery,
    FakeUser,
    JsonDict,
    SentMessage,
    StoredFile,
    deep_copy,
    tiny_png,
)
from .server import Server
from .state import State
from .webhook import WebhookDelivery, post_json


class FakeTelegram(ChatReader):
    """The fake Bot API server plus a driver: fake users act, tests read what the bot did."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "kinerja_test_bot",
        bot_name: str = "Kinerja Test Bot",
    ) -> None:
        self._state = State(token, bot_username, bot_name)
        self._server: Server | None = None
        self._threads: list[threading.Thread] = []

    # ----- lifecycle

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("FakeTelegram is already running")
        self._server = Server(BotApi(self._state))
        serve = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},  # how long stop() waits for the loop
            name="fake-telegram-http",
            daemon=True,
        )
        self._threads = [serve, WebhookDelivery(self._state).thread]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Ends long polls, webhook delivery and every connection, then joins the threads."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._state.cond:
            self._state.closing = True
            self._state.cond.notify_all()
        server.shutdown()
        server.close_connections()
        server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, e.g. for ``KINERJA_TELEGRAM_API_URL``."""
        if self._server is None:
            raise RuntimeError("FakeTelegram is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: the token and method are appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: the token and file path are appended to it."""
        return f"{self.url}/file/bot"

    @property
    def token(self) -> str:
        return self._state.token

    @property
    def bot_id(self) -> int:
        return int(self._state.bot_json["id"])

    @property
    def bot_username(self) -> str:
        return str(self._state.bot_json["username"])

    def api(self) -> BotApi:
        """The Bot API over this fake's state, to call in the same process, without HTTP (the
        server need not run): ``tests.support.in_process``."""
        return BotApi(self._state)

    # ----- fake users act; each returns the update_id

    def start_chat(self, user: FakeUser) -> None:
        """The user opened a chat with the bot earlier, so the bot may write to them."""
        with self._state.cond:
            self._state.chat(user.private_chat_json())

    def send_text(self, user: FakeUser, text: str) -> int:
        with self._state.cond:
            return users.user_message(self._state, user, user.private_chat_json(), {"text": text})

    def send_command(self, user: FakeUser, command: str) -> int:
        """``/cmd args`` or ``/cmd@botname args``, with Telegram's bot_command entity."""
        if users.USER_COMMAND_RE.match(command) is None:
            raise ValueError(f"not a bot command: {command!r}")
        return self.send_text(user, command)

    def send_group_text(
        self, user: FakeUser, group_chat_id: int, text: str, *, title: str = "Grup Uji"
    ) -> int:
        chat = {"id": group_chat_id, "title": title, "type": "group"}
        with self._state.cond:
            return users.user_message(self._state, user, chat, {"text": text})

    def send_photo(
        self, user: FakeUser, caption: str | None = None, data: bytes | None = None
    ) -> int:
        """A photo (by default a tiny PNG), optionally captioned."""
        with self._state.cond:
            stored = self._state.store_file("photo", data or tiny_png(), None, "image/png")
            return self._send_file(user, {"photo": photo_json(stored)}, caption)

    def send_document(
        self, user: FakeUser, filename: str, data: bytes, *, caption: str | None = None
    ) -> int:
        mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        with self._state.cond:
            stored = self._state.store_file("document", data, filename, mime)
            return self._send_file(user, {"document": document_json(stored)}, caption)

    def send_sticker(self, user: FakeUser) -> int:
        with self._state.cond:
            stored = self._state.store_file("sticker", b"RIFF\0\0\0\0WEBP", None, "image/webp")
            return self._send_file(user, {"sticker": sticker_json(stored)}, None)

    def raw_user_message(self, user: FakeUser, content: JsonDict) -> int:
        """A message with any content in the user's private chat (voice, location, ...)."""
        with self._state.cond:
            return users.user_message(self._state, user, user.private_chat_json(), content)

    def raw_update(self, payload: JsonDict) -> int:
        """Any update (e.g. ``{"channel_post": {...}}``), as Telegram would queue it."""
        with self._state.cond:
            return self._state.enqueue(payload)

    def _send_file(self, user: FakeUser, content: JsonDict, caption: str | None) -> int:
        if caption is not None:
            content["caption"] = caption
        return users.user_message(self._state, user, user.private_chat_json(), content)

    def last_user_message_id(self, user: FakeUser) -> int:
        """The message id of the latest message the user sent in their private chat."""
        with self._state.cond:
            chat = self._state.chats.get(user.id)
            if chat is None or not chat.user_messages:
                raise ValueError(f"{user.first_name} has sent nothing")
            return max(chat.user_messages)

    def edit_text(self, user: FakeUser, message_id: int, new_text: str) -> int:
        """The user edits a text they sent in their private chat (an ``edited_message``)."""
        with self._state.cond:
            return users.user_edit(self._state, user, message_id, new_text)

    def press(self, user: FakeUser, message: SentMessage | int, callback_data: str) -> int:
        """A callback query from ``message`` (as stored now) with any data, even a forged one."""
        with self._state.cond:
            current = users.current_message(self._state, user, message)
            return users.callback_query(self._state, user, current, callback_data)

    def press_button(self, user: FakeUser, message: SentMessage | int, text: str) -> int:
        """Presses the inline button labelled ``text`` on the message as it is shown now."""
        with self._state.cond:
            current = users.current_message(self._state, user, message)
            data = users.button_data(current, text)
            return users.callback_query(self._state, user, current, data)

    # ----- failure injection

    def block(self, user: FakeUser) -> None:
        """From now on the bot's requests to this user's chat answer 403."""
        with self._state.cond:
            self._state.chat(user.private_chat_json()).blocked = True

    def unblock(self, user: FakeUser) -> None:
        with self._state.cond:
            self._state.chat(user.private_chat_json()).blocked = False

    def rate_limit(self, chat_id: int, *, count: int = 1, retry_after: int = 1) -> None:
        """The next ``count`` sends (message, photo, document) to the chat answer 429."""
        with self._state.cond:
            chat = self._state.chats.get(chat_id)
            if chat is None:
                raise ValueError(f"unknown chat {chat_id}; a user must write or start_chat first")
            chat.refusals_left, chat.retry_after = count, retry_after

    def send_times(self, chat_id: int) -> list[float]:
        """``time.monotonic()`` of every successful send to the chat, for pacing checks."""
        with self._state.cond:
            chat = self._state.chats.get(chat_id)
            return list(chat.send_times) if chat else []

    # ----- updates and the webhook

    def pending_updates(self) -> list[JsonDict]:
        """Updates not yet confirmed by getUpdates or accepted by the webhook."""
        with self._state.cond:
            return [deep_copy(update) for update in self._state.updates]

    def wait_until_delivered(self, update_id: int | None = None, *, timeout: float = 10.0) -> None:
        """Blocks until the update (default: every update) is no longer pending."""
        state = self._state

        def delivered() -> bool:
            return all(update_id not in (None, u["update_id"]) for u in state.updates)

        with state.cond:
            if not state.cond.wait_for(delivered, timeout):
                pending = [u["update_id"] for u in state.updates]
                raise AssertionError(f"updates still pending after {timeout}s: {pending}")

    def deliver_raw(self, update: Any, *, secret: str | None, url: str | None = None) -> int | None:
        """POSTs ``update`` to the webhook now; returns the HTTP status (None if unreachable)."""
        with self._state.cond:
            hook = self._state.webhook
        target = url or (hook.url if hook else None)
        if target is None:
            raise AssertionError("the bot has set no webhook; pass url=")
        delivery = post_json(target, update, secret)
        with self._state.cond:
            self._state.deliveries.append(delivery)
        return delivery.status

    @property
    def deliveries(self) -> list[Delivery]:
        with self._state.cond:
            return list(self._state.deliveries)

    @property
    def webhook_url(self) -> str | None:
        with self._state.cond:
            return self._state.webhook.url if self._state.webhook else None

    # ----- other observations

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        with self._state.cond:
            return list(self._state.callback_answers)

    def wait_for_callback_answer(self, update_id: int, *, timeout: float = 10.0) -> CallbackAnswer:
        """The bot's answerCallbackQuery for the press that made update ``update_id``."""
        state = self._state

        def answer() -> CallbackAnswer | None:
            return next((a for a in state.callback_answers if a.update_id == update_id), None)

        with state.cond:
            found = state.cond.wait_for(answer, timeout)
        if found is None:
            raise AssertionError(f"the bot did not answer the callback query of update {update_id}")
        return found

    def unanswered_callbacks(self) -> list[int]:
        """Update ids of presses the bot has not answered (the user still sees a spinner)."""
        with self._state.cond:
            return [q.update_id for q in self._state.queries.values() if not q.answered]

    @property
    def commands(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """setMyCommands by (scope, language_code); a scope is e.g. "default" or "chat:42"."""
        with self._state.cond:
            return {key: list(value) for key, value in self._state.commands.items()}

    @property
    def requests(self) -> list[ApiCall]:
        """Every request the bot made, in order, for debugging."""
        with self._state.cond:
            return list(self._state.requests)

    def calls(self, method: str) -> list[ApiCall]:
        return [call for call in self.requests if call.method.lower() == method.lower()]

    def chat_actions(self, chat_id: int) -> list[str]:
        with self._state.cond:
            chat = self._state.chats.get(chat_id)
            return list(chat.chat_actions) if chat else []

    def file(self, file_id: str) -> StoredFile:
        with self._state.cond:
            return self._state.files[file_id]

    # ----- violations

    @property
    def violations(self) -> list[str]:
        with self._state.cond:
            return list(self._state.violations)

    def clear_violations(self) -> None:
        with self._state.cond:
            self._state.violations.clear()

    def assert_no_violations(self) -> None:
        found = self.violations
        if found:
            listed = "\n  ".join(found)
            raise AssertionError(f"the bot broke Telegram's rules {len(found)}x:\n  {listed}")
