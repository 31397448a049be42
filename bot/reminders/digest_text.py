"""The words of a digest: the domain hands its content as language-neutral data (names, ISO
dates, day counts; ``domain.reminders.digest``), worded here in the reader's language when the
message is sent."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.formatting import fmt_date
from bot.i18n import t
from domain.reminders.digest import DIGEST_KEY, DIGEST_PARAM, MAX_NAMES


def renders(key: str) -> bool:
    return key == DIGEST_KEY


def digest_text(lang: str, params: Mapping[str, object]) -> str:
    sections = json.loads(str(params[DIGEST_PARAM]))
    parts = [t(lang, "reminders.digest.title")]
    parts += ["\n".join(_section(lang, section)) for section in sections]
    parts.append(t(lang, "reminders.digest.footer"))
    return "\n\n".join(parts)


def _day(text: str, lang: str) -> str:
    return fmt_date(date.fromisoformat(text), lang) if text else "-"


def _names(names: list[str], total: int, lang: str) -> str:
    shown = ", ".join(names)
    if total > len(names):
        shown += ", " + t(lang, "reminders.digest.more", count=total - len(names))
    return shown


def _section(lang: str, s: dict[str, Any]) -> list[str]:
    lines = [t(lang, "reminders.digest.period", period=s["period"])]
    if s["late"]:
        names = _names(s["late"], s["late_count"], lang)
        lines.append(t(lang, "reminders.digest.late", count=s["late_count"], names=names))
    if s["waiting"]:
        lines.append(t(lang, "reminders.digest.waiting", count=s["waiting_count"]))
        for name, since in s["waiting"][:MAX_NAMES]:
            lines.append(
                t(lang, "reminders.digest.waiting_one", name=name, since=_day(since, lang))
            )
    if s["late"] or s["waiting"]:
        lines.append(_review_due(lang, s))
    if s["objections"]:
        lines.append(t(lang, "reminders.digest.objections", names=", ".join(s["objections"])))
    if s["decide"]:
        lines.append(t(lang, "reminders.digest.decide"))
        today = date.fromisoformat(s["today"])
        for name, since, by in s["decide"]:
            days = (date.fromisoformat(by) - today).days if by else 0
            lines.append(
                t(
                    lang,
                    "reminders.digest.decide_one",
                    name=name,
                    since=_day(since, lang),
                    by=_day(by, lang),
                    days=days,
                )
            )
    return lines


def _review_due(lang: str, s: dict[str, Any]) -> str:
    days, due = s["review_days_left"], _day(s["review_due"], lang)
    if days > 0:
        return t(lang, "reminders.digest.review_due", due=due, days=days)
    if days == 0:
        return t(lang, "reminders.digest.review_due_today", due=due)
    return t(lang, "reminders.digest.review_overdue", due=due, days=-days)
