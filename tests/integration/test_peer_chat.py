"""Bad input on the feedback form in chat (issue 11), through the real application and the
strict fake Telegram: text where a button is expected, an oversized comment (the limit said),
a forged button for someone else's assignment (in English for an English speaker), the old
Kirim pressed again after sending, and a rater who left the team — each gets a clear message
and the stored data stays as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from tests.integration.test_peer_anonymity import PEOPLE, _bind
from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_telegram.records import SentMessage
from tests.support.fakes.seeding import OPERATOR
from tests.support.in_process import InProcessBot, in_process_bot
from tests.support.peer_world import DIMAS, PUTRI, RATIH, WULAN

PUTRI_USER, DIMAS_USER, WULAN_USER = PEOPLE[PUTRI], PEOPLE[DIMAS], PEOPLE[WULAN]


def _last(tg: FakeTelegram, chat_id: int, contains: str) -> SentMessage:
    found = [m for m in tg.messages(chat_id) if contains in (m.text or "")]
    assert found, f"no message with {contains!r}: {[m.text for m in tg.messages(chat_id)][-3:]}"
    return found[-1]


def _tap(tg: FakeTelegram, user: object, message: SentMessage, fragment: str) -> None:
    """Press the button whose label contains ``fragment``."""
    data = next(d for row in message.buttons for label, d in row if fragment in label)
    tg.press(user, message, data)  # type: ignore[arg-type]


async def _scalar(bot: InProcessBot, sql: str, **params: object) -> object:
    async with bot.runtime.db.session(readonly=True) as session:
        found = await session.exec(text(sql), params=params)  # type: ignore[call-overload]
        return found.one()[0]


async def test_every_bad_input_is_refused_with_a_message_and_changes_nothing(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "peer-chat.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        period_id = await _bind(bot)
        for user in PEOPLE.values():
            tg.start_chat(user)
        await bot.runtime.services.peer_admin.assign(OPERATOR, period_id, upward=True)
        putri_assignment = await _scalar(
            bot,
            "SELECT a.id FROM peer_assignments a JOIN employees e ON e.id = a.rater_id "
            "WHERE e.nip = :nip",
            nip=PUTRI,
        )

        # Putri opens her form: the statement, then the first value.
        tg.send_text(PUTRI_USER, "/umpanbalik")
        await bot.deliver()
        _tap(tg, PUTRI_USER, _last(tg, PUTRI_USER.id, "Umpan balik yang diminta"), "✍")
        await bot.deliver()
        assert _last(tg, PUTRI_USER.id, "siapa melihat apa")
        first = _last(tg, PUTRI_USER.id, "pertanyaan 1 dari 9")
        tg.send_text(PUTRI_USER, "4")  # text where a button is expected
        await bot.deliver()
        assert "pilih salah satu tombol" in (tg.messages(PUTRI_USER.id)[-2].text or "")
        for number in range(1, 8):
            question = _last(tg, PUTRI_USER.id, f"pertanyaan {number} dari 9")
            _tap(tg, PUTRI_USER, question, "3 · Sesuai standar")
            await bot.deliver()
        tg.send_text(PUTRI_USER, "x" * 1001)  # over the limit the prompt states
        await bot.deliver()
        assert "1000" in (_last(tg, PUTRI_USER.id, "terlalu panjang").text or "")
        assert "paling banyak 1000 karakter" in (_last(tg, PUTRI_USER.id, "8 dari 9").text or "")
        tg.send_text(PUTRI_USER, "Selalu tepat waktu")
        await bot.deliver()
        _tap(tg, PUTRI_USER, _last(tg, PUTRI_USER.id, "pertanyaan 9 dari 9"), "Lewati")
        await bot.deliver()
        review = _last(tg, PUTRI_USER.id, "periksa jawaban")
        _tap(tg, PUTRI_USER, review, "Kirim")
        await bot.deliver()
        assert _last(tg, PUTRI_USER.id, "Terima kasih")
        stored = "SELECT count(*) FROM peer_responses"
        assert await _scalar(bot, stored) == 1

        # The old Kirim and an old answer button again: refused, still one response.
        tg.press(
            PUTRI_USER, review, next(d for row in review.buttons for t, d in row if "Kirim" in t)
        )
        await bot.deliver()
        tg.press(PUTRI_USER, first, first.buttons[0][0][1])
        await bot.deliver()
        assert len(tg.callback_answers) >= 2
        assert all(a.text for a in tg.callback_answers[-2:])
        assert await _scalar(bot, stored) == 1

        # Dimas, in English, forges Putri's button.
        tg.send_text(DIMAS_USER, "/bahasa en")
        await bot.deliver()
        tg.send_text(DIMAS_USER, "/menu")
        await bot.deliver()
        menu = tg.messages(DIMAS_USER.id)[-1]
        tg.press(DIMAS_USER, menu, f"peer_give.1:{putri_assignment}")
        await bot.deliver()
        assert "This button is not for you" in (tg.callback_answers[-1].text or "")

        # Wulan moves to another pejabat penilai: she may no longer rate Andi.
        ratih_id = await _scalar(bot, "SELECT id FROM employees WHERE nip = :nip", nip=RATIH)
        async with bot.runtime.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                text("UPDATE employees SET supervisor_id = :s WHERE nip = :nip"),
                params={"s": ratih_id, "nip": WULAN},
            )
            await session.commit()
        tg.send_text(WULAN_USER, "/umpanbalik")
        await bot.deliver()
        _tap(tg, WULAN_USER, _last(tg, WULAN_USER.id, "Umpan balik yang diminta"), "✍")
        await bot.deliver()
        assert "tidak lagi dapat memberi umpan balik" in (tg.callback_answers[-1].text or "")
        assert await _scalar(bot, stored) == 1
        assert bot.errors == []
    tg.assert_no_violations()
