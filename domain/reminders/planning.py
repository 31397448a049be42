"""The plan job's use case: ask the rules what is due now and queue it in the outbox, each
reminder under its dedupe key (recipient, purpose, period, occasion). Running it again — every
minute, after a restart, in two processes at once — queues nothing twice; the ledger and the
outbox's unique key say so. Everything it reads is in the database: nothing lives in the
scheduler."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import chain

from domain.actors import Actor
from domain.appraisal.cases import may_decide, subordinate
from domain.appraisal.flows import BEFORE_ASSESSMENT
from domain.appraisal.model import AppraisalStatus
from domain.clock import Clock
from domain.errors import InvalidValue, PermissionDenied
from domain.org.access import require_member, require_org_admin
from domain.reminders.actions import DigestItem
from domain.reminders.calendar import Holiday, OfficeHours, WorkingCalendar
from domain.reminders.digest import digests
from domain.reminders.holidays import (
    HolidayChange,
    NationalHolidays,
    holidays_of,
    parse_holiday_file,
)
from domain.reminders.model import DEFAULT_BEFORE_DAYS, Mute, Reminder, World
from domain.reminders.ports import ReminderUnitOfWork
from domain.reminders.rules import employee_reminders
from domain.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


def due_reminders(world: World, now: datetime, calendar: WorkingCalendar) -> list[Reminder]:
    """Everything the rules say is due at ``now`` (pure: the plan job and the tests share it)."""
    return list(chain(employee_reminders(world, now, calendar), digests(world, now, calendar)))


@dataclass(frozen=True, slots=True)
class DigestItemState:
    name: str
    pending: bool


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    default_timezone: str
    hours: OfficeHours = field(default_factory=OfficeHours)
    before_days: tuple[int, ...] = DEFAULT_BEFORE_DAYS


class Reminders:
    """The plan job, the calendar the bot uses, and each person's ``/pengingat`` setting."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[ReminderUnitOfWork],
        clock: Clock,
        national: NationalHolidays,
        policy: ReminderPolicy,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._national = national
        self._policy = policy

    async def plan(self) -> int:
        """Queue what is due now; how many reminders were queued."""
        now = self._clock.now()
        async with self._uow() as uow:
            world = await uow.reminder_queries.world(self._policy.default_timezone, now=now)
            world = replace(world, default_before=self._policy.before_days)
            calendar = await self._calendar(uow, {now.year - 1, now.year, now.year + 1})
            queued = 0
            for reminder in due_reminders(world, now, calendar):
                if await uow.reminder_ledger.record(reminder, now=now):
                    await uow.outbox.enqueue(reminder.message(now), now=now)
                    queued += 1
            await uow.commit()
        if queued:
            log.info("reminders: %d queued", queued)
        return queued

    async def calendar(self, years: set[int]) -> WorkingCalendar:
        async with self._uow(readonly=True) as uow:
            return await self._calendar(uow, years)

    async def _calendar(self, uow: ReminderUnitOfWork, years: set[int]) -> WorkingCalendar:
        changes = await uow.holidays.changes()
        return WorkingCalendar(self._policy.hours, holidays_of(years, self._national, changes))

    async def holidays(self, year: int) -> list[Holiday]:
        """The days off of ``year`` besides weekends, with the source of each."""
        calendar = await self.calendar({year})
        return list(calendar.holidays.values())

    async def import_holidays(self, actor: Actor, text: str) -> list[HolidayChange]:
        """Store the changes of an import file; :class:`ImportRejected` (nothing stored) when
        any line is bad."""
        require_org_admin(actor)
        changes = parse_holiday_file(text, self._national)
        async with self._uow() as uow:
            await uow.holidays.save_changes(changes, now=self._clock.now())
            await uow.commit()
        return changes

    async def set_before_days(self, actor: Actor, period_id: int, days: tuple[int, ...]) -> None:
        require_org_admin(actor)
        if not days or any(not 1 <= d <= 60 for d in days):
            raise InvalidValue("out_of_range", field="days", min=1, max=60)
        async with self._uow() as uow:
            await uow.reminder_ledger.set_before_days(
                period_id, tuple(sorted(set(days), reverse=True))
            )
            await uow.commit()

    async def digest_item(
        self, actor: Actor, item: DigestItem, period_id: int, employee_id: int
    ) -> DigestItemState:
        """Whether a digest's item is still waiting for ``actor`` (who must still be the
        employee's pejabat penilai, or the atasan deciding the objection)."""
        async with self._uow(readonly=True) as uow:
            if item is DigestItem.DECIDE:
                member = await uow.org.member(employee_id)
                if member is None:
                    raise PermissionDenied("not_atasan_pejabat_penilai")
                await may_decide(uow, actor, member)
            else:
                member = await subordinate(uow, actor, employee_id)
            appraisal = await uow.appraisals.get(period_id, member.nip)
        status = appraisal.status if appraisal else AppraisalStatus.NOT_STARTED
        pending = {
            DigestItem.ASSESS: status in BEFORE_ASSESSMENT,
            DigestItem.LATE: status in {AppraisalStatus.NOT_STARTED, AppraisalStatus.IN_PROGRESS},
            DigestItem.DECIDE: status is AppraisalStatus.OBJECTED,
        }[item]
        return DigestItemState(member.name, pending)

    async def mute(self, actor: Actor) -> Mute:
        me = require_member(actor)
        async with self._uow(readonly=True) as uow:
            return await uow.reminder_settings.mute(me.id)

    async def set_mute(self, actor: Actor, mute: str) -> Mute:
        me = require_member(actor)
        try:
            chosen = Mute(mute)
        except ValueError as exc:
            raise InvalidValue("unknown_option", field="mute", allowed=", ".join(Mute)) from exc
        async with self._uow() as uow:
            await uow.reminder_settings.set_mute(me.id, chosen, now=self._clock.now())
            await uow.commit()
        return chosen
