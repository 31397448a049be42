"""The IKM chart: NRR per unsur as bars over the interval table's mutu bands (PermenPANRB
14/2017: NI 1,00–2,5996 D · 2,60–3,064 C · 3,0644–3,532 B · 3,5324–4,00 A), each band labelled
with its mutu, kinerja and NIK range, the weakest unsur in another colour, every text and number
in the reader's language (Bahasa Indonesia by default: "3,5" on the axis as on the bars).

matplotlib's object API with the Agg canvas: no pyplot, no global figure state, safe to call from
the bot's worker tasks.
"""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal
from typing import Any, Final

from bot.formatting import fmt_date, fmt_decimal
from bot.render.text import plain
from domain.skm.ikm import INTERVAL_TABLE, UNSUR, UNSUR_CODES, Mutu
from domain.skm.report_model import IkmGroup

BAND_COLOURS: Final = {Mutu.D: "#f4cccc", Mutu.C: "#fce5cd", Mutu.B: "#d9ead3", Mutu.A: "#b6d7a8"}
BAR, WEAKEST = "#3c78d8", "#cc0000"
DPI: Final = 150


def _bands(axes: Any, lang: str) -> None:
    middles, labels = [], []
    for band in INTERVAL_TABLE:
        low, high = float(band.ni_min), float(band.ni_max)
        axes.axhspan(low, high, color=BAND_COLOURS[band.mutu], zorder=0)
        middles.append((low + high) / 2)
        labels.append(band_label(band.mutu, lang))
    bands = axes.secondary_yaxis("right")
    bands.set_yticks(middles, labels, fontsize=7)
    bands.tick_params(length=0)


def band_label(mutu: Mutu, lang: str) -> str:
    """ "Mutu A · Sangat Baik" over "NIK 88,31–100,00"."""
    band = next(b for b in INTERVAL_TABLE if b.mutu is mutu)
    return plain(
        lang,
        "skm.chart.band",
        mutu=mutu.value,
        kinerja=plain(lang, f"skm.kinerja.{mutu.value}"),
        low=fmt_decimal(band.nik_min, lang),
        high=fmt_decimal(band.nik_max, lang),
    )


def _subtitle(group: IkmGroup, lang: str, minimum: int) -> str:
    result = group.result
    period = {
        "from": fmt_date(group.period.date_from, lang),
        "to": fmt_date(group.period.date_to, lang),
        "respondents": fmt_decimal(result.respondents, lang),
    }
    if group.withheld:
        return plain(lang, "skm.chart.subtitle_withheld", **period, min=minimum)
    if result.ikm_display is None or result.mutu is None:
        return plain(lang, "skm.chart.subtitle_no_ikm", **period)
    ikm = fmt_decimal(result.ikm_display, lang)
    mutu = result.mutu.value
    kinerja = plain(lang, f"skm.kinerja.{mutu}")
    return plain(lang, "skm.chart.subtitle", **period, ikm=ikm, mutu=mutu, kinerja=kinerja)


def _bars(axes: Any, group: IkmGroup, lang: str) -> None:
    result, weakest = group.result, set(group.weakest)
    for position, code in enumerate(UNSUR_CODES):
        if code not in result.nrr:
            continue
        value = float(result.nrr[code])
        colour = WEAKEST if code in weakest else BAR
        axes.bar(position, value - 1, bottom=1, width=0.6, color=colour, zorder=2)
        label = fmt_decimal(result.nrr_display(code), lang)
        axes.text(position, value + 0.04, label, ha="center", va="bottom", fontsize=8, zorder=3)


def axis_tick(value: float, lang: str) -> str:
    """An NRR axis tick as the bars' labels write numbers: 3,5 in Indonesian, 3.5 in English."""
    return fmt_decimal(Decimal(f"{value:.1f}"), lang)


def nrr_figure(group: IkmGroup, lang: str = "id", *, minimum: int = 1) -> Any:
    """The chart of one group's NRR per unsur, as a matplotlib figure (tests read its texts)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    figure = Figure(figsize=(10, 6), layout="constrained")
    axes = figure.add_subplot()
    _bands(axes, lang)
    _bars(axes, group, lang)
    names = [f"{u.code}\n" + "\n".join(textwrap.wrap(plain(lang, u.name_key), 14)) for u in UNSUR]
    axes.set_xticks(range(len(UNSUR)), names, fontsize=7)
    axes.set_xlim(-0.6, len(UNSUR) - 0.4)
    axes.set_ylim(1, 4.2)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_tick(value, lang)))
    axes.set_ylabel(plain(lang, "skm.chart.ylabel"))
    axes.set_xlabel(plain(lang, "skm.chart.xlabel"))
    figure.suptitle(plain(lang, "skm.chart.title", scope=group.name), fontsize=13, weight="bold")
    axes.set_title(_subtitle(group, lang, minimum), fontsize=9)
    figure.supxlabel(plain(lang, "skm.method"), fontsize=7, color="#555555")
    return figure


def nrr_chart(group: IkmGroup, lang: str = "id", *, minimum: int = 1) -> bytes:
    """A PNG of one group's NRR per unsur."""
    buffer = io.BytesIO()
    nrr_figure(group, lang, minimum=minimum).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
