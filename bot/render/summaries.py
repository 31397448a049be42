"""The IKM summary a unit head or admin reads in the chat: the figure, NRR per unsur with the
weakest highlighted (PermenPANRB 14/2017: the weakest unsur drive the RTL), sample progress
against the Krejcie–Morgan target, and last period's RTL beside the new figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from bot.formatting import fmt_decimal
from bot.texts import t
from bot.views import text
from domain.skm import UNSUR, unsur_by_code
from domain.skm_report import IkmGroup, IkmReport

MAX_SERVICE_LINES = 25  # a Telegram message holds 4096 characters


class _Lines:
    def __init__(self, lang: str, timezone: str) -> None:
        self.lang, self.timezone, self.items = lang, timezone, list[str]()

    def add(self, key: str, params: Mapping[str, object] | None = None) -> None:
        self.items.append(text(self.lang, self.timezone, key, params))


def report_text(report: IkmReport, lang: str, timezone: str) -> str:
    group = report.groups[0]
    lines = _Lines(lang, timezone)
    period = {"from": group.period.date_from, "to": group.period.date_to}
    lines.add("skm.report.title", {"scope": group.name, **period})
    lines.add("skm.report.respondents", {"respondents": group.result.respondents})
    _figure(lines, group)
    _nrr(lines, group)
    _sample(lines, group)
    _previous(lines, group)
    lines.items += ["", t(lang, "skm.method")]
    return "\n".join(lines.items)


def _figure(lines: _Lines, group: IkmGroup) -> None:
    result = group.result
    if result.mutu is None or result.ikm_display is None:
        missing = ", ".join(result.unanswered)
        lines.add(result.no_ikm_key or "skm.no_ikm.no_respondents", {"unsur": missing})
        return
    mutu = result.mutu
    lines.add(
        "skm.report.ikm", {"ikm": result.ikm_display, "mutu": mutu.value, "kinerja": mutu.kinerja}
    )


def _nrr(lines: _Lines, group: IkmGroup) -> None:
    result, weakest = group.result, set(group.weakest)
    if not result.nrr:
        return
    lines.items.append("")
    lines.add("skm.report.nrr_title")
    for unsur in UNSUR:
        name = t(lines.lang, unsur.name_key)
        if unsur.code not in result.nrr:
            lines.add("skm.report.nrr_none", {"code": unsur.code, "name": name})
            continue
        key = "skm.report.nrr_weakest" if unsur.code in weakest else "skm.report.nrr_line"
        lines.add(key, {"code": unsur.code, "name": name, "nrr": result.nrr_display(unsur.code)})


def _sample(lines: _Lines, group: IkmGroup) -> None:
    sample = group.sample
    lines.items.append("")
    if sample is None:
        lines.add("skm.report.no_population")
        return
    params = {
        "target": sample.target,
        "population": group.population,
        "collected": sample.collected,
    }
    if sample.met:
        lines.add("skm.report.sample_met", params)
        return
    percent = fmt_decimal(int(sample.ratio * 100), lines.lang)
    lines.add("skm.report.sample", {**params, "percent": percent})


def _previous(lines: _Lines, group: IkmGroup) -> None:
    for rtl in group.previous_rtl:
        now = group.result.nrr_display(rtl.unsur) if rtl.unsur in group.result.nrr else "-"
        then = fmt_decimal(Decimal(rtl.nrr), lines.lang) if rtl.nrr != "-" else "-"
        params = {
            "from": rtl.period.date_from,
            "to": rtl.period.date_to,
            "code": rtl.unsur,
            "name": t(lines.lang, unsur_by_code(rtl.unsur).name_key),
            "plan": rtl.plan,
            "then": then,
            "now": now,
        }
        lines.add("skm.report.previous_rtl", params)


def scope_lines(groups: Sequence[IkmGroup], lang: str, timezone: str) -> str:
    """One line per service (for a unit's report)."""
    items = [t(lang, "skm.report.services_title")]
    for group in groups[:MAX_SERVICE_LINES]:
        result = group.result
        params: dict[str, object] = {"name": group.name, "respondents": result.respondents}
        if result.ikm_display is None or result.mutu is None:
            items.append(text(lang, timezone, "skm.report.service_line_no_ikm", params))
            continue
        params |= {"ikm": result.ikm_display, "mutu": result.mutu.value}
        items.append(text(lang, timezone, "skm.report.service_line", params))
    if len(groups) > MAX_SERVICE_LINES:
        items.append("…")
    return "\n".join(items)
