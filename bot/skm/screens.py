"""The IKM summary a unit head or admin reads in the chat: the figure, NRR per unsur with the
weakest highlighted (PermenPANRB 14/2017: the weakest unsur drive the RTL), sample progress
against the Krejcie–Morgan target, and last period's RTL beside the new figure.

A Telegram message holds 4096 characters (UTF-16 units): plans are cut to ``PLAN_PREVIEW``
characters here (the workbook has them in full), a unit lists at most ``MAX_SERVICE_LINES``
services, and :func:`report_messages` packs the parts into as many messages as needed, never
splitting a part (each part is balanced HTML).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.formatting import fmt_decimal
from bot.i18n import t
from bot.screens import TELEGRAM_MESSAGE_LIMIT, text
from domain.messages import TextRef
from domain.skm.ikm import UNSUR, unsur_by_code
from domain.skm.report_model import IkmGroup, IkmReport

MAX_SERVICE_LINES = 25
PLAN_PREVIEW = 200


def utf16_length(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


class _Parts:
    """The summary as parts; a part is one or more lines that must stay in one message."""

    def __init__(self, lang: str, timezone: str) -> None:
        self.lang, self.timezone, self.items = lang, timezone, list[str]()

    def text(self, key: str, params: Mapping[str, object] | None = None) -> str:
        return text(self.lang, self.timezone, key, params)

    def add(self, key: str, params: Mapping[str, object] | None = None) -> None:
        self.items.append(self.text(key, params))

    def block(self, lines: Sequence[str]) -> None:
        self.items.append("\n".join(lines))


def report_parts(report: IkmReport, lang: str, timezone: str) -> list[str]:
    """The summary of the report's first group, then a line per service (a unit's report)."""
    group = report.groups[0]
    parts = _Parts(lang, timezone)
    period = {"from": group.period.date_from, "to": group.period.date_to}
    heading = [
        parts.text("skm.report.title", {"scope": group.name, **period}),
        parts.text("skm.report.respondents", {"respondents": group.result.respondents}),
    ]
    if group.withheld:
        params = {"respondents": group.result.respondents, "min": report.min_respondents}
        parts.block([*heading, "", parts.text("skm.report.withheld", params)])
    else:
        parts.block([*heading, _figure(parts, group)])
        _nrr(parts, group)
        _sample(parts, group)
    _previous(parts, group)
    if len(report.groups) > 1:
        _services(parts, report.groups[1:])
    parts.add("skm.method")
    return parts.items


def report_messages(
    report: IkmReport,
    lang: str,
    timezone: str,
    *,
    tail: str = "",
    limit: int = TELEGRAM_MESSAGE_LIMIT,
) -> list[str]:
    """The summary (and ``tail``, e.g. the RTL prompt) as messages of at most ``limit``."""
    parts = report_parts(report, lang, timezone)
    return pack([*parts, tail] if tail else parts, limit)


def pack(
    parts: Sequence[str], limit: int = TELEGRAM_MESSAGE_LIMIT, *, separator: str = "\n\n"
) -> list[str]:
    """Parts joined by ``separator`` into as few messages as fit ``limit``; a part longer than
    ``limit`` on its own (none is, after the cuts above) is cut at it."""
    messages: list[str] = []
    current = ""
    for given in parts:
        part = given if utf16_length(given) <= limit else _cut(given, limit)
        joined = f"{current}{separator}{part}" if current else part
        if utf16_length(joined) <= limit:
            current = joined
            continue
        messages.append(current)
        current = part
    if current:
        messages.append(current)
    return messages


def _cut(value: str, limit: int) -> str:
    while utf16_length(value) > limit - 1:
        value = value[: limit - 1 - (utf16_length(value) - len(value))]
    return value + "…"


def preview(plan: str, length: int = PLAN_PREVIEW) -> str:
    """The start of a plan for the chat, cut at a word, with "…" when there is more."""
    if len(plan) <= length:
        return plan
    cut = plan[:length].rsplit(" ", 1)[0] if " " in plan[:length] else plan[:length]
    return cut.rstrip(" ,.;:") + "…"


def _figure(parts: _Parts, group: IkmGroup) -> str:
    result = group.result
    if result.mutu is None or result.ikm_display is None:
        missing = ", ".join(result.unanswered)
        return parts.text(result.no_ikm_key or "skm.no_ikm.no_respondents", {"unsur": missing})
    mutu = result.mutu
    kinerja = TextRef(f"skm.kinerja.{mutu.value}")
    return parts.text(
        "skm.report.ikm", {"ikm": result.ikm_display, "mutu": mutu.value, "kinerja": kinerja}
    )


def _nrr(parts: _Parts, group: IkmGroup) -> None:
    result, weakest = group.result, set(group.weakest)
    if not result.nrr:
        return
    lines = [parts.text("skm.report.nrr_title")]
    for unsur in UNSUR:
        name = t(parts.lang, unsur.name_key)
        if unsur.code not in result.nrr:
            lines.append(parts.text("skm.report.nrr_none", {"code": unsur.code, "name": name}))
            continue
        key = "skm.report.nrr_weakest" if unsur.code in weakest else "skm.report.nrr_line"
        nrr = result.nrr_display(unsur.code)
        lines.append(parts.text(key, {"code": unsur.code, "name": name, "nrr": nrr}))
    parts.block(lines)


def _sample(parts: _Parts, group: IkmGroup) -> None:
    sample = group.sample
    if sample is None:
        parts.add("skm.report.no_population")
        return
    params = {
        "target": sample.target,
        "population": group.population,
        "collected": sample.collected,
    }
    if sample.met:
        parts.add("skm.report.sample_met", params)
        return
    percent = fmt_decimal(int(sample.ratio * 100), parts.lang)
    parts.add("skm.report.sample", {**params, "percent": percent})


def _previous(parts: _Parts, group: IkmGroup) -> None:
    for rtl in group.previous_rtl:
        now = group.result.nrr_display(rtl.unsur) if rtl.unsur in group.result.nrr else "-"
        params = {
            "from": rtl.period.date_from,
            "to": rtl.period.date_to,
            "code": rtl.unsur,
            "name": t(parts.lang, unsur_by_code(rtl.unsur).name_key),
            "plan": preview(rtl.plan),
            "then": "-" if rtl.nrr_value is None else rtl.nrr_value,
            "now": now,
        }
        parts.add("skm.report.previous_rtl", params)


def _services(parts: _Parts, groups: Sequence[IkmGroup]) -> None:
    """One line per service (for a unit's report); a long list ends with how many more."""
    lines = [parts.text("skm.report.services_title")]
    for group in groups[:MAX_SERVICE_LINES]:
        result = group.result
        params: dict[str, object] = {"name": group.name, "respondents": result.respondents}
        if group.withheld:
            lines.append(parts.text("skm.report.service_line_withheld", params))
        elif result.ikm_display is None or result.mutu is None:
            lines.append(parts.text("skm.report.service_line_no_ikm", params))
        else:
            params |= {"ikm": result.ikm_display, "mutu": result.mutu.value}
            lines.append(parts.text("skm.report.service_line", params))
    more = len(groups) - MAX_SERVICE_LINES
    if more > 0:
        lines.append(parts.text("skm.report.services_more", {"count": more}))
    if len(lines) > 1:
        parts.items += pack(lines, TELEGRAM_MESSAGE_LIMIT // 2, separator="\n")
