"""Coaching in chat (issue 11), through the real application and the strict fake Telegram:
Hendra records a bimbingan kinerja with Nur from her screen, Nur is asked Format B.1.8 through
the outbox and answers it, Hendra sees the answers; both see the session on their screens.
Bad input leaves everything as it was: a forged button, a date in the future, a second answer."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_telegram.records import SentMessage
from tests.support.in_process import HENDRA, NUR, STAFF, InProcessBot, in_process_bot

NUR_USER, HENDRA_USER = STAFF[NUR], STAFF[HENDRA]


def _last(tg: FakeTelegram, chat_id: int, contains: str) -> SentMessage:
    found = [m for m in tg.messages(chat_id) if contains in (m.text or "")]
    assert found, f"no message with {contains!r}: {[m.text for m in tg.messages(chat_id)]}"
    return found[-1]


async def _nur_id(bot: InProcessBot) -> int:
    async with bot.runtime.db.session(readonly=True) as session:
        found = await session.exec(  # type: ignore[call-overload]
            text("SELECT id FROM employees WHERE nip = :nip"), params={"nip": NUR}
        )
        return int(found.one()[0])


async def _record_session(tg: FakeTelegram, bot: InProcessBot, day: str) -> None:
    tg.send_text(HENDRA_USER, "/tim")
    await bot.deliver()
    team = tg.messages(HENDRA_USER.id)[-1]
    tg.press_button(
        HENDRA_USER, team, next(label for row in team.buttons for label, _ in row if "Nur" in label)
    )
    await bot.deliver()
    screen = _last(tg, HENDRA_USER.id, "Bimbingan dan pengembangan")
    tg.press_button(HENDRA_USER, screen, "Catat bimbingan")
    await bot.deliver()
    for answer in (day, "Capaian RHK perekaman KTP-el", "Jemput bola ke dua kelurahan."):
        tg.send_text(HENDRA_USER, answer)
        await bot.deliver()
    review = _last(tg, HENDRA_USER.id, "periksa jawaban")
    tg.press_button(HENDRA_USER, review, "✅ Kirim")
    await bot.deliver()


async def test_a_coaching_session_is_recorded_answered_and_shown_to_both(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "coaching.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        tg.start_chat(HENDRA_USER)
        tg.start_chat(NUR_USER)
        await _record_session(tg, bot, today.strftime("%d-%m-%Y"))
        assert "dicatat" in (tg.messages(HENDRA_USER.id)[-1].text or "")
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1
        asked = _last(tg, NUR_USER.id, "Format B.1.8")
        tg.press_button(NUR_USER, asked, "Isi umpan balik bimbingan")
        await bot.deliver()
        for _ in range(9):
            question = tg.messages(NUR_USER.id)[-1]
            tg.press_button(NUR_USER, question, "Setuju")
            await bot.deliver()
        tg.press_button(NUR_USER, _last(tg, NUR_USER.id, "periksa jawaban"), "✅ Kirim")
        await bot.deliver()
        assert "Terima kasih" in (tg.messages(NUR_USER.id)[-1].text or "")
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1
        told = _last(tg, HENDRA_USER.id, "sudah mengisi umpan balik")
        tg.press_button(HENDRA_USER, told, "Lihat jawabannya")
        await bot.deliver()
        seen = tg.messages(HENDRA_USER.id)[-1].text or ""
        assert "Capaian RHK perekaman KTP-el" in seen
        assert "Bebas berpendapat: <b>Setuju</b>" in seen or "Bebas berpendapat: Setuju" in seen
        tg.send_text(NUR_USER, "/hasil")
        await bot.deliver()
        own = _last(tg, NUR_USER.id, "Bimbingan dan pengembangan").text or ""
        assert "Jemput bola ke dua kelurahan." in own
        # the old button again: already answered, nothing changes
        tg.press_button(NUR_USER, asked, "Isi umpan balik bimbingan")
        await bot.deliver()
        assert "sudah Anda kirim" in (tg.callback_answers[-1].text or "")
        assert bot.errors == []
    tg.assert_no_violations()


async def test_a_future_date_is_asked_again_and_a_forged_button_refused(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "coaching-bad.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        tg.start_chat(HENDRA_USER)
        tg.start_chat(NUR_USER)
        nur_id = await _nur_id(bot)
        # Nur forges Hendra's button to record coaching about herself
        tg.send_text(NUR_USER, "/menu")
        await bot.deliver()
        menu = tg.messages(NUR_USER.id)[-1]
        period = 1
        tg.press(NUR_USER, menu, f"coaching_record.1:{period}:{nur_id}")
        await bot.deliver()
        assert "pejabat penilai" in (tg.callback_answers[-1].text or "")
        tg.send_text(HENDRA_USER, "/tim")
        await bot.deliver()
        team = tg.messages(HENDRA_USER.id)[-1]
        label = next(label for row in team.buttons for label, _ in row if "Nur" in label)
        tg.press_button(HENDRA_USER, team, label)
        await bot.deliver()
        tg.press_button(HENDRA_USER, _last(tg, HENDRA_USER.id, "Bimbingan dan"), "Catat bimbingan")
        await bot.deliver()
        tg.send_text(HENDRA_USER, "31-12-2099")
        await bot.deliver()
        refused = tg.messages(HENDRA_USER.id)[-2:]
        assert any("2099" in (m.text or "") or "tanggal" in (m.text or "").lower() for m in refused)
        assert "Tanggal bimbingan" in (tg.messages(HENDRA_USER.id)[-1].text or "")
        async with bot.runtime.db.session(readonly=True) as session:
            count = await session.exec(text("SELECT count(*) FROM coaching_records"))  # type: ignore[call-overload]
            assert count.one()[0] == 0
        assert bot.errors == []
    tg.assert_no_violations()
