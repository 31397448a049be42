"""The engine's storage: conversation sessions (its state, written after every answer) and the
Telegram updates already handled (webhook retries, several processes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.clock import Clock
from domain.engine.questionnaire import Session, SessionStatus
from domain.errors import StaleInput
from storage.database import erase_traces_on_commit
from storage.tables import ConversationRow, ProcessedUpdateRow


def _session(row: ConversationRow) -> Session:
    return Session(
        questionnaire_id=row.questionnaire_id,
        subject=row.subject,
        owner_id=row.owner_id,
        cursor=row.cursor,
        answers=dict(row.answers),
        status=SessionStatus(row.status),
        version=row.version,
        editing=row.editing,
        id=row.id,
    )


class SqlSessionRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._s = session
        self._clock = clock

    async def get(self, session_id: int, *, for_update: bool = False) -> Session | None:
        query = select(ConversationRow).where(ConversationRow.id == session_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._s.exec(query)).first()
        return _session(row) if row else None

    async def latest_active(self, owner_id: int, *, for_update: bool = False) -> Session | None:
        query = (
            select(ConversationRow)
            .where(
                ConversationRow.owner_id == owner_id,
                ConversationRow.status == SessionStatus.ACTIVE.value,
            )
            .order_by(col(ConversationRow.updated_at).desc(), col(ConversationRow.id).desc())
            .limit(1)
        )
        if for_update:
            query = query.with_for_update()
        row = (await self._s.exec(query)).first()
        return _session(row) if row else None

    async def find_active(
        self, owner_id: int, questionnaire_id: str, subject: str
    ) -> Session | None:
        query = select(ConversationRow).where(
            ConversationRow.owner_id == owner_id,
            ConversationRow.questionnaire_id == questionnaire_id,
            ConversationRow.subject == subject,
            ConversationRow.status == SessionStatus.ACTIVE.value,
        )
        row = (await self._s.exec(query.order_by(col(ConversationRow.id)))).first()
        return _session(row) if row else None

    async def add(self, session: Session) -> Session:
        now = self._clock.now()
        row = ConversationRow(
            owner_id=session.owner_id,
            questionnaire_id=session.questionnaire_id,
            subject=session.subject,
            cursor=session.cursor,
            answers=dict(session.answers),
            status=session.status.value,
            version=session.version,
            editing=session.editing,
            created_at=now,
            updated_at=now,
        )
        self._s.add(row)
        await self._s.flush()
        return _session(row)

    async def touch(self, session_id: int) -> None:
        await self._s.exec(
            update(ConversationRow)
            .where(col(ConversationRow.id) == session_id)
            .values(updated_at=self._clock.now())
        )

    async def delete(self, session_id: int, *, expected_version: int) -> None:
        result = await self._s.exec(
            delete(ConversationRow).where(
                col(ConversationRow.id) == session_id,
                col(ConversationRow.version) == expected_version,
            )
        )
        if result.rowcount != 1:
            raise StaleInput()
        erase_traces_on_commit(self._s)

    async def save(self, session: Session, *, expected_version: int) -> None:
        result = await self._s.exec(
            update(ConversationRow)
            .where(
                col(ConversationRow.id) == session.id,
                col(ConversationRow.version) == expected_version,
            )
            .values(
                cursor=session.cursor,
                answers=dict(session.answers),
                status=session.status.value,
                version=session.version,
                editing=session.editing,
                updated_at=self._clock.now(),
            )
        )
        if result.rowcount != 1:
            raise StaleInput()

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        result = await self._s.exec(
            delete(ConversationRow).where(
                col(ConversationRow.questionnaire_id) == questionnaire_id,
                col(ConversationRow.updated_at) < before,
            )
        )
        if result.rowcount:  # they named their owners: no trace may stay on disk
            erase_traces_on_commit(self._s)
        return int(result.rowcount)


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
