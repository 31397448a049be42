"""The audit trail: who did what, when."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEntry
from storage.tables import AuditRow


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def record(self, entry: AuditEntry) -> None:
        self._s.add(
            AuditRow(
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                subject=entry.subject,
                details=dict(entry.details),
            )
        )
        await self._s.flush()

    async def entries(self, subject: str) -> list[AuditEntry]:
        query = select(AuditRow).where(AuditRow.subject == subject).order_by(col(AuditRow.id))
        return [
            AuditEntry(row.at, row.actor, row.action, row.subject, dict(row.details))
            for row in await self._s.exec(query)
        ]
