"""The atasan's decision screen shows the pejabat penilai's tanggapan, or that none came (yet),
and a refusal names the actual state of the objection with its date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.appraisal import screens
from bot.screens import text
from domain.actors import StaffMember
from domain.appraisal.actions import DecideObjection, DecideObjectionEarly
from domain.appraisal.cases import Case
from domain.appraisal.model import Appraisal, AppraisalStatus, Objection, Tanggapan
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating

WIB = ZoneInfo("Asia/Jakarta")
FILED = datetime(2026, 11, 27, 10, 0, tzinfo=WIB)
DUE = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=WIB)
PERIOD = AppraisalPeriod(
    7,
    "November 2026",
    PeriodKind.MONTHLY,
    date(2026, 11, 1),
    date(2026, 11, 30),
    date(2026, 11, 30),
    date(2026, 11, 30),
    date(2026, 12, 10),
    status=PeriodStatus.OPEN,
)
NUR = StaffMember(
    12,
    "199608182022042001",
    "Nur Aisyah",
    "Pengadministrasi",
    "pelaksana",
    3,
    "IDP",
    "Seksi IDP",
    11,
    1001,
)
OBJECTED = Appraisal(
    7,
    NUR.nip,
    AppraisalStatus.OBJECTED,
    hasil=Rating.DI_ATAS,
    perilaku=Rating.DI_BAWAH,
    predikat=Predikat.KURANG,
    assessed_by="198509302010041001",
    assessed_at=datetime(2026, 11, 26, 9, 0, tzinfo=WIB),
    objection=Objection("Realisasi sudah 100% sesuai target.", FILED, DUE),
)


def case(appraisal: Appraisal) -> Case:
    return Case(PERIOD, NUR, (), appraisal, "Asia/Jakarta")


def buttons(rendered) -> list[object]:
    return [action for row in rendered.buttons for _, action in row]


def test_while_the_tanggapan_is_awaited_the_screen_says_until_when_and_offers_an_early_decision():
    shown = screens.objection_case("id", "Asia/Jakarta", case(OBJECTED), FILED)
    assert "belum masuk; ditunggu sampai 30 Nov 2026 23.59" in shown.text
    assert buttons(shown) == [DecideObjectionEarly(7, 12)]


def test_after_the_due_time_without_a_tanggapan_the_screen_says_none_came():
    later = datetime(2026, 12, 1, 8, 0, tzinfo=WIB)
    shown = screens.objection_case("en", "Asia/Jakarta", case(OBJECTED), later)
    assert "gave no response by the deadline" in shown.text
    assert buttons(shown) == [DecideObjection(7, 12)]


def test_the_tanggapan_is_shown_on_the_decision_screen_and_in_the_results():
    given = Tanggapan("198509302010041001", FILED, "Bukti dukung tidak dilampirkan.", "photo:F1")
    answered = replace(OBJECTED, tanggapan=given)
    shown = screens.objection_case("id", "Asia/Jakarta", case(answered), FILED)
    assert "Tanggapan pejabat penilai</b> (27 Nov 2026 10.00" in shown.text
    assert "Bukti dukung tidak dilampirkan." in shown.text
    assert buttons(shown) == [DecideObjection(7, 12)]
    assert screens.tanggapan_evidence(case(answered)) == ("photo", "F1")
    assert "Bukti dukung tidak dilampirkan." in screens.case_text(
        "id", "Asia/Jakarta", case(answered)
    )


def test_the_refusal_of_an_old_objection_button_names_the_decision_and_its_date():
    decided = datetime(2026, 12, 3, 14, 5, tzinfo=WIB)
    shown = text(
        "id",
        "Asia/Jakarta",
        "error.invalid_transition.objection_already_decided",
        {"decided": decided},
    )
    assert "sudah diputuskan pada 3 Des 2026 14.05" in shown
    assert "setelah atasan Anda memberikan penilaian" not in shown
