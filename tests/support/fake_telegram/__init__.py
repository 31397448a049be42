"""A strict fake of the Telegram Bot API, for end-to-end tests of the real bot process.

Start the server, point the bot at it, act as fake users, and assert on what the bot did::

    with FakeTelegram() as tg:
        env = {"KINERJA_TELEGRAM_API_URL": tg.url, ...}   # start the bot process with it
        alice = FakeUser(id=1001, first_name="Alice")
        tg.send_command(alice, "/start reg_ABC")
        welcome = tg.wait_for_message(alice.id)
        tg.press_button(alice, welcome, "Lanjut")
        question = tg.wait_for_message(alice.id, lambda m: "Nilai" in (m.text or ""))
        tg.assert_no_violations()

The bot calls ``{url}/bot{token}/{method}`` and downloads files from
``{url}/file/bot{token}/{file_path}``; for PTB that is ``base_url=tg.base_url`` and
``base_file_url=tg.base_file_url``. The server runs in background threads on 127.0.0.1 with an
OS-chosen port; use it as a context manager or call ``start()`` / ``stop()``.

**Strictness.** Like Telegram, the fake answers ``{"ok": false, "error_code": ..., "description":
...}`` to requests it does not accept. Answers a correct bot never provokes (unknown method, wrong
token, missing or malformed parameter, invalid Telegram HTML, callback data over 64 UTF-8 bytes,
text over 4096 or caption over 1024 UTF-16 units, empty text, a button without exactly one of
``callback_data``/``url``, editing a message that does not exist, answering a callback query twice,
...) are also recorded in ``violations``; call ``assert_no_violations()`` at teardown. Answers a
correct bot must *handle* are not violations: "message is not modified", 403 for a user who blocked
the bot (``block(user)``), 429 with ``retry_after`` (``rate_limit(chat_id, count=...)``), and a 409
for a long poll superseded by a newer one. The bot may only write to chats the fake knows: a user
who has written to the bot (any ``send_*``), or one introduced with ``start_chat(user)``.

**Reading a chat.** Every message the bot sends, edits or deletes is a ``ChatEvent`` in its chat.
Each chat has a read cursor: ``wait_for_message(chat_id, predicate)`` blocks until an event after
the cursor is a new or edited message (matching the predicate, if given), moves the cursor past it
and returns a snapshot of the message as it was right after that event; events it passes over are
skipped. A test thus reads the conversation the way a user does, whether the bot answered with a new
message or by editing the old one. ``messages(chat_id)`` is the current state of every bot message
in the chat, ``events(chat_id)`` the full history, ``mark_read(chat_id)`` skips everything so far
and ``assert_no_new_messages(chat_id)`` checks the bot stayed silent. In an ``async`` test that
runs the bot in the same event loop, call the blocking waits through ``asyncio.to_thread``.

**Updates.** Each driver action (``send_text``, ``send_command``, ``press``, ...) queues one update
and returns its ``update_id``. In polling mode getUpdates serves the queue with Telegram's offset
and long-polling semantics; getUpdates while a webhook is set answers 409. Once the bot calls
setWebhook a delivery thread POSTs queued updates, in order, to the webhook URL with the
``X-Telegram-Bot-Api-Secret-Token`` header, retrying until the bot answers 2xx; every attempt is
in ``deliveries``. ``deliver_raw(update, secret=...)`` POSTs one body synchronously (e.g. with a
wrong secret) and returns the status the bot answered.

**Driver API** (all on ``FakeTelegram``; synchronous and thread-safe):

- users act, each returning the update_id: ``send_text``, ``send_command``, ``send_photo``,
  ``send_document``, ``send_sticker``, ``send_group_text``, ``edit_text``, ``press``,
  ``press_button``; ``start_chat`` introduces a user without an update.
- reading chats: ``wait_for_message``, ``wait_for_messages``, ``wait_for_event``, ``messages``,
  ``events``, ``mark_read``, ``assert_no_new_messages``.
- other observations: ``callback_answers``, ``wait_for_callback_answer``,
  ``unanswered_callbacks``, ``commands``, ``requests``, ``calls(method)``, ``chat_actions``,
  ``file(file_id)``, ``pending_updates``, ``wait_until_delivered``, ``deliveries``,
  ``webhook_url``, ``send_times``.
- failure injection: ``block``/``unblock``, ``rate_limit``, ``deliver_raw``.
- ``violations``, ``clear_violations``, ``assert_no_violations``.

Modules: ``driver`` (the facade) and ``reading``; ``users`` (updates users make); ``server`` and
``webhook`` (HTTP in and out); ``api`` dispatching to ``api_updates``, ``api_messages`` and
``api_content``; ``state`` and ``files``; the rules in ``telegram_html``, ``markup``, ``wire`` and
``constants``.
"""

from .driver import FakeTelegram
from .records import (
    ApiCall,
    CallbackAnswer,
    ChatEvent,
    Delivery,
    Edit,
    FakeUser,
    SentMessage,
    StoredFile,
    tiny_png,
    utf16_length,
)
from .telegram_html import FormattedText, HtmlError, parse_telegram_html

__all__ = [
    "ApiCall",
    "CallbackAnswer",
    "ChatEvent",
    "Delivery",
    "Edit",
    "FakeTelegram",
    "FakeUser",
    "FormattedText",
    "HtmlError",
    "SentMessage",
    "StoredFile",
    "parse_telegram_html",
    "tiny_png",
    "utf16_length",
]
