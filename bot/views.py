"""What a person sees: the engine's state and the domain's notices as text and buttons.

Pure functions of (state, language, time zone), so they are tested without Telegram. Buttons are
``(label, callback_data)`` pairs; :mod:`bot.keyboards` turns them into Telegram markup. The UI
contract other flows and tests rely on: option buttons come first, in the step's order (ascending
scores on scale steps), left to right and top to bottom; navigation buttons follow.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.callbacks import QuestionButton
from bot.formatting import fmt_param
from bot.texts import Raw, t
from domain.engine.questionnaire import (
    BUTTON_KINDS,
    Finished,
    Question,
    Questionnaire,
    Review,
    Session,
    SessionStatus,
    Step,
    StepKind,
    view,
)
from domain.messages import Notice

ButtonRow = tuple[tuple[str, str], ...]
REVIEW_ANSWER_LIMIT = 160
TEXT_LIMIT = 4000  # Telegram allows 4096; leave room for entities
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    buttons: tuple[ButtonRow, ...] = ()


def notice_text(notice: Notice, lang: str, timezone: str) -> str:
    return text(lang, timezone, notice.key, notice.params)


def text(lang: str, timezone: str, key: str, params: Mapping[str, object] | None = None) -> str:
    formatted = {name: fmt_param(value, lang, timezone) for name, value in (params or {}).items()}
    return t(lang, key, **formatted)


def render_session(q: Questionnaire | None, session: Session, lang: str) -> Rendered:
    """The question, review page, or closing line for ``session`` (``q`` may be ``None`` only
    for a session that has ended)."""
    if q is None or not session.is_active:
        return _finished(Finished(session.status), lang)
    shown = view(q, session)
    if isinstance(shown, Question):
        return _question(q, session, shown, lang)
    if isinstance(shown, Review):
        return _review(q, session, shown, lang)
    return _finished(shown, lang)


def _button(session: Session, op: str, index: int | None = None) -> str:
    assert session.id is not None
    return QuestionButton(session.id, session.version, op, index).encode()


def _question(q: Questionnaire, session: Session, shown: Question, lang: str) -> Rendered:
    step = shown.step
    title = t(lang, q.title, **q.params)
    lines = [t(lang, "engine.progress", title=Raw(title), number=shown.number, total=shown.total)]
    if step.section:
        lines.append(f"<i>{t(lang, step.section, **step.params)}</i>")
    lines.append("")
    lines.append(t(lang, step.prompt, **step.params))
    if step.hint:
        lines.append(t(lang, step.hint, **step.params))
    if shown.answered:
        current = Raw(answer_text(step, shown.current, lang))
        lines += ["", t(lang, "engine.current_answer", answer=current)]
    if instruction := _instruction(step, lang):
        lines += ["", instruction]
    rows = list(_option_rows(session, step, lang))
    rows.append(_navigation(session, shown, lang))
    return Rendered("\n".join(lines), tuple(row for row in rows if row))


def _instruction(step: Step, lang: str) -> str | None:
    optional = "" if step.required else "_optional"
    if step.kind is StepKind.TEXT:
        return t(lang, f"engine.type_text{optional}", limit=step.max_length)
    if step.kind is StepKind.NUMBER:
        return t(lang, "engine.type_whole_number" if step.whole else "engine.type_number")
    if step.kind is StepKind.FILE:
        return t(lang, f"engine.send_file{optional}")
    return None


def _option_rows(session: Session, step: Step, lang: str) -> list[ButtonRow]:
    if step.kind not in BUTTON_KINDS:
        return []
    buttons = [
        (t(lang, option.label, **step.params), _button(session, "a", i))
        for i, option in enumerate(step.options)
    ]
    per_row = 2 if max(len(label) for label, _ in buttons) <= 18 and len(buttons) <= 4 else 1
    return [tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def _navigation(session: Session, shown: Question, lang: str) -> ButtonRow:
    row = []
    if shown.can_go_back:
        row.append((t(lang, "engine.back"), _button(session, "b")))
    if not shown.step.required:
        row.append((t(lang, "engine.skip"), _button(session, "s")))
    row.append((t(lang, "engine.cancel"), _button(session, "c")))
    return tuple(row)


def _review(q: Questionnaire, session: Session, shown: Review, lang: str) -> Rendered:
    title = t(lang, q.title, **q.params)
    lines = [t(lang, "engine.review.title", title=Raw(title)), ""]
    edits = []
    for number, (step, value) in enumerate(shown.items, start=1):
        label = t(lang, step.label or step.prompt, **step.params)
        answer = _shorten(answer_text(step, value, lang))
        lines.append(f"{number}. {label}: <b>{answer}</b>")
        edit = t(lang, "engine.edit", number=number)
        edits.append((edit, _button(session, "e", q.index(step.key))))
    lines += ["", t(lang, "engine.review.hint")]
    rows: list[ButtonRow] = [tuple(edits[i : i + 5]) for i in range(0, len(edits), 5)]
    rows.append(((t(lang, "engine.submit"), _button(session, "r")),))
    rows.append(
        (
            (t(lang, "engine.back"), _button(session, "b")),
            (t(lang, "engine.cancel"), _button(session, "c")),
        )
    )
    return Rendered("\n".join(lines), tuple(rows))


def _finished(shown: Finished, lang: str) -> Rendered:
    if shown.status is SessionStatus.CANCELLED:
        return Rendered(t(lang, "engine.cancelled"))
    return Rendered(t(lang, "engine.finished"))


def answer_text(step: Step, value: str | None, lang: str) -> str:
    """An answer as the person reads it (already HTML-safe)."""
    if value is None:
        return t(lang, "engine.answer.skipped")
    if step.kind in BUTTON_KINDS:
        return t(lang, step.option(value).label, **step.params)
    if step.kind is StepKind.FILE:
        return t(lang, "engine.answer.file")
    return t(lang, "engine.answered", answer=value).removeprefix("✔ ")


def _shorten(html_text: str, limit: int = REVIEW_ANSWER_LIMIT) -> str:
    # Escaped text without tags: cutting cannot break markup, except inside an entity:
    # back off to before a trailing '&...'.
    if len(html_text) <= limit:
        return html_text
    cut = html_text[:limit]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def split_html(html_text: str, limit: int = TEXT_LIMIT) -> list[str]:
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
            line = _shorten(plain, limit - 10)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            parts.append(current)
            candidate = line
        current = candidate
    return [*parts, current] if current or not parts else parts


def brief(text: str, limit: int) -> str:
    """Plain text shortened to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rows_of(buttons: Sequence[tuple[str, str]], per_row: int) -> tuple[ButtonRow, ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
