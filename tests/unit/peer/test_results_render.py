"""The 360° results as the reader sees them: the text (self vs peers vs subordinates vs the
pejabat penilai, gaps, comments, what is withheld and why) and the radar chart's PNG."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.peer import results_screens
from bot.render.peer_charts import radar_chart, radar_figure
from domain.actors import StaffMember
from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.model import Appraisal
from domain.appraisal.periods import AppraisalPeriod, PeriodKind
from domain.appraisal.predikat import Rating
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.comparison import compare
from domain.peer.raters import Relation
from domain.peer.results import PeerResults

NUR = "199608182022042001"
DEADLINE = datetime(2026, 11, 30, 16, 59, 59, tzinfo=UTC)
PEERS = (18, 13, 16, 9, 15, 14, 17)  # totals over 4 raters: 4.5, 3.25, 4, 2.25, ...
RATINGS = ("di_atas", "sesuai", "sesuai", "di_atas", "sesuai", "di_bawah", "sesuai")


def period() -> AppraisalPeriod:
    return AppraisalPeriod.create(
        id=7,
        name="November 2026",
        kind=PeriodKind.MONTHLY,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        self_due=date(2026, 11, 30),
        peer_due=date(2026, 11, 30),
        review_due=date(2026, 12, 10),
    )


def member() -> StaffMember:
    return StaffMember(
        3, NUR, "Nur Aisyah", "Pengadministrasi", "pelaksana", 5, "IDP", "Seksi IDP", 4, 1001
    )


UPWARD = (14, 12, 11, 13, 15, 8, 10)  # totals over 3 subordinates


def found(*, upward: str = "hidden", with_appraisal: bool = True) -> PeerResults:
    peers = RelationSummary(
        Relation.PEER,
        4,
        tuple(ValueSummary(v.code, 4, total) for v, total in zip(BERAKHLAK, PEERS, strict=True)),
        ("Selalu sigap di loket", "Membantu rekan baru"),
        ("Lebih teliti saat <b>verifikasi</b>",),
    )
    relations = {Relation.PEER: peers}
    if upward == "hidden":
        relations[Relation.UPWARD] = RelationSummary(Relation.UPWARD)
    elif upward == "shown":
        values = tuple(ValueSummary(v.code, 3, n) for v, n in zip(BERAKHLAK, UPWARD, strict=True))
        relations[Relation.UPWARD] = RelationSummary(Relation.UPWARD, 3, values)
    summary = FrozenSummary(7, NUR, DEADLINE, 3, 42, relations)
    appraisal = None
    if with_appraisal:
        appraisal = Appraisal(
            7,
            NUR,
            self_ratings={v.rating_key: Rating(r) for v, r in zip(BERAKHLAK, RATINGS, strict=True)},
            perilaku=Rating.SESUAI,
        )
    comparison = compare(appraisal=appraisal, summary=summary)
    return PeerResults(period(), member(), DEADLINE, False, summary, comparison, 3)


def test_the_results_show_each_view_per_value_the_gaps_and_the_comments():
    text = results_screens.results("id", "Asia/Jakarta", found()).text
    assert "Rekan kerja: <b>4,50</b>" in text
    assert "Rekan kerja: <b>2,25</b>" in text
    assert "Diri: Di Atas Ekspektasi" in text
    assert "Bawahan: tidak ditampilkan" in text
    assert "kurang dari 3 penilai" in text
    assert "Rating Perilaku Kerja dari pejabat penilai: <b>Sesuai Ekspektasi</b>" in text
    assert "Selisih terbesar" in text
    assert "<b>Harmonis</b>: penilaian diri Anda lebih tinggi" in text
    assert "— Lebih teliti saat &lt;b&gt;verifikasi&lt;/b&gt;" in text  # comments are escaped
    assert "Nur Aisyah" in text


def test_before_the_deadline_nothing_is_shown_not_even_a_count():
    before = PeerResults(period(), member(), DEADLINE, True, None, None, 3)
    text = results_screens.results("en", "Asia/Jakarta", before).text
    assert "appears only after the deadline" in text
    assert "Peers" not in text


def test_nobody_asked_says_so():
    summary = FrozenSummary(7, NUR, DEADLINE, 3, 42, {})
    empty = PeerResults(
        period(), member(), DEADLINE, False, summary, compare(appraisal=None, summary=summary), 3
    )
    assert "No peer or subordinate was asked" in results_screens.results("en", "UTC", empty).text


def test_the_radar_chart_labels_the_values_and_its_series_in_the_readers_language():
    figure = radar_figure(found(), "en")
    texts = [t.get_text() for t in figure.findobj(lambda o: hasattr(o, "get_text"))]
    joined = "\n".join(texts)
    assert "Accountable" in joined
    assert "Peers (average)" in joined
    assert "Self-assessment (middle of its band)" in joined
    assert "Subordinates (average)" not in joined  # withheld: no line at all
    png = radar_chart(found(), "id")
    assert png.startswith(b"\x89PNG")
