"""SKM tables: responses (one wide row each), daily-limit marks, populations and RTL.

``skm_responses`` has one SMALLINT column per unsur *code* (``u1`` … ``u9``): the repository maps
codes to columns by name, never by position (the questionnaire and the regulation's scope list
order U8/U9 differently). No column can hold who responded.

The report index leads with ``service_id`` and carries ``local_date`` and every score, so the
GROUP BY of a report is answered from the index alone, already in group order (measured by
``benchmarks/skm_report.py``; see docs/skm.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from storage.tables.core import UtcDateTime

SCORE_COLUMNS: Final = tuple(f"u{number}" for number in range(1, 10))


def _score() -> Any:
    return Field(default=None, sa_column=Column(SmallInteger, nullable=True))


def _score_checks() -> tuple[CheckConstraint, ...]:
    # PermenPANRB 14/2017 scale: a=1 … d=4; the database refuses anything else as well.
    return tuple(
        CheckConstraint(f"{name} BETWEEN 1 AND 4", name=f"ck_skm_responses_{name}")
        for name in SCORE_COLUMNS
    )


class SkmResponseRow(SQLModel, table=True):
    __tablename__ = "skm_responses"
    __table_args__ = (
        *_score_checks(),
        Index("ix_skm_responses_report", "service_id", "local_date", *SCORE_COLUMNS),
        Index("ix_skm_responses_unit_date", "unit_id", "local_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(sa_column=Column(ForeignKey("public_services.id"), nullable=False))
    unit_id: int = Field(sa_column=Column(ForeignKey("units.id"), nullable=False))
    submitted_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    local_date: date = Field(sa_column=Column(Date, nullable=False))
    channel: str = Field(max_length=8)
    u1: int | None = _score()
    u2: int | None = _score()
    u3: int | None = _score()
    u4: int | None = _score()
    u5: int | None = _score()
    u6: int | None = _score()
    u7: int | None = _score()
    u8: int | None = _score()
    u9: int | None = _score()
    gender: str | None = Field(default=None, max_length=1)
    age_band: str | None = Field(default=None, max_length=8)
    education: str | None = Field(default=None, max_length=8)
    occupation: str | None = Field(default=None, max_length=12)
    suggestion: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    contact: str | None = Field(default=None, max_length=200)


class SkmMarkRow(SQLModel, table=True):
    """HMAC(secret, telegram id : service code : local date) → responses given that day."""

    __tablename__ = "skm_marks"

    mark: str = Field(sa_column=Column(String(64), primary_key=True))
    local_date: date = Field(sa_column=Column(Date, nullable=False, index=True))
    count: int = Field(default=1)


class SkmPopulationRow(SQLModel, table=True):
    __tablename__ = "skm_populations"
    __table_args__ = (UniqueConstraint("scope", "scope_id", "date_from", "date_to"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=8)
    scope_id: int
    date_from: date = Field(sa_column=Column(Date, nullable=False))
    date_to: date = Field(sa_column=Column(Date, nullable=False))
    population: int
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    recorded_by: str = Field(max_length=40)


class SkmRtlRow(SQLModel, table=True):
    __tablename__ = "skm_rtl"
    __table_args__ = (UniqueConstraint("scope", "scope_id", "date_from", "date_to", "unsur"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=8)
    scope_id: int
    date_from: date = Field(sa_column=Column(Date, nullable=False))
    date_to: date = Field(sa_column=Column(Date, nullable=False, index=True))
    unsur: str = Field(max_length=3)
    nrr: str = Field(max_length=8)
    plan: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    recorded_by: str = Field(max_length=40)
