"""Self vs peers vs subordinates vs pejabat penilai per BerAKHLAK value, for the results screen.

The four views do not share a scale, and this module does not pretend they do:

- **Self**: the appraisal's self-rating per value, on the 3-point Rating of PermenPANRB 6/2022
  (Di Bawah / Sesuai / Di Atas Ekspektasi). It is shown as that rating, never as a number.
- **Peers** and **subordinates**: frozen means on the 1-5 behaviour scale (``aggregate``).
- **Pejabat penilai**: one Rating Perilaku Kerja for all seven values together (the regulation
  gives no per-value rating) plus, per value, the umpan balik text they may have written. The
  series shows that one rating once and the texts per value; it is never spread over the values.

To compare self with others, the behaviour scale is mapped onto the 3-point Rating explicitly:
levels 1 Kontraproduktif and 2 Reaktif are *below* the standard (Di Bawah), 3 Sesuai standar is
Sesuai, 4 Proaktif and 5 Role model are *above* it (Di Atas). A mean falls in the band of the
level it rounds to (half up): below 2.5 Di Bawah, from 2.5 below 3.5 Sesuai, from 3.5 Di Atas
(``BANDS``; a chart may shade them). A gap is the number of bands between the self-rating and
the others' band (1 or 2); the largest come first, ties broken by how far the others' mean lies
from the self-rating's anchor (the middle of its levels: 1.5, 3, 4.5), then by value order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.model import Appraisal
from domain.appraisal.predikat import Rating
from domain.peer.aggregate import FrozenSummary, ValueSummary
from domain.peer.raters import Relation

DEFAULT_LARGEST_GAPS: Final = 3
LEVEL: Final[Mapping[Rating, int]] = MappingProxyType(
    {Rating.DI_BAWAH: 1, Rating.SESUAI: 2, Rating.DI_ATAS: 3}
)
BANDS: Final[Mapping[Rating, tuple[Fraction, Fraction]]] = MappingProxyType(
    {
        Rating.DI_BAWAH: (Fraction(1), Fraction(5, 2)),
        Rating.SESUAI: (Fraction(5, 2), Fraction(7, 2)),
        Rating.DI_ATAS: (Fraction(7, 2), Fraction(5)),
    }
)
ANCHOR: Final[Mapping[Rating, Fraction]] = MappingProxyType(
    {Rating.DI_BAWAH: Fraction(3, 2), Rating.SESUAI: Fraction(3), Rating.DI_ATAS: Fraction(9, 2)}
)


def band_of(mean: Fraction) -> Rating:
    """The 3-point Rating band a 1-5 behaviour mean falls in (module docstring)."""
    if mean < BANDS[Rating.SESUAI][0]:
        return Rating.DI_BAWAH
    if mean < BANDS[Rating.DI_ATAS][0]:
        return Rating.SESUAI
    return Rating.DI_ATAS


@dataclass(frozen=True, slots=True)
class ValueComparison:
    """One value's row: ``peers``/``subordinates`` only when shown (enough raters)."""

    code: str
    self_rating: Rating | None
    peers: ValueSummary | None
    subordinates: ValueSummary | None
    pejabat_penilai_feedback: str | None

    def others(self, relation: Relation) -> ValueSummary | None:
        return self.peers if relation is Relation.PEER else self.subordinates


@dataclass(frozen=True, slots=True)
class Gap:
    """Self-rating vs the ``relation``'s band on one value; ``steps`` > 0: self rated higher."""

    code: str
    relation: Relation
    self_rating: Rating
    others_mean: Fraction

    @property
    def others_band(self) -> Rating:
        return band_of(self.others_mean)

    @property
    def steps(self) -> int:
        return LEVEL[self.self_rating] - LEVEL[self.others_band]

    @property
    def text_key(self) -> str:
        return "peer.gap.self_higher" if self.steps > 0 else "peer.gap.self_lower"


@dataclass(frozen=True, slots=True)
class Comparison:
    """The results screen's comparison (module docstring); ``perilaku`` is the pejabat
    penilai's one Rating Perilaku Kerja, ``None`` until they assess."""

    values: tuple[ValueComparison, ...]
    perilaku: Rating | None
    gaps: tuple[Gap, ...]

    def series(self, relation: Relation) -> tuple[Fraction | None, ...]:
        """The means of ``relation`` in BerAKHLAK order (``None``: not shown), for a chart."""
        return tuple(_mean(row.others(relation)) for row in self.values)


def _mean(summary: ValueSummary | None) -> Fraction | None:
    return None if summary is None else summary.mean


def compare(
    *,
    appraisal: Appraisal | None,
    summary: FrozenSummary | None,
    largest: int = DEFAULT_LARGEST_GAPS,
) -> Comparison:
    """Build the comparison from the appraisal (self-ratings, Rating Perilaku, item feedback)
    and the frozen summary; hidden relations and values simply stay empty."""
    rows = tuple(_row(value.code, appraisal, summary) for value in BERAKHLAK)
    gaps = sorted(
        (gap for row in rows for gap in _gaps(row)),
        key=lambda gap: (-abs(gap.steps), -_distance(gap), _order(gap.code), gap.relation),
    )
    perilaku = appraisal.perilaku if appraisal is not None else None
    return Comparison(rows, perilaku, tuple(gaps[:largest]))


def _row(code: str, appraisal: Appraisal | None, summary: FrozenSummary | None) -> ValueComparison:
    key = next(value.rating_key for value in BERAKHLAK if value.code == code)
    own = appraisal.self_ratings.get(key) if appraisal is not None else None
    feedback = appraisal.item_feedback.get(key) if appraisal is not None else None
    return ValueComparison(
        code,
        own,
        _shown(summary, Relation.PEER, code),
        _shown(summary, Relation.UPWARD, code),
        feedback,
    )


def _shown(summary: FrozenSummary | None, relation: Relation, code: str) -> ValueSummary | None:
    relation_summary = summary.of(relation) if summary is not None else None
    if relation_summary is None or not relation_summary.visible:
        return None
    value = relation_summary.value(code)
    return value if value is not None and value.shown else None


def _gaps(row: ValueComparison) -> list[Gap]:
    if row.self_rating is None:
        return []
    gaps = []
    for relation in Relation:
        mean = _mean(row.others(relation))
        if mean is not None:
            gap = Gap(row.code, relation, row.self_rating, mean)
            if gap.steps:
                gaps.append(gap)
    return gaps


def _distance(gap: Gap) -> Fraction:
    return abs(gap.others_mean - ANCHOR[gap.self_rating])


def _order(code: str) -> int:
    return next(i for i, value in enumerate(BERAKHLAK) if value.code == code)
