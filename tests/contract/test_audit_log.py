"""The audit trail's contract (``AuditLog``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from domain.audit import AuditEntry


async def test_entries_are_kept_per_subject_oldest_first_with_their_details(factory, clock):
    wib = clock.now().astimezone(ZoneInfo("Asia/Jakarta"))
    recorded = [
        AuditEntry(wib, "198509302010041001", "period.open", "period:3", {"name": "November"}),
        AuditEntry(wib - timedelta(days=1), "cli", "period.create", "period:3"),
        AuditEntry(wib, "cli", "import.skm", "skm", {"rows": "3"}),
    ]
    async with factory() as uow:
        for entry in recorded:
            await uow.audit.record(entry)
        await uow.commit()
    async with factory(readonly=True) as uow:
        period = await uow.audit.entries("period:3")
        assert await uow.audit.entries("period:4") == []
    assert period == recorded[:2]  # in the order recorded, not by time
    assert [dict(e.details) for e in period] == [{"name": "November"}, {}]
    assert all(e.at.utcoffset() is not None for e in period)
