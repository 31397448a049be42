"""The 360° radar chart (issue 11): the seven BerAKHLAK values around the circle, the behaviour
scale 1-5 outwards, one line per view — peers' and subordinates' frozen means where shown, the
employee's self-rating and the pejabat penilai's one Rating Perilaku Kerja placed at the middle
of their band (the 3-point Rating has no 1-5 number: ``domain/peer/comparison.py``), labelled
as such. Large type for a phone screen; matplotlib's object API with the Agg canvas."""

from __future__ import annotations

import io
import math
import textwrap
from typing import Any, Final

from bot.formatting import fmt_decimal
from bot.render.text import plain
from domain.appraisal.berakhlak import BERAKHLAK
from domain.peer.comparison import ANCHOR
from domain.peer.raters import Relation
from domain.peer.results import PeerResults

DPI: Final = 150
COLOURS: Final = {
    "peers": "#1f77b4",
    "subordinates": "#2ca02c",
    "self": "#ff7f0e",
    "pejabat": "#7f7f7f",
}


def _closed(values: list[float]) -> list[float]:
    return [*values, values[0]]


def _series(found: PeerResults) -> list[tuple[str, list[float], str, str]]:
    """(label key, values in BerAKHLAK order with NaN where not shown, colour, line style)."""
    comparison = found.comparison
    assert comparison is not None
    nan = math.nan
    series = []
    for relation, name in ((Relation.PEER, "peers"), (Relation.UPWARD, "subordinates")):
        means = comparison.series(relation)
        if any(m is not None for m in means):
            values = [float(m) if m is not None else nan for m in means]
            series.append((f"results.chart.{name}", values, COLOURS[name], "-"))
    own = [row.self_rating for row in comparison.values]
    if any(r is not None for r in own):
        values = [float(ANCHOR[r]) if r is not None else nan for r in own]
        series.append(("results.chart.self", values, COLOURS["self"], "--"))
    if comparison.perilaku is not None:
        level = float(ANCHOR[comparison.perilaku])
        series.append(("results.chart.pejabat", [level] * len(BERAKHLAK), COLOURS["pejabat"], ":"))
    return series


def radar_figure(found: PeerResults, lang: str = "id") -> Any:
    """The radar chart as a matplotlib figure (tests read its texts)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, 10), layout="constrained")
    axes = figure.add_subplot(projection="polar")
    count = len(BERAKHLAK)
    axes.set_theta_offset(math.pi / 2)  # type: ignore[attr-defined]  # the first value on top
    axes.set_theta_direction(-1)  # type: ignore[attr-defined]  # then clockwise
    angles = [2 * math.pi * i / count for i in range(count)]
    for key, values, colour, style in _series(found):
        axes.plot(
            _closed(angles),
            _closed(values),
            style,
            color=colour,
            linewidth=2.5,
            marker="o",
            markersize=7,
            label=plain(lang, key),
        )
    names = [
        "\n".join(textwrap.wrap(plain(lang, f"berakhlak.{v.code}.name"), 12)) for v in BERAKHLAK
    ]
    axes.set_xticks(angles, names, fontsize=12, weight="bold")
    axes.tick_params(axis="x", pad=14)
    axes.set_ylim(0, 5)
    axes.set_yticks(
        [1, 2, 3, 4, 5], [fmt_decimal(n, lang) for n in range(1, 6)], fontsize=10, color="#555555"
    )
    axes.set_rlabel_position(180 / count)  # type: ignore[attr-defined]  # between two values
    axes.grid(color="#cccccc")
    axes.set_title("\n", fontsize=14)  # room for the top value's name under the title
    figure.suptitle(
        plain(lang, "results.chart.title", name=found.member.name, period=found.period.name),
        fontsize=15,
        weight="bold",
    )
    note = "\n".join(textwrap.wrap(plain(lang, "results.chart.note"), 80))
    legend = figure.legend(
        loc="outside lower center", fontsize=12, frameon=False, title=note, title_fontsize=10
    )
    legend.get_title().set_color("#555555")

    return figure


def radar_chart(found: PeerResults, lang: str = "id") -> bytes:
    """A PNG of the radar chart."""
    buffer = io.BytesIO()
    radar_figure(found, lang).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
