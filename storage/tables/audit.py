"""The audit trail: who did what to what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from storage.tables.core import _json, _ts


class AuditRow(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(index=True)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=60)
    subject: str = Field(max_length=120, index=True)
    details: dict[str, Any] = _json()
