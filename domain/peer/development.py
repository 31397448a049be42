"""Development after the results: weak values, recommendations, mentors, the agreed plan.

Seeds Pauh (specific training from identified weaknesses) and Dumai (mentoring), issue 11.

**Weak values** (``weak_values``), from a frozen summary and the pejabat penilai's Rating
Perilaku Kerja:

1. every value whose shown mean from peers or from subordinates is below the threshold
   (default 3.0, "Sesuai standar"; configurable within (1, 5]);
2. if the Rating Perilaku Kerja is Di Bawah Ekspektasi: also the value(s) with the lowest shown
   mean (the lower of the peers' and subordinates' means; ties all count), the best evidence
   of where the pejabat penilai's judgement points; and when no value has a shown mean, all
   seven values, since the rating says something is below expectation and the plan then lets
   the pejabat penilai choose.

**Mentors** (``suggest_mentor``): a colleague of the same unit whose frozen *peer* mean on the
value is at least 4.0 ("Proaktif tanpa diminta") from at least ``min_raters`` raters, never the
mentee, their pejabat penilai (their coaching is bimbingan kinerja) or their own direct
subordinate (mentoring one's leader inverts the reporting line). Among those, the choice is a
keyed hash of period, mentee, value and candidate: deterministic, spread over the eligible, and
it reveals no more than "at least 4.0"; the suggestion carries no score.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from fractions import Fraction
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK, BERAKHLAK_CODES
from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.appraisal.predikat import Rating
from domain.errors import InvalidValue, PeriodNotOpen, PermissionDenied
from domain.localtime import local_date
from domain.peer.aggregate import FrozenSummary
from domain.peer.raters import Colleague, Relation

DEFAULT_WEAK_THRESHOLD: Final = Fraction(3)
MENTOR_MIN_MEAN: Final = Fraction(4)
ACTION_LENGTH: Final = (3, 500)


class RecommendationKind(StrEnum):
    PELATIHAN = "pelatihan"  # training
    KEGIATAN = "kegiatan"  # an on-the-job activity or assignment
    MENTORING = "mentoring"

    @property
    def text_key(self) -> str:
        return f"peer.recommendation.kind.{self.value}"


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One catalogue entry for a value, titled in both languages (catalogue data, not texts:
    an admin edits it)."""

    value_code: str
    kind: RecommendationKind
    title_id: str
    title_en: str

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_id


@dataclass(frozen=True, slots=True)
class Catalogue:
    items: tuple[Recommendation, ...]

    def for_value(self, code: str) -> tuple[Recommendation, ...]:
        return tuple(item for item in self.items if item.value_code == code)


class WeakSource(StrEnum):
    """Why a value counts as weak (module docstring)."""

    PEER_MEAN = "peer_mean"
    UPWARD_MEAN = "upward_mean"
    PERILAKU = "perilaku"  # Rating Perilaku Kerja Di Bawah Ekspektasi

    @property
    def text_key(self) -> str:
        return f"peer.weak.{self.value}"


@dataclass(frozen=True, slots=True)
class WeakValue:
    code: str
    sources: frozenset[WeakSource]


_SOURCE: Final = {Relation.PEER: WeakSource.PEER_MEAN, Relation.UPWARD: WeakSource.UPWARD_MEAN}


def weak_values(
    *,
    summary: FrozenSummary | None,
    perilaku: Rating | None,
    threshold: Fraction = DEFAULT_WEAK_THRESHOLD,
) -> tuple[WeakValue, ...]:
    """The weak values in BerAKHLAK order, each with why (module docstring)."""
    if not 1 < threshold <= 5:
        raise InvalidValue("out_of_range", field="threshold")
    means = _shown_means(summary)
    sources: dict[str, set[WeakSource]] = {value.code: set() for value in BERAKHLAK}
    for (code, relation), mean in means.items():
        if mean < threshold:
            sources[code].add(_SOURCE[relation])
    if perilaku is Rating.DI_BAWAH:
        lowest = min(means.values(), default=None)
        for code, why in sources.items():
            if lowest is None or any(means.get((code, r)) == lowest for r in Relation):
                why.add(WeakSource.PERILAKU)
    return tuple(WeakValue(code, frozenset(why)) for code, why in sources.items() if why)


def _shown_means(summary: FrozenSummary | None) -> dict[tuple[str, Relation], Fraction]:
    means: dict[tuple[str, Relation], Fraction] = {}
    for relation in Relation:
        shown = summary.of(relation) if summary is not None else None
        for value in shown.values if shown is not None and shown.visible else ():
            if value.mean is not None:
                means[(value.code, relation)] = value.mean
    return means


def recommendations_for(
    weak: Sequence[WeakValue], catalogue: Catalogue
) -> dict[str, tuple[Recommendation, ...]]:
    """The catalogue's entries for each weak value (a value without entries maps to ``()``)."""
    return {value.code: catalogue.for_value(value.code) for value in weak}


@dataclass(frozen=True, slots=True)
class MentorSuggestion:
    """A possible mentor for one value; deliberately without any score."""

    mentee_nip: str
    value_code: str
    mentor_nip: str


def suggest_mentor(
    *,
    period_id: int,
    mentee: Colleague,
    value_code: str,
    colleagues: Sequence[Colleague],
    summaries: Mapping[str, FrozenSummary],
    min_raters: int,
) -> MentorSuggestion | None:
    """A mentor for ``value_code`` by the rules of the module docstring, or ``None``."""
    eligible = [
        c.nip
        for c in colleagues
        if c.unit_code == mentee.unit_code
        and c.nip not in (mentee.nip, mentee.supervisor_nip)
        and c.supervisor_nip != mentee.nip
        and _strong(summaries.get(c.nip), period_id, value_code, min_raters)
    ]
    if not eligible:
        return None
    mentor = min(eligible, key=lambda nip: _draw(period_id, mentee.nip, value_code, nip))
    return MentorSuggestion(mentee.nip, value_code, mentor)


def _strong(summary: FrozenSummary | None, period_id: int, code: str, min_raters: int) -> bool:
    if summary is None or summary.period_id != period_id:
        return False
    peers = summary.of(Relation.PEER)
    value = peers.value(code) if peers is not None and peers.visible else None
    if value is None or value.raters is None or value.mean is None:
        return False
    return value.raters >= max(min_raters, summary.min_raters) and value.mean >= MENTOR_MIN_MEAN


def _draw(period_id: int, mentee: str, code: str, candidate: str) -> str:
    return hashlib.sha256(f"{period_id}:{mentee}:{code}:{candidate}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class DevelopmentPlanItem:
    """An item the pejabat penilai and the employee agreed on; shown on ``/hasil`` and in the
    next period's self-assessment intro."""

    period_id: int
    employee_nip: str
    value_code: str
    action: str
    agreed_by: str
    agreed_at: datetime
    kind: RecommendationKind | None = None
    mentor_nip: str | None = None
    due_on: date | None = None
    id: int | None = None


def agree_plan_item(
    *,
    period: AppraisalPeriod,
    employee: Colleague,
    by_nip: str,
    value_code: str,
    action: str,
    now: datetime,
    tz: str | tzinfo,
    kind: RecommendationKind | None = None,
    mentor_nip: str | None = None,
    due_on: date | None = None,
) -> DevelopmentPlanItem:
    """A checked plan item: by the employee's pejabat penilai, for a period that has begun, on
    a BerAKHLAK value, with an action, a mentor other than the employee, a date not past."""
    local_date(now, tz)  # refuses a naive time, whatever else is given
    if by_nip != employee.supervisor_nip:
        raise PermissionDenied("not_pejabat_penilai")
    if period.status is PeriodStatus.DRAFT or period.id is None:
        raise PeriodNotOpen("draft", period=period.name)
    if value_code not in BERAKHLAK_CODES:
        raise InvalidValue("unknown_option", field="value_code", allowed=sorted(BERAKHLAK_CODES))
    if mentor_nip == employee.nip:
        raise InvalidValue("self_mentor", field="mentor_nip")
    if due_on is not None and due_on < local_date(now, tz):
        raise InvalidValue("date_in_past", field="due_on", value=due_on)
    return DevelopmentPlanItem(
        period.id, employee.nip, value_code, _action(action), by_nip, now, kind, mentor_nip, due_on
    )


def _action(raw: str) -> str:
    text = raw.strip()
    low, high = ACTION_LENGTH
    if not text:
        raise InvalidValue("required", field="action")
    if len(text) < low:
        raise InvalidValue("too_short", field="action", min=low)
    if len(text) > high:
        raise InvalidValue("too_long", field="action", limit=high)
    return text
