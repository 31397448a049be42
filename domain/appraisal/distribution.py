"""The pola distribusi (reference §2.6): how a unit's predikat should be spread given its
organisation predikat. A broken rule is a warning for the pejabat penilai, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from domain.appraisal.predikat import Predikat
from domain.errors import (
    InvalidValue,
)

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
