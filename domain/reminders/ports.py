"""What the reminders need from storage: the world the rules read, the ledger of reminders
planned, each person's ``/pengingat`` setting, the calendar's stored changes; and the unit of
work that holds them with the outbox."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from domain.appraisal.ports import AppraisalUnitOfWork
from domain.reminders.holidays import HolidayRepository
from domain.reminders.model import Mute, Reminder, World


class ReminderQueries(Protocol):
    async def world(self, default_timezone: str, *, now: datetime) -> World:
        """The open periods, every employee (with their unit's zone, ``/pengingat`` setting and
        whether the bot can reach them), their work in the open periods, and the last reminder
        planned per stream (:func:`domain.reminders.model.stream_of`)."""
        ...


class ReminderLedger(Protocol):
    async def record(self, reminder: Reminder, *, now: datetime) -> bool:
        """Remember that ``reminder`` was planned; ``False`` when its dedupe key was recorded
        before (then nothing is queued). Kept as long as its period: the outbox forgets sent
        rows after 30 days, the ledger does not."""
        ...

    async def before_days(self) -> Mapping[int, tuple[int, ...]]:
        """Per period, the days before a deadline its reminders come (when not the default)."""
        ...

    async def set_before_days(self, period_id: int, days: tuple[int, ...]) -> None: ...


class ReminderSettings(Protocol):
    async def mute(self, employee_id: int) -> Mute: ...
    async def set_mute(self, employee_id: int, mute: Mute, *, now: datetime) -> None: ...


class ReminderUnitOfWork(AppraisalUnitOfWork, Protocol):
    """The appraisal's repositories (who is whose pejabat penilai, the state of each case)
    and the reminders' own."""

    @property
    def reminder_queries(self) -> ReminderQueries: ...
    @property
    def reminder_ledger(self) -> ReminderLedger: ...
    @property
    def reminder_settings(self) -> ReminderSettings: ...
    @property
    def holidays(self) -> HolidayRepository: ...
