"""A reply Telegram will not take within the reply budget (issue 8): the answer it confirms is
committed, so the reply goes to the outbox and arrives later, as it was rendered — except to a
citizen, whose outbox row would name them next to the service they rate."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.in_process import NUR, STAFF, InProcessBot, in_process_bot

NUR_USER, CITIZEN = STAFF[NUR], FakeUser(id=7_800_000_001, first_name="Siti")
NOT_WITHIN_BUDGET = 60  # seconds Telegram asks to wait: more than a reply may take


async def _outbox(bot: InProcessBot) -> list[tuple[int, str]]:
    async with bot.runtime.db.session(readonly=True) as session:
        found = await session.exec(text("SELECT chat_id, status FROM outbox"))  # type: ignore[call-overload]
        return [(int(chat), str(status)) for chat, status in found.all()]


async def test_an_employees_reply_refused_past_the_budget_goes_out_later_through_the_outbox(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "late.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        tg.start_chat(NUR_USER)
        tg.rate_limit(NUR_USER.id, count=1, retry_after=NOT_WITHIN_BUDGET)
        tg.send_text(NUR_USER, "/penilaian")
        await bot.deliver()
        assert bot.errors == []
        assert tg.messages(NUR_USER.id) == []  # refused: nothing shown yet
        assert await _outbox(bot) == [(NUR_USER.id, "pending")]
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1
        [late] = tg.messages(NUR_USER.id)
        assert "pertanyaan 1 dari" in (late.text or "")
        assert any("Batal" in label for row in late.buttons for label, _ in row)
        assert await _outbox(bot) == [(NUR_USER.id, "sent")]
    tg.assert_no_violations()


async def test_a_citizens_reply_refused_past_the_budget_is_not_kept(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "late.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        tg.start_chat(CITIZEN)
        tg.rate_limit(CITIZEN.id, count=1, retry_after=NOT_WITHIN_BUDGET)
        tg.send_text(CITIZEN, "/start skm_KTP-EL")
        await bot.deliver()
        assert bot.errors == []
        assert await _outbox(bot) == []
    tg.assert_no_violations()
