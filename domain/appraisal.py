"""Appraisal under PermenPANRB 6/2022: ratings, predikat, BerAKHLAK, SKP, the appraisal of one
employee in one period, and the pola distribusi check.

Reference: ``reference/DOMAIN.md`` §2. The regulation is non-numeric: the pejabat penilai kinerja
sets two ratings (Hasil Kerja, Perilaku Kerja) on one 3-level scale and the kuadran turns them into
one of five predikat. Self-assessment is *masukan* (input) kept apart from the official rating;
only the pejabat penilai rates, and only the atasan pejabat penilai may change a rating after an
objection (PP 30/2019 Pasal 59; that decision is final).

Sections: ratings and predikat, BerAKHLAK, SKP import, the ``Appraisal`` aggregate, distribution.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Protocol

from domain.errors import (
    ImportRejected,
    InvalidTransition,
    InvalidValue,
    PeriodNotOpen,
    PermissionDenied,
    RowError,
)

# --- ratings and predikat (§2.4, §2.5) --------------------------------------------------------


class Rating(StrEnum):
    """The one scale both official ratings use (§2.4)."""

    DI_ATAS = "di_atas"  # Di Atas Ekspektasi
    SESUAI = "sesuai"  # Sesuai Ekspektasi
    DI_BAWAH = "di_bawah"  # Di Bawah Ekspektasi

    @property
    def text_key(self) -> str:
        return f"appraisal.rating.{self.value}"


class Predikat(StrEnum):
    """The five predikat kinerja pegawai, best first (§2.5)."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"  # written "Kurang/Misconduct" in the formats
    SANGAT_KURANG = "sangat_kurang"

    @property
    def text_key(self) -> str:
        return f"appraisal.predikat.{self.value}"


# The kuadran kinerja of §2.5, keyed (Rating Hasil Kerja, Rating Perilaku Kerja). It is a lookup
# table on purpose, never arithmetic: the reference's implementation warning shows a public code
# base whose `a == b ? ... : max(a, b)` formula returns Butuh Perbaikan for (Di Atas, Di Bawah) and
# (Sesuai, Di Bawah), where the matrix says Kurang/Misconduct.
_KUADRAN: Final[Mapping[tuple[Rating, Rating], Predikat]] = MappingProxyType(
    {
        (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
        (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
        (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
        (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
        (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
        (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
        (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
        (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
        (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
    }
)


def predikat_kinerja(hasil: Rating, perilaku: Rating) -> Predikat:
    """The predikat for a Rating Hasil Kerja and a Rating Perilaku Kerja (§2.5 matrix)."""
    return _KUADRAN[(Rating(hasil), Rating(perilaku))]


# --- BerAKHLAK (§2.9) -------------------------------------------------------------------------

BERAKHLAK_KEY_PREFIX: Final = "berakhlak:"


@dataclass(frozen=True, slots=True)
class BerakhlakValue:
    """One nilai dasar ASN; its texts live under ``berakhlak.<code>.*``."""

    code: str

    @property
    def name_key(self) -> str:
        return f"berakhlak.{self.code}.name"

    @property
    def meaning_key(self) -> str:
        return f"berakhlak.{self.code}.meaning"

    @property
    def panduan_keys(self) -> tuple[str, str, str]:
        """The three panduan perilaku printed in the SKP's Perilaku Kerja section."""
        return (
            f"berakhlak.{self.code}.panduan.1",
            f"berakhlak.{self.code}.panduan.2",
            f"berakhlak.{self.code}.panduan.3",
        )

    @property
    def rating_key(self) -> str:
        """How a self-rating of this value is keyed in ``Appraisal.self_ratings``."""
        return f"{BERAKHLAK_KEY_PREFIX}{self.code}"


# In the order of the acronym: Berorientasi pelayanan, Akuntabel, Kompeten, Harmonis, Loyal,
# Adaptif, Kolaboratif.
BERAKHLAK: Final[tuple[BerakhlakValue, ...]] = tuple(
    BerakhlakValue(code)
    for code in (
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    )
)
BERAKHLAK_CODES: Final = frozenset(value.code for value in BERAKHLAK)


# --- SKP items and their CSV import (§2.3) ----------------------------------------------------


class SkpKind(StrEnum):
    """Rencana Hasil Kerja A. Utama or B. Tambahan."""

    UTAMA = "utama"
    TAMBAHAN = "tambahan"

    @property
    def text_key(self) -> str:
        return f"skp.kind.{self.value}"


@dataclass(frozen=True, slots=True)
class SkpItem:
    """One RHK with its Indikator Kinerja Individu and target, for one employee and year."""

    id: int | None
    employee_nip: str
    year: int
    kind: SkpKind
    rhk: str
    indicator: str
    target: str


SKP_COLUMNS: Final = ("nip", "year", "kind", "rhk", "indicator", "target")
SKP_TEXT_LIMITS: Final[Mapping[str, int]] = MappingProxyType(
    {"rhk": 500, "indicator": 500, "target": 120}
)
NIP_LENGTH: Final = 18
# NIPs are often printed "19960818 202204 1 001" (§3.1 rule 1).
_NIP_SEPARATORS: Final = str.maketrans("", "", " .\t\u00a0")


class SkpRows(Protocol):
    """What :func:`parse_skp` reads: a header and ``(line number, row)`` pairs.

    Line 1 is the header, so the first data row is line 2. ``domain.csvimport``'s table fits it
    (or is adapted to it by the caller).
    """

    @property
    def header(self) -> Sequence[str]: ...

    def __iter__(self) -> Iterator[tuple[int, Mapping[str, str]]]: ...


def parse_skp(
    table: SkpRows, *, known_nips: Collection[str], year_bounds: tuple[int, int]
) -> list[SkpItem]:
    """Validate every row of an SKP import; the items, or :class:`ImportRejected` listing every
    problem with its line (nothing is imported if one row is bad).

    Column names are matched without regard to case or surrounding spaces; extra columns are
    ignored. Duplicates are the same (nip, year, rhk, indicator), compared ignoring case and
    repeated spaces.
    """
    columns = {name.strip().lower(): name for name in table.header}
    missing = [name for name in SKP_COLUMNS if name not in columns]
    if missing:
        raise ImportRejected([RowError(1, name, "missing_column") for name in missing])
    errors: list[RowError] = []
    items: list[SkpItem] = []
    first_line: dict[tuple[str, int, str, str], int] = {}
    for line, row in table:
        cells = {name: (row.get(columns[name]) or "").strip() for name in SKP_COLUMNS}
        item = _skp_item(line, cells, known_nips, year_bounds, errors)
        if item is None:
            continue
        key = (item.employee_nip, item.year, _fold(item.rhk), _fold(item.indicator))
        if key in first_line:
            errors.append(RowError(line, "rhk", "duplicate", {"first_line": first_line[key]}))
            continue
        first_line[key] = line
        items.append(item)
    if errors:
        raise ImportRejected(errors)
    return items


def _skp_item(
    line: int,
    cells: Mapping[str, str],
    known_nips: Collection[str],
    year_bounds: tuple[int, int],
    errors: list[RowError],
) -> SkpItem | None:
    before = len(errors)
    nip = _skp_nip(line, cells["nip"], known_nips, errors)
    year = _skp_year(line, cells["year"], year_bounds, errors)
    kind = _skp_kind(line, cells["kind"], errors)
    for name, limit in SKP_TEXT_LIMITS.items():
        if not cells[name]:
            errors.append(RowError(line, name, "required"))
        elif len(cells[name]) > limit:
            errors.append(RowError(line, name, "too_long", {"limit": limit}))
    if len(errors) > before or nip is None or year is None or kind is None:
        return None
    return SkpItem(None, nip, year, kind, cells["rhk"], cells["indicator"], cells["target"])


def _skp_nip(
    line: int, text: str, known_nips: Collection[str], errors: list[RowError]
) -> str | None:
    nip = text.translate(_NIP_SEPARATORS)
    if not nip:
        errors.append(RowError(line, "nip", "required"))
    elif len(nip) != NIP_LENGTH or not (nip.isascii() and nip.isdigit()):
        errors.append(RowError(line, "nip", "format", {"length": NIP_LENGTH}))
    elif nip not in known_nips:
        errors.append(RowError(line, "nip", "unknown_nip", {"nip": nip}))
    else:
        return nip
    return None


def _skp_year(line: int, text: str, bounds: tuple[int, int], errors: list[RowError]) -> int | None:
    low, high = bounds
    if not text:
        errors.append(RowError(line, "year", "required"))
    elif not (text.isascii() and text.isdigit()):
        errors.append(RowError(line, "year", "not_a_number"))
    elif not low <= int(text) <= high:
        errors.append(RowError(line, "year", "out_of_range", {"min": low, "max": high}))
    else:
        return int(text)
    return None


def _skp_kind(line: int, text: str, errors: list[RowError]) -> SkpKind | None:
    try:
        return SkpKind(text.lower())
    except ValueError:
        reason = "required" if not text else "unknown_option"
        errors.append(RowError(line, "kind", reason, {"options": "utama, tambahan"}))
        return None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# --- the appraisal of one employee in one period ----------------------------------------------


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
FEEDBACK_MAX_LENGTH: Final = 2000
REALISATION_MAX_LENGTH: Final = 1000

_BEFORE_ASSESSMENT: Final = frozenset(
    {AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS, AppraisalStatus.SUBMITTED}
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One recorded step: who did what, when. ``details`` values are plain strings."""

    at: datetime
    actor_nip: str
    action: str
    details: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Objection:
    """Keberatan filed by the employee against the predikat."""

    reason: str
    filed_at: datetime


@dataclass(frozen=True, slots=True)
class ObjectionDecision:
    """The atasan pejabat penilai's final decision on an objection (PP 30/2019 Pasal 59)."""

    by_nip: str
    at: datetime
    keep: bool
    reason: str


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
    hasil: Rating | None = None
    perilaku: Rating | None = None
    predikat: Predikat | None = None
    feedback: str | None = None
    assessed_by: str | None = None
    assessed_at: datetime | None = None
    acknowledged_at: datetime | None = None
    objection: Objection | None = None
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

    def object(self, *, by_nip: str, reason: str, now: datetime, deadline: datetime) -> Appraisal:
        """The employee files a keberatan, at the latest at ``deadline`` (inclusive; see
        ``AppraisalPeriod.objection_deadline``). One objection per appraisal."""
        self._require_employee(by_nip)
        allowed = {AppraisalStatus.ASSESSED, AppraisalStatus.ACKNOWLEDGED}
        self._require_status(allowed, AppraisalStatus.OBJECTED)
        if _aware(now) > _aware(deadline):
            raise PeriodNotOpen("objection_window_closed", deadline=deadline)
        text = _required_text(reason, "reason", *OBJECTION_REASON_LENGTH)
        updated = replace(self, objection=Objection(reason=text, filed_at=now))
        return updated._moved(AppraisalStatus.OBJECTED, now, by_nip, "objected", reason=text)

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
    ) -> Appraisal:
        """The atasan pejabat penilai (``atasan_nip``, the pejabat penilai's own superior) keeps
        the ratings or sets new ones. Final: a decided appraisal never changes again (PP 30/2019
        Pasal 59)."""
        if by_nip != atasan_nip:
            raise PermissionDenied("not_atasan_pejabat_penilai")
        self._require_not_employee(by_nip)
        self._require_status({AppraisalStatus.OBJECTED}, AppraisalStatus.DECIDED)
        text = _required_text(reason, "reason", *DECISION_REASON_LENGTH)
        old_hasil, old_perilaku = self._official_ratings()
        hasil, perilaku = _decided_ratings(keep, (old_hasil, old_perilaku), new_hasil, new_perilaku)
        predikat = predikat_kinerja(hasil, perilaku)
        decision = ObjectionDecision(by_nip=by_nip, at=now, keep=keep, reason=text)
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
        entry = AuditEntry(_aware(now), actor, action, MappingProxyType(details))
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


# --- pola distribusi (§2.6) -------------------------------------------------------------------


class OrganisationPredikat(StrEnum):
    """Capaian/Predikat Kinerja Organisasi, printed on every evaluation document (§2.6)."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"  # "Butuh Perbaikan/Cukup"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def text_key(self) -> str:
        return f"appraisal.org_predikat.{self.value}"


class Bound(StrEnum):
    MIN = "min"
    MAX = "max"
    AT_LEAST_ONE = "at_least_one"


@dataclass(frozen=True, slots=True)
class DistributionLimit:
    """One line of the pola distribusi: the share of ``predikat`` must respect ``bound``."""

    code: str
    predikat: frozenset[Predikat]
    bound: Bound
    percent: int = 0

    @property
    def text_key(self) -> str:
        return f"appraisal.distribution.{self.code}"

    def is_broken_by(self, count: int, total: int) -> bool:
        if self.bound is Bound.AT_LEAST_ONE:
            return count == 0
        share, allowed = count * 100, self.percent * total  # exact: no float division
        return share > allowed if self.bound is Bound.MAX else share < allowed


_SB, _B, _BP = (
    frozenset({Predikat.SANGAT_BAIK}),
    frozenset({Predikat.BAIK}),
    frozenset({Predikat.BUTUH_PERBAIKAN}),
)
_K, _SK = frozenset({Predikat.KURANG}), frozenset({Predikat.SANGAT_KURANG})

# The §2.6 guide line by line: (rule, the predikat it counts, bound). The number of each rule (an
# on/off switch for AT_LEAST_ONE) is the DistributionRules field named f"{org}_{rule}"; its text
# key is f"appraisal.distribution.{org}.{rule}". "The rest may be ..." allows anything: no rule.
_POLA_DISTRIBUSI: Final[
    Mapping[OrganisationPredikat, tuple[tuple[str, frozenset[Predikat], Bound], ...]]
] = MappingProxyType(
    {
        OrganisationPredikat.ISTIMEWA: (("sangat_baik_max", _SB, Bound.MAX),),
        OrganisationPredikat.BAIK: (
            ("baik_max", _B, Bound.MAX),
            ("needs_butuh_perbaikan_or_kurang", _BP | _K, Bound.AT_LEAST_ONE),
        ),
        OrganisationPredikat.BUTUH_PERBAIKAN: (
            ("butuh_perbaikan_min", _BP, Bound.MIN),
            ("sangat_baik_max", _SB, Bound.MAX),
        ),
        OrganisationPredikat.KURANG: (
            ("kurang_min", _K, Bound.MIN),
            ("butuh_perbaikan_min", _BP, Bound.MIN),
            ("sangat_baik_max", _SB, Bound.MAX),
        ),
        OrganisationPredikat.SANGAT_KURANG: (
            ("sangat_kurang_min", _SK, Bound.MIN),
            ("kurang_or_butuh_perbaikan_min", _K | _BP, Bound.MIN),
            ("sangat_baik_max", _SB, Bound.MAX),
        ),
    }
)


@dataclass(frozen=True, slots=True)
class DistributionRules:
    """The percentages of the §2.6 distribution guide, one field per rule.

    Tagged [1] in the reference (one secondary source, a MenPANRB circular quoted in [A6]): every
    number is a field so a Pemda can configure its own. "Most (max 70%)" is read as the maximum
    only; "there must be employees with ..." as at least one employee.
    """

    istimewa_sangat_baik_max: int = 70
    baik_baik_max: int = 70
    baik_needs_butuh_perbaikan_or_kurang: bool = True
    butuh_perbaikan_butuh_perbaikan_min: int = 60
    butuh_perbaikan_sangat_baik_max: int = 10
    kurang_kurang_min: int = 60
    kurang_butuh_perbaikan_min: int = 10
    kurang_sangat_baik_max: int = 10
    sangat_kurang_sangat_kurang_min: int = 60
    sangat_kurang_kurang_or_butuh_perbaikan_min: int = 10
    sangat_kurang_sangat_baik_max: int = 0  # "no Sangat Baik"

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 100:
                raise InvalidValue("out_of_range", field=item.name, min=0, max=100)

    def limits_for(self, org: OrganisationPredikat) -> tuple[DistributionLimit, ...]:
        """The limits that apply to a unit whose organisation predikat is ``org``."""
        org = OrganisationPredikat(org)
        limits: list[DistributionLimit] = []
        for rule, predikat, bound in _POLA_DISTRIBUSI[org]:
            setting: int | bool = getattr(self, f"{org.value}_{rule}")
            code = f"{org.value}.{rule}"
            if bound is not Bound.AT_LEAST_ONE:
                limits.append(DistributionLimit(code, predikat, bound, int(setting)))
            elif setting:
                limits.append(DistributionLimit(code, predikat, bound))
        return tuple(limits)


DEFAULT_DISTRIBUTION_RULES: Final = DistributionRules()


@dataclass(frozen=True, slots=True)
class DistributionWarning:
    """A broken line of the pola distribusi. A warning for the pejabat penilai, never an error:
    the predikat stay as assessed."""

    limit: DistributionLimit
    organisation: OrganisationPredikat
    count: int
    total: int

    @property
    def rule(self) -> str:
        return self.limit.code

    @property
    def text_key(self) -> str:
        return self.limit.text_key

    @property
    def allowed_percent(self) -> int:
        return self.limit.percent

    @property
    def actual_percent(self) -> Decimal:
        """The actual share to one decimal, rounded away from the limit so that the shown
        number never appears to satisfy it (70.04% over a 70% maximum shows as 70.1)."""
        exact = Decimal(self.count * 100) / Decimal(self.total)
        rounding = ROUND_CEILING if self.limit.bound is Bound.MAX else ROUND_FLOOR
        return exact.quantize(Decimal("0.1"), rounding=rounding)

    @property
    def params(self) -> Mapping[str, object]:
        return {
            "actual": self.actual_percent,
            "allowed": self.allowed_percent,
            "count": self.count,
            "total": self.total,
        }


def check_distribution(
    counts: Mapping[Predikat, int],
    org: OrganisationPredikat,
    rules: DistributionRules = DEFAULT_DISTRIBUTION_RULES,
) -> list[DistributionWarning]:
    """Every rule of the pola distribusi for ``org`` that the unit's predikat counts break.

    An empty unit (no predikat yet) gets no warnings.
    """
    for predikat, count in counts.items():
        if count < 0:
            raise InvalidValue("negative", field="counts", predikat=Predikat(predikat).value)
    total = sum(counts.values())
    if total == 0:
        return []
    org = OrganisationPredikat(org)
    warnings: list[DistributionWarning] = []
    for limit in rules.limits_for(org):
        count = sum(counts.get(predikat, 0) for predikat in limit.predikat)
        if limit.is_broken_by(count, total):
            warnings.append(DistributionWarning(limit, org, count, total))
    return warnings
