"""The appraisal questionnaires, built from an employee's SKP: self-assessment, the supervisor's
assessment, the objection (keberatan) and the atasan's decision. Pure functions of their inputs,
so the same subject always yields the same steps (a resumed session finds its questions again).

Ratings are scale steps valued 1..3 (Di Bawah, Sesuai, Di Atas Ekspektasi): ascending, as the UI
contract wants, and mapped to :class:`~domain.appraisal.predikat.Rating` by value, never by
position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK, BERAKHLAK_KEY_PREFIX
from domain.appraisal.model import (
    DECISION_REASON_LENGTH,
    FEEDBACK_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    OBJECTION_REASON_LENGTH,
    REALISATION_MAX_LENGTH,
    TANGGAPAN_LENGTH,
    Appraisal,
)
from domain.appraisal.predikat import Rating
from domain.appraisal.skp import SkpItem
from domain.engine.questionnaire import (
    CONFIRM_YES,
    Answers,
    Option,
    Questionnaire,
    Step,
    StepKind,
    When,
    encode_file,
)

RATING_VALUES: Final[Mapping[str, Rating]] = MappingProxyType(
    {"1": Rating.DI_BAWAH, "2": Rating.SESUAI, "3": Rating.DI_ATAS}
)
RATING_OPTIONS: Final = tuple(Option(v, r.text_key) for v, r in RATING_VALUES.items())
VALUE_OF_RATING: Final = MappingProxyType({r: v for v, r in RATING_VALUES.items()})

SELF_ASSESSMENT = "self_assessment"
ASSESSMENT = "assessment"
OBJECTION = "objection"
DECISION = "decision"
DECISION_EARLY = "decision_early"  # before the tanggapan came or was due: the reason first
TANGGAPAN = "tanggapan"


def _rating(key: str, prompt: str, **extra: object) -> Step:
    return Step(key, StepKind.SCALE, prompt, RATING_OPTIONS, **extra)  # type: ignore[arg-type]


def self_assessment(period_name: str, items: Sequence[SkpItem]) -> Questionnaire:
    """For each RHK: realisation, optional evidence, self-rating; then the seven BerAKHLAK
    values, each rated with an optional note; then review (reference §2.3, §2.9)."""
    steps: list[Step] = []
    for number, item in enumerate(items, start=1):
        same_kind = [i for i in items if i.kind is item.kind]
        params = {
            "number": str(number),
            "total": str(len(items)),
            "kind_number": str(same_kind.index(item) + 1),  # "RHK tambahan 1 dari 1"
            "kind_total": str(len(same_kind)),
            "rhk": item.rhk,
            "indicator": item.indicator,
            "target": item.target,
        }
        section = f"appraisal.self.section.{item.kind.value}"
        steps += [
            Step(
                f"rhk.{item.id}.realisation",
                StepKind.TEXT,
                "appraisal.self.realisation",
                params=params,
                section=section,
                label="appraisal.label.realisation",
                max_length=REALISATION_MAX_LENGTH,
            ),
            Step(
                f"rhk.{item.id}.evidence",
                StepKind.FILE,
                "appraisal.self.evidence",
                required=False,
                params=params,
                section=section,
                label="appraisal.label.evidence",
            ),
            _rating(
                f"rhk.{item.id}.rating",
                "appraisal.self.rating_rhk",
                params=params,
                section=section,
                label="appraisal.label.rating_rhk",
            ),
        ]
    for number, value in enumerate(BERAKHLAK, start=1):
        params = {"number": str(number), "total": str(len(BERAKHLAK))}
        steps += [
            _rating(
                f"ber.{value.code}.rating",
                f"appraisal.self.ber.{value.code}",
                params=params,
                section="appraisal.self.section.berakhlak",
                label=value.name_key,
            ),
            Step(
                f"ber.{value.code}.note",
                StepKind.TEXT,
                f"appraisal.self.ber_note.{value.code}",
                required=False,
                params=params,
                section="appraisal.self.section.berakhlak",
                label="appraisal.label.note",
                max_length=NOTE_MAX_LENGTH,
            ),
        ]
    return Questionnaire(
        SELF_ASSESSMENT, "appraisal.self.title", tuple(steps), params={"period": period_name}
    )


def self_assessment_answers(
    answers: Answers, items: Sequence[SkpItem]
) -> dict[str, dict[str, str]]:
    """A submitted self-assessment as the aggregate's maps: ratings, realisations, evidence,
    notes; keyed by SKP item id or ``berakhlak:<code>``."""
    ratings: dict[str, str] = {}
    realisations: dict[str, str] = {}
    evidence: dict[str, str] = {}
    notes: dict[str, str] = {}
    for item in items:
        key = str(item.id)
        if value := answers.get(f"rhk.{item.id}.rating"):
            ratings[key] = RATING_VALUES[value].value
        if value := answers.get(f"rhk.{item.id}.realisation"):
            realisations[key] = value
        if value := answers.get(f"rhk.{item.id}.evidence"):
            evidence[key] = value
    for value_def in BERAKHLAK:
        key = f"{BERAKHLAK_KEY_PREFIX}{value_def.code}"
        if value := answers.get(f"ber.{value_def.code}.rating"):
            ratings[key] = RATING_VALUES[value].value
        if value := answers.get(f"ber.{value_def.code}.note"):
            notes[key] = value
    return {"ratings": ratings, "realisations": realisations, "evidence": evidence, "notes": notes}


def answers_of(appraisal: Appraisal, items: Sequence[SkpItem]) -> dict[str, str | None]:
    """The answers a submitted self-assessment came from, to edit it before the deadline."""
    answers: dict[str, str | None] = {}
    for item in items:
        key = str(item.id)
        if key in appraisal.self_ratings:
            answers[f"rhk.{item.id}.rating"] = VALUE_OF_RATING[appraisal.self_ratings[key]]
        answers[f"rhk.{item.id}.realisation"] = appraisal.realisations.get(key)
        answers[f"rhk.{item.id}.evidence"] = appraisal.evidence.get(key)
    for value in BERAKHLAK:
        key = f"{BERAKHLAK_KEY_PREFIX}{value.code}"
        if key in appraisal.self_ratings:
            answers[f"ber.{value.code}.rating"] = VALUE_OF_RATING[appraisal.self_ratings[key]]
        answers[f"ber.{value.code}.note"] = appraisal.notes.get(key)
    return answers


def assessment(employee_name: str, items: Sequence[SkpItem]) -> Questionnaire:
    """The pejabat penilai sets Rating Hasil Kerja and Rating Perilaku Kerja, and may add
    feedback per RHK and per BerAKHLAK value (umpan balik berkelanjutan), and overall."""
    detailed = When("detail", frozenset({CONFIRM_YES}))
    steps: list[Step] = [
        _rating("hasil", "appraisal.assess.hasil", label="appraisal.label.hasil"),
        _rating("perilaku", "appraisal.assess.perilaku", label="appraisal.label.perilaku"),
        Step("detail", StepKind.CONFIRM, "appraisal.assess.detail", label="appraisal.label.detail"),
    ]
    for number, item in enumerate(items, start=1):
        params = {"number": str(number), "rhk": item.rhk, "target": item.target}
        steps.append(
            Step(
                f"rhk.{item.id}.feedback",
                StepKind.TEXT,
                "appraisal.assess.rhk_feedback",
                required=False,
                params=params,
                condition=detailed,
                label="appraisal.label.rhk_feedback",
                max_length=FEEDBACK_MAX_LENGTH,
            )
        )
    steps.extend(
        Step(
            f"ber.{value.code}.feedback",
            StepKind.TEXT,
            f"appraisal.assess.ber.{value.code}",
            required=False,
            condition=detailed,
            label=value.name_key,
            max_length=FEEDBACK_MAX_LENGTH,
        )
        for value in BERAKHLAK
    )
    steps.append(
        Step(
            "feedback",
            StepKind.TEXT,
            "appraisal.assess.feedback",
            required=False,
            label="appraisal.label.feedback",
            max_length=FEEDBACK_MAX_LENGTH,
        )
    )
    return Questionnaire(
        ASSESSMENT, "appraisal.assess.title", tuple(steps), params={"name": employee_name}
    )


def item_feedback(answers: Answers, items: Sequence[SkpItem]) -> dict[str, str]:
    feedback = {str(i.id): answers.get(f"rhk.{i.id}.feedback") or "" for i in items}
    for value in BERAKHLAK:
        feedback[f"{BERAKHLAK_KEY_PREFIX}{value.code}"] = (
            answers.get(f"ber.{value.code}.feedback") or ""
        )
    return {key: text for key, text in feedback.items() if text}


def objection() -> Questionnaire:
    low, high = OBJECTION_REASON_LENGTH
    return Questionnaire(
        OBJECTION,
        "appraisal.object.title",
        (
            Step(
                "reason",
                StepKind.TEXT,
                "appraisal.object.reason",
                label="appraisal.label.reason",
                min_length=low,
                max_length=high,
            ),
        ),
    )


KEEP, CHANGE = "keep", "change"


def tanggapan(employee_name: str) -> Questionnaire:
    """The pejabat penilai's explanation on an objection, with optional evidence."""
    low, high = TANGGAPAN_LENGTH
    return Questionnaire(
        TANGGAPAN,
        "appraisal.tanggapan.title",
        (
            Step(
                "text",
                StepKind.TEXT,
                "appraisal.tanggapan.text",
                label="appraisal.label.tanggapan",
                min_length=low,
                max_length=high,
            ),
            Step(
                "evidence",
                StepKind.FILE,
                "appraisal.tanggapan.evidence",
                required=False,
                label="appraisal.label.tanggapan_evidence",
            ),
        ),
        params={"name": employee_name},
    )


def decision(employee_name: str, *, early: bool = False) -> Questionnaire:
    """The atasan pejabat penilai keeps or changes the ratings, with a reason (final).
    ``early``: before the tanggapan came or was due, why they decide now comes first."""
    changing = When("keep", frozenset({CHANGE}))
    low, high = DECISION_REASON_LENGTH
    first = (
        Step(
            "without_tanggapan",
            StepKind.TEXT,
            "appraisal.decide.without_tanggapan",
            label="appraisal.label.without_tanggapan",
            min_length=low,
            max_length=high,
        ),
    )
    return Questionnaire(
        DECISION_EARLY if early else DECISION,
        "appraisal.decide.title",
        (
            *(first if early else ()),
            Step(
                "keep",
                StepKind.CHOICE,
                "appraisal.decide.keep",
                (
                    Option(KEEP, "appraisal.decide.option.keep"),
                    Option(CHANGE, "appraisal.decide.option.change"),
                ),
                label="appraisal.label.keep",
            ),
            _rating(
                "hasil", "appraisal.assess.hasil", condition=changing, label="appraisal.label.hasil"
            ),
            _rating(
                "perilaku",
                "appraisal.assess.perilaku",
                condition=changing,
                label="appraisal.label.perilaku",
            ),
            Step(
                "reason",
                StepKind.TEXT,
                "appraisal.decide.reason",
                label="appraisal.label.reason",
                min_length=low,
                max_length=high,
            ),
        ),
        params={"name": employee_name},
    )


def rating_of(answers: Answers, key: str) -> Rating | None:
    value = answers.get(key)
    return RATING_VALUES[value] if value else None


__all__ = ["encode_file"]
