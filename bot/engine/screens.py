"""What a person sees of a questionnaire: the question, the review page, the closing line.

Pure functions of (state, language), so they are tested without Telegram. Buttons are
``(label, QuestionButton)`` pairs; :mod:`bot.keyboards` turns them into Telegram markup. The UI
contract other flows and tests rely on: option buttons come first, in the step's order (ascending
scores on scale steps), left to right and top to bottom; navigation buttons follow.
"""

from __future__ import annotations

from bot.callbacks import QuestionButton
from bot.i18n import Raw, t
from bot.screens import ButtonRow, Rendered, shorten
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

REVIEW_ANSWER_LIMIT = 160


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


def _button(session: Session, op: str, index: int | None = None) -> QuestionButton:
    assert session.id is not None
    return QuestionButton(session.id, session.version, op, index)


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
        answer = shorten(answer_text(step, value, lang), REVIEW_ANSWER_LIMIT)
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
