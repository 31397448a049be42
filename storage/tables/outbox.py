"""The outbox table: every proactive message, queued in the transaction that caused it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, String
from sqlmodel import Field, SQLModel

from storage.tables.core import _json, _ts


class OutboxRow(SQLModel, table=True):
    """A proactive message waiting to be sent, sent, or given up on. ``dedupe_key`` is unique,
    so planning the same reminder twice never sends it twice."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "not_before"),)

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(sa_column=Column(String(160), unique=True, nullable=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    payload: dict[str, Any] = _json()
    status: str = Field(default="pending", max_length=12)
    attempts: int = Field(default=0)
    not_before: datetime = _ts()
    created_at: datetime = _ts()
    claimed_until: datetime | None = _ts(nullable=True)
    claim_token: str | None = Field(default=None, max_length=32)  # the claim that owns the lease
    sent_at: datetime | None = _ts(nullable=True)
    last_error: str | None = Field(default=None, max_length=500)
