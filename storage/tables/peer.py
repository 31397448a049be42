"""Peer and upward feedback tables, coaching, the recommendation catalogue and development plans.

Anonymity at rest (``domain/peer/ports.py``): only ``peer_assignments`` names a rater, and only
``peer_responses.assignment_id`` ties a response to an assignment; ``kinerja peers seal`` sets
it to NULL for good. A response has no rater, no Telegram id and no timestamp, and its id is a
random number (``storage/repositories/peer.py``), so neither a column nor the order of ids
follows who submitted when. An assignment keeps a boolean ``submitted``, never a time.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Integer,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from storage.tables.core import _fk, _json, _ts

_RANDOM_ID = BigInteger().with_variant(Integer(), "sqlite")


class PeerAssignmentRow(SQLModel, table=True):
    """``rater_id`` is asked for ``relation`` feedback on ``ratee_id`` in a period."""

    __tablename__ = "peer_assignments"
    __table_args__ = (UniqueConstraint("period_id", "rater_id", "ratee_id"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("periods.id", nullable=False)
    rater_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    ratee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    relation: str = Field(max_length=8)
    source: str = Field(max_length=10)
    submitted: bool = Field(default=False)


class PeerResponseRow(SQLModel, table=True):
    """One submitted feedback, without its rater (module docstring)."""

    __tablename__ = "peer_responses"

    # INTEGER on SQLite makes the id the rowid itself: no hidden rowid in insertion order.
    id: int = Field(sa_column=Column(_RANDOM_ID, primary_key=True, autoincrement=False))
    period_id: int = _fk("periods.id", nullable=False)
    ratee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    relation: str = Field(max_length=8)
    assignment_id: int | None = Field(
        default=None,
        sa_column=Column(
            ForeignKey("peer_assignments.id", ondelete="CASCADE"), nullable=True, unique=True
        ),
    )
    scores: dict[str, Any] = _json()
    keep_doing: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    improve: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class PeerSummaryRow(SQLModel, table=True):
    """A ratee's frozen summary of a period (``domain.peer.aggregate.FrozenSummary``);
    ``relations`` holds each relation's means, counts and shuffled comments."""

    __tablename__ = "peer_summaries"
    __table_args__ = (UniqueConstraint("period_id", "ratee_id"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("periods.id", nullable=False)
    ratee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    frozen_at: datetime = _ts()
    min_raters: int
    seed: str = Field(max_length=80)  # a 256-bit HMAC as a decimal number
    relations: dict[str, Any] = _json()


class CoachingRecordRow(SQLModel, table=True):
    """One bimbingan kinerja (PermenPANRB 6/2022)."""

    __tablename__ = "coaching_records"

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("periods.id", nullable=False)
    employee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    coach_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    held_on: date = Field(sa_column=Column(Date, nullable=False))
    topic: str = Field(max_length=200)
    follow_up: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: datetime = _ts()


class CoachingFeedbackRow(SQLModel, table=True):
    """The employee's Format B.1.8 answers on one coaching record, once."""

    __tablename__ = "coaching_feedback"

    record_id: int = Field(
        sa_column=Column(
            ForeignKey("coaching_records.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    points: int
    answers: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    answered_at: datetime = _ts()


class CatalogueItemRow(SQLModel, table=True):
    """One recommendation of the admin's catalogue, in file order (``position``)."""

    __tablename__ = "development_catalogue"

    id: int | None = Field(default=None, primary_key=True)
    position: int
    value_code: str = Field(max_length=40)
    kind: str = Field(max_length=12)
    title_id: str = Field(sa_column=Column(Text, nullable=False))
    title_en: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = _ts()


class DevelopmentPlanRow(SQLModel, table=True):
    """An agreed development-plan item of an employee in a period."""

    __tablename__ = "development_plans"

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("periods.id", nullable=False)
    employee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    value_code: str = Field(max_length=40)
    action: str = Field(sa_column=Column(Text, nullable=False))
    agreed_by: str = Field(max_length=18)
    agreed_at: datetime = _ts()
    kind: str | None = Field(default=None, max_length=12)
    mentor_nip: str | None = Field(default=None, max_length=18)
    due_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
