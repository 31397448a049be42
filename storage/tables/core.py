"""What every table module shares: the timestamp type and the column helpers.

Timestamps are stored in UTC and always come back timezone-aware (:class:`UtcDateTime`), on
SQLite (which has no time zone type) as on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, ForeignKey, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Field


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
