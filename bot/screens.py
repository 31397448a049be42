"""Screens in general: text and buttons in the reader's language, cut to Telegram's limits.

Pure functions, tested without Telegram. Each area's own screens (``bot/<area>/screens.py``) build
on these; the engine's question and review screens are in :mod:`bot.engine.screens`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.callbacks import QuestionButton
from bot.formatting import fmt_param
from bot.i18n import t
from bot.reminders import digest_text
from domain.actions import Action
from domain.messages import Notice

Press = Action | QuestionButton  # what a button asks for; encoded as callback data when sent
ButtonRow = tuple[tuple[str, Press], ...]
TELEGRAM_MESSAGE_LIMIT = 4096  # Telegram's limit for a message's text, in UTF-16 code units
SEND_CHUNK_LIMIT = 4000  # the longest text we send in one message (split_html cuts there)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    buttons: tuple[ButtonRow, ...] = ()


def notice_text(notice: Notice, lang: str, timezone: str) -> str:
    return text(lang, timezone, notice.key, notice.params)


def text(lang: str, timezone: str, key: str, params: Mapping[str, object] | None = None) -> str:
    if digest_text.renders(key):  # a digest is data worded at sending time
        return digest_text.digest_text(lang, params or {})
    formatted = {name: fmt_param(value, lang, timezone) for name, value in (params or {}).items()}
    return t(lang, key, **formatted)


def shorten(html_text: str, limit: int) -> str:
    """``html_text`` (escaped, without tags) cut to ``limit`` characters, with an ellipsis."""
    # Escaped text without tags: cutting cannot break markup, except inside an entity:
    # back off to before a trailing '&...'.
    if len(html_text) <= limit:
        return html_text
    cut = html_text[:limit]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def split_html(html_text: str, limit: int = SEND_CHUNK_LIMIT) -> list[str]:
    """Telegram HTML cut into messages of at most ``limit`` characters, at line boundaries.

    Every line our texts produce is balanced HTML on its own, so a cut between lines never
    breaks markup; a single line longer than the limit (which budgets make rare) is sent as
    plain text, shortened.
    """
    parts: list[str] = []
    current = ""
    for raw in html_text.split("\n"):
        line = raw
        if len(line) > limit:
            plain = html.escape(html.unescape(_TAG.sub("", line)), quote=False)
            line = shorten(plain, limit - 10)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            parts.append(current)
            candidate = line
        current = candidate
    return [*parts, current] if current or not parts else parts


def brief(text: str, limit: int) -> str:
    """Plain text shortened to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rows_of(buttons: Sequence[tuple[str, Press]], per_row: int) -> tuple[ButtonRow, ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
