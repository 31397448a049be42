"""The reminders' edges: the test clock is refused with the real Telegram, the office hours
setting, the digest worded in both languages, the holidays file checked whole."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.reminders.digest_text import digest_text
from bot.settings import SettingsError, load_settings
from domain.errors import ImportRejected
from domain.reminders.holidays import HolidayAction, parse_holiday_file


class National:
    def of_year(self, year: int) -> dict[date, str]:
        return {date(year, 12, 25): "Hari Raya Natal"}


def test_the_test_clock_is_refused_when_telegram_is_the_real_one():
    with pytest.raises(SettingsError, match="KINERJA_TEST_CLOCK"):
        load_settings(test_clock="2027-01-04T01:00:00Z")
    local = load_settings(
        test_clock="2027-01-04T01:00:00Z", telegram_api_url="http://127.0.0.1:8081"
    )
    assert local.test_clock is not None


def test_office_hours_must_open_before_they_close():
    assert load_settings(office_hours="07:30-15:30").hours()[0].hour == 7
    with pytest.raises(SettingsError, match="KINERJA_OFFICE_HOURS"):
        load_settings(office_hours="16:00-08:00")
    assert load_settings(reminder_days="1,7,3").before_days() == (7, 3, 1)


def test_the_digest_is_worded_in_the_readers_language_and_escapes_names():
    section = {
        "period": "Triwulan I 2027",
        "review_due": "2027-03-15",
        "review_days_left": 3,
        "late": ["Budi <b>", "Ani"],
        "late_count": 2,
        "waiting": [["Citra", "2027-03-01"]],
        "waiting_count": 1,
        "objections": [],
        "decide": [["Dedi", "2027-03-02", "2027-03-16"]],
        "today": "2027-03-12",
    }
    params = {"digest": json.dumps([section])}
    indonesian = digest_text("id", params)
    assert "Belum mengirim penilaian diri (2): Budi &lt;b&gt;, Ani" in indonesian
    assert "Citra, sejak 1 Mar 2027" in indonesian
    assert "15 Mar 2027 (3 hari lagi)" in indonesian
    assert "Dedi, diajukan 2 Mar 2027; diharapkan diputuskan 16 Mar 2027 (4 hari lagi)" in (
        indonesian
    )
    english = digest_text("en", params)
    assert "Waiting for your assessment (1):" in english
    assert "cannot be turned off" in english


def test_a_holidays_file_is_read_whole_in_either_date_format():
    changes = parse_holiday_file(
        "tanggal,nama,aksi\n24/12/2026,Cuti bersama Natal,tambah\n\n2026-12-25,,hapus\n",
        National(),
    )
    assert [(c.day, c.action) for c in changes] == [
        (date(2026, 12, 24), HolidayAction.ADD),
        (date(2026, 12, 25), HolidayAction.REMOVE),
    ]


def test_every_bad_line_of_a_holidays_file_is_reported():
    with pytest.raises(ImportRejected) as refused:
        parse_holiday_file(
            "2026-02-30,Salah,tambah\n2026-12-24,,tambah\n2026-12-26,Libur,pindah\n"
            "2026-12-28,Libur,add\n2026-12-28,Libur lagi,add\n",
            National(),
        )
    assert [(e.line, e.reason) for e in refused.value.errors] == [
        (1, "bad_date"),
        (2, "required"),
        (3, "unknown_action"),
        (5, "duplicate"),
    ]
