"""The report's files and text: XLSX cells, a real PNG chart, JSON/CSV shapes, the chat summary,
and the A4 QR poster (its QR code read back module by module)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.render import spreadsheets as xlsx
from bot.render.charts import nrr_chart
from bot.render.exports import csv_text, ikm_object, json_lines
from bot.render.posters import qr_matrix, render_poster, survey_url
from bot.render.summaries import report_text
from domain.skm import UNSUR_CODES, UnsurTotals, compute_ikm
from domain.skm_report import IkmGroup, IkmReport, Period, Rtl, ScopeKind, Suggestion

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
EXAMPLE_A = [105, 101, 100, 116, 102, 105, 106, 105, 115]  # DOMAIN.md §1.6, 29 respondents
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def example_group(**changes: object) -> IkmGroup:
    result = compute_ikm(
        [UnsurTotals(c, s, 29) for c, s in zip(UNSUR_CODES, EXAMPLE_A, strict=True)], 29
    )
    group = IkmGroup(
        ScopeKind.SERVICE, 7, "DISDUKCAPIL-IDP", "Seksi Identitas Penduduk", "KTP-EL",
        "Perekaman dan Pencetakan KTP-el", Q3, result,
        profile={"gender": {"L": 12, "P": 15, None: 2}}, population=100,
    )  # fmt: skip
    return IkmGroup(**{**{f: getattr(group, f) for f in group.__dataclass_fields__}, **changes})  # type: ignore[arg-type]


def example_report() -> IkmReport:
    saran = Suggestion(7, "KTP-EL", date(2026, 8, 4), "telegram", "Antrean lama", "0812")
    return IkmReport(Q3, ScopeKind.SERVICE, (example_group(),), (saran,))  # type: ignore[arg-type]


# --- JSON and CSV ---------------------------------------------------------------------------


def test_the_json_object_has_exactly_the_issue_s_shape_with_numbers_as_displayed() -> None:
    line = json_lines(example_report()).splitlines()[0]
    assert json.loads(line) == {
        "unit": "DISDUKCAPIL-IDP",
        "service": "KTP-EL",
        "from": "2026-07-01",
        "to": "2026-09-30",
        "respondents": 29,
        "nrr": {
            "U1": 3.621, "U2": 3.483, "U3": 3.448, "U4": 4.0, "U5": 3.517,
            "U6": 3.621, "U7": 3.655, "U8": 3.621, "U9": 3.966,
        },
        "ikm": 91.48,
        "mutu": "A",
        "kinerja": "Sangat Baik",
    }  # fmt: skip
    assert '"ikm": 91.48' in line


def test_a_group_without_respondents_has_null_figures_in_json() -> None:
    empty = example_group(result=compute_ikm((), 0))
    shown = ikm_object(empty)
    assert shown["respondents"] == 0
    assert shown["ikm"] is None
    assert shown["mutu"] is None
    assert set(shown["nrr"]) == set(UNSUR_CODES)


def test_the_csv_has_one_row_per_group_under_a_header() -> None:
    lines = csv_text(example_report()).splitlines()
    assert (
        lines[0] == "unit,service,from,to,respondents,U1,U2,U3,U4,U5,U6,U7,U8,U9,ikm,mutu,kinerja"
    )
    assert lines[1].startswith(
        "DISDUKCAPIL-IDP,KTP-EL,2026-07-01,2026-09-30,29,3.621,3.483,3.448,4.000,"
    )
    assert lines[1].endswith(",91.48,A,Sangat Baik")


# --- XLSX -----------------------------------------------------------------------------------


def test_the_workbook_holds_the_official_processing_layout() -> None:
    book = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report())))
    assert book.sheetnames == ["Ringkasan", "Olah KTP-EL", "Profil Responden", "Saran"]
    sheet = book["Olah KTP-EL"]
    column = {code: xlsx.FIRST_UNSUR_COLUMN + i for i, code in enumerate(UNSUR_CODES)}
    assert [sheet.cell(xlsx.ROW_UNSUR, column[c]).value for c in UNSUR_CODES] == list(UNSUR_CODES)
    assert [sheet.cell(xlsx.ROW_SUM, column[c]).value for c in UNSUR_CODES] == EXAMPLE_A
    assert {sheet.cell(xlsx.ROW_ANSWERED, column[c]).value for c in UNSUR_CODES} == {29}
    assert sheet.cell(xlsx.ROW_NRR, column["U1"]).value == pytest.approx(3.621)
    assert sheet.cell(xlsx.ROW_NRR, column["U9"]).value == pytest.approx(3.966)
    assert sheet.cell(xlsx.ROW_TERTIMBANG, column["U1"]).value == pytest.approx(0.402)
    assert sheet.cell(xlsx.ROW_TERTIMBANG, column["U4"]).value == pytest.approx(0.444)
    assert sheet.cell(xlsx.ROW_SKM, 2).value == pytest.approx(3.659)
    assert sheet.cell(xlsx.ROW_IKM, 2).value == pytest.approx(91.48)
    assert sheet.cell(xlsx.ROW_IKM, 2).number_format == "0.00"
    assert sheet.cell(xlsx.ROW_MUTU, 2).value == "A"
    assert sheet.cell(xlsx.ROW_KINERJA, 2).value == "Sangat Baik"
    assert "bobot 1/9" in sheet.cell(xlsx.ROW_METHOD, 1).value
    assert sheet.cell(xlsx.ROW_NAME, column["U8"]).value == "Sarana dan Prasarana"


def test_the_workbook_has_the_summary_profiles_and_suggestions() -> None:
    book = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report())))
    summary = next(iter(book["Ringkasan"].iter_rows(min_row=3, max_row=3, values_only=True)))
    assert summary[:3] == ("Seksi Identitas Penduduk", "Perekaman dan Pencetakan KTP-el", 29)
    assert summary[-5:] == (pytest.approx(91.48), "A", "Sangat Baik", 100, 80)
    profile = list(book["Profil Responden"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3], r[4]) for r in profile] == [
        ("Jenis kelamin", "Laki-laki", 12),
        ("Jenis kelamin", "Perempuan", 15),
        ("Jenis kelamin", "Tidak diisi", 2),
    ]
    [saran] = book["Saran"].iter_rows(min_row=2, values_only=True)
    assert saran[1:] == ("KTP-EL", "Telegram", "Antrean lama", "0812")


def test_long_or_repeated_codes_still_make_valid_sheet_names() -> None:
    long = example_group(service_code="A" * 32)
    report = IkmReport(Q3, ScopeKind.SERVICE, (long, long))  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(xlsx.ikm_workbook(report)))
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len(set(book.sheetnames)) == len(book.sheetnames) == 5


# --- the chart ------------------------------------------------------------------------------


def test_the_chart_is_a_real_png_with_visible_bars_and_bands() -> None:
    data = nrr_chart(example_group())
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (1500, 900)
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50  # text, bars and four bands, not a blank canvas
    present = {rgb for _, rgb in colours}
    assert (0x3C, 0x78, 0xD8) in present  # the bars
    assert (0xCC, 0x00, 0x00) in present  # the weakest unsur (U3)


def test_a_chart_of_a_group_without_responses_still_renders() -> None:
    assert nrr_chart(example_group(result=compute_ikm((), 0)), "en").startswith(PNG_SIGNATURE)


# --- the chat summary -----------------------------------------------------------------------


def test_the_summary_highlights_the_weakest_unsur_and_shows_the_sample_and_last_rtl() -> None:
    rtl = Rtl(ScopeKind.SERVICE, 7, Period(date(2026, 4, 1), date(2026, 6, 30)), "U3", "3.100",
              "Tambah loket", datetime(2026, 7, 2, tzinfo=UTC), "x")  # fmt: skip
    report = IkmReport(Q3, ScopeKind.SERVICE, (example_group(previous_rtl=(rtl,)),))  # type: ignore[arg-type]
    shown = report_text(report, "id", "Asia/Jakarta")
    assert "IKM 91,48</b> — mutu <b>A</b> (Sangat Baik)" in shown
    assert "⚠️ <b>U3 Waktu Penyelesaian: 3,448</b> — terlemah" in shown
    assert "U4 Biaya/Tarif: 4,000" in shown
    assert (
        "Target sampel Krejcie–Morgan: 80 responden dari populasi 100; terkumpul 29 (36%)" in shown
    )
    assert "“Tambah loket”. NRR saat itu 3,100, kini 3,448" in shown
    assert "bobot 1/9" in shown


# --- the QR poster --------------------------------------------------------------------------

URL = survey_url("kinerja_demo_bot", "KTP-EL")


def test_the_survey_url_is_the_bot_s_deep_link_for_the_service() -> None:
    assert URL == "https://t.me/kinerja_demo_bot?start=skm_KTP-EL"


def test_the_png_poster_is_a4_and_its_qr_code_reads_back_as_the_survey_url() -> None:
    poster = render_poster(service_name="Perekaman KTP-el", unit_name="Seksi IDP", url=URL)
    image = Image.open(io.BytesIO(poster.data)).convert("L")
    width, height = image.size
    assert width == 1240
    assert height / width == pytest.approx(297 / 210, rel=0.002)
    assert _read_modules(image, poster.qr_box, len(qr_matrix(URL))) == qr_matrix(URL)


def test_a_different_url_gives_a_different_code_on_the_poster() -> None:
    poster = render_poster(service_name="KK", unit_name="Dafduk", url=survey_url("bot", "KK"))
    image = Image.open(io.BytesIO(poster.data)).convert("L")
    modules = len(qr_matrix(URL))
    assert _read_modules(image, poster.qr_box, modules) != qr_matrix(URL)


def test_the_pdf_poster_is_a_one_page_a4_pdf_with_the_texts() -> None:
    poster = render_poster(
        service_name="Perekaman KTP-el", unit_name="Seksi IDP", url=URL, fmt="pdf"
    )
    assert poster.data.startswith(b"%PDF-")
    assert poster.data.count(b"/Type /Page\n") + poster.data.count(b"/Type /Page ") <= 1
    assert b"/MediaBox [ 0 0 595.44 841.68 ]" in poster.data  # 8.27 x 11.69 in, A4


def _read_modules(
    image: Image.Image, box: tuple[float, float, float, float], size: int
) -> list[list[bool]]:
    """Sample the centre of every module inside the quiet zone (a tiny QR "reader" that knows
    where the code is; a pure-Python decoder is not available on PyPI)."""
    left, top, right, bottom = (
        box[0] * image.width,
        box[1] * image.height,
        box[2] * image.width,
        box[3] * image.height,
    )
    quiet = 4
    step_x = (right - left) / (size + 2 * quiet)
    step_y = (bottom - top) / (size + 2 * quiet)
    return [
        [
            image.getpixel(
                (int(left + (quiet + col + 0.5) * step_x), int(top + (quiet + row + 0.5) * step_y))
            )
            < 128
            for col in range(size)
        ]
        for row in range(size)
    ]
