"""Peer feedback screens: a rater's list, a subordinate's raters, the frozen summary.

No screen shows progress to a ratee or a pejabat penilai, nor anything about responses before
the deadline; the summary shows only the relations the frozen summary keeps visible, comments
in their frozen (random) order, without dates or names.
"""

from __future__ import annotations

from decimal import Decimal

from bot.formatting import fmt_datetime
from bot.i18n import Raw, t
from bot.screens import Press, Rendered, rows_of
from domain.appraisal.berakhlak import BERAKHLAK
from domain.peer.actions import GiveFeedback, NominateRaters, ShowPeerSummary
from domain.peer.aggregate import RelationSummary
from domain.peer.raters import Relation
from domain.peer.use_cases import RaterList, RatersView, SummaryView


def _mean(value: Decimal, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "id" else text


def rater_list(
    lang: str, timezone: str, lists: list[RaterList], summaries: list[tuple[int, str]]
) -> Rendered:
    """``/umpanbalik``: whom I am asked to rate in each open period, whether I sent it (only
    I see that), and my own results of the periods in ``summaries`` (id, name)."""
    parts = [t(lang, "peer.list.title")]
    buttons: list[tuple[str, Press]] = []
    if not any(found.lines for found in lists):
        parts.append(t(lang, "peer.list.none"))
    for found in lists:
        parts.append("")
        parts.append(t(lang, "peer.list.period", period=found.period.name))
        for line in found.lines:
            state = "peer.list.sent" if line.sent else "peer.list.waiting"
            if not line.open:
                state = "peer.list.closed"
            parts.append(
                t(
                    lang,
                    state,
                    name=line.ratee_name,
                    relation=Raw(t(lang, f"peer.list.relation.{line.relation.value}")),
                    deadline=fmt_datetime(line.deadline, lang, timezone),
                )
            )
            if line.open:
                label = "peer.button.edit" if line.sent else "peer.button.rate"
                buttons.append(
                    (t(lang, label, name=line.ratee_name), GiveFeedback(line.assignment_id))
                )
    for period_id, name in summaries:
        buttons.append((t(lang, "peer.button.my_summary", period=name), ShowPeerSummary(period_id)))
    return Rendered("\n".join(parts), rows_of(buttons, 1))


def raters(lang: str, timezone: str, view: RatersView) -> Rendered:
    """A subordinate's raters, for their pejabat penilai: names, never who has answered."""
    lines = [t(lang, "peer.raters.title", name=view.ratee.name, period=view.period.name)]
    for relation in Relation:
        if relation is Relation.UPWARD and not view.has_subordinates:
            continue
        names = view.raters[relation]
        listed = ", ".join(names) if names else t(lang, "peer.raters.nobody")
        lines.append(
            t(lang, "peer.raters.line", relation=Raw(t(lang, relation.text_key)), names=listed)
        )
    lines.append("")
    deadline = fmt_datetime(view.deadline, lang, timezone)
    lines.append(t(lang, "peer.raters.private", deadline=deadline))
    buttons: list[tuple[str, Press]] = []
    period_id, employee_id = view.period.id or 0, view.ratee.id
    if view.may_change:
        buttons.append(
            (
                t(lang, "peer.button.nominate.peer"),
                NominateRaters(period_id, employee_id, Relation.PEER),
            )
        )
        if view.has_subordinates:
            upward = NominateRaters(period_id, employee_id, Relation.UPWARD)
            buttons.append((t(lang, "peer.button.nominate.upward"), upward))
    buttons.append((t(lang, "peer.button.summary"), ShowPeerSummary(period_id, employee_id)))
    return Rendered("\n".join(lines), rows_of(buttons, 1))


def summary(lang: str, timezone: str, view: SummaryView) -> Rendered:
    """The frozen summary about a ratee (for the ratee and their pejabat penilai)."""
    lines = [t(lang, "peer.summary.title", name=view.ratee.name, period=view.period.name)]
    deadline = fmt_datetime(view.deadline, lang, timezone)
    if view.summary is None:
        lines.append(
            t(lang, "peer.summary.before_deadline", deadline=deadline, min=view.min_raters)
        )
        return Rendered("\n".join(lines))
    if not view.summary.relations:
        lines.append(t(lang, "peer.summary.no_raters"))
    for relation in Relation:
        shown = view.summary.of(relation)
        if shown is not None:
            lines += ["", *_relation(lang, shown, view.summary.min_raters)]
    lines += ["", t(lang, "peer.summary.advice")]
    return Rendered("\n".join(lines))


def _relation(lang: str, shown: RelationSummary, min_raters: int) -> list[str]:
    head = t(lang, "peer.summary.relation", relation=Raw(t(lang, shown.relation.text_key)))
    if not shown.visible:
        return [head, t(lang, "peer.summary.hidden", min=min_raters)]
    lines = [head, t(lang, "peer.summary.responses", count=shown.responses or 0)]
    for value in BERAKHLAK:
        found = shown.value(value.code)
        name = Raw(t(lang, value.name_key))
        if found is None or found.mean_display is None:
            lines.append(t(lang, "peer.summary.value_hidden", value=name))
        else:
            mean = _mean(found.mean_display, lang)
            lines.append(t(lang, "peer.summary.value", value=name, mean=mean, raters=found.raters))
    for key, comments in (("keep_doing", shown.keep_doing), ("improve", shown.improve)):
        if comments:
            lines.append(t(lang, f"peer.summary.{key}"))
            lines += [t(lang, "peer.summary.comment", text=comment) for comment in comments]
    return lines
