"""Appraisal tables: periods, SKP items, one appraisal per employee and period, and the
organisation predikat a unit was given for a period (for the distribution check).

An appraisal's history lives in ``audit_log`` (subject ``appraisal:<id>``), written by the
repository from the aggregate's audit entries.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.tables.core import _fk, _json, _ts


class PeriodRow(SQLModel, table=True):
    __tablename__ = "periods"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)
    kind: str = Field(max_length=12)
    start: date = Field(sa_column=Column(Date, nullable=False))
    end: date = Field(sa_column=Column(Date, nullable=False))
    self_due: date = Field(sa_column=Column(Date, nullable=False))
    peer_due: date = Field(sa_column=Column(Date, nullable=False))
    review_due: date = Field(sa_column=Column(Date, nullable=False))
    objection_days: int = Field(default=5)
    status: str = Field(max_length=8, index=True)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class SkpItemRow(SQLModel, table=True):
    """One Rencana Hasil Kerja with its indicator and target, for one employee and year."""

    __tablename__ = "skp_items"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    year: int = Field(index=True)
    kind: str = Field(max_length=10)
    position: int = Field(default=0)  # order in the imported file
    rhk: str = Field(sa_column=Column(Text, nullable=False))
    indicator: str = Field(sa_column=Column(Text, nullable=False))
    target: str = Field(max_length=120)
    updated_at: datetime = _ts()


class AppraisalRow(SQLModel, table=True):
    __tablename__ = "appraisals"
    __table_args__ = (UniqueConstraint("period_id", "employee_id"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("periods.id", nullable=False)
    employee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    status: str = Field(max_length=14, index=True)
    self_ratings: dict[str, Any] = _json()
    realisations: dict[str, Any] = _json()
    evidence: dict[str, Any] = _json()
    notes: dict[str, Any] = _json()
    hasil: str | None = Field(default=None, max_length=10)
    perilaku: str | None = Field(default=None, max_length=10)
    predikat: str | None = Field(default=None, max_length=16, index=True)
    feedback: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    item_feedback: dict[str, Any] = _json()
    assessed_by: str | None = Field(default=None, max_length=18)
    assessed_at: datetime | None = _ts(nullable=True)
    acknowledged_at: datetime | None = _ts(nullable=True)
    objection_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    objection_filed_at: datetime | None = _ts(nullable=True)
    objection_response_due: datetime | None = _ts(nullable=True)  # the tanggapan's due time
    tanggapan_by: str | None = Field(default=None, max_length=18)
    tanggapan_at: datetime | None = _ts(nullable=True)
    tanggapan_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    tanggapan_evidence: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    decided_by: str | None = Field(default=None, max_length=18)
    decided_at: datetime | None = _ts(nullable=True)
    decision_keep: bool | None = Field(default=None)
    decision_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    decision_without_tanggapan: str | None = Field(
        default=None, sa_column=Column(Text, nullable=True)
    )
    updated_at: datetime = _ts()


class OrgPredikatRow(SQLModel, table=True):
    """Capaian kinerja organisasi of a unit in a period, set by an admin (reference §2.6)."""

    __tablename__ = "organisation_predikat"
    __table_args__ = (UniqueConstraint("period_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("periods.id", nullable=False)
    unit_id: int = _fk("units.id", nullable=False)
    predikat: str = Field(max_length=16)
    updated_at: datetime = _ts()
