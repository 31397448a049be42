"""Which Telegram updates were handled already (webhook retries, several processes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import ProcessedUpdateRow


class SqlUpdateLog:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def first_time(self, update_id: int, *, now: datetime) -> bool:
        insert = pg_insert if self._dialect == "postgresql" else sqlite_insert
        statement = (
            insert(ProcessedUpdateRow)
            .values(update_id=update_id, received_at=now)
            .on_conflict_do_nothing(index_elements=["update_id"])
        )
        result = await self._s.exec(statement)
        return bool(result.rowcount)

    async def forget_before(self, moment: datetime) -> int:
        result = await self._s.exec(
            delete(ProcessedUpdateRow).where(col(ProcessedUpdateRow.received_at) < moment)
        )
        return int(result.rowcount)
