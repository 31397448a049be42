"""The recognitions and the nudges (``domain.reminders.report_ports``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.reminders.recognition import Recognition, RecognitionKind, RecognitionStatus
from storage.tables import NudgeRow, RecognitionRow


def _insert(dialect: str) -> Any:
    return pg_insert if dialect == "postgresql" else sqlite_insert


def _recognition(row: RecognitionRow) -> Recognition:
    return Recognition(
        id=row.id,
        month=row.month,
        unit_id=row.unit_id,
        head_id=row.head_id,
        kind=RecognitionKind(row.kind),
        subject_id=row.subject_id,
        subject_name=row.subject_name,
        period_name=row.period_name,
        ikm_before=row.ikm_before,
        ikm_after=row.ikm_after,
        status=RecognitionStatus(row.status),
        confirmed_at=row.confirmed_at,
        confirmed_by=row.confirmed_by,
    )


class SqlRecognitionRepository:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def add(self, items: Sequence[Recognition], *, now: datetime) -> list[Recognition]:
        if not items:
            return []
        values = [
            {
                "month": i.month,
                "unit_id": i.unit_id,
                "head_id": i.head_id,
                "kind": i.kind.value,
                "subject_id": i.subject_id,
                "subject_name": i.subject_name[:200],
                "period_name": i.period_name,
                "ikm_before": i.ikm_before,
                "ikm_after": i.ikm_after,
                "status": RecognitionStatus.CANDIDATE.value,
                "proposed_at": now,
            }
            for i in items
        ]
        statement = _insert(self._dialect)(RecognitionRow).values(values)
        await self._s.exec(statement.on_conflict_do_nothing())
        keys = [(i.month, i.kind.value, i.subject_id) for i in items]
        query = select(RecognitionRow).where(
            tuple_(
                col(RecognitionRow.month), col(RecognitionRow.kind), col(RecognitionRow.subject_id)
            ).in_(keys)
        )
        stored = {(r.month, r.kind, r.subject_id): r for r in await self._s.exec(query)}
        return [_recognition(stored[key]) for key in keys if key in stored]

    async def get(self, recognition_id: int, *, for_update: bool = False) -> Recognition | None:
        query = select(RecognitionRow).where(RecognitionRow.id == recognition_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._s.exec(query)).first()
        return _recognition(row) if row else None

    async def save(self, item: Recognition) -> None:
        row = await self._s.get(RecognitionRow, item.id)
        if row is None:
            return
        row.status = item.status.value
        row.confirmed_at = item.confirmed_at
        row.confirmed_by = item.confirmed_by
        self._s.add(row)
        await self._s.flush()

    async def confirmed_since(self, since: datetime) -> list[Recognition]:
        query = (
            select(RecognitionRow)
            .where(col(RecognitionRow.confirmed_at) >= since)
            .order_by(col(RecognitionRow.confirmed_at), col(RecognitionRow.id))
        )
        return [_recognition(r) for r in await self._s.exec(query)]


class SqlNudgeLog:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def last(self, supervisor_id: int) -> date | None:
        query = select(func.max(NudgeRow.day)).where(NudgeRow.supervisor_id == supervisor_id)
        return (await self._s.exec(query)).first()

    async def record(self, supervisor_id: int, day: date, *, now: datetime) -> bool:
        statement = (
            _insert(self._dialect)(NudgeRow)
            .values(supervisor_id=supervisor_id, day=day, sent_at=now)
            .on_conflict_do_nothing()
        )
        result = await self._s.exec(statement)
        return bool(result.rowcount)
