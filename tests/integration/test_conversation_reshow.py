"""Issue 12, *Conversations*: where the bot waits for an answer, every input it cannot use shows
the current question again, and only the latest question message of a session takes presses
(a question shown again makes the buttons of the earlier messages stale)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.processor import Resume
from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.fake_telegram.records import SentMessage
from tests.support.in_process import InProcessBot, in_process_bot

CITIZEN = FakeUser(id=7_800_000_021, first_name="Wati")
QUESTION = "pertanyaan"
UNSUPPORTED: list[dict[str, Any]] = [
    {"voice": {"file_id": "v1", "file_unique_id": "uv1", "duration": 2}},
    {"location": {"latitude": -6.2, "longitude": 106.8}},
    {"contact": {"phone_number": "+628123", "first_name": "Wati"}},
]


def _questions(tg: FakeTelegram) -> list[SentMessage]:
    return [m for m in tg.messages(CITIZEN.id) if QUESTION in (m.text or "") and m.buttons]


def _option(message: SentMessage) -> str:
    return message.buttons[0][0][1]


async def _survey_at_question_two(tg: FakeTelegram, bot: InProcessBot) -> SentMessage:
    tg.start_chat(CITIZEN)
    tg.send_text(CITIZEN, "/start skm_KTP-EL")
    await bot.deliver()
    [first] = _questions(tg)
    tg.press(CITIZEN, first, _option(first))
    await bot.deliver()
    latest = _questions(tg)[-1]
    assert "pertanyaan 2 dari" in (latest.text or "")
    return latest


@pytest.mark.parametrize(
    "content", [None, *UNSUPPORTED], ids=["sticker", "voice", "location", "contact"]
)
async def test_an_unsupported_message_during_a_survey_shows_the_question_again(
    demo_world: Path, tmp_path: Path, content: dict[str, Any] | None
) -> None:
    database = tmp_path / "reshow.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        await _survey_at_question_two(tg, bot)
        before = len(tg.messages(CITIZEN.id))
        if content is None:
            tg.send_sticker(CITIZEN)
        else:
            tg.raw_user_message(CITIZEN, content)
        await bot.deliver()
        new = tg.messages(CITIZEN.id)[before:]
        assert "tidak dapat saya proses" in (new[0].text or "")
        assert "pertanyaan 2 dari" in (new[-1].text or "")
        assert new[-1].buttons
        assert bot.errors == []
    tg.assert_no_violations()


async def test_an_unsupported_message_outside_a_form_gets_only_the_short_reply(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "plain.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        tg.start_chat(CITIZEN)
        tg.send_sticker(CITIZEN)
        await bot.deliver()
        [reply] = tg.messages(CITIZEN.id)
        assert "tidak dapat saya proses" in (reply.text or "")
    tg.assert_no_violations()


async def test_after_a_question_is_shown_again_only_the_latest_message_takes_presses(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "latest.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        old = await _survey_at_question_two(tg, bot)
        tg.send_sticker(CITIZEN)
        await bot.deliver()
        latest = _questions(tg)[-1]
        assert latest.message_id != old.message_id
        stale = tg.press(CITIZEN, old, _option(old))
        await bot.deliver()
        assert "pesan lama" in (tg.wait_for_callback_answer(stale).text or "")
        assert "pertanyaan 2 dari" in (_questions(tg)[-1].text or "")  # nothing moved
        taken = tg.press(CITIZEN, latest, _option(latest))
        await bot.deliver()
        assert tg.wait_for_callback_answer(taken).text in (None, "")
        assert "pertanyaan 3 dari" in (_questions(tg)[-1].text or "")
    tg.assert_no_violations()


async def test_after_a_restart_the_question_shown_again_takes_presses_and_the_old_one_not(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "restart.db"
    shutil.copyfile(demo_world, database)
    url = f"sqlite:///{database}"
    tg = FakeTelegram()
    async with in_process_bot(tg, url) as bot:
        old = await _survey_at_question_two(tg, bot)
    # A restart: an update whose effect had committed is taken over and not applied again;
    # the person is shown where they are (bot.core.fallback.on_resume).
    async with in_process_bot(tg, url) as bot:
        press = Update.de_json(
            {
                "update_id": 999_001,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": CITIZEN.id, "type": "private"},
                    "from": {"id": CITIZEN.id, "is_bot": False, "first_name": "Wati"},
                    "text": "x",
                },
            },
            bot.application.bot,
        )
        resume = Resume(press)
        await bot.application.update_processor.process_update(
            resume, bot.application.process_update(resume)
        )
        latest = _questions(tg)[-1]
        assert latest.message_id != old.message_id
        assert "pertanyaan 2 dari" in (latest.text or "")
        stale = tg.press(CITIZEN, old, _option(old))
        await bot.deliver()
        assert "pesan lama" in (tg.wait_for_callback_answer(stale).text or "")
        taken = tg.press(CITIZEN, latest, _option(latest))
        await bot.deliver()
        assert "pertanyaan 3 dari" in (_questions(tg)[-1].text or "")
        assert tg.wait_for_callback_answer(taken).text in (None, "")
        assert bot.errors == []
    tg.assert_no_violations()


async def test_opening_the_survey_again_makes_the_earlier_question_message_stale(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "reopen.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        old = await _survey_at_question_two(tg, bot)
        tg.send_text(CITIZEN, "/start skm_KTP-EL")  # the QR code scanned again: resumed
        await bot.deliver()
        latest = _questions(tg)[-1]
        assert latest.message_id != old.message_id
        stale = tg.press(CITIZEN, old, _option(old))
        await bot.deliver()
        assert "pesan lama" in (tg.wait_for_callback_answer(stale).text or "")
        tg.press(CITIZEN, latest, _option(latest))
        await bot.deliver()
        assert "pertanyaan 3 dari" in (_questions(tg)[-1].text or "")
    tg.assert_no_violations()
