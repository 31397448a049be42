"""The coaching and development screens: one employee's sessions with their Format B.1.8
answers and the agreed plan, for the employee (on ``/hasil``) and their pejabat penilai (from
the subordinate's screen); the previous period's plan shown before a self-assessment. Pure
functions of domain objects, language and time zone."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.formatting import fmt_date, fmt_decimal
from bot.i18n import Raw, t
from bot.screens import Press, Rendered, brief, rows_of
from domain.appraisal.periods import PeriodStatus
from domain.peer.coaching import STATEMENT_COUNT
from domain.peer.development import DevelopmentPlanItem, WeakSource
from domain.peer.development_actions import AgreePlanItem, AnswerCoaching, RecordCoaching
from domain.peer.development_cases import CoachingSession, DevelopmentRecord
from domain.peer.recommendations import WeakValueAdvice

FOLLOW_UP = 300  # the follow-up shown on the screen; the record keeps it whole


def _session(lang: str, session: CoachingSession) -> list[str]:
    record = session.record
    lines = [
        t(
            lang,
            "development.session",
            date=fmt_date(record.held_on, lang),
            coach=session.coach_name,
            topic=record.topic,
            follow_up=brief(record.follow_up, FOLLOW_UP),
        )
    ]
    feedback = session.feedback
    if feedback is None:
        return [*lines, t(lang, "development.feedback_waiting")]
    lines.append(t(lang, "development.feedback"))
    for number in range(1, STATEMENT_COUNT + 1):
        score = feedback.answers[number - 1]
        lines.append(
            t(
                lang,
                "development.feedback_line",
                number=number,
                label=Raw(t(lang, f"peer.coaching.label.{number}")),
                answer=Raw(t(lang, f"peer.coaching.agree.{feedback.points}.{score}")),
            )
        )
    return lines


def plan_lines(
    lang: str, plan: Sequence[DevelopmentPlanItem], mentors: dict[str, str]
) -> list[str]:
    lines = []
    for item in plan:
        line = t(
            lang,
            "development.plan_item",
            value=Raw(t(lang, f"berakhlak.{item.value_code}.name")),
            kind=Raw(t(lang, item.kind.text_key)) if item.kind else "-",
            action=item.action,
        )
        if item.due_on is not None:
            line += t(lang, "development.plan_due", due=fmt_date(item.due_on, lang))
        if item.mentor_nip is not None and item.mentor_nip in mentors:
            line += t(lang, "development.plan_mentor", mentor=mentors.get(item.mentor_nip, ""))
        lines.append(line)
    return lines


def advice_lines(lang: str, advice: Sequence[WeakValueAdvice]) -> list[str]:
    """The weak values with why, the catalogue's recommendations and a possible mentor."""
    lines = [t(lang, "development.advice_title")]
    for value in advice:
        threshold = fmt_decimal(
            Decimal(value.threshold.numerator) / value.threshold.denominator, lang
        )
        why = "; ".join(
            t(lang, source.text_key, threshold=threshold)
            for source in WeakSource
            if source in value.sources
        )
        name = Raw(t(lang, f"berakhlak.{value.code}.name"))
        lines.append(t(lang, "development.advice_value", value=name, why=Raw(why)))
        for item in value.items:
            kind = Raw(t(lang, item.kind.text_key))
            lines.append(t(lang, "development.advice_item", kind=kind, title=item.title(lang)))
        if value.mentor:
            lines.append(t(lang, "development.advice_mentor", mentor=value.mentor))
    return lines


def development(lang: str, record: DevelopmentRecord) -> Rendered:
    """The record with its buttons: the coach records sessions and plan items; the employee
    answers the sessions still waiting for their feedback."""
    period, member = record.period, record.member
    lines = [t(lang, "development.title", name=member.name, period=period.name)]
    if record.empty:
        lines.append(t(lang, "development.none"))
    for session in record.sessions:
        lines += ["", *_session(lang, session)]
    if record.advice:
        lines += ["", *advice_lines(lang, record.advice)]
    if record.plan:
        lines += ["", t(lang, "development.plan_title")]
        lines += plan_lines(lang, record.plan, dict(record.mentors))
    buttons: list[tuple[str, Press]] = []
    assert period.id is not None
    if record.viewer_is_coach:
        if period.status is PeriodStatus.OPEN:
            buttons.append(
                (t(lang, "coaching.button.record"), RecordCoaching(period.id, member.id))
            )
        if period.status is not PeriodStatus.DRAFT:
            buttons.append(
                (t(lang, "development.button.plan"), AgreePlanItem(period.id, member.id))
            )
    else:
        for session in record.sessions:
            if session.feedback is None and session.record.id is not None:
                answer = AnswerCoaching(period.id, session.record.id)
                label = f"{t(lang, 'coaching.button.answer')} · {brief(session.record.topic, 30)}"
                buttons.append((label, answer))
    return Rendered("\n".join(lines), rows_of(buttons, 1))


def previous_plan(lang: str, plan: Sequence[DevelopmentPlanItem]) -> Rendered:
    lines = [t(lang, "development.previous_plan"), *plan_lines(lang, plan, {})]
    return Rendered("\n".join(lines))
