"""The report's files and text: XLSX cells (never a formula from a citizen), a real PNG chart
(labels and numbers in the reader's language), JSON/CSV shapes, the chat summary (under
Telegram's limit), and the A4 QR poster (its QR code read back module by module, even under the
longest names)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.render import spreadsheets as xlsx
from bot.render.charts import axis_tick, band_label, nrr_chart, nrr_figure
from bot.render.exports import csv_text, ikm_object, json_lines
from bot.render.posters import QUIET_ZONE, qr_matrix, render_poster, survey_url
from bot.screens import TELEGRAM_MESSAGE_LIMIT
from bot.skm.screens import PLAN_PREVIEW, report_messages, report_parts, utf16_length
from domain.skm.ikm import UNSUR_CODES, Mutu, UnsurTotals, compute_ikm
from domain.skm.report_model import (
    Grouping,
    IkmGroup,
    IkmReport,
    Rtl,
    ScopeKind,
    Suggestion,
    withhold_small,
)
from domain.skm.report_period import ReportPeriod

Q3 = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
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


def example_report(*groups: IkmGroup, saran: tuple[Suggestion, ...] | None = None) -> IkmReport:
    if saran is None:
        saran = (Suggestion(7, "KTP-EL", date(2026, 8, 4), "telegram", "Antrean lama", "0812"),)
    shown = groups or (example_group(),)
    return IkmReport(Q3, Grouping.SERVICE, shown, saran, len(saran), min_respondents=5)


def rtl(unsur: str = "U3", plan: str = "Tambah loket", nrr: str = "3.100") -> Rtl:
    previous = ReportPeriod(date(2026, 4, 1), date(2026, 6, 30))
    return Rtl(
        ScopeKind.SERVICE, 7, previous, unsur, nrr, plan, datetime(2026, 7, 2, tzinfo=UTC), "x"
    )


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
    labels = [sheet.cell(row, 1).value for row in range(xlsx.ROW_UNSUR, xlsx.ROW_KINERJA + 1)]
    labels = [label for label in labels if label]
    assert len(labels) == len(set(labels)) == 10  # every row says what it is


def test_the_processing_sheet_carries_the_interval_table_as_the_regulation_prints_it() -> None:
    sheet = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report())))["Olah KTP-EL"]
    rows = [
        [sheet.cell(row, column).value for column in range(1, 6)]
        for row in range(xlsx.ROW_LEGEND + 2, xlsx.ROW_LEGEND + 6)
    ]
    assert "PermenPANRB 14/2017" in sheet.cell(xlsx.ROW_LEGEND, 1).value
    assert rows == [
        [1, "1,00 – 2,5996", "25,00 – 64,99", "D", "Tidak Baik"],
        [2, "2,60 – 3,064", "65,00 – 76,60", "C", "Kurang Baik"],
        [3, "3,0644 – 3,532", "76,61 – 88,30", "B", "Baik"],
        [4, "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"],
    ]


def test_the_english_workbook_translates_kinerja_and_the_legend() -> None:
    book = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report(), "en")))
    sheet = book["Data KTP-EL"]
    assert sheet.cell(xlsx.ROW_KINERJA, 2).value == "Very good"
    assert sheet.cell(xlsx.ROW_LEGEND + 5, 5).value == "Very good"


def test_the_previous_rtl_is_written_with_its_nrr_as_a_number_and_the_whole_plan() -> None:
    plan = "Tambah loket " * 70  # 910 characters: the chat shows the start, the sheet all
    report = example_report(example_group(previous_rtl=(rtl(plan=plan.strip(), nrr="3.448"),)))
    sheet = load_workbook(io.BytesIO(xlsx.ikm_workbook(report)))["Olah KTP-EL"]
    found = [
        [sheet.cell(row, column).value for column in range(1, 5)]
        for row in range(xlsx.ROW_FOLLOW_UP, xlsx.ROW_FOLLOW_UP + 6)
    ]
    [row] = [r for r in found if r[1] == "U3"]
    assert row[2] == pytest.approx(3.448)
    assert isinstance(row[2], float)
    assert row[3] == plan.strip()


def test_no_cell_written_from_anyone_s_text_becomes_a_formula() -> None:
    evil = '=HYPERLINK("http://evil.example","klik")'
    saran = (
        Suggestion(7, "KTP-EL", date(2026, 8, 4), "telegram", evil, "+62 812 @x"),
        Suggestion(7, "KTP-EL", date(2026, 8, 3), "paper", "-1+1", "=1+1"),
    )
    group = example_group(
        service_name="@SUM(A1:A9)", unit_name="+cmd", previous_rtl=(rtl(plan="=2+3"),)
    )
    data = xlsx.ikm_workbook(example_report(group, saran=saran), contacts=True)
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {evil, "+62 812 @x", "-1+1", "=1+1", "@SUM(A1:A9)", "+cmd", "=2+3"} <= texts
    assert b"<f>" not in _sheet_xml(data)


def test_a_unit_head_s_workbook_has_no_contact_column_an_admin_s_export_has() -> None:
    chat = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report())))["Saran"]
    header = [c.value for c in chat[xlsx.ROW_SUGGESTIONS_HEADER]]
    assert "Kontak" not in header
    assert "0812" not in {c.value for row in chat.iter_rows() for c in row}
    admin = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report(), contacts=True)))["Saran"]
    assert [c.value for c in admin[xlsx.ROW_SUGGESTIONS_HEADER]][-1] == "Kontak"
    assert admin.cell(xlsx.ROW_SUGGESTIONS_HEADER + 1, 5).value == "0812"


def test_a_cut_saran_list_says_how_many_of_how_many() -> None:
    saran = tuple(
        Suggestion(7, "KTP-EL", date(2026, 8, 4), "telegram", f"saran {n}", None) for n in range(3)
    )
    cut = IkmReport(Q3, Grouping.ALL, (example_group(),), saran, suggestions_total=1234)
    sheet = load_workbook(io.BytesIO(xlsx.ikm_workbook(cut)))["Saran"]
    assert "3 saran/pengaduan terbaru dari 1234" in sheet.cell(1, 1).value
    whole = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report())))["Saran"]
    assert whole.cell(1, 1).value == "Saran/pengaduan dalam periode ini: 1."


def test_titles_in_files_show_names_as_typed_not_as_html() -> None:
    group = example_group(service_name="Dinas A & B <Pusat>", service_code="AB")
    book = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report(group))))
    title = book["Olah AB"].cell(1, 1).value
    assert title.endswith("— Dinas A & B <Pusat>")
    figure = nrr_figure(group)
    assert figure.get_suptitle() == "Nilai Rata-rata per Unsur — Dinas A & B <Pusat>"


def test_the_workbook_has_the_summary_profiles_and_suggestions() -> None:
    book = load_workbook(io.BytesIO(xlsx.ikm_workbook(example_report())))
    summary = next(iter(book["Ringkasan"].iter_rows(min_row=3, max_row=3, values_only=True)))
    assert summary[:3] == ("Seksi Identitas Penduduk", "Perekaman dan Pencetakan KTP-el", 29)
    assert summary[-6:] == (pytest.approx(91.48), "A", "Sangat Baik", 100, 80, None)
    profile = list(book["Profil Responden"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3], r[4]) for r in profile] == [
        ("Jenis kelamin", "Laki-laki", 12),
        ("Jenis kelamin", "Perempuan", 15),
        ("Jenis kelamin", "Tidak diisi", 2),
    ]
    [saran] = book["Saran"].iter_rows(min_row=xlsx.ROW_SUGGESTIONS_HEADER + 1, values_only=True)
    assert saran[1:] == ("KTP-EL", "Telegram", "Antrean lama")


def test_long_or_repeated_codes_still_make_valid_sheet_names() -> None:
    long = example_group(service_code="A" * 32)
    report = IkmReport(Q3, Grouping.SERVICE, (long, long))
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


def test_each_band_is_labelled_with_its_mutu_kinerja_and_nik_range_in_the_reader_s_language() -> (
    None
):
    figure = nrr_figure(example_group())
    [secondary] = list(figure.axes[0].child_axes)
    labels = [tick.get_text() for tick in secondary.get_yticklabels()]
    assert labels == [band_label(m, "id") for m in (Mutu.D, Mutu.C, Mutu.B, Mutu.A)]
    assert labels[-1] == "Mutu A · Sangat Baik\nNIK 88,31–100,00"
    assert labels[0] == "Mutu D · Tidak Baik\nNIK 25,00–64,99"
    assert band_label(Mutu.B, "en") == "Quality B · Good\nNIK 76.61–88.30"


def test_axis_ticks_and_bar_labels_write_numbers_alike() -> None:
    figure = nrr_figure(example_group())
    axes = figure.axes[0]
    bars = {t.get_text() for t in axes.texts}
    assert "3,621" in bars
    figure.canvas.draw()
    ticks = [t.get_text() for t in axes.get_yticklabels() if t.get_text()]
    assert "3,5" in ticks
    assert not [t for t in ticks if "." in t]
    assert axis_tick(3.5, "en") == "3.5"
    assert "Very good" in nrr_figure(example_group(), "en").axes[0].get_title()


def test_a_withheld_group_s_chart_shows_no_bars_and_says_why() -> None:
    withheld = withhold_small(example_group(result=_result_of(2)), 5)
    figure = nrr_figure(withheld, minimum=5)
    assert len(figure.axes[0].patches) == 4  # the four bands, no bar
    assert len(nrr_figure(example_group()).axes[0].patches) == 4 + 9
    assert "2 responden · kurang dari 5" in figure.axes[0].get_title()


# --- the chat summary -----------------------------------------------------------------------


def _text(report: IkmReport) -> str:
    return "\n\n".join(report_messages(report, "id", "Asia/Jakarta"))


def test_the_summary_highlights_the_weakest_unsur_and_shows_the_sample_and_last_rtl() -> None:
    report = example_report(example_group(previous_rtl=(rtl(),)))
    shown = _text(report)
    assert "IKM 91,48</b> — mutu <b>A</b> (Sangat Baik)" in shown
    assert "⚠️ <b>U3 Waktu Penyelesaian: 3,448</b> — terlemah" in shown
    assert "U4 Biaya/Tarif: 4,000" in shown
    assert (
        "Target sampel Krejcie–Morgan: 80 responden dari populasi 100; terkumpul 29 (36%)" in shown
    )
    assert "“Tambah loket”. NRR saat itu 3,100, kini 3,448" in shown
    assert "bobot 1/9" in shown


def test_the_english_summary_translates_kinerja() -> None:
    shown = "".join(report_messages(example_report(), "en", "Asia/Jakarta"))
    assert "quality <b>A</b> (Very good)" in shown


def test_the_largest_possible_summary_is_split_into_messages_telegram_accepts() -> None:
    plan = "Penambahan loket & petugas <pagi> " * 30  # 1000 characters with markup to escape
    plans = tuple(rtl(code, plan[:1000], "2.500") for code in UNSUR_CODES)
    head = example_group(
        kind=ScopeKind.UNIT, service_code=None, service_name=None, unit_name="U" * 200,
        previous_rtl=plans,
    )  # fmt: skip
    services = tuple(
        example_group(id=100 + n, service_code=f"S{n}", service_name=f"{n} " + "L" * 197)
        for n in range(40)
    )
    report = example_report(head, *services)
    messages = report_messages(report, "id", "Asia/Jakarta", tail="Catat RTL")
    assert len(messages) > 1
    assert all(utf16_length(m) <= TELEGRAM_MESSAGE_LIMIT for m in messages)
    whole = "\n\n".join(messages)
    assert whole.count("RTL periode lalu") == 9
    assert plan[:1000] not in whole  # plans are cut in the chat; the workbook has them whole
    assert "… dan 15 layanan lain" in whole
    assert messages[-1].endswith("Catat RTL")
    for part in report_parts(report, "id", "Asia/Jakarta"):  # every part is whole HTML
        assert part.count("<b>") == part.count("</b>")


def test_a_plan_is_previewed_to_about_two_hundred_characters_at_a_word() -> None:
    plan = "Buka loket tambahan pada jam sibuk " * 20
    shown = _text(example_report(example_group(previous_rtl=(rtl(plan=plan.strip()),))))
    quoted = shown.split("“")[1].split("”")[0]
    assert quoted.endswith("…")
    assert len(quoted) <= PLAN_PREVIEW + 1
    assert not quoted[:-1].endswith(" ")


def test_a_group_under_the_minimum_shows_only_how_many_responded() -> None:
    report = example_report(withhold_small(example_group(result=_result_of(2)), 5))
    shown = _text(report)
    assert "Responden: 2" in shown
    assert "Kurang dari 5 responden (2)" in shown
    assert "NRR per unsur" not in shown
    assert "4,000" not in shown
    assert "IKM 100" not in shown


def _result_of(respondents: int) -> object:
    totals = [UnsurTotals(code, 4 * respondents, respondents) for code in UNSUR_CODES]
    return compute_ikm(totals, respondents)


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(
            archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")
        )


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


@pytest.mark.parametrize(
    "name",
    [
        "Pelayanan Perizinan Berusaha Terintegrasi Secara Elektronik " * 4,  # words, 240 chars
        "PerekamanDanPencetakanKartuTandaPendudukElektronik" * 4,  # one unbroken "word"
    ],
)
def test_the_longest_names_never_cover_the_qr_code_or_its_quiet_zone(name: str) -> None:
    longest = name[:200]  # the tables' limit for service and unit names
    url = survey_url("kinerja_demo_bot", "X" * 32)
    poster = render_poster(service_name=longest, unit_name=longest, url=url, organisation=longest)
    image = Image.open(io.BytesIO(poster.data)).convert("L")
    assert _read_modules(image, poster.qr_box, len(qr_matrix(url))) == qr_matrix(url)
    left, top, right, bottom = (
        round(poster.qr_box[0] * image.width),
        round(poster.qr_box[1] * image.height),
        round(poster.qr_box[2] * image.width),
        round(poster.qr_box[3] * image.height),
    )
    module = (right - left) / (len(qr_matrix(url)) + 2 * QUIET_ZONE)
    inset = int(module * QUIET_ZONE) - 2  # the quiet zone, less the code's own edge
    quiet = [
        image.getpixel((x, y))
        for y in range(top + 1, bottom - 1)
        for x in range(left + 1, right - 1)
        if not (left + inset < x < right - inset and top + inset < y < bottom - inset)
    ]
    assert min(quiet) > 200  # nothing dark in the quiet zone: no text reached it
    assert (right - left) >= 0.3 * image.width  # still large enough to scan


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


# --- the command line's table ---------------------------------------------------------------


def test_the_table_fits_eighty_columns_with_every_figure_whole() -> None:
    from rich.console import Console

    from bot.cli.output import Output
    from bot.cli.skm import WRITERS

    console = Console(width=80, record=True, highlight=False, force_terminal=True)  # a terminal
    groups = [
        example_group(unit_code="DISDUKCAPIL-IDP", service_code=f"KTP-EL-{n}") for n in range(3)
    ]
    WRITERS["table"](Output("id", "Asia/Jakarta", console), example_report(*groups), None)
    shown = console.export_text()
    assert max(len(line) for line in shown.splitlines()) <= 80
    for value in ("3,621", "3,483", "3,448", "4,000", "3,517", "3,655", "3,966", "91,48"):
        assert value in shown
    assert "A (Sangat Baik)" in shown
    assert "KTP-EL-2" in shown
