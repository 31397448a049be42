"""Development recommendations once a period's results are frozen (the period closed): each
employee's weak values (``development.weak_values``: a frozen peer or subordinate mean below
the threshold, or the Rating Perilaku Kerja Di Bawah Ekspektasi) with the catalogue's
recommendations for each and a possible mentor (named, never with a score).

The employee and their pejabat penilai are told through the outbox, once per period (the
dedupe key names the period and the employee); the message carries a button to the full
recommendations, rendered in the reader's language from the catalogue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Final

from domain.actors import Actor, StaffMember
from domain.appraisal.model import Appraisal
from domain.appraisal.periods import AppraisalPeriod
from domain.clock import Clock
from domain.errors import InvalidTransition
from domain.messages import Button, Param
from domain.org.access import require_org_admin
from domain.peer.aggregate import FrozenSummary
from domain.peer.catalogue_admin import catalogue_in_use
from domain.peer.development import (
    DEFAULT_WEAK_THRESHOLD,
    Catalogue,
    Recommendation,
    WeakSource,
    suggest_mentor,
    weak_values,
)
from domain.peer.development_actions import ShowDevelopment
from domain.peer.development_support import notify, period_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import DEFAULT_MIN_RATERS, Colleague, colleagues_from
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class WeakValueAdvice:
    """One weak value: why, what the catalogue recommends, and who might mentor (a name)."""

    code: str
    sources: frozenset[WeakSource]
    items: tuple[Recommendation, ...]
    mentor: str | None
    threshold: Fraction  # of the weak rule, to say why


@dataclass(frozen=True, slots=True)
class Policy:
    threshold: Fraction = DEFAULT_WEAK_THRESHOLD
    min_raters: int = DEFAULT_MIN_RATERS


DEFAULT_POLICY: Final = Policy()


def advise(
    *,
    period_id: int,
    member: StaffMember,
    colleagues: Sequence[Colleague],
    names: Mapping[str, str],
    appraisal: Appraisal | None,
    summaries: Mapping[str, FrozenSummary],
    catalogue: Catalogue,
    policy: Policy,
) -> tuple[WeakValueAdvice, ...]:
    """The advice for ``member`` (pure: everything is given)."""
    mentee = next(c for c in colleagues if c.nip == member.nip)
    weak = weak_values(
        summary=summaries.get(member.nip),
        perilaku=appraisal.perilaku if appraisal is not None else None,
        threshold=policy.threshold,
    )
    advice = []
    for value in weak:
        mentor = suggest_mentor(
            period_id=period_id,
            mentee=mentee,
            value_code=value.code,
            colleagues=colleagues,
            summaries=summaries,
            min_raters=policy.min_raters,
        )
        name = names.get(mentor.mentor_nip) if mentor is not None else None
        advice.append(
            WeakValueAdvice(
                value.code,
                value.sources,
                catalogue.for_value(value.code),
                name,
                policy.threshold,
            )
        )
    return tuple(advice)


async def advice_for(
    uow: PeerUnitOfWork, period: AppraisalPeriod, member: StaffMember, policy: Policy
) -> tuple[WeakValueAdvice, ...]:
    """The advice for one employee from what is stored (their unit's frozen summaries)."""
    assert period.id is not None
    staff = await uow.org.members([member.unit_id])
    if all(m.id != member.id for m in staff):
        staff.append(member)
    supervisor = await uow.org.member(member.supervisor_id) if member.supervisor_id else None
    return advise(
        period_id=period.id,
        member=member,
        colleagues=unit_colleagues(staff, member, supervisor),
        names={m.nip: m.name for m in staff},
        appraisal=await uow.appraisals.get(period.id, member.nip),
        summaries=await uow.peer_summaries.for_period(period.id, [m.nip for m in staff]),
        catalogue=await catalogue_in_use(uow),
        policy=policy,
    )


def unit_colleagues(
    staff: Sequence[StaffMember], member: StaffMember, supervisor: StaffMember | None
) -> tuple[Colleague, ...]:
    """The unit's staff as colleagues, the mentee with their pejabat penilai even when that
    superior sits in another unit (the mentor rule leaves them out)."""
    found = colleagues_from(staff)
    if supervisor is None or any(m.id == supervisor.id for m in staff):
        return found
    return tuple(
        Colleague(c.nip, c.unit_code, c.position_kind, supervisor.nip) if c.nip == member.nip else c
        for c in found
    )


class Recommendations:
    def __init__(
        self, uow: UnitOfWorkFactory[PeerUnitOfWork], clock: Clock, policy: Policy
    ) -> None:
        self._uow = uow
        self._clock = clock
        self.policy = policy

    async def send_for_period(self, actor: Actor, period_id: int) -> int:
        """Tell every employee with weak values, and their pejabat penilai, that their
        recommendations are ready; how many employees. Only for a closed period (its
        results frozen); sending again sends nothing new (the outbox's dedupe keys)."""
        require_org_admin(actor)
        now = self._clock.now()
        told = 0
        async with self._uow() as uow:
            period = await period_of(uow, period_id)
            if not period.is_frozen:
                raise InvalidTransition(
                    "period_not_closed", current=period.status.value, target="closed"
                )
            # Everything read once: a province-wide close is one pass, not a query per person.
            members = await uow.org.members()
            by_id = {m.id: m for m in members}
            units: dict[int, list[StaffMember]] = {}
            for member in members:
                units.setdefault(member.unit_id, []).append(member)
            summaries = await uow.peer_summaries.for_period(period_id)
            appraisals = await uow.appraisals.for_period(period_id)
            catalogue = await catalogue_in_use(uow)
            names = {m.nip: m.name for m in members}
            for member in members:
                supervisor = by_id.get(member.supervisor_id) if member.supervisor_id else None
                advice = advise(
                    period_id=period_id,
                    member=member,
                    colleagues=unit_colleagues(units[member.unit_id], member, supervisor),
                    names=names,
                    appraisal=appraisals.get(member.nip),
                    summaries=summaries,
                    catalogue=catalogue,
                    policy=self.policy,
                )
                if advice:
                    await self._tell(uow, period, member, supervisor, count=len(advice), now=now)
                    told += 1
            await uow.commit()
        return told

    async def _tell(
        self,
        uow: PeerUnitOfWork,
        period: AppraisalPeriod,
        member: StaffMember,
        supervisor: StaffMember | None,
        *,
        count: int,
        now: datetime,
    ) -> None:
        assert period.id is not None
        own = ((Button("development.button.recommendations", ShowDevelopment(period.id)),),)
        params: dict[str, Param] = {"period": period.name, "count": count, "name": member.name}
        await notify(
            uow,
            member,
            "development.notify.recommendations",
            dedupe=f"recommend:{period.id}:{member.nip}",
            now=now,
            params=params,
            buttons=own,
        )
        show = ShowDevelopment(period.id, member.id)
        await notify(
            uow,
            supervisor,
            "development.notify.recommendations_pp",
            dedupe=f"recommend:{period.id}:{member.nip}:pp",
            now=now,
            params=params,
            buttons=((Button("development.button.recommendations", show),),),
        )
