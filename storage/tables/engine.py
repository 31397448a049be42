"""The engine's tables: conversation sessions, the update ids received, and the inbox of updates
received but not yet done (``domain.engine.updates``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Index, String, Text, false
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
    """Update ids received, so a webhook retry, a second process or an update fetched again is
    never received twice (rows older than two days are pruned)."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    received_at: datetime = _ts(index=True)


class InboxRow(SQLModel, table=True):
    """An update received and not yet done: written before Telegram is told it arrived, deleted
    when its handling is over (or by the transaction that forgets its person). ``applied``: an
    effect of it has committed. ``holder`` / ``held_until``: the process handling it and its
    lease; ``attempts``: how often a process took it."""

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_owner", "owner_id", "update_id"),)

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    owner_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    applied: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    holder: str = Field(sa_column=Column(String(120), nullable=False))
    held_until: datetime = _ts(index=True)
    attempts: int = Field(default=1)
    received_at: datetime = _ts()
