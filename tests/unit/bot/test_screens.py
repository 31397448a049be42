"""Rendering limits: no message over Telegram's 4096 characters, never a cut inside HTML."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from bot.appraisal.screens import case_text, distribution
from bot.engine.screens import render_session
from bot.screens import SEND_CHUNK_LIMIT, split_html
from domain.actors import StaffMember
from domain.appraisal import forms
from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.cases import Case
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodKind
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem, SkpKind
from domain.appraisal.use_cases import Distribution
from domain.engine.questionnaire import REVIEW, Session
from domain.org.ports import UnitRecord

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
        assert 0 < len(part) <= SEND_CHUNK_LIMIT
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


def period() -> AppraisalPeriod:
    return AppraisalPeriod.create(
        name="Triwulan IV 2026",
        kind=PeriodKind.QUARTERLY,
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        self_due=date(2026, 12, 20),
        peer_due=date(2026, 12, 20),
        review_due=date(2027, 1, 10),
        id=1,
    )


def member() -> StaffMember:
    return StaffMember(
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


def test_the_case_of_a_detailed_self_assessment_is_sendable():
    skp = items(6)
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
        "id", "Asia/Jakarta", Case(period(), member(), tuple(skp), appraisal, "Asia/Jakarta")
    )
    parts = split_html(text)
    assert_sendable(parts)
    assert len(parts) <= 2  # budgets keep it readable, not just sendable


def decided(*, keep: bool) -> Appraisal:
    penilai, atasan = "198003152005011002", "197511021997081001"
    now = datetime(2027, 1, 5, 9, tzinfo=UTC)
    assessed = Appraisal(1, NIP, AppraisalStatus.SUBMITTED).assess(
        hasil=Rating.SESUAI,
        perilaku=Rating.SESUAI,
        feedback=None,
        by_nip=penilai,
        supervisor_nip=penilai,
        now=now,
    )
    objected = assessed.object(
        by_nip=NIP, reason="Realisasi saya melebihi target", now=now, deadline=now
    )
    return objected.decide(
        by_nip=atasan,
        atasan_nip=atasan,
        keep=keep,
        reason="Bukti dukung menunjukkan realisasi di atas target",
        now=now,
        new_hasil=None if keep else Rating.DI_ATAS,
        new_perilaku=None if keep else Rating.DI_ATAS,
    )


def test_ratings_changed_on_objection_are_headed_as_the_final_result():
    case = Case(period(), member(), (), decided(keep=False), "Asia/Jakarta")
    text = case_text("id", "Asia/Jakarta", case)
    assert "Hasil akhir setelah keberatan" in text
    assert "Penilaian pejabat penilai" not in text
    assert "Predikat: <b>Sangat Baik</b>" in text
    assert "Rating semula dari pejabat penilai" in text
    assert "Final result after the objection" in case_text("en", "Asia/Jakarta", case)


def test_ratings_kept_on_objection_stay_the_pejabat_penilais_assessment():
    text = case_text("id", "Asia/Jakarta", Case(period(), member(), (), decided(keep=True), "UTC"))
    assert "Penilaian pejabat penilai" in text
    assert "Hasil akhir" not in text
    assert "Rating semula" not in text


def spread(counts: dict[Predikat, int]) -> Distribution:
    unit = UnitRecord(3, "DISDUKCAPIL-IDP", "Seksi Identitas Penduduk", 2, None)
    return Distribution(period(), unit, None, counts, [])


def test_the_distribution_gives_each_predikat_its_share_with_one_decimal():
    text = distribution("id", spread({Predikat.BAIK: 2, Predikat.SANGAT_BAIK: 1})).text
    assert "• Baik: 2 (66,7%)" in text
    assert "• Sangat Baik: 1 (33,3%)" in text
    assert "• Kurang/Misconduct: 0 (0,0%)" in text
    assert "• Good: 2 (100.0%)" in distribution("en", spread({Predikat.BAIK: 2})).text


def test_a_distribution_nobody_is_in_yet_shows_the_same_format():
    text = distribution("id", spread({})).text
    assert text.count("(0,0%)") == len(Predikat)


def test_before_the_org_predikat_the_screen_shows_the_spread_each_pola_and_who_sets_it():
    from domain.appraisal.distribution import OrganisationPredikat, check_distribution

    counts = {Predikat.BAIK: 2}
    if_set = {o: check_distribution(counts, o) for o in OrganisationPredikat}
    unit = UnitRecord(3, "DISDUKCAPIL-IDP", "Seksi Identitas Penduduk", 2, None)
    found = Distribution(period(), unit, None, counts, [], if_set, ("Novita Sari",))
    text = re.sub(r"<[^>]+>", "", distribution("id", found).text)
    assert "• Baik: 2 (100,0%)" in text
    assert "Bila predikat organisasi Istimewa: ✅ sesuai pola." in text
    assert "Organisasi Baik: pegawai Baik paling banyak 70%" in text
    assert "admin organisasi: Novita Sari" in text
    assert "kinerja period org-predikat" in text
    assert "DISDUKCAPIL-IDP baik" in text
    alone = Distribution(period(), unit, None, counts, [], if_set, ())
    assert "Operator server" in distribution("id", alone).text
