"""The audit trail in memory."""

from __future__ import annotations

from domain.audit import AuditEntry
from tests.support.fakes.state import AuditRow, FakeState


class FakeAuditLog:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def record(self, entry: AuditEntry) -> None:
        row = AuditRow(
            self._state.next_id(),
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            dict(entry.details),
        )
        self._state.audit.append(row)

    async def entries(self, subject: str) -> list[AuditEntry]:
        return [
            AuditEntry(row.at, row.actor, row.action, row.subject, dict(row.details))
            for row in self._state.audit
            if row.subject == subject
        ]
