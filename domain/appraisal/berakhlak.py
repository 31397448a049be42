"""BerAKHLAK, the core values of ASN (UU 20/2023; reference §2.9): seven values, three panduan
perilaku each. In the SKP they form the Perilaku Kerja section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

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
