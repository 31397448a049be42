"""The 360° results screen: self vs peers vs subordinates vs pejabat penilai per BerAKHLAK
value, the largest gaps and the comments (in the frozen random order, without names, dates or
any hint of who wrote them); before the deadline or below the threshold, what is not shown and
why. Pure functions of the domain's ``PeerResults``."""

from __future__ import annotations

from bot.formatting import fmt_datetime, fmt_decimal
from bot.i18n import Raw, t
from bot.screens import Rendered
from domain.appraisal.berakhlak import BERAKHLAK
from domain.peer.aggregate import NOT_ENOUGH_RATERS, ValueSummary
from domain.peer.comparison import Comparison
from domain.peer.raters import Relation
from domain.peer.results import PeerResults

GAP_WORD = {Relation.PEER: "results.gap.peers", Relation.UPWARD: "results.gap.subordinates"}
RELATION_WORD = {
    Relation.PEER: "results.relation.peers",
    Relation.UPWARD: "results.relation.subordinates",
}


def _mean(lang: str, found: PeerResults, relation: Relation, value: ValueSummary | None) -> str:
    if not found.shown(relation):
        return t(lang, "results.not_shown")
    if value is None or value.mean_display is None:
        return t(lang, NOT_ENOUGH_RATERS)
    return f"<b>{fmt_decimal(value.mean_display, lang)}</b>"


def _values(lang: str, found: PeerResults, comparison: Comparison) -> list[str]:
    lines = []
    for row, value in zip(comparison.values, BERAKHLAK, strict=True):
        own = t(lang, row.self_rating.text_key) if row.self_rating else t(lang, "results.no_self")
        parts = [t(lang, "results.self", rating=Raw(own))]
        for relation in Relation:
            if found.asked(relation):
                label = t(lang, RELATION_WORD[relation])
                mean = _mean(lang, found, relation, row.others(relation))
                parts.append(t(lang, "results.mean", relation=Raw(label), mean=Raw(mean)))
        lines.append(f"• <b>{t(lang, f'berakhlak.{value.code}.name')}</b>")
        lines.append("  " + " · ".join(parts))
        if row.pejabat_penilai_feedback:
            lines.append("  " + t(lang, "results.pp_feedback", text=row.pejabat_penilai_feedback))
    return lines


def _withheld(lang: str, found: PeerResults) -> list[str]:
    lines = []
    for relation in Relation:
        if found.asked(relation) and not found.shown(relation):
            label = Raw(t(lang, RELATION_WORD[relation]))
            lines.append(t(lang, "results.withheld", relation=label, min=found.min_raters))
    return lines


def _gaps(lang: str, comparison: Comparison) -> list[str]:
    if not comparison.gaps:
        return []
    lines = [t(lang, "results.gaps")]
    for gap in comparison.gaps:
        name = Raw(t(lang, f"berakhlak.{gap.code}.name"))
        relation = Raw(t(lang, GAP_WORD[gap.relation]))
        lines.append("• " + t(lang, gap.text_key, value=name, relation=relation))
    return lines


def _comments(lang: str, found: PeerResults) -> list[str]:
    lines = []
    assert found.summary is not None
    for relation in Relation:
        summary = found.summary.of(relation)
        if summary is None or not summary.visible:
            continue
        for key, comments in (
            ("peer.label.keep_doing", summary.keep_doing),
            ("peer.label.improve", summary.improve),
        ):
            if comments:
                title = t(
                    lang,
                    "results.comments",
                    relation=Raw(t(lang, RELATION_WORD[relation])),
                    kind=Raw(t(lang, key)),
                )
                lines += ["", title, *(t(lang, "results.comment", text=c) for c in comments)]
    return lines


def results(lang: str, timezone: str, found: PeerResults) -> Rendered:
    """The results text (the radar chart goes as a photo beside it, when anything is shown)."""
    title = t(lang, "results.title", name=found.member.name, period=found.period.name)
    deadline = fmt_datetime(found.deadline, lang, timezone)
    if found.open or found.comparison is None:
        return Rendered(f"{title}\n{t(lang, 'results.before_deadline', deadline=deadline)}")
    if not any(found.asked(relation) for relation in Relation):
        return Rendered(f"{title}\n{t(lang, 'results.nobody_asked')}")
    comparison = found.comparison
    lines = [title, t(lang, "results.advice")]
    lines += _withheld(lang, found)
    if found.anything_shown:
        lines += ["", *_values(lang, found, comparison)]
        if comparison.perilaku is not None:
            rating = Raw(t(lang, comparison.perilaku.text_key))
            lines += ["", t(lang, "results.perilaku", rating=rating)]
        gaps = _gaps(lang, comparison)
        lines += ["", *gaps] if gaps else []
        lines += _comments(lang, found)
    return Rendered("\n".join(lines))
