"""Reminders through the real bot process and the fake Telegram, on a clock the test sets
(``KINERJA_TEST_CLOCK``): the employee's reminder opens her self-assessment and, once she has
sent it, nothing more comes about it; the pejabat penilai's digest opens the waiting case."""

from __future__ import annotations

import csv
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from storage.tables import OutboxRow
from tests.e2e.rig import BotProcess, Person
from tests.support.fault_proxy import FaultProxy
from tests.support.faults import Fault

NUR = "199608182022042001"  # Pengadministrasi Kependudukan, WIB
HENDRA = "198509302010041001"  # her pejabat penilai
SESUAI = "Sesuai Ekspektasi"
MONDAY = "2026-12-14T02:00:00+00:00"  # 09:00 WIB; the self-assessment is due Friday 18 Dec
TUESDAY = "2026-12-15T02:00:00+00:00"  # the "3 days before" reminder's day


def quarter_with_reminders(bot: BotProcess, now: str) -> None:
    bot.cli(
        "period", "create", "--name", "Triwulan IV 2026", "--kind", "quarterly",
        "--start", "2026-10-01", "--end", "2026-12-31", "--self-due", "2026-12-18",
        "--peer-due", "2026-12-18", "--review-due", "2027-01-08",
    )  # fmt: skip
    bot.cli("demo")  # the organisation and its SKP; the period above stays the only one
    bot.cli("period", "open", "1")
    at(bot, now)


def at(bot: BotProcess, now: str) -> None:
    """Restart the bot with reminders on and its clock at ``now``."""
    bot.extra_env |= {
        "KINERJA_REMINDERS": "true",
        "KINERJA_TEST_CLOCK": now,
    }
    bot.restart()


def self_assess_plainly(bot: BotProcess, nur: Person) -> None:
    """Three RHK (realisation, evidence where it is required, Sesuai), seven BerAKHLAK values
    (Sesuai, no note): questions 1 to 23, as the appraisal's own e2e test answers them."""

    def question(number: int):  # type: ignore[no-untyped-def]
        return nur.expect(f"pertanyaan {number} dari")

    for first in (1, 4, 7):
        nur.send("selesai sesuai target")
        evidence = question(first + 1)
        if any("Lewati" in text for row in evidence.buttons for text, _ in row):
            nur.tap(evidence, "Lewati")
        else:
            bot.tg.send_document(nur.user, "bukti.pdf", b"%PDF-1.4 bukti")
        nur.tap(question(first + 2), SESUAI)
        if first < 7:
            question(first + 3)
    for number in range(10, 24, 2):
        nur.tap(question(number), SESUAI)
        nur.tap(question(number + 1), "Lewati")
    nur.tap(nur.expect("periksa jawaban Anda"), "Kirim")
    nur.expect("Penilaian diri", "terkirim")


@pytest.mark.timeout(300)  # three starts of the bot, and a whole self-assessment
def test_a_reminder_opens_the_self_assessment_and_none_follows_it_once_sent(bot, people):
    nur, hendra = people("Nur"), people("Hendra")
    for person, nip in ((nur, NUR), (hendra, HENDRA)):
        bot.bind(person, nip)
        person.send("/start")
        person.expect("Halo")
    quarter_with_reminders(bot, MONDAY)

    opened = nur.expect("Periode penilaian", "Triwulan IV 2026", "18 Des 2026")
    nur.tap(opened, "Isi penilaian diri")
    nur.expect("pertanyaan 1 dari")
    self_assess_plainly(bot, nur)
    hendra.expect("Ringkasan pagi", "Belum mengirim penilaian diri", "Nur Aisyah")
    hendra.expect("Nur Aisyah", "telah mengirim penilaian diri", timeout=30)  # the outbox's

    at(bot, TUESDAY)  # "3 days before": Nur owes nothing any more
    digest = hendra.expect("Ringkasan pagi", "Menunggu penilaian Anda (1)", "Nur Aisyah")
    hendra.tap(digest, "Nilai Nur Aisyah")
    hendra.expect_buttons("Nilai")  # her case, with the button that starts the assessment
    nur.silent(within=3.0)


def _demo_nips(count: int) -> list[str]:
    path = Path(__file__).resolve().parents[2] / "bot" / "demo" / "employees.csv"
    with path.open(encoding="utf-8") as rows:
        return [row["nip"] for row in csv.DictReader(rows)][:count]


def _reminder_rows(bot: BotProcess) -> list[tuple[int, str, str]]:
    async def work(uow):  # type: ignore[no-untyped-def]
        rows = await uow.session.exec(
            select(OutboxRow).where(col(OutboxRow.dedupe_key).like("rem:%"))
        )
        return [(r.chat_id, r.dedupe_key, r.status) for r in rows]

    return list(bot.db(work))


def _reminders_received(bot: BotProcess, chat_id: int) -> list[str]:
    return [
        e.message.text or ""
        for e in bot.tg.events(chat_id)
        if e.kind == "sent" and any(m in (e.message.text or "") for m in REMINDER_MARKS)
    ]


REMINDER_MARKS = ("Periode penilaian", "Ringkasan pagi", "Pengingat", "batas waktu")


@pytest.mark.timeout(300)
def test_a_kill_in_the_middle_of_a_reminder_wave_neither_repeats_nor_drops_one(
    tg, demo_database_url, tmp_path, people
):
    """Twelve people's reminders and digests go out at 2 a second; the bot is SIGKILLed while
    Telegram holds one of its sendMessage calls (provably mid-wave), then started again with its
    clock past the dead process's leases: every reminder arrives exactly once."""
    with FaultProxy(tg.url) as proxy:
        bot = BotProcess(tg, demo_database_url, tmp_path)
        bot.extra_env |= {"KINERJA_TELEGRAM_API_URL": proxy.url, "KINERJA_OUTBOX_RATE": "2"}
        bot.start()
        crowd = []
        for number, nip in enumerate(_demo_nips(12)):
            person = people(f"Pegawai {number}")
            bot.bind(person, nip)
            person.send("/start")
            person.expect("Halo")
            crowd.append(person)
        started = time.monotonic()
        quarter_with_reminders(bot, MONDAY)
        deadline = time.monotonic() + 60
        while sum(len(_reminders_received(bot, p.chat_id)) for p in crowd) < 4:
            assert time.monotonic() < deadline, "the wave did not start"
            time.sleep(0.1)
        proxy.on("sendMessage", fault=Fault.hold())
        proxy.wait_held(1, "sendMessage")  # the bot is inside a send Telegram has not taken
        bot.kill()
        proxy.release_held(forward=False)
        proxy.clear()
        expected = _reminder_rows(bot)
        assert any(status == "pending" for _, _, status in expected)  # the wave was cut
        # the clock goes on past the dead process's leases (2 minutes), still Monday morning
        elapsed = timedelta(seconds=time.monotonic() - started, minutes=3)
        at(bot, (datetime.fromisoformat(MONDAY) + elapsed).isoformat())
        deadline = time.monotonic() + 90
        while any(status != "sent" for _, _, status in _reminder_rows(bot)):
            assert time.monotonic() < deadline, "the wave did not finish after the restart"
            time.sleep(0.2)
        rows = _reminder_rows(bot)
        assert len(rows) == len(expected)  # planning again after the restart added nothing
        for person in crowd:
            received = _reminders_received(bot, person.chat_id)
            planned = [key for chat, key, _ in rows if chat == person.chat_id]
            assert len(received) == len(planned), (person.user.first_name, received, planned)
            assert len(set(received)) == len(received)  # none twice
        bot.stop()
        bot.assert_clean_log()
