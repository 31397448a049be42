"""The fake Telegram server driven by PTB's own client: proof that the two interoperate."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import queue
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    Application,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    Updater,
    filters,
)
from telegram.request import HTTPXRequest

from tests.support.fake_telegram import FakeTelegram, FakeUser, parse_telegram_html, tiny_png

ALICE = FakeUser(id=1001, first_name="Alice", username="alice")
BUDI = FakeUser(id=1002, first_name="Budi")
YES_NO = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Ya", callback_data="yes"),
            InlineKeyboardButton("Tidak", callback_data="no"),
        ]
    ]
)


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake
        fake.assert_no_violations()


def plain_http() -> HTTPXRequest:
    """The fake speaks plain HTTP: not loading the CA bundle saves ~50 ms per client."""
    return HTTPXRequest(httpx_kwargs={"verify": False})


def ptb_bot(tg: FakeTelegram, token: str | None = None) -> Bot:
    return Bot(
        token or tg.token,
        base_url=tg.base_url,
        base_file_url=tg.base_file_url,
        request=plain_http(),
        get_updates_request=plain_http(),
    )


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with ptb_bot(tg) as client:
        yield client


@contextlib.contextmanager
def refused_as_violation(
    tg: FakeTelegram, match: str, error: type[TelegramError] = BadRequest
) -> Iterator[None]:
    """The request inside is refused with ``error`` and recorded (then cleared) as a violation."""
    with pytest.raises(error, match=f"(?i){match}"):  # PTB capitalises the description
        yield
    assert tg.violations, "the refusal was not recorded as a violation"
    tg.clear_violations()


def message_of(update: Update) -> Message:
    """The update's message: new, edited, or the one a pressed button is on."""
    query = update.callback_query
    message = query.message if query is not None else update.effective_message
    assert isinstance(message, Message)
    return message


def query_of(update: Update) -> CallbackQuery:
    assert update.callback_query is not None
    return update.callback_query


def document_of(message: Message) -> Document:
    assert message.document is not None
    return message.document


def keyboard(callback_data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Pilih", callback_data=callback_data)]])


# --------------------------------------------------------------------------- bot and messages


async def test_get_me_describes_the_configured_bot(bot: Bot, tg: FakeTelegram) -> None:
    me = await bot.get_me()

    assert (me.id, me.username, me.is_bot) == (123456789, "kinerja_test_bot", True)
    assert [call.method for call in tg.requests] == ["getMe", "getMe"]


async def test_an_html_message_with_a_keyboard_is_stored_as_the_user_sees_it(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.start_chat(ALICE)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Ya", callback_data="yes"),
                InlineKeyboardButton("Panduan", url="https://example.org/p"),
            ]
        ]
    )
    sent = await bot.send_message(
        ALICE.id,
        "<b>Halo</b> Alice &amp; tim 👋 <i>siap?</i>",
        ParseMode.HTML,
        reply_markup=buttons,
    )

    stored = tg.wait_for_message(ALICE.id)
    assert stored.message_id == sent.message_id == 1
    assert stored.text == sent.text == "Halo Alice & tim 👋 siap?"
    assert stored.buttons == [[("Ya", "yes"), ("Panduan", "https://example.org/p")]]
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 4),
        ("italic", 20, 5),
    ]
    assert sent.reply_markup == buttons


@pytest.mark.parametrize(
    "text",
    [
        "<div>x</div>",
        "Gaji & tunjangan",
        "1 < 2",
        "2 > 1",
        "<b>tebal",
        "<b><i>x</b></i>",
        "</b>",
        '<span class="merah">x</span>',
        "<a>tanpa tautan</a>",
        '<b onclick="x">x</b>',
        "&nbsp;",
        "<code><b>x</b></code>",
        "<blockquote><blockquote>x</blockquote></blockquote>",
    ],
)
async def test_text_that_is_not_valid_telegram_html_is_refused(
    bot: Bot, tg: FakeTelegram, text: str
) -> None:
    tg.start_chat(ALICE)
    with refused_as_violation(tg, match="can't parse entities"):
        await bot.send_message(ALICE.id, text, parse_mode=ParseMode.HTML)


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        ("<b>👋</b>x", "👋x", [{"type": "bold", "offset": 0, "length": 2}]),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [{"type": "pre", "offset": 0, "length": 5, "language": "python"}],
        ),
        (
            "<blockquote expandable>a <s>b</s></blockquote>",
            "a b",
            [
                {"type": "expandable_blockquote", "offset": 0, "length": 3},
                {"type": "strikethrough", "offset": 2, "length": 1},
            ],
        ),
        (
            '<a href="https://x.org/?a=1&amp;b=2">tautan</a>',
            "tautan",
            [{"type": "text_link", "offset": 0, "length": 6, "url": "https://x.org/?a=1&b=2"}],
        ),
        (
            '<span class="tg-spoiler">r</span><tg-emoji emoji-id="53">👍</tg-emoji>',
            "r👍",
            [
                {"type": "spoiler", "offset": 0, "length": 1},
                {"type": "custom_emoji", "offset": 1, "length": 2, "custom_emoji_id": "53"},
            ],
        ),
        ("&lt;&gt;&amp;&quot;&#x27;&#128075;", "<>&\"'👋", []),
    ],
)
def test_valid_telegram_html_gives_the_plain_text_and_entities(
    source: str, text: str, entities: list[dict[str, Any]]
) -> None:
    parsed = parse_telegram_html(source)

    assert (parsed.text, list(parsed.entities)) == (text, entities)


async def test_callback_data_longer_than_64_bytes_is_refused(bot: Bot, tg: FakeTelegram) -> None:
    tg.start_chat(ALICE)
    await bot.send_message(ALICE.id, "64 bytes", reply_markup=keyboard("é" * 32))

    with refused_as_violation(tg, match="BUTTON_DATA_INVALID"):
        await bot.send_message(ALICE.id, "65 bytes", reply_markup=keyboard("é" * 32 + "x"))


async def test_text_over_4096_characters_and_empty_text_are_refused(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.start_chat(ALICE)
    await bot.send_message(ALICE.id, "a" * 4096)

    with refused_as_violation(tg, match="message is too long"):
        await bot.send_message(ALICE.id, "a" * 4097)
    with refused_as_violation(tg, match="message text is empty"):
        await bot.send_message(ALICE.id, "<b> </b>", parse_mode=ParseMode.HTML)
    with refused_as_violation(tg, match="message caption is too long"):
        await bot.send_photo(ALICE.id, tiny_png(), caption="a" * 1025)


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"chat_id": 4242, "text": "x"}, "chat not found"),
        ({"chat_id": "abc", "text": "x"}, "must be an integer"),
        ({"chat_id": ALICE.id}, "message text is empty"),
        ({"chat_id": ALICE.id, "text": "x", "reply_markup": "{not json"}, "can't parse"),
        (
            {
                "chat_id": ALICE.id,
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "x"}]]},
            },
            "exactly one of callback_data or url",
        ),
        (
            {
                "chat_id": ALICE.id,
                "text": "x",
                "reply_markup": {
                    "inline_keyboard": [
                        [{"text": "x", "callback_data": "a", "url": "https://x.org"}]
                    ]
                },
            },
            "exactly one of callback_data or url",
        ),
        ({"chat_id": ALICE.id, "text": "x", "parse_mode": "MarkdownV2"}, "only parse_mode HTML"),
    ],
)
def test_malformed_send_message_requests_are_refused_as_violations(
    tg: FakeTelegram, params: dict[str, Any], description: str
) -> None:
    tg.start_chat(ALICE)
    answer = httpx.post(f"{tg.base_url}{tg.token}/sendMessage", json=params).json()

    assert answer["ok"] is False
    assert answer["error_code"] == 400
    assert description in answer["description"]
    assert len(tg.violations) == 1
    tg.clear_violations()


async def test_an_unknown_method_and_a_wrong_token_are_violations(
    bot: Bot, tg: FakeTelegram
) -> None:
    with refused_as_violation(tg, match="not found", error=EndPointNotFound):
        await bot.do_api_request("send_unicorn")
    with refused_as_violation(tg, match="was rejected by the server", error=InvalidToken):
        async with ptb_bot(tg, token="42:wrong-token"):
            pass


# --------------------------------------------------------------------------- updates


async def test_a_users_text_arrives_via_get_updates_and_an_offset_confirms_it(
    bot: Bot, tg: FakeTelegram
) -> None:
    first = tg.send_text(ALICE, "halo")
    second = tg.send_text(BUDI, "pagi")

    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [first, second]
    assert [message_of(u).text for u in updates] == ["halo", "pagi"]
    assert [u.update_id for u in await bot.get_updates(limit=1)] == [first]
    assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
    assert await bot.get_updates(offset=second + 1) == ()
    assert tg.pending_updates() == []


async def test_a_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, tg: FakeTelegram) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    tg.send_text(ALICE, "halo")

    updates = await poll
    assert [message_of(u).text for u in updates] == ["halo"]
    assert time.monotonic() - started < 2


async def test_a_long_poll_without_updates_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()

    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 3


async def test_a_users_command_is_exactly_the_json_telegram_sends(tg: FakeTelegram) -> None:
    tg.send_command(ALICE, "/start@kinerja_test_bot reg_ABC")

    (update,) = tg.pending_updates()
    assert update["message"] == {
        "message_id": 1,
        "from": {
            "id": 1001,
            "is_bot": False,
            "first_name": "Alice",
            "username": "alice",
            "language_code": "id",
        },
        "chat": {"id": 1001, "type": "private", "first_name": "Alice", "username": "alice"},
        "date": update["message"]["date"],
        "text": "/start@kinerja_test_bot reg_ABC",
        "entities": [{"offset": 0, "length": 23, "type": "bot_command"}],
    }


async def test_every_update_the_driver_makes_parses_as_a_ptb_update(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.send_text(ALICE, "nilai saya 80")
    tg.send_photo(ALICE, caption="foto")
    tg.send_document(ALICE, "nilai.csv", b"a,b\n")
    tg.send_sticker(ALICE)
    tg.send_group_text(BUDI, -100123, "/laporan")
    await bot.send_message(ALICE.id, "Setuju?", reply_markup=YES_NO)
    tg.press_button(ALICE, tg.wait_for_message(ALICE.id), "Tidak")
    tg.edit_text(ALICE, 1, "nilai saya 90")

    updates = [Update.de_json(data, bot) for data in tg.pending_updates()]
    _, photo, document, sticker, group, press, edit = map(message_of, updates)
    assert (photo.caption, [size.width for size in photo.photo]) == ("foto", [2])
    assert document.document is not None
    assert (document.document.file_name, document.document.mime_type) == ("nilai.csv", "text/csv")
    assert sticker.sticker is not None
    assert group.chat.type == "group"
    assert (group.chat.id, group.text) == (-100123, "/laporan")
    assert (query_of(updates[5]).data, press.text) == ("no", "Setuju?")
    assert (edit.message_id, edit.text) == (1, "nilai saya 90")
    assert edit.edit_date is not None


async def test_a_button_press_round_trips_through_answer_callback_query(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.start_chat(ALICE)
    await bot.send_message(ALICE.id, "Setuju?", reply_markup=YES_NO)
    question = tg.wait_for_message(ALICE.id)

    pressed = tg.press_button(ALICE, question, "Ya")
    (update,) = await bot.get_updates()
    query = query_of(update)
    assert (update.update_id, query.data, query.from_user.id) == (pressed, "yes", ALICE.id)
    assert message_of(update).message_id == question.message_id
    await query.answer("Tersimpan")

    assert tg.wait_for_callback_answer(pressed).text == "Tersimpan"
    assert tg.unanswered_callbacks() == []
    with refused_as_violation(tg, match="query is too old"):
        await query.answer()
    with pytest.raises(AssertionError, match=r"\['Ya', 'Tidak'\]"):
        tg.press_button(ALICE, question, "Mungkin")


async def test_edits_are_read_like_new_messages_and_an_identical_edit_is_not_modified(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.start_chat(ALICE)
    sent = await bot.send_message(ALICE.id, "Langkah 1", reply_markup=YES_NO)
    assert tg.wait_for_message(ALICE.id).text == "Langkah 1"

    await bot.edit_message_text(
        "Langkah <b>2</b>",
        ALICE.id,
        sent.message_id,
        parse_mode=ParseMode.HTML,
        reply_markup=YES_NO,
    )
    edited = tg.wait_for_message(ALICE.id)
    assert (edited.message_id, edited.text, len(edited.edits)) == (sent.message_id, "Langkah 2", 1)

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text(
            "Langkah <b>2</b>",
            ALICE.id,
            sent.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=YES_NO,
        )
    assert tg.violations == []

    await bot.edit_message_text(
        "Langkah <b>2</b>", ALICE.id, sent.message_id, parse_mode=ParseMode.HTML
    )
    assert tg.wait_for_message(ALICE.id).buttons == [], (
        "an edit without reply_markup drops the keyboard"
    )
    tg.assert_no_new_messages(ALICE.id, within=0.05)


async def test_waiting_skips_to_the_first_message_matching_the_predicate(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.start_chat(ALICE)
    for text in ("satu", "dua", "tiga"):
        await bot.send_message(ALICE.id, text)

    assert tg.wait_for_message(ALICE.id, lambda m: m.text == "dua").text == "dua"
    assert [m.text for m in tg.wait_for_messages(ALICE.id, 1)] == ["tiga"]
    with pytest.raises(AssertionError, match="nothing matching from the bot in chat 1001"):
        tg.wait_for_message(ALICE.id, timeout=0.05)


async def test_editing_or_deleting_a_message_that_does_not_exist_is_a_violation(
    bot: Bot, tg: FakeTelegram
) -> None:
    tg.start_chat(ALICE)
    with refused_as_violation(tg, match="message to edit not found"):
        await bot.edit_message_text("x", ALICE.id, 999)
    with refused_as_violation(tg, match="message to delete not found"):
        await bot.delete_message(ALICE.id, 999)

    sent = await bot.send_message(ALICE.id, "sementara")
    assert await bot.delete_message(ALICE.id, sent.message_id)
    assert tg.messages(ALICE.id)[0].deleted
    assert [event.kind for event in tg.events(ALICE.id)] == ["sent", "deleted"]


# --------------------------------------------------------------------------- files


async def test_uploaded_documents_and_photos_keep_their_bytes(bot: Bot, tg: FakeTelegram) -> None:
    tg.start_chat(ALICE)
    xlsx = b"PK\x03\x04" + bytes(range(256))

    document = await bot.send_document(
        ALICE.id, xlsx, filename="rekap.xlsx", caption="<b>Rekap</b>", parse_mode=ParseMode.HTML
    )
    photo = await bot.send_photo(ALICE.id, tiny_png(3, 2))
    await bot.send_document(ALICE.id, document_of(document).file_id)

    stored_document, stored_photo, resent = tg.wait_for_messages(ALICE.id, 3)
    assert (stored_document.document, stored_document.filename, stored_document.caption) == (
        xlsx,
        "rekap.xlsx",
        "Rekap",
    )
    assert stored_photo.photo == tiny_png(3, 2)
    assert (photo.photo[-1].width, photo.photo[-1].height) == (3, 2)
    assert resent.document == xlsx
    file = await bot.get_file(document_of(document).file_id)
    assert bytes(await file.download_as_bytearray()) == xlsx
    with refused_as_violation(tg, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(ALICE.id, b"not an image")


async def test_a_document_a_user_sent_can_be_fetched_with_get_file(
    bot: Bot, tg: FakeTelegram
) -> None:
    csv = b"nip;nama\n198701012010011001;Siti\n"
    tg.send_document(ALICE, "pegawai.csv", csv)

    (update,) = await bot.get_updates()
    document = document_of(message_of(update))
    assert (document.file_name, document.file_size) == ("pegawai.csv", len(csv))
    file = await document.get_file()
    assert bytes(await file.download_as_bytearray()) == csv
    with refused_as_violation(tg, match="invalid file_id"):
        await bot.get_file("tidak-ada")


# --------------------------------------------------------------------------- commands, webhook


async def test_set_my_commands_is_stored_per_scope_and_language(bot: Bot, tg: FakeTelegram) -> None:
    await bot.set_my_commands([BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")])
    await bot.set_my_commands(
        [BotCommand("start", "Start")], scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )

    assert tg.commands == {
        ("default", ""): [("start", "Mulai"), ("bantuan", "Bantuan")],
        ("all_private_chats", "en"): [("start", "Start")],
    }
    assert [c.command for c in await bot.get_my_commands()] == ["start", "bantuan"]
    with refused_as_violation(tg, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start", "Mulai")])


class WebhookReceiver:
    """A tiny HTTP endpoint that records POSTs and answers 403 to a wrong secret."""

    def __init__(self, secret: str) -> None:
        self.posts: queue.Queue[tuple[str | None, dict[str, Any]]] = queue.Queue()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                given = self.headers.get("X-Telegram-Bot-Api-Secret-Token")
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.posts.put((given, body))
                self.send_response(200 if given == secret else 403)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01})


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    endpoint = WebhookReceiver(secret="rahasia-123")
    endpoint.thread.start()
    yield endpoint
    endpoint.server.shutdown()
    endpoint.server.server_close()
    endpoint.thread.join()


async def test_webhook_updates_are_posted_with_the_secret_header(
    bot: Bot, tg: FakeTelegram, receiver: WebhookReceiver
) -> None:
    await bot.set_webhook(receiver.url, secret_token="rahasia-123")
    update_id = tg.send_text(ALICE, "halo")

    secret, body = await asyncio.to_thread(receiver.posts.get, timeout=5)
    assert (secret, body["update_id"], body["message"]["text"]) == (
        "rahasia-123",
        update_id,
        "halo",
    )
    tg.wait_until_delivered(update_id)
    assert [d.status for d in tg.deliveries] == [200]
    assert await asyncio.to_thread(tg.deliver_raw, body, secret="salah") == 403
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == (receiver.url, 0)
    with refused_as_violation(tg, match="webhook is active", error=Conflict):
        await bot.get_updates()


# --------------------------------------------------------------------------- failure injection


async def test_a_user_who_blocked_the_bot_answers_forbidden(bot: Bot, tg: FakeTelegram) -> None:
    tg.block(ALICE)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ALICE.id, "Pengingat")
    assert tg.violations == []

    tg.unblock(ALICE)
    await bot.send_message(ALICE.id, "Pengingat")


async def test_rate_limited_sends_answer_429_with_retry_after(
    bot: Bot, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22 warns (an error under -W error) when it builds RetryAfter from int seconds.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    tg.start_chat(ALICE)
    tg.rate_limit(ALICE.id, count=2, retry_after=3)

    for _ in range(2):
        with pytest.raises(RetryAfter) as refused:
            await bot.send_message(ALICE.id, "Pengingat")
        assert refused.value.retry_after == dt.timedelta(seconds=3)
    await bot.send_message(ALICE.id, "Pengingat")

    assert [call.status for call in tg.calls("sendMessage")] == [429, 429, 200]
    assert len(tg.send_times(ALICE.id)) == 1


# --------------------------------------------------------------------------- PTB applications


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def application(tg: FakeTelegram) -> AnyApplication:
    builder = Application.builder().token(tg.token).base_url(tg.base_url)
    builder = builder.base_file_url(tg.base_file_url)
    return builder.request(plain_http()).get_updates_request(plain_http()).build()


@contextlib.asynccontextmanager
async def running(
    app: AnyApplication, start_updater: Callable[[Updater], Awaitable[Any]]
) -> AsyncIterator[None]:
    """The application initialised and started the way ``run_polling``/``run_webhook`` do."""
    assert app.updater is not None
    async with app:
        await start_updater(app.updater)
        await app.start()
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    assert update.effective_user is not None
    await update.effective_message.reply_text(f"Halo {update.effective_user.first_name}")


async def test_a_polling_ptb_application_starts_and_replies_through_the_fake(
    tg: FakeTelegram,
) -> None:
    app = application(tg)
    app.add_handler(CommandHandler("start", greet))
    async with running(app, lambda updater: updater.start_polling(poll_interval=0)):
        tg.send_command(ALICE, "/start")
        reply = await asyncio.to_thread(tg.wait_for_message, ALICE.id)

    assert reply.text == "Halo Alice"
    methods = [call.method for call in tg.requests]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    assert "sendMessage" in methods
    assert methods[-1] == "getUpdates", "on stop PTB confirms what it fetched"


async def test_a_webhook_ptb_application_receives_updates_that_carry_its_secret(
    tg: FakeTelegram,
) -> None:
    port = free_port()
    app = application(tg)
    app.add_handler(MessageHandler(filters.TEXT, greet))
    url = f"http://127.0.0.1:{port}/telegram"

    def start_webhook(updater: Updater) -> Awaitable[Any]:
        return updater.start_webhook(
            "127.0.0.1", port, url_path="telegram", webhook_url=url, secret_token="rahasia-123"
        )

    async with running(app, start_webhook):
        update_id = tg.send_text(ALICE, "halo")
        reply = await asyncio.to_thread(tg.wait_for_message, ALICE.id)
        forged = await asyncio.to_thread(tg.deliver_raw, {"update_id": 1}, secret="salah")

    assert (reply.text, forged) == ("Halo Alice", 403)
    assert [(d.update_id, d.status) for d in tg.deliveries if d.status == 200] == [(update_id, 200)]
    set_webhook = tg.calls("setWebhook")[0]
    assert [call.method for call in tg.requests][:2] == ["getMe", "setWebhook"]
    assert set_webhook.params["secret_token"] == "rahasia-123"
