"""Loading one appraisal case (an employee in a period) with everything the rules need, and the
relations that authorise people to act on it: the pejabat penilai kinerja is the employee's
direct superior; the atasan pejabat penilai is that superior's own superior (reference §2.8).
Where the atasan is not an employee here (the Kepala Daerah above a JPT), an admin of the whole
organisation records the decision on their behalf.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from domain.actors import Actor, StaffMember
from domain.appraisal.model import Appraisal
from domain.appraisal.notified import window_opened
from domain.appraisal.period_admin import load_period
from domain.appraisal.periods import AppraisalPeriod
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.appraisal.skp import SkpItem
from domain.engine.subjects import Subjects
from domain.errors import InvalidValue, PermissionDenied
from domain.messages import Button, OutboundMessage, Param
from domain.org.access import is_org_admin, require_member, supervises


@dataclass(frozen=True, slots=True)
class Case:
    period: AppraisalPeriod
    member: StaffMember
    items: tuple[SkpItem, ...]
    appraisal: Appraisal
    timezone: str
    window_opened: datetime | None = None  # the result was sent then (domain.appraisal.results)

    @property
    def period_id(self) -> int:
        assert self.period.id is not None
        return self.period.id

    def objection_deadline(self, now: datetime) -> datetime:
        """The end of the objection window, counted from when the employee was sent the
        result (from ``now`` while that message still waits)."""
        return self.period.objection_deadline(self.window_opened or now, self.timezone)


@dataclass(frozen=True, slots=True)
class CaseRef:
    """What an appraisal flow is about: the actor's own case in a period, or an employee's."""

    period: int
    employee: int | None = None  # None: the actor's own


CASES = Subjects(CaseRef, "period:{period}", "period:{period}:employee:{employee}")


def own_subject(period_id: int) -> str:
    return CASES.encode(CaseRef(period_id))


def employee_subject(period_id: int, employee_id: int) -> str:
    return CASES.encode(CaseRef(period_id, employee_id))


async def load_case(
    uow: AppraisalUnitOfWork,
    period_id: int,
    member: StaffMember,
    default_timezone: str,
    *,
    for_update: bool = False,
) -> Case:
    # Locking: the appraisal row exclusively, the period shared (closing it waits for us).
    period = await load_period(uow, period_id, shared=for_update)
    items = tuple(await uow.skp.items(member.nip, period.start.year))
    appraisal = await uow.appraisals.get(period_id, member.nip, for_update=for_update)
    timezone = await uow.org.effective_timezone(member.unit_id) or default_timezone
    appraisal = appraisal or Appraisal(period_id, member.nip)
    opened = await window_opened(uow, period_id, appraisal)
    return Case(period, member, items, appraisal, timezone, opened)


async def subordinate(uow: AppraisalUnitOfWork, actor: Actor, employee_id: int) -> StaffMember:
    """The employee, if ``actor`` is their pejabat penilai kinerja; refused otherwise."""
    require_member(actor)
    member = await uow.org.member(employee_id)
    if member is None or not supervises(actor, member):
        raise PermissionDenied("not_pejabat_penilai")
    return member


async def pejabat_penilai(uow: AppraisalUnitOfWork, member: StaffMember) -> StaffMember | None:
    return await uow.org.member(member.supervisor_id) if member.supervisor_id else None


async def atasan_of(uow: AppraisalUnitOfWork, member: StaffMember) -> StaffMember | None:
    """The atasan pejabat penilai, or ``None`` when the chain ends above the pejabat penilai."""
    penilai = await pejabat_penilai(uow, member)
    return await pejabat_penilai(uow, penilai) if penilai else None


async def may_decide(uow: AppraisalUnitOfWork, actor: Actor, member: StaffMember) -> str:
    """The NIP under which ``actor`` decides an objection of ``member``: the atasan's own; or,
    when no atasan is here to decide (the chain ends at the Kepala Daerah, or the atasan has no
    account in the bot), a whole-organisation admin recording the decision on their behalf —
    never the employee, nor the pejabat penilai whose rating is contested."""
    me = require_member(actor)
    atasan = await atasan_of(uow, member)
    if atasan is not None and atasan.id == me.id:
        return me.nip
    on_behalf = is_org_admin(actor)
    absent = atasan is None or atasan.telegram_id is None
    if absent and on_behalf and me.id not in (member.id, member.supervisor_id):
        return me.nip
    raise PermissionDenied("not_atasan_pejabat_penilai")


@dataclass(frozen=True, slots=True)
class DecisionMakers:
    """Who is told of an objection. ``atasan`` is the atasan pejabat penilai (``None`` above a
    JPT: the Kepala Daerah); ``on_behalf`` when the recipients are admins deciding for them."""

    recipients: list[StaffMember]
    atasan: StaffMember | None
    on_behalf: bool


async def decision_makers(uow: AppraisalUnitOfWork, member: StaffMember) -> DecisionMakers:
    """The atasan if they can be reached in the bot, otherwise the whole-organisation admins
    who may decide on their behalf."""
    atasan = await atasan_of(uow, member)
    if atasan is not None and atasan.telegram_id is not None:
        return DecisionMakers([atasan], atasan, on_behalf=False)
    admins = [
        m
        for m in await uow.org.members()
        if m.is_org_admin and m.id not in (member.id, member.supervisor_id)
    ]
    return DecisionMakers(admins, atasan, on_behalf=True)


async def notify(
    uow: AppraisalUnitOfWork,
    recipient: StaffMember | None,
    key: str,
    *,
    dedupe: str,
    now: datetime,
    params: Mapping[str, Param] | None = None,
    buttons: tuple[tuple[Button, ...], ...] = (),
) -> None:
    """Queue a message for a registered employee in the outbox (same transaction); dates in
    it are shown in the recipient's own unit's time zone (WIB, WITA or WIT)."""
    if recipient is None or recipient.telegram_id is None:
        return
    zone = await uow.org.effective_timezone(recipient.unit_id)
    message = OutboundMessage(
        recipient.telegram_id, key, dedupe, params or {}, buttons, timezone=zone
    )
    await uow.outbox.enqueue(message, now=now)


def checked_year(items: tuple[SkpItem, ...], period: AppraisalPeriod) -> None:
    if not items:
        raise InvalidValue("no_skp", field="skp", year=period.start.year)
