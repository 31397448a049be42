"""The log never shows the bot token or other secrets, and DEBUG never shows people's data."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from telegram import Bot
from telegram.error import InvalidToken

from bot.logs import QUIET_LOGGERS, RedactSecrets, configure_logging
from tests.support.fake_telegram import FakeTelegram, FakeUser

TOKEN = "123456789:AAH-secret-part-of-the-token-0123456789"
SECRET_PART = TOKEN.split(":")[1]
OTHER = "server-secret-key-0123456789abcdef"


def formatted(record: logging.LogRecord) -> str:
    return RedactSecrets([TOKEN, OTHER], "%(levelname)s %(name)s: %(message)s").format(record)


def record(msg: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord("t", logging.ERROR, __file__, 1, msg, args, exc_info)  # type: ignore[arg-type]


def test_a_secret_in_the_message_is_redacted() -> None:
    line = formatted(record(f"GET https://api.telegram.org/bot{TOKEN}/getMe and {OTHER}"))
    assert line.count("[REDACTED]") == 2
    assert all(secret not in line for secret in (TOKEN, SECRET_PART, OTHER))


def test_a_secret_in_the_arguments_is_redacted() -> None:
    line = formatted(record("url %s, key %r", f"/bot{TOKEN}/x", OTHER))
    assert "url /bot[REDACTED]/x, key '[REDACTED]'" in line


def test_the_secret_part_of_a_token_alone_is_redacted() -> None:
    assert SECRET_PART not in formatted(record("token tail %s", SECRET_PART))


def test_a_secret_in_a_traceback_is_redacted() -> None:
    try:
        try:
            raise InvalidToken("Unauthorized")
        except InvalidToken as cause:
            raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.") from cause
    except InvalidToken:
        line = formatted(record("start-up failed", exc_info=sys.exc_info()))
    assert "Traceback" in line
    assert "The token `[REDACTED]` was rejected by the server" in line
    assert SECRET_PART not in line


def test_a_secret_in_a_stack_trace_is_redacted() -> None:
    entry = record("here")
    entry.stack_info = f"Stack (most recent call last):\n  File 'x', line 1, in {TOKEN}"
    assert SECRET_PART not in formatted(entry)


@pytest.fixture
def logging_restored() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = tuple(QUIET_LOGGERS)
    levels = {name: logging.getLogger(name).level for name in names}
    hooks = sys.excepthook, threading.excepthook
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, saved in levels.items():
        logging.getLogger(name).setLevel(saved)
    sys.excepthook, threading.excepthook = hooks


@pytest.mark.usefixtures("logging_restored")
def test_an_uncaught_exception_prints_its_traceback_without_the_token(capsys) -> None:
    configure_logging("INFO", [TOKEN])
    try:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")
    except InvalidToken:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert "telegram.error.InvalidToken: The token `[REDACTED]` was rejected" in err
    assert SECRET_PART not in err


@pytest.mark.usefixtures("logging_restored")
def test_debug_keeps_the_libraries_quiet_and_the_bots_own_details() -> None:
    configure_logging("DEBUG", [TOKEN])
    assert logging.getLogger("bot.dispatch").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("telegram.ext.ExtBot").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("telegram._bot").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    assert not logging.getLogger("apscheduler.scheduler").isEnabledFor(logging.WARNING)
    configure_logging("ERROR", [TOKEN])
    assert not logging.getLogger("telegram").isEnabledFor(logging.WARNING)  # never below ERROR


@pytest.mark.usefixtures("logging_restored")
async def test_at_debug_a_registration_code_in_an_update_never_reaches_the_log(capsys) -> None:
    configure_logging("DEBUG", [TOKEN])
    code = "reg_K7Q2-PRIVATE-CODE"
    with FakeTelegram(token=TOKEN) as tg:
        tg.send_command(FakeUser(id=4242, first_name="Siti Rahma"), f"/start {code}")
        async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as bot:
            updates = await bot.get_updates(timeout=0)
        tg.assert_no_violations()
    logging.getLogger("bot.test").debug("fetched %s updates", len(updates))
    err = capsys.readouterr().err
    assert [u.message.text for u in updates if u.message] == [f"/start {code}"]
    assert "DEBUG bot.test: fetched 1 updates" in err  # DEBUG is on, for the bot's own lines
    assert all(private not in err for private in (code, "Siti Rahma", SECRET_PART))


@pytest.mark.usefixtures("logging_restored")
async def test_at_debug_no_sql_statement_or_parameter_reaches_the_log(capsys, tmp_path) -> None:
    from sqlalchemy import text

    from storage.database import Database

    configure_logging("DEBUG", [TOKEN])
    database = Database(f"sqlite:///{tmp_path / 'log.db'}")
    try:
        async with database.session() as session:
            await session.exec(text("CREATE TABLE t (x TEXT)"))  # type: ignore[call-overload]
            await session.exec(text("INSERT INTO t VALUES (:x)"), params={"x": "saran-rahasia"})  # type: ignore[call-overload]
            await session.commit()
    finally:
        await database.dispose()
    err = capsys.readouterr().err
    assert "saran-rahasia" not in err
    assert "INSERT INTO" not in err
