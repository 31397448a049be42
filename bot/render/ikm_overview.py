"""The IKM overview chart: every service (or unit) of a report on one page, ranked by IKM, over
the mutu bands of PermenPANRB 14/2017 (NIK 25,00–64,99 D · 65,00–76,60 C · 76,61–88,30 B ·
88,31–100,00 A), each bar labelled with its IKM and its respondents. A group without respondents
(or whose IKM cannot be computed) gets no bar; the chart says how many were left out.

matplotlib's object API with the Agg canvas, as :mod:`bot.render.charts`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final

from bot.formatting import fmt_date, fmt_decimal
from bot.render.charts import BAND_COLOURS, DPI, band_label
from bot.render.text import plain
from domain.skm.ikm import INTERVAL_TABLE
from domain.skm.report_model import Grouping, IkmGroup, IkmReport

BAR: Final = "#3c78d8"
NAME_WIDTH: Final = 48  # characters of a service's name beside its bar
LOWEST_NIK: Final = 25.0
INSIDE_FROM: Final = 36.0  # bar length (NIK points) from which the label fits inside the bar


def ranked(report: IkmReport) -> list[IkmGroup]:
    """The groups that have an IKM, best first (a tie keeps the report's order)."""
    shown = [g for g in report.groups if g.result.respondents and g.result.ikm_display is not None]
    return sorted(shown, key=lambda g: -(g.result.ikm_display or 0))


def overview_figure(report: IkmReport, lang: str = "id") -> Any:
    from matplotlib.figure import Figure

    groups = ranked(report)
    height = 2.2 + 0.42 * max(len(groups), 1)
    figure = Figure(figsize=(11, height), layout="constrained")
    axes = figure.add_subplot()
    for band in INTERVAL_TABLE:
        low = max(float(band.nik_min), LOWEST_NIK)
        axes.axvspan(low, float(band.nik_max), color=BAND_COLOURS[band.mutu], zorder=0)
    _bars(axes, groups, lang)
    axes.set_xlim(LOWEST_NIK, 100)
    axes.set_ylim(len(groups) - 0.5, -0.5)  # the best at the top
    axes.xaxis.set_major_formatter(_ticks(lang))
    axes.set_xlabel(plain(lang, "skm.overview.xlabel"))
    _band_names(axes, lang)
    kind = "unit" if report.grouping is Grouping.UNIT else "service"
    figure.suptitle(plain(lang, f"skm.overview.title_{kind}"), fontsize=13, weight="bold")
    axes.set_title(_subtitle(report, groups, lang), fontsize=9)
    footer = plain(lang, "skm.method")
    if left_out := len(report.groups) - len(groups):
        footer = plain(lang, "skm.overview.left_out", count=left_out) + "\n" + footer
    figure.supxlabel(footer, fontsize=7, color="#555555")
    return figure


def overview_chart(report: IkmReport, lang: str = "id") -> bytes:
    """The overview as PNG bytes."""
    buffer = io.BytesIO()
    overview_figure(report, lang).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _bars(axes: Any, groups: Sequence[IkmGroup], lang: str) -> None:
    names = []
    for position, group in enumerate(groups):
        ikm = float(group.result.ikm_display or 0)
        axes.barh(position, ikm - LOWEST_NIK, left=LOWEST_NIK, height=0.6, color=BAR, zorder=2)
        label = plain(
            lang,
            "skm.overview.bar",
            ikm=fmt_decimal(group.result.ikm_display or 0, lang),
            mutu=group.result.mutu.value if group.result.mutu else "-",
            respondents=fmt_decimal(group.result.respondents, lang),
        )
        if ikm - LOWEST_NIK > INSIDE_FROM:  # a long bar carries its label inside, at its end
            axes.text(ikm - 0.6, position, label, va="center", ha="right", fontsize=8,
                      color="white", weight="bold", zorder=3)  # fmt: skip
        else:
            axes.text(ikm + 0.6, position, label, va="center", fontsize=8, zorder=3)
        name = group.name.replace(f" ({group.code})", "")  # the code is added once, below
        name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
        names.append(f"{name} ({group.code})")
    axes.set_yticks(range(len(groups)), names, fontsize=8)


def _band_names(axes: Any, lang: str) -> None:
    top = axes.secondary_xaxis("top")
    middles = [(max(float(b.nik_min), LOWEST_NIK) + float(b.nik_max)) / 2 for b in INTERVAL_TABLE]
    top.set_xticks(middles, [band_label(b.mutu, lang) for b in INTERVAL_TABLE], fontsize=7)
    top.tick_params(length=0)


def _ticks(lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: fmt_decimal(int(value), lang))


def _subtitle(report: IkmReport, groups: Sequence[IkmGroup], lang: str) -> str:
    return plain(
        lang,
        "skm.overview.subtitle",
        **{
            "from": fmt_date(report.period.date_from, lang),
            "to": fmt_date(report.period.date_to, lang),
            "groups": len(groups),
        },
    )
