"""Nothing leaked (issue 8): no log line at DEBUG names a citizen, their saran or an SQL
statement with its parameters; and once a survey is over, nothing on disk (the SQLite file or its
write-ahead log) still holds the citizen's Telegram id next to the service they rated.

**The bound** these tests hold the fix to: a survey sent or cancelled leaves no trace on disk by
the time the bot confirms it to the citizen (the thanks, the cancel message) — that is when the
citizen believes it is over, and "checkpoint and truncate after the deletion" or "never write the
link to disk" both meet it. A survey abandoned half-way is forgotten by the hourly clean-up job
(``KINERJA_SKM_ABANDONED_HOURS`` after its last answer); its trace must be gone when that job has
run. While a survey is being filled in, its session row names the citizen by design (that is how
the next answer finds it), and the tests check that the search does see it then.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.e2e.journeys import (
    admin_of_disdukcapil,
    count,
    fill_skm,
    options,
    person,
    question,
    release_outbox,
    reply,
    rows,
)
from tests.e2e.rig import BotProcess
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e
# Above 2**32, so SQLite stores it in 6 bytes: a pattern no other value on disk matches by chance.
CITIZEN = 7_391_846_205
USERNAME = "siti_warga_77"
SARAN = "Petugas loket tiga ramah sekali"
CONTACT = "0812-7391-8462"
SQL = re.compile(r"\b(?:INSERT INTO|DELETE FROM|UPDATE \w+ SET|SELECT .+ FROM)\b")


@pytest.fixture
def bot(tg: FakeTelegram, demo_database_url: str, tmp_path: Path) -> Iterator[BotProcess]:
    """The bot, not started (the tests set its environment first); its log is checked here."""
    process = BotProcess(tg, demo_database_url, tmp_path)
    yield process
    process.stop()


@pytest.mark.parametrize(
    "demo_database_url",
    [
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ],
    indirect=True,
)
def test_a_survey_at_debug_leaves_no_citizen_saran_or_sql_in_the_log(bot: BotProcess) -> None:
    bot.extra_env["KINERJA_LOG_LEVEL"] = "DEBUG"
    bot.start()
    admin = admin_of_disdukcapil(bot, 7_391_800_001)
    warga = person(bot, CITIZEN, "Siti", username=USERNAME)
    warga.tap(fill_skm(warga, saran=SARAN, contact=CONTACT), "Kirim")
    reply(warga, "sudah tersimpan")
    release_outbox(bot)
    reply(admin, SARAN)  # the saran went out through the outbox: that path is in the log too
    bot.stop()
    log = bot.log
    leaks = {
        "Telegram id": log.count(str(CITIZEN)),
        "username": log.count(USERNAME),
        "saran": log.count(SARAN),
        "contact": log.count(CONTACT),
        "SQL statements": len(SQL.findall(log)),
    }
    assert not {what: n for what, n in leaks.items() if n}, (
        f"the DEBUG log ({len(log)} bytes) holds {leaks}"
    )
    bot.assert_clean_log()


def _now() -> datetime:
    return datetime.now(UTC)


# --- what stays on disk ----------------------------------------------------------------------


@pytest.fixture
def sqlite_bot(
    tg: FakeTelegram, demo_sqlite_template: Path, tmp_path: Path
) -> Iterator[BotProcess]:
    target = tmp_path / "kinerja.db"
    shutil.copyfile(demo_sqlite_template, target)
    process = BotProcess(tg, f"sqlite:///{target}", tmp_path)
    process.start()
    yield process
    process.stop()
    process.assert_clean_log()


def on_disk(bot: BotProcess) -> dict[str, int]:
    """How often the citizen's id, as SQLite stores it, is in the database file and its WAL
    (read while the bot runs: a clean stop checkpoints and deletes the WAL)."""
    pattern = CITIZEN.to_bytes(6, "big")
    path = Path(bot.database_url.removeprefix("sqlite:///"))
    found = {}
    for file in (path, path.with_name(path.name + "-wal")):
        data = file.read_bytes() if file.exists() else b""
        if data.count(pattern):
            found[file.name] = data.count(pattern)
    return found


def _survey_half_way(bot: BotProcess) -> None:
    warga = person(bot, CITIZEN, "Siti")
    assert on_disk(bot) == {}, "the id is on disk before the citizen wrote: the search is wrong"
    warga.send("/start skm_KTP-EL")
    for number in (1, 2):
        asked = question(warga, number)
        warga.tg.press(warga.user, asked, options(asked)[3][1])
    question(warga, 3)
    assert on_disk(bot), "the open session names its owner: the search must see it"


def test_a_sent_survey_leaves_no_link_on_disk_once_the_citizen_is_thanked(
    sqlite_bot: BotProcess,
) -> None:
    bot = sqlite_bot
    warga = person(bot, CITIZEN, "Siti")
    kirim = fill_skm(warga, saran=SARAN, contact=CONTACT)
    assert on_disk(bot), "the open session names its owner: the search must see it"
    warga.tap(kirim, "Kirim")
    reply(warga, "sudah tersimpan")
    assert count(bot, "SELECT count(*) FROM skm_responses") == 1
    assert on_disk(bot) == {}, "the citizen's id is still on disk after the survey was sent"


def test_a_cancelled_survey_leaves_no_link_on_disk_once_cancelled(sqlite_bot: BotProcess) -> None:
    bot = sqlite_bot
    _survey_half_way(bot)
    warga = person(bot, CITIZEN, "Siti")
    warga.send("/batal")
    reply(warga, "dibatalkan")
    assert count(bot, "SELECT count(*) FROM conversation_sessions") == 0
    assert on_disk(bot) == {}, "the citizen's id is still on disk after /batal"


def test_an_abandoned_survey_leaves_no_link_on_disk_once_the_clean_up_ran(
    sqlite_bot: BotProcess,
) -> None:
    """The clean-up job first runs 30 s after start; the test waits for it (and sets the
    session's last answer back two days, past ``KINERJA_SKM_ABANDONED_HOURS``)."""
    bot = sqlite_bot
    _survey_half_way(bot)

    async def age(uow) -> None:  # type: ignore[no-untyped-def]
        connection = await uow.session.connection()
        past = _now() - timedelta(days=2)
        await connection.execute(
            text("UPDATE conversation_sessions SET updated_at = :t"), {"t": past}
        )

    bot.db(age)
    _wait_for_log(bot, "SKM clean-up: 1 abandoned")
    assert rows(bot, "SELECT id FROM conversation_sessions") == []
    assert on_disk(bot) == {}, "the citizen's id is still on disk after the clean-up"


def _wait_for_log(bot: BotProcess, fragment: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while fragment not in bot.log:
        assert time.monotonic() < deadline, f"no {fragment!r} in the log within {timeout}s"
        time.sleep(0.2)
