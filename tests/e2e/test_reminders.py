"""Reminders through the real bot process and the fake Telegram, on a clock the test sets
(``KINERJA_TEST_CLOCK``): the employee's reminder opens her self-assessment and, once she has
sent it, nothing more comes about it; the pejabat penilai's digest opens the waiting case."""

from __future__ import annotations

import pytest

from tests.e2e.rig import BotProcess, Person

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
