"""Survei Kepuasan Masyarakat (SKM): the nine unsur, NRR, IKM and mutu, in exact arithmetic.

PermenPANRB 14/2017 fixes the method (reference/DOMAIN.md §1.4):

    NRR_u             = Σ nilai unsur u / jumlah responden yang mengisi unsur u
    NRR tertimbang_u  = NRR_u × 1/9
    SKM (1–4)         = Σ_u NRR tertimbang_u
    IKM (25–100)      = SKM × 25

Everything is computed with :class:`~fractions.Fraction`; rounding (half up) happens only for
display, and mutu is classified on the IKM rounded to 2 dp, as the interval table is defined at
that resolution. Reports say so with the text ``skm.method``. No binary float is ever used.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from domain.errors import InvalidAnswer, InvalidValue

SCORES: Final = (1, 2, 3, 4)  # a=1 … d=4 on the standard questionnaire (§1.3)
SCORE_MIN: Final = SCORES[0]
SCORE_MAX: Final = SCORES[-1]
KONVERSI: Final = 25  # PermenPANRB 14/2017: SKM (1–4) × 25 = IKM / NIK (25–100)
METHOD_KEY: Final = "skm.method"


@dataclass(frozen=True, slots=True)
class Unsur:
    """One element of the questionnaire: its code, the regulation's name, and its text keys."""

    code: str
    name: str
    question_key: str
    option_keys: tuple[str, ...]  # index 0 is score 1

    @property
    def name_key(self) -> str:
        return f"skm.{self.code}.name"

    def option_key(self, score: int) -> str:
        """The text key of the answer label worth ``score``."""
        return self.option_keys[validate_score(self.code, score) - 1]


def _unsur(number: int, name: str) -> Unsur:
    code = f"U{number}"
    options = tuple(f"skm.{code}.option.{score}" for score in SCORES)
    return Unsur(code, name, f"skm.{code}.question", options)


# The standard questionnaire's order, which is not the order of the regulation's scope list:
# sarana is asked as U8 and pengaduan as U9 (DOMAIN.md §1.2). Answers are keyed by code.
UNSUR: Final = (
    _unsur(1, "Persyaratan"),
    _unsur(2, "Sistem, Mekanisme, dan Prosedur"),
    _unsur(3, "Waktu Penyelesaian"),
    _unsur(4, "Biaya/Tarif"),
    _unsur(5, "Produk Spesifikasi Jenis Pelayanan"),
    _unsur(6, "Kompetensi Pelaksana"),
    _unsur(7, "Perilaku Pelaksana"),
    _unsur(8, "Sarana dan Prasarana"),
    _unsur(9, "Penanganan Pengaduan, Saran dan Masukan"),
)
UNSUR_CODES: Final = tuple(u.code for u in UNSUR)
UNSUR_BY_CODE: Final[Mapping[str, Unsur]] = MappingProxyType({u.code: u for u in UNSUR})

# PermenPANRB 14/2017: bobot = jumlah bobot / jumlah unsur = 1/9 exactly (printed as 0,111).
BOBOT: Final = Fraction(1, len(UNSUR))


def unsur_by_code(code: str) -> Unsur:
    try:
        return UNSUR_BY_CODE[code]
    except KeyError:
        raise InvalidValue("unknown_unsur", field="unsur", code=code) from None


def validate_score(code: str, value: object) -> int:
    """The score 1..4 for unsur ``code``, from the chat survey (int) or a paper import (int/str)."""
    unsur_by_code(code)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAnswer("expected_number", unsur=code)
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise InvalidAnswer("out_of_range", unsur=code, min=SCORE_MIN, max=SCORE_MAX)
    return value


def round_half_up(value: Fraction | Decimal, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, ties away from zero, exactly (no floats)."""
    if places < 0:
        raise InvalidValue("negative_places", field="places")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidValue("not_finite", field="value")
    exact = Fraction(value) * 10**places
    magnitude = (2 * abs(exact.numerator) + exact.denominator) // (2 * exact.denominator)
    digits = -magnitude if exact < 0 else magnitude
    return Decimal(f"{digits}e-{places}")


class Mutu(enum.Enum):
    """Mutu pelayanan (x) with its kinerja unit pelayanan (y), §1.5."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def kinerja(self) -> str:
        return _KINERJA[self]

    @property
    def key(self) -> str:
        return f"skm.mutu.{self.value}"


_KINERJA: Final[Mapping[Mutu, str]] = MappingProxyType(
    {Mutu.A: "Sangat Baik", Mutu.B: "Baik", Mutu.C: "Kurang Baik", Mutu.D: "Tidak Baik"}
)

# PermenPANRB 14/2017, tabel nilai persepsi: the lowest NIK of each mutu. This is the one source
# of the interval table below; every NI bound is the NIK bound / 25 (§1.5).
NIK_MIN: Final[Mapping[Mutu, Decimal]] = MappingProxyType(
    {
        Mutu.D: Decimal("25.00"),
        Mutu.C: Decimal("65.00"),
        Mutu.B: Decimal("76.61"),
        Mutu.A: Decimal("88.31"),
    }
)
NIK_MAX: Final = Decimal("100.00")
NIK_STEP: Final = Decimal("0.01")  # the table is defined at 2-dp NIK resolution


@dataclass(frozen=True, slots=True)
class IntervalBand:
    """One row of the interval table: nilai persepsi, NI (1–4), NIK (25–100), mutu, kinerja.

    | Nilai Persepsi | NI              | NIK           | Mutu | Kinerja     |
    | 1              | 1,00 – 2,5996   | 25,00 – 64,99 | D    | Tidak Baik  |
    | 2              | 2,60 – 3,064    | 65,00 – 76,60 | C    | Kurang Baik |
    | 3              | 3,0644 – 3,532  | 76,61 – 88,30 | B    | Baik        |
    | 4              | 3,5324 – 4,00   | 88,31 – 100,00| A    | Sangat Baik |
    """

    nilai_persepsi: int
    mutu: Mutu
    nik_min: Decimal
    nik_max: Decimal

    @property
    def ni_min(self) -> Decimal:
        return self.nik_min / KONVERSI

    @property
    def ni_max(self) -> Decimal:
        return self.nik_max / KONVERSI


def _interval_table() -> tuple[IntervalBand, ...]:
    ordered = sorted(NIK_MIN.items(), key=lambda item: item[1])
    uppers = [lower - NIK_STEP for _, lower in ordered[1:]] + [NIK_MAX]
    return tuple(
        IntervalBand(index + 1, mutu, lower, upper)
        for index, ((mutu, lower), upper) in enumerate(zip(ordered, uppers, strict=True))
    )


INTERVAL_TABLE: Final = _interval_table()  # ascending: D, C, B, A


def mutu_for_ikm(ikm: Fraction | Decimal) -> Mutu:
    """The mutu of an IKM (or of an unsur's NRR × 25), gap-free.

    The value is rounded half up to 2 dp first, because the table is defined at that resolution
    and leaves gaps between its closed ranges (64,99 | 65,00). Valid range 25,00–100,00.
    """
    nik = round_half_up(ikm, 2)
    if not INTERVAL_TABLE[0].nik_min <= nik <= NIK_MAX:
        raise InvalidValue(
            "out_of_range", field="ikm", value=nik, min=INTERVAL_TABLE[0].nik_min, max=NIK_MAX
        )
    return next(band.mutu for band in reversed(INTERVAL_TABLE) if nik >= band.nik_min)


@dataclass(frozen=True, slots=True)
class UnsurTotals:
    """What the database aggregates per unsur: Σ scores and how many respondents answered it."""

    code: str
    score_sum: int
    answered: int

    def __post_init__(self) -> None:
        unsur_by_code(self.code)
        if self.answered < 0:
            raise InvalidValue("negative_count", field="answered", unsur=self.code)
        if not SCORE_MIN * self.answered <= self.score_sum <= SCORE_MAX * self.answered:
            raise InvalidValue("sum_out_of_range", field="score_sum", unsur=self.code)


def tally(responses: Iterable[Mapping[str, int]]) -> tuple[UnsurTotals, ...]:
    """The per-unsur totals of whole responses (code → score; an unsur may be left out)."""
    sums = dict.fromkeys(UNSUR_CODES, 0)
    counts = dict.fromkeys(UNSUR_CODES, 0)
    for response in responses:
        for code, value in response.items():
            sums[code] += validate_score(code, value)
            counts[code] += 1
    return tuple(UnsurTotals(code, sums[code], counts[code]) for code in UNSUR_CODES)


@dataclass(frozen=True)
class SkmResult:
    """The exact outcome of one survey (a unit, a jenis layanan, a period).

    ``nrr`` holds only the unsur someone answered. An IKM needs all nine: PermenPANRB 14/2017
    weighs each unsur exactly 1/9, so a missing unsur cannot be re-weighted away; then ``ikm``
    and ``mutu`` are ``None`` and ``no_ikm_key`` says why.
    """

    respondents: int
    answered: Mapping[str, int]
    nrr: Mapping[str, Fraction]

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(code for code in UNSUR_CODES if code not in self.nrr)

    @property
    def no_ikm_key(self) -> str | None:
        """``None`` when the IKM exists, else the text key explaining why (param ``unsur``)."""
        if self.respondents == 0:
            return "skm.no_ikm.no_respondents"
        return "skm.no_ikm.unanswered_unsur" if self.unanswered else None

    def tertimbang(self, code: str) -> Fraction:
        """NRR tertimbang: NRR × 1/9 (PermenPANRB 14/2017, "× 0,111" in the processing table)."""
        return self.nrr[unsur_by_code(code).code] * BOBOT

    @property
    def skm_index(self) -> Fraction | None:
        """Σ NRR tertimbang, on the 1–4 scale."""
        if self.unanswered:
            return None
        return sum((self.tertimbang(code) for code in UNSUR_CODES), Fraction(0))

    @property
    def ikm(self) -> Fraction | None:
        index = self.skm_index
        return None if index is None else index * KONVERSI

    @property
    def mutu(self) -> Mutu | None:
        ikm = self.ikm
        return None if ikm is None else mutu_for_ikm(ikm)

    @property
    def ikm_display(self) -> Decimal | None:
        ikm = self.ikm
        return None if ikm is None else round_half_up(ikm, 2)

    def nrr_display(self, code: str) -> Decimal:
        return round_half_up(self.nrr[unsur_by_code(code).code], 3)

    def tertimbang_display(self, code: str) -> Decimal:
        return round_half_up(self.tertimbang(code), 3)

    def unsur_ikm(self, code: str) -> Fraction:
        """NRR × 25: the unsur's own value on the 25–100 scale."""
        return self.nrr[unsur_by_code(code).code] * KONVERSI

    def unsur_mutu(self, code: str) -> Mutu:
        return mutu_for_ikm(self.unsur_ikm(code))


def compute_ikm(totals: Iterable[UnsurTotals], respondents: int) -> SkmResult:
    """NRR per unsur and the IKM from the per-unsur totals of ``respondents`` responses.

    An unsur missing from ``totals`` counts as answered by no one.
    """
    if respondents < 0:
        raise InvalidValue("negative_count", field="respondents")
    answered: dict[str, int] = {}
    nrr: dict[str, Fraction] = {}
    for total in totals:
        if total.code in answered:
            raise InvalidValue("duplicate_unsur", field="unsur", unsur=total.code)
        if total.answered > respondents:
            raise InvalidValue("more_answers_than_respondents", field="answered", unsur=total.code)
        answered[total.code] = total.answered
        if total.answered:
            # NRR divides by those who answered this unsur, not by all respondents (§1.4).
            nrr[total.code] = Fraction(total.score_sum, total.answered)
    ordered = {code: answered.get(code, 0) for code in UNSUR_CODES}
    return SkmResult(
        respondents,
        MappingProxyType(ordered),
        MappingProxyType({code: nrr[code] for code in UNSUR_CODES if code in nrr}),
    )


# Krejcie & Morgan (1970), the sample table PermenPANRB 14/2017 says a unit "dapat" use (§1.7).
KM_CHI_SQUARE: Final = Fraction("3.841")  # λ², dk = 1, taraf kesalahan 5%
KM_PROPORTION: Final = Fraction(1, 2)  # P = Q = 0,5
KM_MARGIN: Final = Fraction(5, 100)  # d = 0,05


def krejcie_morgan_sample(population: int) -> int:
    """S = λ²NPQ / (d²(N−1) + λ²PQ), rounded to the nearest integer like the 1970 table."""
    if isinstance(population, bool) or population <= 0:
        raise InvalidValue("out_of_range", field="population", min=1)
    pq = KM_PROPORTION * (1 - KM_PROPORTION)
    exact = KM_CHI_SQUARE * population * pq / (KM_MARGIN**2 * (population - 1) + KM_CHI_SQUARE * pq)
    return int(round_half_up(exact, 0))


@dataclass(frozen=True, slots=True)
class SampleProgress:
    """Responses collected against the K&M target. Informative only: "dapat" is not "wajib",
    so a missed target never blocks closing or publishing a survey (§1.7, §5)."""

    target: int
    collected: int

    def __post_init__(self) -> None:
        if self.target < 1:
            raise InvalidValue("out_of_range", field="target", min=1)
        if self.collected < 0:
            raise InvalidValue("negative_count", field="collected")

    @classmethod
    def for_population(cls, population: int, collected: int) -> SampleProgress:
        return cls(krejcie_morgan_sample(population), collected)

    @property
    def ratio(self) -> Fraction:
        return Fraction(self.collected, self.target)

    @property
    def met(self) -> bool:
        return self.collected >= self.target

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.collected)
