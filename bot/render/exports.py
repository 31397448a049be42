"""The IKM report as data: JSON (one object per group and line) and CSV, numbers as displayed
(NRR 3 dp, IKM 2 dp, rounded half up from the exact values; PermenPANRB 14/2017 fixes no
rounding, reference/DOMAIN.md §1.4)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import IkmGroup, IkmReport


def ikm_object(group: IkmGroup) -> dict[str, Any]:
    """``{"unit", "service", "from", "to", "respondents", "nrr", "ikm", "mutu", "kinerja"}``."""
    result = group.result
    ikm = result.ikm_display
    mutu = result.mutu
    return {
        "unit": group.unit_code,
        "service": group.service_code,
        "from": group.period.date_from.isoformat(),
        "to": group.period.date_to.isoformat(),
        "respondents": result.respondents,
        "nrr": {
            code: float(result.nrr_display(code)) if code in result.nrr else None
            for code in UNSUR_CODES
        },
        "ikm": None if ikm is None else float(ikm),
        "mutu": None if mutu is None else mutu.value,
        "kinerja": None if mutu is None else mutu.kinerja,
    }


def json_lines(report: IkmReport) -> str:
    return "".join(json.dumps(ikm_object(g), ensure_ascii=False) + "\n" for g in report.groups)


CSV_COLUMNS = (
    "unit",
    "service",
    "from",
    "to",
    "respondents",
    *UNSUR_CODES,
    "ikm",
    "mutu",
    "kinerja",
)


def csv_text(report: IkmReport) -> str:
    """One row per group; NRR and IKM written exactly as displayed (``4.000``, ``91.48``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for group in report.groups:
        result, mutu = group.result, group.result.mutu
        nrr = [result.nrr_display(c) if c in result.nrr else "" for c in UNSUR_CODES]
        period = (group.period.date_from.isoformat(), group.period.date_to.isoformat())
        head = [group.unit_code, group.service_code or "", *period, result.respondents]
        ikm = "" if result.ikm_display is None else result.ikm_display
        tail = [ikm, mutu.value if mutu else "", mutu.kinerja if mutu else ""]
        writer.writerow([*head, *nrr, *tail])
    return buffer.getvalue()
