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

from bot.texts import t
from domain.skm_survey import DEEP_LINK_PREFIX

A4_INCHES: Final = (8.27, 11.69)
PNG_DPI: Final = 150
QUIET_ZONE: Final = 4  # modules of white around the code, as ISO/IEC 18004 requires
# Where the QR code sits, as fractions of the page: left, bottom, width (height follows).
QR_LEFT, QR_BOTTOM, QR_WIDTH = 0.25, 0.2, 0.5
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


def _qr_axes(figure: Any, matrix: list[list[bool]]) -> tuple[float, float, float, float]:
    from matplotlib.collections import PolyCollection

    width_in, height_in = A4_INCHES
    height = QR_WIDTH * width_in / height_in  # a square on the page
    axes = figure.add_axes((QR_LEFT, QR_BOTTOM, QR_WIDTH, height))
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
    top = 1 - (QR_BOTTOM + height)
    return (QR_LEFT, top, QR_LEFT + QR_WIDTH, top + height)


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


def _stack(figure: Any, blocks: list[_Line], top: float) -> float:
    """Write ``blocks`` one under the other from ``top`` (a fraction of the page height, from the
    bottom); return where the last one ends, so long names push the rest down, never overlap."""
    y = top
    for block in blocks:
        text = _wrap(block.text, block.width)
        figure.text(
            0.5,
            y,
            text,
            ha="center",
            va="top",
            fontsize=block.size,
            weight=block.weight,
            color=block.color,
            linespacing=LINE_SPACING,
        )
        lines = text.count("\n") + 1
        y -= (lines * block.size * LINE_SPACING + block.size * 0.8) / 72 / A4_INCHES[1]
    return y


def render_poster(
    *,
    service_name: str,
    unit_name: str,
    url: str,
    fmt: str = "png",
    lang: str = "id",
    organisation: str | None = None,
) -> Poster:
    """The poster as PNG or PDF bytes."""
    from matplotlib.figure import Figure

    if fmt not in FORMATS:
        raise ValueError(f"poster format must be one of {FORMATS}")
    figure = Figure(figsize=A4_INCHES)
    blocks = [_Line(t(lang, "skm.poster.heading"), 40, 26, weight="bold")]
    if organisation:
        blocks.append(_Line(organisation, 60, 14))
    blocks += [
        _Line(service_name, 34, 24, weight="bold"),
        _Line(unit_name, 50, 15, color="#333333"),
        _Line(t(lang, "skm.poster.invite"), 58, 14),
    ]
    _stack(figure, blocks, top=0.95)
    box = _qr_axes(figure, qr_matrix(url))
    figure.text(0.5, 0.17, url, ha="center", va="top", fontsize=11, family="monospace")
    figure.text(0.5, 0.06, t(lang, "skm.poster.footer"), ha="center", fontsize=10, color="#555")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI)
    return Poster(buffer.getvalue(), fmt, box)
