"""Issue 9: one Bot API round trip on the critical path of an answer. The pressed question message
becomes the next question (one ``editMessageText``, the answer recalled on its first line) while
the press is answered; nothing else is sent."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.in_process import in_process_bot

CITIZEN = FakeUser(id=7_800_000_031, first_name="Sari")


async def test_a_press_turns_the_question_into_the_next_one_in_one_call(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "trip.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        tg.start_chat(CITIZEN)
        tg.send_text(CITIZEN, "/start skm_KTP-EL")
        await bot.deliver()
        first = tg.messages(CITIZEN.id)[-1]
        assert "pertanyaan 1 dari" in (first.text or "")
        label, data = first.buttons[0][0]
        before = len(tg.requests)
        tg.press(CITIZEN, first, data)
        await bot.deliver()
        methods = sorted(c.method for c in tg.requests[before:] if c.method != "getUpdates")
        assert methods == ["answerCallbackQuery", "editMessageText"]
        edited = tg.messages(CITIZEN.id)[-1]
        assert edited.message_id == first.message_id
        assert (edited.text or "").startswith(f"✔ {label}")
        assert "pertanyaan 2 dari" in (edited.text or "")
        assert edited.buttons
        assert bot.errors == []
    tg.assert_no_violations()
