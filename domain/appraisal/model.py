"""The appraisal of one employee in one period under PermenPANRB 6/2022 (ratings and predikat:
:mod:`domain.appraisal.predikat`).

Reference: ``reference/DOMAIN.md`` §2. Self-assessment is *masukan* (input) kept apart from the
official rating; only the pejabat penilai rates, and only the atasan pejabat penilai may change a
rating after an objection (PP 30/2019 Pasal 59; that decision is final).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK_CODES, BERAKHLAK_KEY_PREFIX
from domain.appraisal.predikat import Predikat, Rating, predikat_kinerja
from domain.audit import AuditEntry
from domain.errors import (
    InvalidTransition,
    InvalidValue,
    PeriodNotOpen,
    PermissionDenied,
)


class AppraisalStatus(StrEnum):
    """not_started -> in_progress -> submitted -> assessed -> acknowledged/objected -> decided.

    ``assessed`` may also be reached straight from not_started/in_progress (see ``assess``).
    """

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    ASSESSED = "assessed"
    ACKNOWLEDGED = "acknowledged"
    OBJECTED = "objected"
    DECIDED = "decided"

    @property
    def text_key(self) -> str:
        return f"appraisal.status.{self.value}"


OBJECTION_REASON_LENGTH: Final = (10, 1000)
DECISION_REASON_LENGTH: Final = (10, 1000)
TANGGAPAN_LENGTH: Final = (10, 1000)
FEEDBACK_MAX_LENGTH: Final = 2000
REALISATION_MAX_LENGTH: Final = 1000
NOTE_MAX_LENGTH: Final = 1000

_BEFORE_ASSESSMENT: Final = frozenset(
    {AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS, AppraisalStatus.SUBMITTED}
)


@dataclass(frozen=True, slots=True)
class Objection:
    """Keberatan filed by the employee against the predikat."""

    reason: str
    filed_at: datetime
    response_due: datetime | None = None  # the pejabat penilai's tanggapan is due by then


@dataclass(frozen=True, slots=True)
class Tanggapan:
    """The pejabat penilai's explanation on an objection: PP 30/2019 Pasal 59 has the atasan
    ask both the pejabat penilai and the PNS before deciding. ``evidence`` is an encoded file
    (:func:`domain.engine.questionnaire.encode_file`)."""

    by_nip: str
    at: datetime
    text: str
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class ObjectionDecision:
    """The atasan pejabat penilai's final decision on an objection (PP 30/2019 Pasal 59).
    ``without_tanggapan``: why they decided before the tanggapan came or was due."""

    by_nip: str
    at: datetime
    keep: bool
    reason: str
    without_tanggapan: str | None = None


def _no_ratings() -> Mapping[str, Rating]:
    return MappingProxyType({})


def _no_texts() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Appraisal:
    """The appraisal of ``employee_nip`` in period ``period_id``; every change returns a copy.

    ``self_ratings`` is keyed by the SKP item id (``"12"``) or ``"berakhlak:<code>"``;
    ``realisations`` by the SKP item id. Timing rules (due dates, a closed period) belong to the
    period: the use case checks ``AppraisalPeriod.require(...)`` before calling these methods.
    """

    period_id: int
    employee_nip: str
    status: AppraisalStatus = AppraisalStatus.NOT_STARTED
    self_ratings: Mapping[str, Rating] = field(default_factory=_no_ratings)
    realisations: Mapping[str, str] = field(default_factory=_no_texts)
    evidence: Mapping[str, str] = field(default_factory=_no_texts)
    notes: Mapping[str, str] = field(default_factory=_no_texts)
    hasil: Rating | None = None
    perilaku: Rating | None = None
    predikat: Predikat | None = None
    feedback: str | None = None
    item_feedback: Mapping[str, str] = field(default_factory=_no_texts)
    assessed_by: str | None = None
    assessed_at: datetime | None = None
    acknowledged_at: datetime | None = None
    objection: Objection | None = None
    tanggapan: Tanggapan | None = None
    decision: ObjectionDecision | None = None
    audit: tuple[AuditEntry, ...] = ()

    def begin_self_assessment(self, *, by_nip: str, now: datetime) -> Appraisal:
        """not_started -> in_progress; calling it again while in progress changes nothing."""
        self._require_employee(by_nip)
        if self.status is AppraisalStatus.IN_PROGRESS:
            return self
        self._require_status({AppraisalStatus.NOT_STARTED}, AppraisalStatus.IN_PROGRESS)
        return self._moved(AppraisalStatus.IN_PROGRESS, now, by_nip, "self_assessment_started")

    def submit_self_assessment(
        self,
        *,
        by_nip: str,
        ratings: Mapping[str, Rating],
        realisations: Mapping[str, str],
        now: datetime,
        evidence: Mapping[str, str] | None = None,
        notes: Mapping[str, str] | None = None,
    ) -> Appraisal:
        """Record the employee's own ratings and realisations (masukan, not the official rating).

        Allowed until the pejabat penilai assesses; a second submission replaces the first.
        """
        self._require_employee(by_nip)
        self._require_status(_BEFORE_ASSESSMENT, AppraisalStatus.SUBMITTED)
        clean_ratings = _checked_self_ratings(ratings)
        clean_realisations = _checked_realisations(realisations)
        action = (
            "self_assessment_resubmitted" if self._was_submitted else "self_assessment_submitted"
        )
        updated = replace(
            self,
            self_ratings=MappingProxyType(clean_ratings),
            realisations=MappingProxyType(clean_realisations),
            evidence=MappingProxyType(_checked_keyed_texts(evidence, "evidence", 300)),
            notes=MappingProxyType(_checked_keyed_texts(notes, "notes", NOTE_MAX_LENGTH)),
        )
        return updated._moved(
            AppraisalStatus.SUBMITTED, now, by_nip, action, ratings=str(len(clean_ratings))
        )

    def assess(
        self,
        *,
        hasil: Rating,
        perilaku: Rating,
        feedback: str | None,
        by_nip: str,
        supervisor_nip: str,
        now: datetime,
        item_feedback: Mapping[str, str] | None = None,
    ) -> Appraisal:
        """The pejabat penilai kinerja (``supervisor_nip``, the employee's atasan langsung) sets
        the two ratings; the predikat follows from the §2.5 matrix.

        The employee need not have submitted: the rating is the pejabat penilai's by law (PP
        30/2019, §2.8; §5 "ratings are set only by the Pejabat Penilai"), and an employee's silence
        must not block their own predikat. Until the employee acknowledges or objects the
        pejabat penilai may correct the assessment; the objection window restarts with it.
        """
        if by_nip != supervisor_nip:
            raise PermissionDenied("not_pejabat_penilai")
        self._require_not_employee(by_nip)
        allowed = _BEFORE_ASSESSMENT | {AppraisalStatus.ASSESSED}
        self._require_status(allowed, AppraisalStatus.ASSESSED)
        hasil, perilaku = Rating(hasil), Rating(perilaku)
        predikat = predikat_kinerja(hasil, perilaku)
        action = "reassessed" if self.status is AppraisalStatus.ASSESSED else "assessed"
        updated = replace(
            self,
            hasil=hasil,
            perilaku=perilaku,
            predikat=predikat,
            feedback=_optional_text(feedback, "feedback", FEEDBACK_MAX_LENGTH),
            item_feedback=MappingProxyType(
                _checked_keyed_texts(item_feedback, "item_feedback", FEEDBACK_MAX_LENGTH)
            ),
            assessed_by=by_nip,
            assessed_at=_aware(now),
        )
        details = {"hasil": hasil.value, "perilaku": perilaku.value, "predikat": predikat.value}
        if not self._was_submitted:
            details["self_assessment"] = "missing"
        return updated._moved(AppraisalStatus.ASSESSED, now, by_nip, action, **details)

    def acknowledge(self, *, by_nip: str, now: datetime) -> Appraisal:
        """The employee confirms having read the result.

        Acknowledging does not waive the right to object: an objection is still possible within
        the window (PP 30/2019 Pasal 59 grants it; a button press should not take it away).
        """
        self._require_employee(by_nip)
        self._require_status({AppraisalStatus.ASSESSED}, AppraisalStatus.ACKNOWLEDGED)
        updated = replace(self, acknowledged_at=_aware(now))
        return updated._moved(AppraisalStatus.ACKNOWLEDGED, now, by_nip, "acknowledged")

    def object(
        self,
        *,
        by_nip: str,
        reason: str,
        now: datetime,
        deadline: datetime,
        response_due: datetime | None = None,
    ) -> Appraisal:
        """The employee files a keberatan, at the latest at ``deadline`` (inclusive; see
        ``AppraisalPeriod.objection_deadline``). One objection per appraisal. The pejabat
        penilai's tanggapan is awaited until ``response_due``."""
        self._require_employee(by_nip)
        self.require_objectable()
        if _aware(now) > _aware(deadline):
            raise PeriodNotOpen("objection_window_closed", deadline=deadline)
        text = _required_text(reason, "reason", *OBJECTION_REASON_LENGTH)
        objection = Objection(reason=text, filed_at=now, response_due=response_due)
        updated = replace(self, objection=objection)
        return updated._moved(AppraisalStatus.OBJECTED, now, by_nip, "objected", reason=text)

    def require_objectable(self) -> None:
        """Refuse an objection naming the actual state: not yet assessed, already filed (on
        DATE), already decided (on DATE)."""
        target = AppraisalStatus.OBJECTED.value
        if self.decision is not None:
            raise InvalidTransition(
                "objection_already_decided",
                current=self.status.value,
                target=target,
                decided=self.decision.at,
            )
        if self.objection is not None:
            raise InvalidTransition(
                "objection_already_filed",
                current=self.status.value,
                target=target,
                filed=self.objection.filed_at,
            )
        if self.status not in (AppraisalStatus.ASSESSED, AppraisalStatus.ACKNOWLEDGED):
            raise InvalidTransition("not_assessed", current=self.status.value, target=target)

    def respond(
        self,
        *,
        by_nip: str,
        penilai_nip: str,
        text: str,
        now: datetime,
        evidence: str | None = None,
    ) -> Appraisal:
        """The pejabat penilai (``penilai_nip``) answers the objection with a tanggapan, by its
        due time (PP 30/2019 Pasal 59). Once; the status stays ``objected``."""
        if by_nip != penilai_nip:
            raise PermissionDenied("not_pejabat_penilai")
        self._require_not_employee(by_nip)
        self.require_awaiting_tanggapan(now)
        clean = _required_text(text, "tanggapan", *TANGGAPAN_LENGTH)
        tanggapan = Tanggapan(by_nip, _aware(now), clean, evidence or None)
        details = {"tanggapan": clean, "evidence": "yes" if evidence else "no"}
        return replace(self, tanggapan=tanggapan)._moved(
            self.status, now, by_nip, "tanggapan", **details
        )

    def require_awaiting_tanggapan(self, now: datetime) -> None:
        """Refuse a tanggapan naming the actual state: no objection, already decided, already
        given (on DATE), or its due time passed (on DATE)."""
        self.require_decidable()
        target = AppraisalStatus.OBJECTED.value
        if self.tanggapan is not None:
            raise InvalidTransition(
                "tanggapan_already_given",
                current=self.status.value,
                target=target,
                at=self.tanggapan.at,
            )
        assert self.objection is not None
        due = self.objection.response_due
        if due is not None and _aware(now) > due:
            raise PeriodNotOpen("tanggapan_window_closed", deadline=due)

    def awaits_tanggapan(self, now: datetime) -> bool:
        """The tanggapan has not come and its due time has not passed: deciding now needs a
        stated reason."""
        if self.status is not AppraisalStatus.OBJECTED or self.tanggapan is not None:
            return False
        due = self.objection.response_due if self.objection else None
        return due is not None and _aware(now) <= due

    def require_decidable(self) -> None:
        """Refuse a decision naming the actual state: already decided (on DATE), or there is
        no objection."""
        target = AppraisalStatus.DECIDED.value
        if self.decision is not None:
            raise InvalidTransition(
                "already_decided",
                current=self.status.value,
                target=target,
                decided=self.decision.at,
            )
        if self.status is not AppraisalStatus.OBJECTED:
            raise InvalidTransition("not_objected", current=self.status.value, target=target)

    def decide(
        self,
        *,
        by_nip: str,
        atasan_nip: str,
        keep: bool,
        reason: str,
        now: datetime,
        new_hasil: Rating | None = None,
        new_perilaku: Rating | None = None,
        without_tanggapan: str | None = None,
    ) -> Appraisal:
        """The atasan pejabat penilai (``atasan_nip``, the pejabat penilai's own superior) keeps
        the ratings or sets new ones. Final: a decided appraisal never changes again (PP 30/2019
        Pasal 59). Before the pejabat penilai's tanggapan came or was due, only with a stated
        reason (``without_tanggapan``), which is recorded."""
        if by_nip != atasan_nip:
            raise PermissionDenied("not_atasan_pejabat_penilai")
        self._require_not_employee(by_nip)
        self.require_decidable()
        early = _optional_text(without_tanggapan, "without_tanggapan", DECISION_REASON_LENGTH[1])
        if early is None and self.awaits_tanggapan(now):
            assert self.objection is not None
            raise InvalidTransition(
                "tanggapan_pending",
                current=self.status.value,
                target=AppraisalStatus.DECIDED.value,
                due=self.objection.response_due,
            )
        text = _required_text(reason, "reason", *DECISION_REASON_LENGTH)
        old_hasil, old_perilaku = self._official_ratings()
        hasil, perilaku = _decided_ratings(keep, (old_hasil, old_perilaku), new_hasil, new_perilaku)
        predikat = predikat_kinerja(hasil, perilaku)
        decision = ObjectionDecision(by_nip, now, keep, text, without_tanggapan=early)
        updated = replace(
            self, hasil=hasil, perilaku=perilaku, predikat=predikat, decision=decision
        )
        details = {
            "keep": "yes" if keep else "no",
            "previous_hasil": old_hasil.value,
            "previous_perilaku": old_perilaku.value,
            "previous_predikat": predikat_kinerja(old_hasil, old_perilaku).value,
            "hasil": hasil.value,
            "perilaku": perilaku.value,
            "predikat": predikat.value,
            "reason": text,
        }
        if early is not None:
            details["without_tanggapan"] = early
        return updated._moved(AppraisalStatus.DECIDED, now, by_nip, "objection_decided", **details)

    # --- helpers ---------------------------------------------------------------------------

    @property
    def _was_submitted(self) -> bool:
        # A submission always carries at least one rating (see _checked_self_ratings).
        return bool(self.self_ratings)

    def _official_ratings(self) -> tuple[Rating, Rating]:
        if self.hasil is None or self.perilaku is None:
            raise InvalidTransition(current=self.status.value, target=AppraisalStatus.DECIDED.value)
        return self.hasil, self.perilaku

    def _require_employee(self, by_nip: str) -> None:
        if by_nip != self.employee_nip:
            raise PermissionDenied("not_owner")

    def _require_not_employee(self, by_nip: str) -> None:
        if by_nip == self.employee_nip:
            raise PermissionDenied("own_appraisal")

    def _require_status(
        self, allowed: Collection[AppraisalStatus], target: AppraisalStatus
    ) -> None:
        if self.status not in allowed:
            raise InvalidTransition(current=self.status.value, target=target.value)

    def _moved(
        self, status: AppraisalStatus, now: datetime, actor: str, action: str, **details: str
    ) -> Appraisal:
        entry = AuditEntry(_aware(now), actor, action, details=MappingProxyType(details))
        return replace(self, status=status, audit=(*self.audit, entry))


def _decided_ratings(
    keep: bool,
    old: tuple[Rating, Rating],
    new_hasil: Rating | None,
    new_perilaku: Rating | None,
) -> tuple[Rating, Rating]:
    if keep:
        if new_hasil is not None:
            raise InvalidValue("unexpected", field="new_hasil")
        if new_perilaku is not None:
            raise InvalidValue("unexpected", field="new_perilaku")
        return old
    if new_hasil is None:
        raise InvalidValue("required", field="new_hasil")
    if new_perilaku is None:
        raise InvalidValue("required", field="new_perilaku")
    new = (Rating(new_hasil), Rating(new_perilaku))
    if new == old:
        # "Change" to the same ratings is a keep in disguise; the record must say which it was.
        raise InvalidValue("unchanged", field="new_hasil")
    return new


def _checked_self_ratings(ratings: Mapping[str, Rating]) -> dict[str, Rating]:
    if not ratings:
        raise InvalidValue("required", field="self_ratings")
    clean: dict[str, Rating] = {}
    for key, rating in ratings.items():
        if not (_is_item_key(key) or _is_berakhlak_key(key)):
            raise InvalidValue("unknown_key", field="self_ratings", key=key)
        clean[key] = Rating(rating)
    return clean


def _checked_realisations(realisations: Mapping[str, str]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for key, text in realisations.items():
        if not _is_item_key(key):
            raise InvalidValue("unknown_key", field="realisations", key=key)
        clean[key] = _required_text(text, "realisations", 1, REALISATION_MAX_LENGTH)
    return clean


def _checked_keyed_texts(
    texts: Mapping[str, str] | None, field_name: str, longest: int
) -> dict[str, str]:
    """Optional texts keyed like the ratings (an SKP item id or ``berakhlak:<code>``)."""
    clean: dict[str, str] = {}
    for key, text in (texts or {}).items():
        if not (_is_item_key(key) or _is_berakhlak_key(key)):
            raise InvalidValue("unknown_key", field=field_name, key=key)
        if value := _optional_text(text, field_name, longest):
            clean[key] = value
    return clean


def _is_item_key(key: str) -> bool:
    """An SKP item id, as text ("12")."""
    return key.isascii() and key.isdigit()


def _is_berakhlak_key(key: str) -> bool:
    """``berakhlak:<code>`` for one of the seven values."""
    prefix, _, code = key.partition(":")
    return f"{prefix}:" == BERAKHLAK_KEY_PREFIX and code in BERAKHLAK_CODES


def _required_text(text: str, field_name: str, shortest: int, longest: int) -> str:
    clean = text.strip()
    if not clean:
        raise InvalidValue("required", field=field_name)
    if len(clean) < shortest:
        raise InvalidValue("too_short", field=field_name, min=shortest)
    if len(clean) > longest:
        raise InvalidValue("too_long", field=field_name, limit=longest)
    return clean


def _optional_text(text: str | None, field_name: str, longest: int) -> str | None:
    if text is None or not text.strip():
        return None
    return _required_text(text, field_name, 1, longest)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes in the domain must be timezone-aware")
    return moment
