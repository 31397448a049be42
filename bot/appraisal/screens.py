"""The appraisal screens as text and buttons: SKP, team, one case, results, distribution,
periods. Pure functions of domain objects, language and time zone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.formatting import fmt_date, fmt_datetime
from bot.i18n import Raw, t
from bot.screens import Press, Rendered, brief, rows_of
from domain.actions import Action
from domain.appraisal.actions import (
    AcknowledgeResult,
    AssessSubordinate,
    ClosePeriod,
    CreatePeriod,
    DecideObjection,
    DecideObjectionEarly,
    FileObjection,
    OpenPeriod,
    ShowSubordinate,
)
from domain.appraisal.berakhlak import BERAKHLAK, BERAKHLAK_KEY_PREFIX
from domain.appraisal.cases import Case
from domain.appraisal.model import AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem
from domain.appraisal.use_cases import Distribution, Result, TeamLine
from domain.engine.questionnaire import decode_file
from domain.peer.actions import ShowRaters

# Budgets for free text on the case screen (the full text stays in the record and reports): a
# detailed self-assessment of many RHK still reads as one or two messages.
FIELD = 300
NOTE = 160
LONG_FIELD = 600

ASSESSABLE = frozenset(
    {
        AppraisalStatus.NOT_STARTED,
        AppraisalStatus.IN_PROGRESS,
        AppraisalStatus.SUBMITTED,
        AppraisalStatus.ASSESSED,
    }
)


def period_choice(
    lang: str, periods: Sequence[AppraisalPeriod], choose: Callable[[int], Action]
) -> Rendered:
    """A button per period, each asking for ``choose(period id)``."""
    buttons: list[tuple[str, Press]] = [
        (t(lang, "appraisal.period_button", name=p.name), choose(p.id))
        for p in periods
        if p.id is not None
    ]
    return Rendered(t(lang, "appraisal.choose_period"), rows_of(buttons, 1))


def skp(lang: str, name: str, year: int, items: Sequence[SkpItem]) -> Rendered:
    if not items:
        return Rendered(t(lang, "appraisal.skp.none", year=year))
    lines = [t(lang, "appraisal.skp.title", year=year, name=name)]
    for kind in ("utama", "tambahan"):
        chosen = [i for i in items if i.kind.value == kind]
        if chosen:
            lines.append(f"\n<b>{t(lang, f'skp.kind.{kind}')}</b>")
        lines += [
            t(
                lang,
                "appraisal.skp.item",
                number=n,
                rhk=i.rhk,
                indicator=i.indicator,
                target=i.target,
            )
            for n, i in enumerate(chosen, start=1)
        ]
    return Rendered("\n".join(lines))


def team(lang: str, period: AppraisalPeriod, lines: Sequence[TeamLine]) -> Rendered:
    if not lines:
        return Rendered(t(lang, "appraisal.team.none"))
    assert period.id is not None  # a stored period
    text = [t(lang, "appraisal.team.title", period=period.name), ""]
    buttons: list[tuple[str, Press]] = []
    for number, line in enumerate(lines, start=1):
        status = t(lang, line.status.text_key)
        if line.predikat:
            text.append(
                t(
                    lang,
                    "appraisal.team.line_predikat",
                    number=number,
                    name=line.member.name,
                    status=status,
                    predikat=t(lang, line.predikat.text_key),
                )
            )
        else:
            text.append(
                t(lang, "appraisal.team.line", number=number, name=line.member.name, status=status)
            )
        buttons.append(
            (
                t(lang, "appraisal.team.member_button", number=number, name=line.member.name),
                ShowSubordinate(period.id, line.member.id),
            )
        )
    return Rendered("\n".join(text), rows_of(buttons, 1))


def _rating(lang: str, rating: Rating | None) -> str:
    return t(lang, rating.text_key) if rating else t(lang, "appraisal.case.not_yet")


def case_text(lang: str, timezone: str, case: Case) -> str:
    """The whole case: self-assessment per RHK and value, the official ratings, objection."""
    a = case.appraisal
    lines = [
        t(
            lang,
            "appraisal.case.title",
            name=case.member.name,
            position=case.member.position,
            period=case.period.name,
            status=Raw(t(lang, a.status.text_key)),
        ),
        "",
    ]
    if not a.self_ratings:
        lines.append(t(lang, "appraisal.case.no_self"))
    for number, item in enumerate(case.items, start=1):
        key = str(item.id)
        lines.append(
            t(
                lang,
                "appraisal.case.rhk",
                number=number,
                rhk=item.rhk,
                target=item.target,
                realisation=brief(a.realisations.get(key, ""), FIELD)
                or t(lang, "appraisal.case.not_yet"),
                rating=Raw(_rating(lang, a.self_ratings.get(key))),
            )
        )
        if key in a.evidence:
            lines.append(t(lang, "appraisal.case.evidence"))
        if key in a.item_feedback:
            feedback = brief(a.item_feedback[key], FIELD)
            lines.append(t(lang, "appraisal.case.rhk_feedback", feedback=feedback))
    lines += ["", t(lang, "appraisal.case.behaviour")]
    for value in BERAKHLAK:
        key = f"{BERAKHLAK_KEY_PREFIX}{value.code}"
        rating = Raw(_rating(lang, a.self_ratings.get(key)))
        name = Raw(t(lang, value.name_key))
        note = brief(a.notes.get(key, ""), NOTE)
        lines.append(
            t(lang, "appraisal.case.value_note", value=name, rating=rating, note=note)
            if note
            else t(lang, "appraisal.case.value", value=name, rating=rating)
        )
    lines += _official(lang, timezone, case)
    return "\n".join(lines)


def _official(lang: str, timezone: str, case: Case) -> list[str]:
    a = case.appraisal
    lines: list[str] = []
    if a.predikat is not None:
        changed = a.decision is not None and not a.decision.keep  # the atasan's ratings now
        lines += [
            "",
            t(
                lang,
                "appraisal.case.final" if changed else "appraisal.case.official",
                hasil=Raw(_rating(lang, a.hasil)),
                perilaku=Raw(_rating(lang, a.perilaku)),
                predikat=Raw(t(lang, a.predikat.text_key)),
            ),
        ]
        if a.feedback:
            lines.append(t(lang, "appraisal.case.feedback", feedback=brief(a.feedback, LONG_FIELD)))
    if a.objection is not None:
        lines += [
            "",
            t(
                lang,
                "appraisal.case.objection",
                reason=brief(a.objection.reason, LONG_FIELD),
                filed=fmt_datetime(a.objection.filed_at, lang, timezone),
            ),
        ]
    if a.tanggapan is not None:
        lines.append(
            t(
                lang,
                "appraisal.case.tanggapan",
                text=brief(a.tanggapan.text, LONG_FIELD),
                at=fmt_datetime(a.tanggapan.at, lang, timezone),
            )
        )
        if a.tanggapan.evidence:
            lines.append(t(lang, "appraisal.case.tanggapan_evidence"))
    if a.decision is not None and not a.decision.keep:
        lines.append(_original_ratings(lang, case))
    if a.decision is not None:
        key = (
            "appraisal.case.decision_keep" if a.decision.keep else "appraisal.case.decision_change"
        )
        lines.append(
            t(
                lang,
                key,
                reason=brief(a.decision.reason, LONG_FIELD),
                at=fmt_datetime(a.decision.at, lang, timezone),
            )
        )
        if a.decision.without_tanggapan:
            early = brief(a.decision.without_tanggapan, LONG_FIELD)
            lines.append(t(lang, "appraisal.case.decided_without_tanggapan", reason=early))
    return lines


def _original_ratings(lang: str, case: Case) -> str:
    """The pejabat penilai's ratings before the atasan changed them (from the audit trail)."""
    decided = [e for e in case.appraisal.audit if e.action == "objection_decided"]
    details = decided[-1].details if decided else {}
    keys = ("previous_hasil", "previous_perilaku", "previous_predikat")
    if not all(k in details for k in keys):
        return ""
    return t(
        lang,
        "appraisal.case.original",
        hasil=Raw(t(lang, Rating(details["previous_hasil"]).text_key)),
        perilaku=Raw(t(lang, Rating(details["previous_perilaku"]).text_key)),
        predikat=Raw(t(lang, Predikat(details["previous_predikat"]).text_key)),
    )


def evidence(case: Case) -> list[tuple[int, str, str]]:
    """(RHK number, "photo" or "document", Telegram file id) of each attached bukti dukung."""
    found = []
    for number, item in enumerate(case.items, start=1):
        if value := case.appraisal.evidence.get(str(item.id)):
            kind, file_id = decode_file(value)
            found.append((number, kind, file_id))
    return found


def tanggapan_evidence(case: Case) -> tuple[str, str] | None:
    """("photo" or "document", Telegram file id) of the pejabat penilai's tanggapan evidence."""
    tanggapan = case.appraisal.tanggapan
    return decode_file(tanggapan.evidence) if tanggapan and tanggapan.evidence else None


def subordinate_case(lang: str, timezone: str, case: Case) -> Rendered:
    text = case_text(lang, timezone, case)
    early = (AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS)
    if case.appraisal.status in early and case.period.status is PeriodStatus.OPEN:
        due = fmt_date(case.period.self_due, lang)
        text += "\n\n" + t(lang, "appraisal.case.assess_early", due=due)
    buttons: list[tuple[str, Press]] = []
    if case.appraisal.status in ASSESSABLE and case.period.status is PeriodStatus.OPEN:
        label = (
            "appraisal.button.reassess"
            if case.appraisal.status is AppraisalStatus.ASSESSED
            else "appraisal.button.assess"
        )
        buttons.append((t(lang, label), AssessSubordinate(case.period_id, case.member.id)))
    if case.period.status is not PeriodStatus.DRAFT:  # peer feedback: raters and results
        buttons.append((t(lang, "peer.button.raters"), ShowRaters(case.period_id, case.member.id)))
    return Rendered(text, rows_of(buttons, 1))


def objection_case(lang: str, timezone: str, case: Case, now: datetime) -> Rendered:
    """The atasan's decision screen: the case with the objection and the pejabat penilai's
    tanggapan (or that none came yet, or by its due time); deciding before the tanggapan came
    or was due asks why first."""
    buttons: list[tuple[str, Press]] = []
    text = case_text(lang, timezone, case)
    if case.appraisal.status is AppraisalStatus.OBJECTED:
        ids = (case.period_id, case.member.id)
        if case.appraisal.awaits_tanggapan(now):
            buttons.append((t(lang, "appraisal.button.decide_early"), DecideObjectionEarly(*ids)))
        else:
            buttons.append((t(lang, "appraisal.button.decide_now"), DecideObjection(*ids)))
        text += "\n" + _tanggapan_state(lang, timezone, case, now)
    return Rendered(text, rows_of(buttons, 1))


def _before_org_predikat(lang: str, found: Distribution) -> list[str]:
    """Before the admin sets the organisation predikat: what each pola would make of today's
    spread, and who sets it (the organisation's admins, by name) and how."""
    lines = [t(lang, "appraisal.dist.no_org")]
    if found.total == 0:
        lines.append(t(lang, "appraisal.dist.nobody"))
    for org, warnings in found.if_set.items():
        name = Raw(t(lang, org.text_key))
        if found.total == 0:
            continue
        if not warnings:
            lines.append(t(lang, "appraisal.dist.if_set_ok", org=name))
            continue
        lines.append(t(lang, "appraisal.dist.if_set", org=name))
        for warning in warnings:
            params = {k: _number(lang, v) for k, v in warning.params.items()}
            lines.append("   " + t(lang, warning.text_key, **params))
    command = f"kinerja period org-predikat {found.period.id} {found.unit.code} baik"
    if found.setters:
        lines.append(
            t(lang, "appraisal.dist.who_sets", admins=", ".join(found.setters), command=command)
        )
    else:
        lines.append(t(lang, "appraisal.dist.who_sets_operator", command=command))
    return lines


def _tanggapan_state(lang: str, timezone: str, case: Case, now: datetime) -> str:
    """Where the tanggapan stands while the objection waits for a decision (it is shown in
    the case itself once given)."""
    objection = case.appraisal.objection
    due = objection.response_due if objection else None
    if case.appraisal.tanggapan is not None or due is None:
        return ""
    key = "appraisal.case.tanggapan_awaited" if now <= due else "appraisal.case.tanggapan_none"
    return t(lang, key, due=fmt_datetime(due, lang, timezone))


def result(lang: str, timezone: str, found: Result) -> Rendered:
    case = found.case
    text = case_text(lang, timezone, case)
    buttons: list[tuple[str, Press]] = []
    if found.objection_deadline is not None:
        text += "\n\n" + t(
            lang,
            "appraisal.case.deadline",
            deadline=fmt_datetime(found.objection_deadline, lang, timezone),
        )
    if case.appraisal.status is AppraisalStatus.ASSESSED and not case.period.is_frozen:
        buttons.append((t(lang, "appraisal.button.acknowledge"), AcknowledgeResult(case.period_id)))
    if found.can_object:
        buttons.append((t(lang, "appraisal.button.object"), FileObjection(case.period_id)))
    return Rendered(text, rows_of(buttons, 2))


def distribution(lang: str, found: Distribution) -> Rendered:
    lines = [t(lang, "appraisal.dist.title", unit=found.unit.name, period=found.period.name), ""]
    total = found.total
    for predikat in Predikat:
        count = found.counts.get(predikat, 0)
        share = count * 100 / total if total else 0.0
        lines.append(
            t(
                lang,
                "appraisal.dist.line",
                predikat=Raw(t(lang, predikat.text_key)),
                count=count,
                percent=_number(lang, f"{share:.1f}"),
            )
        )
    lines += ["", t(lang, "appraisal.dist.total", total=total)]
    if found.organisation is None:
        return Rendered("\n".join(lines + _before_org_predikat(lang, found)))
    lines.append(t(lang, "appraisal.dist.org", org=Raw(t(lang, found.organisation.text_key))))
    if total == 0:
        lines.append(t(lang, "appraisal.dist.nobody"))
    elif not found.warnings:
        lines.append(t(lang, "appraisal.dist.ok"))
    for warning in found.warnings:
        params = {k: _number(lang, v) for k, v in warning.params.items()}
        lines.append(
            t(lang, "appraisal.dist.warning", warning=Raw(t(lang, warning.text_key, **params)))
        )
    return Rendered("\n".join(lines))


def _number(lang: str, value: object) -> str:
    text = str(value)
    return text.replace(".", ",") if lang == "id" else text


def periods(lang: str, found: Sequence[AppraisalPeriod]) -> Rendered:
    lines = [t(lang, "period.list.title"), ""]
    buttons: list[tuple[str, Press]] = []
    for period in found:
        assert period.id is not None  # a stored period
        lines.append(
            t(
                lang,
                "period.list.line",
                id=period.id,
                name=period.name,
                kind=Raw(t(lang, period.kind.text_key)),
                start=fmt_date(period.start, lang),
                end=fmt_date(period.end, lang),
                status=Raw(t(lang, period.status.text_key)),
            )
        )
        if period.status is PeriodStatus.DRAFT:
            buttons.append((t(lang, "period.button.open", id=period.id), OpenPeriod(period.id)))
        elif period.status is PeriodStatus.OPEN:
            buttons.append((t(lang, "period.button.close", id=period.id), ClosePeriod(period.id)))
    if not found:
        lines.append(t(lang, "period.list.none"))
    buttons.append((t(lang, "period.button.new"), CreatePeriod()))
    return Rendered("\n".join(lines), rows_of(buttons, 2))
