"""The engine's repositories in memory: conversation sessions and the update log."""

from __future__ import annotations

from datetime import datetime

from domain.clock import Clock
from domain.engine.questionnaire import Session, SessionStatus
from domain.errors import StaleInput
from tests.support.fakes.state import FakeState, SessionRow


def _session(row: SessionRow) -> Session:
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


class FakeSessionRepository:
    def __init__(self, state: FakeState, clock: Clock) -> None:
        self._state = state
        self._clock = clock

    def _active(self, owner_id: int) -> list[SessionRow]:
        return [
            row
            for row in self._state.sessions.values()
            if row.owner_id == owner_id and row.status == SessionStatus.ACTIVE.value
        ]

    async def get(self, session_id: int, *, for_update: bool = False) -> Session | None:
        row = self._state.sessions.get(session_id)
        return _session(row) if row else None

    async def latest_active(self, owner_id: int, *, for_update: bool = False) -> Session | None:
        rows = self._active(owner_id)
        latest = max(rows, key=lambda row: (row.updated_at, row.id), default=None)
        return _session(latest) if latest else None

    async def find_active(
        self, owner_id: int, questionnaire_id: str, subject: str
    ) -> Session | None:
        rows = [
            row
            for row in self._active(owner_id)
            if row.questionnaire_id == questionnaire_id and row.subject == subject
        ]
        first = min(rows, key=lambda row: row.id, default=None)
        return _session(first) if first else None

    async def add(self, session: Session) -> Session:
        now = self._clock.now()
        row = SessionRow(
            id=self._state.next_id(),
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
        self._state.sessions[row.id] = row
        return _session(row)

    async def save(self, session: Session, *, expected_version: int) -> None:
        row = self._state.sessions.get(session.id) if session.id is not None else None
        if row is None or row.version != expected_version:
            raise StaleInput()
        row.cursor = session.cursor
        row.answers = dict(session.answers)
        row.status = session.status.value
        row.version = session.version
        row.editing = session.editing
        row.updated_at = self._clock.now()

    async def touch(self, session_id: int) -> None:
        if (row := self._state.sessions.get(session_id)) is not None:
            row.updated_at = self._clock.now()

    async def delete(self, session_id: int, *, expected_version: int) -> None:
        row = self._state.sessions.get(session_id)
        if row is None or row.version != expected_version:
            raise StaleInput()
        del self._state.sessions[session_id]

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        stale = [
            row.id
            for row in self._state.sessions.values()
            if row.questionnaire_id == questionnaire_id and row.updated_at < before
        ]
        for row_id in stale:
            del self._state.sessions[row_id]
        return len(stale)


class FakeUpdateLog:
    """``processed_updates``: update id -> when it was first handled."""

    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def first_time(self, update_id: int, *, now: datetime) -> bool:
        if update_id in self._state.updates:
            return False
        self._state.updates[update_id] = now
        return True

    async def forget_before(self, moment: datetime) -> int:
        old = [key for key, at in self._state.updates.items() if at < moment]
        for key in old:
            del self._state.updates[key]
        return len(old)
