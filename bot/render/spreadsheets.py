"""The IKM report as an XLSX workbook in the official processing layout (PermenPANRB 14/2017):
per unsur Σ nilai, the respondents who answered, NRR, NRR tertimbang (× 1/9); then Σ NRR
tertimbang, IKM (× 25), mutu and kinerja; the method line ("bobot 1/9"). Further sheets: a
summary line per group, respondent profiles (counts by field), and the saran.

Numbers are written as displayed (NRR and tertimbang to 3 dp, IKM to 2 dp, rounded half up from
the exact values), so the sheet shows what the chat and the JSON show.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final

from bot.formatting import fmt_date
from bot.texts import t
from domain.skm import METHOD_KEY, UNSUR, UNSUR_CODES, round_half_up
from domain.skm_report import IkmGroup, IkmReport, Period
from domain.skm_survey import PROFILE

SHEET_NAME_LIMIT: Final = 31  # Excel's limit
FIRST_UNSUR_COLUMN: Final = 2  # column B; column A holds the row labels
# Row numbers of the processing sheet (tests and people look for them there).
ROW_UNSUR, ROW_NAME, ROW_SUM, ROW_ANSWERED, ROW_NRR, ROW_TERTIMBANG = 5, 6, 7, 8, 9, 10
ROW_SKM, ROW_IKM, ROW_MUTU, ROW_KINERJA, ROW_METHOD = 12, 13, 14, 15, 17


def ikm_workbook(report: IkmReport, lang: str = "id") -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook

    book = Workbook()
    _summary(book.active, report, lang)
    used: set[str] = {book.active.title}
    for group in report.groups:
        title = _unique(t(lang, "skm.xlsx.sheet.processing", code=group.code), used)
        _processing(book.create_sheet(title), group, lang)
    _profiles(book.create_sheet(t(lang, "skm.xlsx.sheet.profile")), report.groups, lang)
    _suggestions(book.create_sheet(t(lang, "skm.xlsx.sheet.suggestions")), report, lang)
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


def _bold(sheet: Any, row: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _summary(sheet: Any, report: IkmReport, lang: str) -> None:
    sheet.title = t(lang, "skm.xlsx.sheet.summary")
    sheet.append([_period(report.period, lang)])
    keys = ("unit", "service", "respondents")
    headers = [t(lang, f"skm.xlsx.col.{key}") for key in keys]
    headers += [*UNSUR_CODES, *(t(lang, f"skm.xlsx.col.{k}") for k in ("ikm", "mutu", "kinerja"))]
    headers += [t(lang, "skm.xlsx.col.population"), t(lang, "skm.xlsx.col.target")]
    sheet.append(headers)
    _bold(sheet, 2)
    for group in report.groups:
        result = group.result
        nrr = [result.nrr_display(c) if c in result.nrr else None for c in UNSUR_CODES]
        mutu = result.mutu
        sample = group.sample
        sheet.append(
            [
                group.unit_name,
                group.service_name,
                result.respondents,
                *nrr,
                result.ikm_display,
                mutu.value if mutu else None,
                mutu.kinerja if mutu else None,
                group.population,
                sample.target if sample else None,
            ]
        )
    sheet.append([])
    sheet.append([t(lang, METHOD_KEY)])


def _period(period: Period, lang: str) -> str:
    start, end = fmt_date(period.date_from, lang), fmt_date(period.date_to, lang)
    return t(lang, "skm.xlsx.period", **{"from": start}, to=end)


def _processing(sheet: Any, group: IkmGroup, lang: str) -> None:
    result = group.result
    sheet.append([t(lang, "skm.xlsx.title", scope=group.name)])
    sheet.append([_period(group.period, lang)])
    sheet.append([group.unit_name, group.service_name or ""])
    rows: Sequence[tuple[int, str, list[Any]]] = (
        (ROW_UNSUR, "skm.xlsx.row.unsur", list(UNSUR_CODES)),
        (ROW_NAME, "skm.xlsx.row.unsur", [t(lang, u.name_key) for u in UNSUR]),
        (ROW_SUM, "skm.xlsx.row.sum", [_sum(group, c) for c in UNSUR_CODES]),
        (ROW_ANSWERED, "skm.xlsx.row.answered", [result.answered[c] for c in UNSUR_CODES]),
        (ROW_NRR, "skm.xlsx.row.nrr", [_shown(group, c, tertimbang=False) for c in UNSUR_CODES]),
        (
            ROW_TERTIMBANG,
            "skm.xlsx.row.tertimbang",
            [_shown(group, c, tertimbang=True) for c in UNSUR_CODES],
        ),
    )
    for row, label, values in rows:
        _row(sheet, row, t(lang, label), values)
    _bold(sheet, ROW_UNSUR)
    index = result.skm_index
    _row(sheet, ROW_SKM, t(lang, "skm.xlsx.row.skm"), [round_half_up(index, 3) if index else None])
    _row(sheet, ROW_IKM, t(lang, "skm.xlsx.row.ikm"), [result.ikm_display])
    mutu = result.mutu
    _row(sheet, ROW_MUTU, t(lang, "skm.xlsx.row.mutu"), [mutu.value if mutu else None])
    _row(sheet, ROW_KINERJA, t(lang, "skm.xlsx.row.kinerja"), [mutu.kinerja if mutu else None])
    sheet.cell(ROW_METHOD, 1, t(lang, METHOD_KEY))
    _sample_and_rtl(sheet, group, lang)
    sheet.column_dimensions["A"].width = 46


def _row(sheet: Any, row: int, label: str, values: Sequence[Any]) -> None:
    sheet.cell(row, 1, label)
    for offset, value in enumerate(values):
        cell = sheet.cell(row, FIRST_UNSUR_COLUMN + offset, value)
        if row in (ROW_NRR, ROW_TERTIMBANG, ROW_SKM):
            cell.number_format = "0.000"
        elif row == ROW_IKM:
            cell.number_format = "0.00"


def _sum(group: IkmGroup, code: str) -> int | None:
    # Σ nilai = NRR × answered, exactly (NRR is a Fraction of the stored sum).
    nrr = group.result.nrr.get(code)
    return None if nrr is None else int(nrr * group.result.answered[code])


def _shown(group: IkmGroup, code: str, *, tertimbang: bool) -> Any:
    result = group.result
    if code not in result.nrr:
        return None
    return result.tertimbang_display(code) if tertimbang else result.nrr_display(code)


def _sample_and_rtl(sheet: Any, group: IkmGroup, lang: str) -> None:
    row = ROW_METHOD + 2
    sample = group.sample
    if sample is not None:
        sheet.cell(row, 1, t(lang, "skm.xlsx.col.population"))
        sheet.cell(row, 2, group.population)
        sheet.cell(row + 1, 1, t(lang, "skm.xlsx.col.target"))
        sheet.cell(row + 1, 2, sample.target)
        row += 2
    for rtl in group.previous_rtl:
        sheet.cell(row, 1, t(lang, "skm.xlsx.col.rtl"))
        sheet.cell(row, 2, rtl.unsur)
        sheet.cell(row, 3, rtl.nrr)
        sheet.cell(row, 4, rtl.plan)
        row += 1


def _profiles(sheet: Any, groups: Sequence[IkmGroup], lang: str) -> None:
    sheet.append(
        [t(lang, f"skm.xlsx.col.{key}") for key in ("unit", "service", "field", "value", "count")]
    )
    _bold(sheet, 1)
    for group in groups:
        for profile in PROFILE:
            counts = group.profile.get(profile.key, {})
            for value in (*profile.values, None):
                if value in counts:
                    label = (
                        t(lang, profile.label_key(value)) if value else t(lang, "skm.xlsx.skipped")
                    )
                    name = t(lang, profile.name_key)
                    sheet.append([group.unit_name, group.service_name, name, label, counts[value]])


def _suggestions(sheet: Any, report: IkmReport, lang: str) -> None:
    keys = ("date", "service", "channel", "text", "contact")
    sheet.append([t(lang, f"skm.xlsx.col.{key}") for key in keys])
    _bold(sheet, 1)
    for saran in report.suggestions:
        channel = t(lang, f"skm.channel.{saran.channel}")
        sheet.append([saran.local_date, saran.service_code, channel, saran.text, saran.contact])
    sheet.column_dimensions["D"].width = 80
