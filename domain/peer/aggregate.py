"""The peer deadline, the freeze, and what may be shown: anonymity that cannot be broken.

The difference attack (issue 11): if an average of 3 raters is shown and then a 4th submits,
the 4th rater's scores follow from the two averages. Hence:

- Feedback is given and edited until the peer deadline (the end of ``peer_due`` in the
  *ratee's* unit timezone, one clock for everyone who rates that person) and refused after it.
- After the deadline each ratee's summary is computed once and frozen (``freeze``); it never
  changes again, and a late response is refused (``require_submittable``). Before the deadline
  nothing is readable, not even a count.
- Per relation (peers and subordinates apart): shown only if at least ``min_raters`` responses
  were submitted (default 3, never fewer). A hidden relation keeps *nothing*: a summary of two
  responses equals the summary of none. Per value: the exact mean (a ``Fraction``; shown to
  2 decimals, rounded half up as in the SKM) and the count of raters who rated it, "tidak dapat
  menilai" left out; a value rated by fewer than ``min_raters`` keeps neither.
- Comments come in a random order, separately for each question, from a seed that is an HMAC
  of a server secret and the period and ratee: a re-freeze from the stored seed reproduces the
  order, nobody outside can guess it, and the order never follows submission order (comments
  are sorted before shuffling). No dates, no raters, no relation hints.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.periods import AppraisalPeriod, Phase
from domain.errors import InvalidTransition, PeriodNotOpen, PermissionDenied
from domain.localtime import end_of_day
from domain.org.structure import SUPPORTED_TIMEZONES
from domain.peer.forms import PeerResponse
from domain.peer.raters import Colleague, Relation, checked_min_raters

DISPLAY_PLACES: Final = 2
NOT_ENOUGH_RATERS: Final = "peer.summary.not_enough_raters"


def peer_deadline(period: AppraisalPeriod, tz: str | tzinfo) -> datetime:
    """The last instant of ``peer_due`` in ``tz``, the ratee's unit timezone."""
    return end_of_day(period.peer_due, tz)


def latest_peer_deadline(period: AppraisalPeriod) -> datetime:
    """The peer deadline in the westernmost supported timezone (WIB), the last one to pass."""
    return max(peer_deadline(period, zone) for zone in SUPPORTED_TIMEZONES)


def require_sealable(now: datetime, period: AppraisalPeriod) -> None:
    """Rater links may be purged (``kinerja peers seal``) once no rater anywhere may still
    edit: after the latest peer deadline. Frozen summaries and re-freezes need no rater."""
    deadline = latest_peer_deadline(period)
    if now <= deadline:
        raise InvalidTransition("peer_feedback_open", current="open", target="sealed", due=deadline)


def may_submit(
    now: datetime, period: AppraisalPeriod, tz: str | tzinfo, *, frozen: bool = False
) -> bool:
    """Feedback may be given or edited while the period is open, until the peer deadline, and
    never once the ratee's summary is frozen."""
    return not frozen and period.accepts_peer_feedback(now, tz)


def require_submittable(
    now: datetime, period: AppraisalPeriod, tz: str | tzinfo, *, frozen: bool = False
) -> None:
    """Like :func:`may_submit`, raising :class:`PeriodNotOpen` with the reason."""
    if frozen:
        raise PeriodNotOpen("peer_results_frozen", period=period.name)
    period.require(Phase.PEER_FEEDBACK, now, tz)


def round_half_up(value: Fraction, places: int = DISPLAY_PLACES) -> Decimal:
    """The SKM's display rounding (``domain/skm.py``), exact; the peer area may not import
    the SKM area, so the rule is repeated here."""
    exact = value * 10**places
    magnitude = (2 * abs(exact.numerator) + exact.denominator) // (2 * exact.denominator)
    return Decimal(f"{-magnitude if exact < 0 else magnitude}e-{places}")


@dataclass(frozen=True, slots=True)
class ValueSummary:
    """One BerAKHLAK value of one relation; ``raters`` is ``None`` when too few rated it."""

    code: str
    raters: int | None = None
    total: int | None = None

    @property
    def shown(self) -> bool:
        return self.raters is not None

    @property
    def mean(self) -> Fraction | None:
        if self.raters is None or self.total is None:
            return None
        return Fraction(self.total, self.raters)

    @property
    def mean_display(self) -> Decimal | None:
        mean = self.mean
        return None if mean is None else round_half_up(mean)


@dataclass(frozen=True, slots=True)
class RelationSummary:
    """What one relation's raters said; ``responses`` is ``None`` when it is hidden, and then
    nothing else is kept either."""

    relation: Relation
    responses: int | None = None
    values: tuple[ValueSummary, ...] = ()
    keep_doing: tuple[str, ...] = ()
    improve: tuple[str, ...] = ()

    @property
    def visible(self) -> bool:
        return self.responses is not None

    def value(self, code: str) -> ValueSummary | None:
        return next((v for v in self.values if v.code == code), None)


def _no_relations() -> Mapping[Relation, RelationSummary]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class FrozenSummary:
    """A ratee's results of one period, computed once after the deadline.

    ``seed`` reproduces the comment order; storage keeps it and no screen shows it.
    ``relations`` holds each relation the ratee had raters in.
    """

    period_id: int
    ratee_nip: str
    frozen_at: datetime
    min_raters: int
    seed: int
    relations: Mapping[Relation, RelationSummary] = field(default_factory=_no_relations)

    def __post_init__(self) -> None:
        object.__setattr__(self, "relations", MappingProxyType(dict(self.relations)))

    def of(self, relation: Relation) -> RelationSummary | None:
        return self.relations.get(relation)


def comment_seed(secret: bytes, period_id: int, ratee_nip: str) -> int:
    """The comment-order seed: HMAC-SHA256 of ``secret`` over the period and ratee."""
    message = f"peer-comments:{period_id}:{ratee_nip}".encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest(), "big")


def summarise(
    relation: Relation,
    responses: Sequence[PeerResponse],
    *,
    min_raters: int,
    rng: random.Random,
) -> RelationSummary:
    """One relation's summary under the threshold (module docstring)."""
    checked_min_raters(min_raters)
    if len(responses) < min_raters:
        return RelationSummary(relation)
    values = tuple(_value_summary(v.code, responses, min_raters) for v in BERAKHLAK)
    return RelationSummary(
        relation,
        len(responses),
        values,
        _shuffled([r.keep_doing for r in responses if r.keep_doing], rng),
        _shuffled([r.improve for r in responses if r.improve], rng),
    )


def _value_summary(code: str, responses: Sequence[PeerResponse], min_raters: int) -> ValueSummary:
    scores = [score for r in responses if (score := r.scores[code]) is not None]
    if len(scores) < min_raters:
        return ValueSummary(code)
    return ValueSummary(code, len(scores), sum(scores))


def _shuffled(comments: list[str], rng: random.Random) -> tuple[str, ...]:
    ordered = sorted(comments)  # independent of submission order before shuffling
    rng.shuffle(ordered)
    return tuple(ordered)


def freeze(
    *,
    period: AppraisalPeriod,
    ratee_nip: str,
    responses: Sequence[PeerResponse],
    assigned: Collection[Relation],
    now: datetime,
    tz: str | tzinfo,
    seed: int,
    min_raters: int,
) -> FrozenSummary:
    """Compute a ratee's summary once the peer deadline (in ``tz``) has passed.

    ``assigned`` names the relations the ratee had raters in; ``seed`` comes from
    :func:`comment_seed` (or, re-freezing, from the stored summary).
    """
    checked_min_raters(min_raters)
    deadline = peer_deadline(period, tz)
    if now <= deadline:
        raise InvalidTransition("peer_feedback_open", current="open", target="frozen", due=deadline)
    if period.id is None or any(r.period_id != period.id for r in responses):
        raise ValueError("responses must belong to the stored period")
    if any(r.ratee_nip != ratee_nip for r in responses):
        raise ValueError("responses must belong to the ratee")
    rng = random.Random(seed)  # noqa: S311 - the seed is the secret (an HMAC), see the docstring
    relations = sorted({*assigned, *(r.relation for r in responses)})
    summaries = {
        relation: summarise(
            relation,
            [r for r in responses if r.relation is relation],
            min_raters=min_raters,
            rng=rng,
        )
        for relation in relations
    }
    return FrozenSummary(period.id, ratee_nip, now, min_raters, seed, summaries)


def require_not_frozen(existing: FrozenSummary | None) -> None:
    """Frozen once: a second freeze of the same ratee and period is refused."""
    if existing is not None:
        raise InvalidTransition("already_frozen", current="frozen", target="frozen")


def is_visible(
    summary: FrozenSummary | None,
    relation: Relation,
    *,
    now: datetime,
    period: AppraisalPeriod,
    tz: str | tzinfo,
) -> bool:
    """Whether ``relation``'s results may be shown at ``now``: after the deadline, from a frozen
    summary, and only above the threshold."""
    if summary is None or now <= peer_deadline(period, tz):
        return False
    shown = summary.of(relation)
    return shown is not None and shown.visible


def require_may_view(viewer_nip: str, ratee: Colleague) -> None:
    """Results go to the ratee and their pejabat penilai only (issue 11); admins export the
    frozen aggregates through their own rule."""
    if viewer_nip not in (ratee.nip, ratee.supervisor_nip):
        raise PermissionDenied("not_ratee_or_pejabat_penilai")
