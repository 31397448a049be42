"""A4 posters for the counter: the service, its unit, one line inviting the citizen, and the QR
code of the survey's deep link ``https://t.me/<bot>?start=skm_<CODE>``.

Drawn with matplotlib on an A4 figure: PNG at 150 dpi for the chat and quick printing, PDF with
vector text and vector QR modules (every module a sharp square at any printer resolution).
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import Any, Final

from bot.render.text import plain
from domain.skm.survey import DEEP_LINK_PREFIX

A4_INCHES: Final = (8.27, 11.69)
PNG_DPI: Final = 150
QUIET_ZONE: Final = 4  # modules of white around the code, as ISO/IEC 18004 requires
# The QR code (with its quiet zone), as fractions of the page width: as wide as the texts
# above it leave room for, between these bounds (the smallest still scans from ~50 cm).
QR_MAX_WIDTH, QR_MIN_WIDTH = 0.5, 0.3
GAP: Final = 0.012  # between the texts and the code, as a fraction of the page height
TEXT_WIDTH: Final = 0.92  # no text line wider than this fraction of the page
FONT_SCALES: Final = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)  # tried in turn until everything fits
URL_BOTTOM, FOOTER_BOTTOM = 0.085, 0.04
FORMATS: Final = ("png", "pdf")


@dataclass(frozen=True, slots=True)
class Poster:
    """The file, and where the QR code (with its quiet zone) is on the page, as fractions from
    the top-left corner: (left, top, right, bottom)."""

    data: bytes
    fmt: str
    qr_box: tuple[float, float, float, float]


def survey_url(bot_username: str, service_code: str) -> str:
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{service_code}"


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), without the quiet zone. Error correction M: a
    poster behind glass or slightly worn still scans."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return [list(map(bool, row)) for row in code.get_matrix()]


def _qr_axes(figure: Any, matrix: list[list[bool]], box: tuple[float, float, float]) -> None:
    """Draw the code with its quiet zone in a square ``box`` = (left, bottom, width) of the page
    (fractions; the height follows from the width)."""
    from matplotlib.collections import PolyCollection

    left, bottom, width = box
    height = width * A4_INCHES[0] / A4_INCHES[1]  # a square on the page
    axes = figure.add_axes((left, bottom, width, height))
    size = len(matrix) + 2 * QUIET_ZONE
    squares = [
        [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]
        for row, cells in enumerate(matrix)
        for col, dark in enumerate(cells)
        if dark
        for x, y in [(col + QUIET_ZONE, row + QUIET_ZONE)]
    ]
    modules = PolyCollection(squares, facecolors="black", edgecolors="none", antialiased=False)
    axes.add_collection(modules)
    axes.set_xlim(0, size)
    axes.set_ylim(size, 0)  # row 0 at the top
    axes.set_axis_off()


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


@dataclass(frozen=True, slots=True)
class _Line:
    """A block of text on the poster: wrapped at ``width`` characters, in ``size`` points."""

    text: str
    width: int
    size: float
    weight: str = "normal"
    color: str = "black"


LINE_SPACING: Final = 1.35


def _stack(figure: Any, renderer: Any, blocks: list[_Line], top: float, scale: float) -> Any:
    """Write ``blocks`` one under the other from ``top`` (a fraction of the page height, from
    the bottom), fonts scaled by ``scale``; return the texts' extents (page fractions), measured,
    so that long names push what follows down and never overlap it."""
    from matplotlib.transforms import Bbox

    y, boxes = top, []
    for block in blocks:
        size = block.size * scale
        text = figure.text(
            0.5,
            y,
            _wrap(block.text, int(block.width / scale)),
            ha="center",
            va="top",
            fontsize=size,
            weight=block.weight,
            color=block.color,
            linespacing=LINE_SPACING,
        )
        box = text.get_window_extent(renderer=renderer).transformed(figure.transFigure.inverted())
        boxes.append(box)
        y = box.y0 - size * 0.8 / 72 / A4_INCHES[1]
    return Bbox.union(boxes)


def _page(
    blocks: list[_Line], url: str, footer: str, scale: float
) -> tuple[Any, tuple[float, float, float] | None]:
    """One attempt at the layout: the figure, and where the QR code goes if it fits."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=A4_INCHES)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    texts = _stack(figure, renderer, blocks, 0.95, scale)
    figure.text(0.5, FOOTER_BOTTOM, footer, ha="center", va="bottom", fontsize=10, color="#555")
    link = figure.text(
        0.5, URL_BOTTOM, url, ha="center", va="bottom", fontsize=11, family="monospace"
    )
    link_top = (
        link.get_window_extent(renderer=renderer).transformed(figure.transFigure.inverted()).y1
    )
    room = texts.y0 - link_top - 2 * GAP  # page height between the texts and the link
    width = min(QR_MAX_WIDTH, room * A4_INCHES[1] / A4_INCHES[0])
    if width < QR_MIN_WIDTH or texts.width > TEXT_WIDTH:
        return figure, None
    height = width * A4_INCHES[0] / A4_INCHES[1]
    bottom = link_top + GAP + (room - height) / 2
    return figure, ((1 - width) / 2, bottom, width)


def render_poster(
    *,
    service_name: str,
    unit_name: str,
    url: str,
    fmt: str = "png",
    lang: str = "id",
    organisation: str | None = None,
) -> Poster:
    """The poster as PNG or PDF bytes. Long names shrink the code (down to a size that still
    scans) and then the texts, so text never covers the code or its quiet zone."""
    if fmt not in FORMATS:
        raise ValueError(f"poster format must be one of {FORMATS}")
    blocks = [_Line(plain(lang, "skm.poster.heading"), 40, 26, weight="bold")]
    if organisation:
        blocks.append(_Line(organisation, 60, 14))
    blocks += [
        _Line(service_name, 34, 24, weight="bold"),
        _Line(unit_name, 50, 15, color="#333333"),
        _Line(plain(lang, "skm.poster.invite"), 58, 14),
    ]
    footer = plain(lang, "skm.poster.footer")
    for scale in FONT_SCALES:
        figure, box = _page(blocks, url, footer, scale)
        if box is not None:
            break
    if box is None:  # pragma: no cover - names are at most 200 characters (the tables' limit)
        raise ValueError("the poster's texts leave no room for the QR code")
    _qr_axes(figure, qr_matrix(url), box)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI)
    left, bottom, width = (float(value) for value in box)
    top = 1 - (bottom + width * A4_INCHES[0] / A4_INCHES[1])
    return Poster(buffer.getvalue(), fmt, (left, top, left + width, 1 - bottom))
