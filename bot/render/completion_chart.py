"""The weekly summary's chart: completion per unit (self-assessment, the supervisor's
assessment and, where assigned, peer feedback) as horizontal bars from 0 to 100 %, every label
in the reader's language. Drawn when the message is sent, from the figures the plan job stored
with it (``domain.reminders.summary.chart_data``).

matplotlib's object API with the Agg canvas, as :mod:`bot.render.charts`: no pyplot, no global
state.
"""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Final

from bot.formatting import fmt_date
from bot.render.text import plain

SERIES: Final = (
    ("reminders.chart.self", "#3c78d8"),
    ("reminders.chart.assessed", "#6aa84f"),
    ("reminders.chart.peer", "#e69138"),
)
DPI: Final = 150
MAX_UNITS: Final = 40  # a taller chart than this is unreadable on a phone; the text lists all


def _rows(data: str) -> list[tuple[str, list[int | None]]]:
    return [(str(row[0]), [*row[1:4]]) for row in json.loads(data)][:MAX_UNITS]


def completion_figure(data: str, lang: str, until: date | None = None) -> Any:
    """The chart as a matplotlib figure (tests read its texts)."""
    from matplotlib.figure import Figure

    rows = _rows(data)
    shown = [i for i, _ in enumerate(SERIES) if any(r[1][i] is not None for r in rows)]
    height = max(3.0, 0.5 * len(rows) * max(1, len(shown)) * 0.6 + 1.6)
    figure = Figure(figsize=(9, height), layout="constrained")
    axes = figure.add_subplot()
    bar = 0.8 / max(1, len(shown))
    for slot, series in enumerate(shown):
        key, colour = SERIES[series]
        label: str | None = plain(lang, key)  # once per series, for the legend
        for position, (_, values) in enumerate(rows):
            value = values[series]
            if value is None:
                continue
            y = position + (slot - (len(shown) - 1) / 2) * bar
            axes.barh(y, value, height=bar * 0.9, color=colour, label=label)
            axes.text(value + 1, y, f"{value}%", va="center", fontsize=7)
            label = None
    axes.set_yticks(
        range(len(rows)), ["\n".join(textwrap.wrap(name, 28)) for name, _ in rows], fontsize=8
    )
    axes.invert_yaxis()
    axes.set_xlim(0, 110)
    axes.set_xlabel(plain(lang, "reminders.chart.xlabel"))
    axes.legend(loc="lower right", fontsize=8)
    figure.suptitle(plain(lang, "reminders.chart.title"), fontsize=13, weight="bold")
    if until is not None:
        axes.set_title(
            plain(lang, "reminders.chart.subtitle", until=fmt_date(until, lang)), fontsize=9
        )
    return figure


def completion_chart(params: Mapping[str, object], lang: str) -> bytes:
    """A PNG of the chart of an outbox message's parameters (``chart`` and ``until``)."""
    until = params.get("until")
    figure = completion_figure(
        str(params["chart"]), lang, until if isinstance(until, date) else None
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


PhotoRenderer = Callable[[Mapping[str, object], str], bytes]
PHOTOS: Final[Mapping[str, PhotoRenderer]] = MappingProxyType(
    {"completion_chart": completion_chart}
)


def photo_of(params: Mapping[str, object], lang: str) -> bytes | None:
    """The picture an outbox message asks for (its ``$photo`` parameter), or ``None``."""
    name = params.get("$photo")
    return None if name is None else PHOTOS[str(name)](params, lang)
