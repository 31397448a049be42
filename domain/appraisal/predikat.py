"""Ratings and predikat under PermenPANRB 6/2022.

Reference: ``reference/DOMAIN.md`` §2. The regulation is non-numeric: the pejabat penilai kinerja
sets two ratings (Hasil Kerja, Perilaku Kerja) on one 3-level scale and the kuadran turns them into
one of five predikat.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

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
