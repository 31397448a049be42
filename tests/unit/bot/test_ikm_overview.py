"""``kinerja report ikm --format png`` with several services: one overview chart, every service
(or unit) with respondents ranked by IKM over the mutu bands, with its respondents; no bar for a
group without respondents."""

from __future__ import annotations

from datetime import date

from bot.render.ikm_overview import overview_chart, overview_figure, ranked
from domain.skm.ikm import UNSUR_CODES, UnsurTotals, compute_ikm
from domain.skm.report_model import Grouping, IkmGroup, IkmReport, ScopeKind
from domain.skm.report_period import ReportPeriod

Q3 = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def service(code: str, name: str, mean: float, respondents: int) -> IkmGroup:
    """A service whose respondents all answered every unsur with (about) ``mean``."""
    totals = [UnsurTotals(c, round(mean * respondents), respondents) for c in UNSUR_CODES]
    result = compute_ikm(totals if respondents else (), respondents)
    unit = code.split("-", maxsplit=1)[0]
    return IkmGroup(ScopeKind.SERVICE, None, unit, unit, code, name, Q3, result)


REPORT = IkmReport(
    Q3,
    Grouping.SERVICE,
    (
        service("KK", "Penerbitan Kartu Keluarga", 3.1, 40),
        service("KTP-EL", "Perekaman dan Pencetakan KTP-el", 3.7, 166),
        service("AKTA-MATI", "Penerbitan Akta Kematian", 0, 0),
        service("IMB", "Persetujuan Bangunan Gedung", 2.5, 12),
        service("AKTA-LAHIR", "Penerbitan Akta Kelahiran", 3.4, 58),
    ),
)


def test_services_are_ranked_by_ikm_and_a_service_without_respondents_gets_no_bar():
    assert [g.code for g in ranked(REPORT)] == ["KTP-EL", "AKTA-LAHIR", "KK", "IMB"]
    axes = overview_figure(REPORT, "id").axes[0]
    assert len(axes.containers) == 4  # one bar per service with respondents
    names = [label.get_text() for label in axes.get_yticklabels()]
    assert names[0] == "Perekaman dan Pencetakan KTP-el (KTP-EL)"
    assert not any("AKTA-MATI" in name for name in names)
    labels = [text.get_text() for text in axes.texts]
    assert "IKM 92,47 · mutu A · 166 responden" in labels
    footer = overview_figure(REPORT, "id").get_supxlabel()
    assert footer.startswith("1 tanpa responden atau tanpa IKM tidak ditampilkan")


def test_the_overview_carries_the_mutu_bands_and_is_a_png():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = overview_figure(REPORT, "en")
    FigureCanvasAgg(figure).draw()
    ticks = [label.get_text() for axes in figure.axes for label in axes.get_xticklabels()]
    ticks += [
        label.get_text()
        for axes in figure.axes
        for child in axes.child_axes
        for label in child.get_xticklabels()
    ]
    assert sum(1 for label in ticks if "NIK" in label) == 4, ticks  # the four mutu bands
    assert overview_chart(REPORT, "en").startswith(PNG_SIGNATURE)
