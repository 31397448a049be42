"""SKM tables: responses (one wide row each), daily-limit marks, populations and RTL.

``skm_responses`` has one SMALLINT column per unsur *code* (``u1`` … ``u9``): the repository maps
codes to columns by name, never by position (the questionnaire and the regulation's scope list
order U8/U9 differently). No column can hold who responded.

The report index leads with ``service_id`` and carries ``local_date`` and every score, so the
GROUP BY of a report is answered from the index alone, already in group order; the profile index
does the same for the respondent profile, and a partial index finds the saran (measured by
``benchmarks/skm_report.py``; see docs/skm.md). Reports filter and group by ``service_id`` only
(a unit's scope is the services now below it); ``unit_id`` records where the service was when
the response came in.

``skm_marks`` is a ``WITHOUT ROWID`` table on SQLite: its rows live in the order of the keyed
hash, not in the order they were taken, so the n-th mark of a day does not point at the n-th
response of that day.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from storage.tables.core import UtcDateTime

SCORE_COLUMNS: Final = tuple(f"u{number}" for number in range(1, 10))
PROFILE_COLUMNS: Final = ("gender", "age_band", "education", "occupation")


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
        # Respondent profiles: one GROUP BY over these columns, answered from the index alone,
        # already in group order (no sort, no table lookups).
        Index("ix_skm_responses_profile", "service_id", *PROFILE_COLUMNS, "local_date"),
        # Saran: about one response in a hundred carries one; a partial index finds them.
        Index(
            "ix_skm_responses_saran",
            "service_id",
            "local_date",
            sqlite_where=text("suggestion IS NOT NULL"),
            postgresql_where=text("suggestion IS NOT NULL"),
        ),
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
    __table_args__ = {"sqlite_with_rowid": False}

    mark: str = Field(sa_column=Column(String(64), primary_key=True))
    local_date: date = Field(sa_column=Column(Date, nullable=False, index=True))
    count: int = Field(default=1)


class SkmPendingRow(SQLModel, table=True):
    """A submitted response between the transaction that took its mark and the one that
    stores it (``domain.skm.survey_flow``): the response as JSON, no one's id, no time but the
    digest hour its saran waits for. Deleted by the transaction that stores the response."""

    __tablename__ = "skm_pending"

    id: int | None = Field(default=None, primary_key=True)
    response: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    forward_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


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


class SkmPaperImportRow(SQLModel, table=True):
    """A paper CSV file imported once: its SHA-256, so the same file is not counted twice."""

    __tablename__ = "skm_paper_imports"

    sha256: str = Field(sa_column=Column(String(64), primary_key=True))
    rows: int
    imported_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
