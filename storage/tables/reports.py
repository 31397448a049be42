"""The monthly recognition's candidates and confirmations, and the nudges of the pejabat
penilai (one a day each)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Date, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.tables.core import _fk, _ts


class RecognitionRow(SQLModel, table=True):
    """A candidate for a month's recognition (an employee or a service: ``subject_id``), for the
    head of ``unit_id`` to confirm. One per month, kind and subject."""

    __tablename__ = "recognitions"
    __table_args__ = (UniqueConstraint("month", "kind", "subject_id"),)

    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(sa_column=Column(Date, nullable=False, index=True))
    unit_id: int = _fk("units.id", nullable=False, ondelete="CASCADE")
    head_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    kind: str = Field(max_length=10)
    subject_id: int
    subject_name: str = Field(max_length=200)
    period_name: str | None = Field(default=None, max_length=80)
    ikm_before: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 2), nullable=True))
    ikm_after: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 2), nullable=True))
    status: str = Field(max_length=10)
    proposed_at: datetime = _ts()
    confirmed_at: datetime | None = _ts(nullable=True, index=True)
    confirmed_by: str | None = Field(default=None, max_length=18)


class NudgeRow(SQLModel, table=True):
    """A pejabat penilai nudged their late subordinates on ``day`` (their local date)."""

    __tablename__ = "nudges"
    __table_args__ = (UniqueConstraint("supervisor_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    supervisor_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    day: date = Field(sa_column=Column(Date, nullable=False))
    sent_at: datetime = _ts()
