"""The engine's tables: conversation sessions and the update ids already handled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from storage.tables.core import _json, _ts


class ConversationRow(SQLModel, table=True):
    """One person's session in one questionnaire (see domain.engine.questionnaire.Session)."""

    __tablename__ = "conversation_sessions"
    __table_args__ = (Index("ix_conversation_owner_status", "owner_id", "status", "updated_at"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    questionnaire_id: str = Field(max_length=40)
    subject: str = Field(max_length=120)
    cursor: str = Field(max_length=80)
    answers: dict[str, Any] = _json()
    status: str = Field(max_length=12)
    version: int = Field(default=0)
    editing: bool = Field(default=False)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class ProcessedUpdateRow(SQLModel, table=True):
    """Update ids already handled, so a webhook retry or a second process never handles one
    twice (rows older than a day are pruned)."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    received_at: datetime = _ts(index=True)
