"""Core table rows: organisation, accounts, sessions, outbox, audit.

Each ``<Thing>Row`` maps one table; repositories translate rows to and from domain objects
explicitly, so the domain never sees the ORM.

Timestamps are stored in UTC and always come back timezone-aware (:class:`UtcDateTime`), on
SQLite (which has no time zone type) as on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, ForeignKey, Index, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; naive datetimes are refused (a bug, not data)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware one")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable, index=index))


def _fk(target: str, *, nullable: bool = True, ondelete: str | None = None) -> Any:
    return Field(
        default=None,
        sa_column=Column(ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True),
    )


def _json() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class UnitRow(SQLModel, table=True):
    __tablename__ = "units"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    parent_id: int | None = _fk("units.id")
    timezone: str | None = Field(default=None, max_length=40)
    updated_at: datetime = _ts()


class EmployeeRow(SQLModel, table=True):
    __tablename__ = "employees"

    id: int | None = Field(default=None, primary_key=True)
    nip: str = Field(max_length=18, unique=True)
    name: str = Field(max_length=120)
    position: str = Field(max_length=120)
    position_kind: str = Field(max_length=20)
    unit_id: int = _fk("units.id", nullable=False)
    supervisor_id: int | None = _fk("employees.id")
    telegram_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, unique=True, nullable=True)
    )
    is_admin: bool = Field(default=False)
    admin_unit_id: int | None = _fk("units.id")
    updated_at: datetime = _ts()


class ServiceRow(SQLModel, table=True):
    __tablename__ = "public_services"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    unit_id: int = _fk("units.id", nullable=False)
    active: bool = Field(default=True)
    updated_at: datetime = _ts()


class ChatAccountRow(SQLModel, table=True):
    """Per Telegram account: language and registration lockout. Holds no survey data."""

    __tablename__ = "chat_accounts"

    telegram_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    language: str | None = Field(default=None, max_length=5)
    failed_attempts: int = Field(default=0)
    locked_until: datetime | None = _ts(nullable=True)
    blocked_at: datetime | None = _ts(nullable=True)  # the person blocked the bot


class RegistrationCodeRow(SQLModel, table=True):
    __tablename__ = "registration_codes"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = _fk("employees.id", nullable=False, ondelete="CASCADE")
    code_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    created_at: datetime = _ts()
    expires_at: datetime = _ts()
    used_at: datetime | None = _ts(nullable=True)
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


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


class AuditRow(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(index=True)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=60)
    subject: str = Field(max_length=120, index=True)
    details: dict[str, Any] = _json()


class ProcessedUpdateRow(SQLModel, table=True):
    """Update ids already handled, so a webhook retry or a second process never handles one
    twice (rows older than a day are pruned)."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    received_at: datetime = _ts(index=True)
