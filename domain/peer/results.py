"""Seeing the results (issue 11): after the peer deadline the employee and their pejabat
penilai see self vs peers vs subordinates vs pejabat penilai per BerAKHLAK value, the largest
gaps and the comments (``comparison``), from the frozen summary only (``aggregate``).

Before the deadline nothing is shown, not even whether anyone rated. A relation below the
threshold shows nothing either, with the reason (never a count). The summary is frozen on the
first read after the deadline if the freeze job has not come yet (``freeze``, given by the
composition root)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod
from domain.clock import Clock
from domain.org.access import require_member
from domain.peer.aggregate import FrozenSummary, peer_deadline, require_may_view
from domain.peer.comparison import Comparison, compare
from domain.peer.development_support import colleague, own_or_subordinate, period_of, zone_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import Relation
from domain.unit_of_work import UnitOfWorkFactory

Freeze = Callable[[int, str], Awaitable[FrozenSummary | None]]


@dataclass(frozen=True, slots=True)
class PeerResults:
    """What may be shown about ``member``'s feedback in ``period``: ``summary`` and
    ``comparison`` are ``None`` before the deadline (``open``)."""

    period: AppraisalPeriod
    member: StaffMember
    deadline: datetime
    open: bool
    summary: FrozenSummary | None
    comparison: Comparison | None
    min_raters: int

    def shown(self, relation: Relation) -> bool:
        found = self.summary.of(relation) if self.summary is not None else None
        return found is not None and found.visible

    def asked(self, relation: Relation) -> bool:
        """Whether ``relation``'s raters were asked at all (shown or withheld)."""
        return self.summary is not None and self.summary.of(relation) is not None

    @property
    def anything_shown(self) -> bool:
        return any(self.shown(relation) for relation in Relation)


class ResultsViews:
    def __init__(
        self,
        uow: UnitOfWorkFactory[PeerUnitOfWork],
        clock: Clock,
        default_timezone: str,
        min_raters: int,
        freeze: Freeze | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._timezone = default_timezone
        self._min_raters = min_raters
        self._freeze = freeze

    async def results(
        self, actor: Actor, period_id: int, employee_id: int | None = None
    ) -> PeerResults:
        """The ratee's own results (``None``) or a subordinate's, for their pejabat penilai."""
        viewer = require_member(actor)
        async with self._uow(readonly=True) as uow:
            member = await own_or_subordinate(uow, actor, employee_id)
            require_may_view(viewer.nip, await colleague(uow, member))
            period = await period_of(uow, period_id)
            deadline = peer_deadline(period, await zone_of(uow, member, self._timezone))
            summary = await uow.peer_summaries.get(period_id, member.nip)
            appraisal = await uow.appraisals.get(period_id, member.nip)
        if self._clock.now() <= deadline:
            return PeerResults(period, member, deadline, True, None, None, self._min_raters)
        if summary is None and self._freeze is not None:
            summary = await self._freeze(period_id, member.nip)
        comparison = compare(appraisal=appraisal, summary=summary)
        return PeerResults(period, member, deadline, False, summary, comparison, self._min_raters)
