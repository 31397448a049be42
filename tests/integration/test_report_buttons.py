"""The buttons of the scheduler's reports, through the real application and the strict fake
Telegram: a pejabat penilai's nudge (pressed twice: refused with the day it works again), and a
unit head confirming a recognition candidate (the employee is told; a second press is refused)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

from bot.dispatch import OutboxDispatcher
from domain.messages import Button, OutboundMessage
from domain.reminders.recognition import Recognition, RecognitionKind, candidates_message
from domain.reminders.report_actions import NudgeLateSubordinates
from domain.reminders.reports import confirm_buttons
from storage.outbox import SqlOutboxQueue
from tests.support.clock import FixedClock
from tests.support.fake_telegram import FakeTelegram
from tests.support.in_process import HENDRA, NUR, STAFF, InProcessBot, in_process_bot

NUR_USER, HENDRA_USER = STAFF[NUR], STAFF[HENDRA]


def copy_world(demo_world: Path, tmp_path: Path) -> str:
    database = tmp_path / "reports.db"
    shutil.copyfile(demo_world, database)
    return f"sqlite:///{database}"


async def send_hendra_a_nudge_button(bot: InProcessBot) -> None:
    button = Button("reminders.nudge.button", NudgeLateSubordinates())
    message = OutboundMessage(
        HENDRA_USER.id, "reminders.nudge.button", "test:nudge", {}, ((button,),)
    )
    async with bot.runtime.uow() as uow:
        await uow.outbox.enqueue(message, now=datetime.now(UTC))
        await uow.commit()
    assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1


async def test_a_nudge_reaches_the_late_subordinates_once_a_day(demo_world, tmp_path, monkeypatch):
    tg = FakeTelegram()
    async with in_process_bot(tg, copy_world(demo_world, tmp_path)) as bot:
        monkeypatch.setattr(bot.runtime.services.reports, "_calendars", _Always())
        tg.start_chat(HENDRA_USER)
        tg.start_chat(NUR_USER)
        await send_hendra_a_nudge_button(bot)
        digest = tg.messages(HENDRA_USER.id)[-1]
        tg.press_button(HENDRA_USER, digest, "🔔 Ingatkan semua yang terlambat")
        await bot.deliver()
        assert "Pengingat dikirim atas nama Anda kepada 1 pegawai" in (
            tg.messages(HENDRA_USER.id)[-1].text or ""
        )
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1
        nudge = tg.messages(NUR_USER.id)[-1]
        assert "Pesan dari pejabat penilai Anda" in (nudge.text or "")
        assert nudge.buttons[0][0][1].startswith("self_assessment.1:")

        again = tg.press_button(HENDRA_USER, digest, "🔔 Ingatkan semua yang terlambat")
        await bot.deliver()
        refused = tg.wait_for_callback_answer(again)
        assert "dapat dipakai lagi mulai" in (refused.text or "")
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 0  # nothing more
    tg.assert_no_violations()


async def test_a_unit_head_confirms_a_recognition_and_the_employee_is_told(
    demo_world, tmp_path, monkeypatch
):
    tg = FakeTelegram()
    async with in_process_bot(tg, copy_world(demo_world, tmp_path)) as bot:
        monkeypatch.setattr(bot.runtime.services.reports, "_calendars", _Always())
        tg.start_chat(HENDRA_USER)
        tg.start_chat(NUR_USER)
        async with bot.runtime.uow() as uow:
            hendra = await uow.org.member_by_nip(HENDRA)
            nur = await uow.org.member_by_nip(NUR)
            item = Recognition(
                None, date(2026, 11, 1), hendra.unit_id, hendra.id, RecognitionKind.EMPLOYEE,
                nur.id, nur.name, period_name="Oktober 2026",
            )  # fmt: skip
            [stored] = await uow.recognitions.add([item], now=datetime.now(UTC))
            await uow.commit()
        message = candidates_message(
            HENDRA_USER.id, "Asia/Jakarta", [stored], confirm_buttons([stored]), datetime.now(UTC)
        )
        async with bot.runtime.uow() as uow:
            await uow.outbox.enqueue(message, now=datetime.now(UTC))
            await uow.commit()
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1
        listing = tg.messages(HENDRA_USER.id)[-1]
        assert "Calon penghargaan bulanan — November 2026" in (listing.text or "")
        tg.press_button(HENDRA_USER, listing, f"✅ {nur.name}")
        await bot.deliver()
        assert "sudah dikonfirmasi dan akan diumumkan" in (
            tg.messages(HENDRA_USER.id)[-1].text or ""
        )
        assert await bot.runtime.dispatcher.run_once(bot.application.bot) == 1
        assert "Selamat!" in (tg.messages(NUR_USER.id)[-1].text or "")
        again = tg.press_button(HENDRA_USER, listing, f"✅ {nur.name}")
        await bot.deliver()
        assert "sudah dikonfirmasi sebelumnya" in (tg.wait_for_callback_answer(again).text or "")
    tg.assert_no_violations()


class _Anytime:
    """A calendar in which the office never closes: these tests run at the real time."""

    def is_working_day(self, day: date) -> bool:
        return True

    def in_office_hours(self, now: datetime, tz: str) -> bool:
        return True

    def next_delivery(self, moment: datetime, tz: str) -> datetime:
        return moment


class _Always:
    async def calendar(self) -> _Anytime:
        return _Anytime()


async def test_the_weekly_summary_arrives_as_a_chart_and_texts(demo_world, tmp_path):
    tg = FakeTelegram()
    async with in_process_bot(tg, copy_world(demo_world, tmp_path)) as bot:
        tg.start_chat(HENDRA_USER)
        async with bot.runtime.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                text("UPDATE employees SET is_admin = :yes WHERE nip = :nip"),
                params={"yes": True, "nip": HENDRA},
            )
            await session.commit()
        monday = datetime(2026, 11, 30, 2, tzinfo=UTC)  # 09:00 WIB
        assert await bot.runtime.services.reports.plan(monday, _Anytime()) == 3
        clock = FixedClock(datetime.now(UTC))
        ticks = [1000.0]

        async def sleep(seconds: float) -> None:
            ticks[0] += seconds
            clock.advance(seconds=seconds)

        dispatcher = OutboxDispatcher(
            SqlOutboxQueue(bot.runtime.db, bot.runtime.router.catalogue),
            clock,
            codecs=bot.runtime.router.codecs,
            rate=25,
            timezone="Asia/Jakarta",
            monotonic=lambda: ticks[0],
            sleep=sleep,
        )
        for _ in range(3):  # one message a second to one chat: a run sends one
            await dispatcher.run_once(bot.application.bot)
            await sleep(1.0)
        chart, summary, units = tg.messages(HENDRA_USER.id)
        assert chart.kind == "photo"
        assert (chart.photo or b"").startswith(b"\x89PNG")
        assert "Penyelesaian per unit, sampai 29 Nov 2026" in (chart.text or "")
        assert "Ringkasan mingguan" in (summary.text or "")
        assert "Dinas Kependudukan dan Pencatatan Sipil" in (units.text or "")
    tg.assert_no_violations()
