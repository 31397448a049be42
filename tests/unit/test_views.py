"""Rendering limits: no message over Telegram's 4096 characters, never a cut inside HTML."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from bot.appraisal_views import case_text
from bot.views import TEXT_LIMIT, render_session, split_html
from domain import appraisal_forms as forms
from domain.appraisal import Appraisal, AppraisalStatus, Rating
from domain.berakhlak import BERAKHLAK
from domain.identity import StaffMember
from domain.periods import AppraisalPeriod, PeriodKind
from domain.questionnaire import REVIEW, Session
from domain.services.appraisal_cases import Case
from domain.skp import SkpItem, SkpKind

NIP = "199608182022042001"


class Balanced(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"unbalanced </{tag}>"
        assert self.open.pop() == tag, f"misnested </{tag}>"


def assert_sendable(parts: list[str]) -> None:
    for part in parts:
        assert 0 < len(part) <= TEXT_LIMIT
        checker = Balanced()
        checker.feed(part)
        assert checker.open == [], f"unclosed {checker.open}"


def items(count: int) -> list[SkpItem]:
    return [
        SkpItem(
            i, NIP, 2026, SkpKind.UTAMA, f"RHK nomor {i} " + "x" * 480, "indikator " * 40, "100%"
        )
        for i in range(1, count + 1)
    ]


def test_a_long_text_is_split_at_line_boundaries_into_sendable_messages():
    text = "\n".join(f"<b>Baris {i}</b>: " + "isi " * 60 for i in range(80))
    parts = split_html(text)
    assert len(parts) > 1
    assert_sendable(parts)
    assert "\n".join(parts) == text  # nothing lost, nothing altered


def test_one_line_longer_than_the_limit_is_shortened_as_plain_text():
    parts = split_html("<b>" + "&amp;" * 2000 + "</b>")
    assert_sendable(parts)
    assert parts[0].endswith("…")


def test_the_review_of_a_large_self_assessment_is_sendable():
    skp = items(12)
    questionnaire = forms.self_assessment("Triwulan IV 2026", skp)
    answers: dict[str, str | None] = {}
    for item in skp:
        answers |= {
            f"rhk.{item.id}.realisation": "r" * 1000,
            f"rhk.{item.id}.evidence": None,
            f"rhk.{item.id}.rating": "2",
        }
    for value in BERAKHLAK:
        answers |= {f"ber.{value.code}.rating": "3", f"ber.{value.code}.note": "n" * 1000}
    session = Session(forms.SELF_ASSESSMENT, "period:1", 1, REVIEW, answers, id=1)
    assert_sendable(split_html(render_session(questionnaire, session, "id").text))


def test_the_case_of_a_detailed_self_assessment_is_sendable():
    skp = items(6)
    period = AppraisalPeriod.create(
        name="Triwulan IV 2026",
        kind=PeriodKind.QUARTERLY,
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        self_due=date(2026, 12, 20),
        peer_due=date(2026, 12, 20),
        review_due=date(2027, 1, 10),
        id=1,
    )
    member = StaffMember(
        9,
        NIP,
        "Nur Aisyah",
        "Pengadministrasi",
        "pelaksana",
        3,
        "IDP",
        "Seksi Identitas Penduduk",
        8,
        42,
    )
    ratings = {str(i.id): Rating.SESUAI for i in skp} | {
        f"berakhlak:{v.code}": Rating.DI_ATAS for v in BERAKHLAK
    }
    appraisal = Appraisal(
        1,
        NIP,
        AppraisalStatus.SUBMITTED,
        self_ratings=ratings,
        realisations={str(i.id): "realisasi " * 100 for i in skp},
        notes={f"berakhlak:{v.code}": "catatan " * 120 for v in BERAKHLAK},
    )
    text = case_text(
        "id", "Asia/Jakarta", Case(period, member, tuple(skp), appraisal, "Asia/Jakarta")
    )
    parts = split_html(text)
    assert_sendable(parts)
    assert len(parts) <= 2  # budgets keep it readable, not just sendable
