"""The organisation's tables: units, employees, public services; chat accounts and
registration codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, String
from sqlmodel import Field, SQLModel

from storage.tables.core import _fk, _ts


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
