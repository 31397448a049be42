"""The IKM report as an XLSX workbook in the official processing layout (PermenPANRB 14/2017):
per unsur Σ nilai, the respondents who answered, NRR, NRR tertimbang (× 1/9); then Σ NRR
tertimbang, IKM (× 25), mutu and kinerja; the method line and the interval table (NI, NIK, mutu,
kinerja). Further sheets: a summary line per group, respondent profiles (counts by field), and
the saran (with the contact column only in an admin's export).

Numbers are written as displayed (NRR and tertimbang to 3 dp, IKM to 2 dp, rounded half up from
the exact values), so the sheet shows what the chat and the JSON show. Every text — names, saran,
plans, all of it typed by someone — is written as a string cell: openpyxl would store
``=HYPERLINK(…)`` from a citizen as a live formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from bot.formatting import fmt_date, fmt_decimal
from bot.render.text import plain
from domain.skm.ikm import INTERVAL_TABLE, METHOD_KEY, UNSUR, UNSUR_CODES, Mutu, round_half_up
from domain.skm.report_model import IkmGroup, IkmReport
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import PROFILE

SHEET_NAME_LIMIT: Final = 31  # Excel's limit
FIRST_UNSUR_COLUMN: Final = 2  # column B; column A holds the row labels
# Row numbers of the processing sheet (tests and people look for them there).
ROW_UNSUR, ROW_NAME, ROW_SUM, ROW_ANSWERED, ROW_NRR, ROW_TERTIMBANG = 5, 6, 7, 8, 9, 10
ROW_SKM, ROW_IKM, ROW_MUTU, ROW_KINERJA, ROW_METHOD = 12, 13, 14, 15, 17
ROW_LEGEND = 19  # the interval table: a heading, its columns, then one row per band (D … A)
ROW_FOLLOW_UP = ROW_LEGEND + 2 + len(INTERVAL_TABLE) + 1  # population, target, previous RTL
ROW_SUGGESTIONS_HEADER = 2  # the Saran sheet: row 1 says how many are listed
THREE_DP, TWO_DP = "0.000", "0.00"


def ikm_workbook(report: IkmReport, lang: str = "id", *, contacts: bool = False) -> bytes:
    """The workbook as bytes. ``contacts``: the saran's contact column (admins' exports only)."""
    from openpyxl import Workbook

    book = Workbook()
    _summary(book.active, report, lang)
    used: set[str] = {book.active.title}
    for group in report.groups:
        title = _unique(plain(lang, "skm.xlsx.sheet.processing", code=group.code), used)
        _processing(book.create_sheet(title), group, report, lang)
    _profiles(book.create_sheet(plain(lang, "skm.xlsx.sheet.profile")), report.groups, lang)
    saran = book.create_sheet(plain(lang, "skm.xlsx.sheet.suggestions"))
    _suggestions(saran, report, lang, contacts=contacts)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _unique(title: str, used: set[str]) -> str:
    base, number = title[:SHEET_NAME_LIMIT], 2
    name = base
    while name in used:
        suffix = f" ({number})"
        name, number = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix, number + 1
    used.add(name)
    return name


def put(sheet: Any, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """Write one cell; a text stays text (never a formula), a number gets its format."""
    cell = sheet.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    elif number_format is not None and value is not None:
        cell.number_format = number_format
    return cell


def _append(sheet: Any, values: Sequence[Any]) -> int:
    """Add a row after the last one (as ``sheet.append``), every text as a string cell."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)
    return row


def _bold(sheet: Any, row: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _kinerja(mutu: Mutu | None, lang: str) -> str | None:
    return None if mutu is None else plain(lang, f"skm.kinerja.{mutu.value}")


def _withheld_note(group: IkmGroup, report: IkmReport, lang: str) -> str:
    params = {"respondents": group.result.respondents, "min": report.min_respondents}
    return plain(lang, "skm.xlsx.withheld", **params)


def _summary(sheet: Any, report: IkmReport, lang: str) -> None:
    sheet.title = plain(lang, "skm.xlsx.sheet.summary")
    _append(sheet, [_period(report.period, lang)])
    keys = ("unit", "service", "respondents")
    headers = [plain(lang, f"skm.xlsx.col.{key}") for key in keys]
    headers += [
        *UNSUR_CODES,
        *(plain(lang, f"skm.xlsx.col.{k}") for k in ("ikm", "mutu", "kinerja")),
    ]
    headers += [plain(lang, f"skm.xlsx.col.{k}") for k in ("population", "target", "note")]
    _bold(sheet, _append(sheet, headers))
    for group in report.groups:
        result, mutu, sample = group.result, group.result.mutu, group.sample
        row = _append(sheet, [group.unit_name, group.service_name, result.respondents])
        for offset, code in enumerate(UNSUR_CODES):
            nrr = result.nrr_display(code) if code in result.nrr else None
            put(sheet, row, 4 + offset, nrr, THREE_DP)
        column = 4 + len(UNSUR_CODES)
        put(sheet, row, column, result.ikm_display, TWO_DP)
        put(sheet, row, column + 1, mutu.value if mutu else None)
        put(sheet, row, column + 2, _kinerja(mutu, lang))
        put(sheet, row, column + 3, group.population)
        put(sheet, row, column + 4, sample.target if sample else None)
        if group.withheld:
            put(sheet, row, column + 5, _withheld_note(group, report, lang))
    put(sheet, sheet.max_row + 2, 1, plain(lang, METHOD_KEY))


def _period(period: ReportPeriod, lang: str) -> str:
    start, end = fmt_date(period.date_from, lang), fmt_date(period.date_to, lang)
    return plain(lang, "skm.xlsx.period", **{"from": start}, to=end)


def _processing(sheet: Any, group: IkmGroup, report: IkmReport, lang: str) -> None:
    put(sheet, 1, 1, plain(lang, "skm.xlsx.title", scope=group.name))
    put(sheet, 2, 1, _period(group.period, lang))
    put(sheet, 3, 1, group.unit_name)
    put(sheet, 3, 2, group.service_name or "")
    sheet.column_dimensions["A"].width = 46
    if group.withheld:
        put(sheet, ROW_UNSUR, 1, _withheld_note(group, report, lang))
        _legend(sheet, lang)
        return
    result = group.result
    rows: Sequence[tuple[int, str, list[Any], str | None]] = (
        (ROW_UNSUR, "skm.xlsx.row.unsur", list(UNSUR_CODES), None),
        (ROW_NAME, "skm.xlsx.row.unsur_name", [plain(lang, u.name_key) for u in UNSUR], None),
        (ROW_SUM, "skm.xlsx.row.sum", [_sum(group, c) for c in UNSUR_CODES], None),
        (ROW_ANSWERED, "skm.xlsx.row.answered", [result.answered[c] for c in UNSUR_CODES], None),
        (ROW_NRR, "skm.xlsx.row.nrr", [_shown(group, c, tertimbang=False) for c in UNSUR_CODES],
         THREE_DP),
        (ROW_TERTIMBANG, "skm.xlsx.row.tertimbang",
         [_shown(group, c, tertimbang=True) for c in UNSUR_CODES], THREE_DP),
    )  # fmt: skip
    for row, label, values, number_format in rows:
        _row(sheet, row, plain(lang, label), values, number_format)
    _bold(sheet, ROW_UNSUR)
    index = result.skm_index
    skm = [round_half_up(index, 3) if index is not None else None]
    _row(sheet, ROW_SKM, plain(lang, "skm.xlsx.row.skm"), skm, THREE_DP)
    _row(sheet, ROW_IKM, plain(lang, "skm.xlsx.row.ikm"), [result.ikm_display], TWO_DP)
    mutu = result.mutu
    _row(sheet, ROW_MUTU, plain(lang, "skm.xlsx.row.mutu"), [mutu.value if mutu else None])
    _row(sheet, ROW_KINERJA, plain(lang, "skm.xlsx.row.kinerja"), [_kinerja(mutu, lang)])
    put(sheet, ROW_METHOD, 1, plain(lang, METHOD_KEY))
    _legend(sheet, lang)
    _sample_and_rtl(sheet, group, lang)


def _row(
    sheet: Any, row: int, label: str, values: Sequence[Any], number_format: str | None = None
) -> None:
    put(sheet, row, 1, label)
    for offset, value in enumerate(values):
        put(sheet, row, FIRST_UNSUR_COLUMN + offset, value, number_format)


def _legend(sheet: Any, lang: str) -> None:
    """The interval table of PermenPANRB 14/2017, as the official processing sheet prints it."""
    put(sheet, ROW_LEGEND, 1, plain(lang, "skm.xlsx.legend.title"))
    keys = ("persepsi", "ni", "nik", "mutu", "kinerja")
    for column, key in enumerate(keys, start=1):
        put(sheet, ROW_LEGEND + 1, column, plain(lang, f"skm.xlsx.legend.{key}"))
    _bold(sheet, ROW_LEGEND + 1)
    for row, band in enumerate(INTERVAL_TABLE, start=ROW_LEGEND + 2):
        ni = f"{_ni(band.ni_min, lang)} – {_ni(band.ni_max, lang)}"
        nik = f"{fmt_decimal(band.nik_min, lang)} – {fmt_decimal(band.nik_max, lang)}"
        values = (band.nilai_persepsi, ni, nik, band.mutu.value, _kinerja(band.mutu, lang))
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)


def _ni(value: Decimal, lang: str) -> str:
    """An NI bound as the regulation prints it: 1,00 · 2,5996 · 2,60 · 3,064 (at least 2 dp)."""
    exact = value.normalize()
    exponent = exact.as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) else 2)
    return fmt_decimal(exact.quantize(Decimal(1).scaleb(-places)), lang)


def _sum(group: IkmGroup, code: str) -> int | None:
    # Σ nilai = NRR × answered, exactly (NRR is a Fraction of the stored sum).
    nrr = group.result.nrr.get(code)
    return None if nrr is None else int(nrr * group.result.answered[code])


def _shown(group: IkmGroup, code: str, *, tertimbang: bool) -> Decimal | None:
    result = group.result
    if code not in result.nrr:
        return None
    return result.tertimbang_display(code) if tertimbang else result.nrr_display(code)


def _sample_and_rtl(sheet: Any, group: IkmGroup, lang: str) -> None:
    row = ROW_FOLLOW_UP
    sample = group.sample
    if sample is not None:
        put(sheet, row, 1, plain(lang, "skm.xlsx.col.population"))
        put(sheet, row, 2, group.population)
        put(sheet, row + 1, 1, plain(lang, "skm.xlsx.col.target"))
        put(sheet, row + 1, 2, sample.target)
        row += 2
    if group.previous_rtl:
        headers = ("rtl", "rtl_unsur", "rtl_nrr", "rtl_plan")
        for column, key in enumerate(headers, start=1):
            put(sheet, row, column, plain(lang, f"skm.xlsx.col.{key}"))
        _bold(sheet, row)
        row += 1
    for rtl in group.previous_rtl:
        put(sheet, row, 1, _period(rtl.period, lang))
        put(sheet, row, 2, rtl.unsur)
        put(sheet, row, 3, rtl.nrr_value, THREE_DP)
        put(sheet, row, 4, rtl.plan)
        row += 1


def _profiles(sheet: Any, groups: Sequence[IkmGroup], lang: str) -> None:
    keys = ("unit", "service", "field", "value", "count")
    _bold(sheet, _append(sheet, [plain(lang, f"skm.xlsx.col.{key}") for key in keys]))
    for group in groups:
        for profile in PROFILE:
            counts = group.profile.get(profile.key, {})
            for value in (*profile.values, None):
                if value not in counts:
                    continue
                label = plain(lang, profile.label_key(value) if value else "skm.xlsx.skipped")
                name = plain(lang, profile.name_key)
                _append(sheet, [group.unit_name, group.service_name, name, label, counts[value]])


def _suggestions(sheet: Any, report: IkmReport, lang: str, *, contacts: bool) -> None:
    shown, total = len(report.suggestions), report.suggestions_total
    count_key = "skm.xlsx.saran_cut" if report.suggestions_cut else "skm.xlsx.saran_count"
    put(sheet, 1, 1, plain(lang, count_key, shown=shown, total=total))
    keys = ["date", "service", "channel", "text", *(["contact"] if contacts else [])]
    for column, key in enumerate(keys, start=1):
        put(sheet, ROW_SUGGESTIONS_HEADER, column, plain(lang, f"skm.xlsx.col.{key}"))
    _bold(sheet, ROW_SUGGESTIONS_HEADER)
    withheld = plain(lang, "skm.xlsx.date_withheld")
    for row, saran in enumerate(report.suggestions, start=ROW_SUGGESTIONS_HEADER + 1):
        channel = plain(lang, f"skm.channel.{saran.channel}")
        day = saran.local_date if saran.local_date is not None else withheld
        values: list[object] = [day, saran.service_code, channel, saran.text]
        if contacts:
            values.append(saran.contact)
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
    sheet.column_dimensions["D"].width = 80
