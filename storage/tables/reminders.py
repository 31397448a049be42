"""The reminders' tables: the ledger of reminders planned, each person's ``/pengingat``
setting, the admin's changes to the calendar of holidays, and the days before a deadline a
period's reminders come."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel

from storage.tables.core import _fk, _ts


class ReminderMarkRow(SQLModel, table=True):
    """A reminder planned once (``dedupe_key``, as in the outbox); ``stream`` is the key's
    prefix of one purpose, period and recipient (its latest mark times the next reminder)."""

    __tablename__ = "reminder_marks"

    dedupe_key: str = Field(sa_column=Column(String(160), primary_key=True))
    stream: str = Field(max_length=120, index=True)
    employee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    period_id: int = Field(index=True)  # 0: about no one period (a digest)
    planned_at: datetime = _ts()


class ReminderSettingRow(SQLModel, table=True):
    __tablename__ = "reminder_settings"

    employee_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("employees.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    mute: str = Field(max_length=12)
    updated_at: datetime = _ts()


class HolidayChangeRow(SQLModel, table=True):
    """A day added to Indonesia's national holidays (cuti bersama, a local holiday) or removed."""

    __tablename__ = "holiday_changes"

    day: date = Field(sa_column=Column(Date, primary_key=True))
    name: str = Field(max_length=120)
    action: str = Field(max_length=8)
    imported_at: datetime = _ts()


class ReminderPeriodRow(SQLModel, table=True):
    """The days before a deadline a period's reminders come (default 7, 3 and 1)."""

    __tablename__ = "reminder_periods"

    period_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("periods.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    before_days: str = Field(max_length=40)  # "7,3,1"
