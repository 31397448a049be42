"""What the conversation engine needs from storage: the people's sessions and the update log.

``storage`` implements these; so do the in-memory fakes of the tests, which pass the same
contract tests (``tests/contract/engine/``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.engine.questionnaire import Session
from domain.unit_of_work import UnitOfWork


class SessionRepository(Protocol):
    """The people's conversation sessions. ``for_update`` locks the session until the
    transaction ends: another writer asking for it waits, then sees what this one committed."""

    async def get(self, session_id: int, *, for_update: bool = False) -> Session | None: ...
    async def latest_active(self, owner_id: int, *, for_update: bool = False) -> Session | None:
        """The active session this person touched last (where typed text goes); of two touched
        at the same moment, the newer."""
        ...

    async def find_active(
        self, owner_id: int, questionnaire_id: str, subject: str
    ) -> Session | None:
        """The person's active session of this questionnaire and subject (the oldest, should
        two devices have opened one each)."""
        ...

    async def add(self, session: Session) -> Session:
        """Insert and return the session with its id."""
        ...

    async def save(self, session: Session, *, expected_version: int) -> None:
        """Write a changed session; raises :class:`~domain.errors.StaleInput` if the stored
        version is no longer ``expected_version`` (another update got there first)."""
        ...

    async def touch(self, session_id: int) -> None:
        """Mark a session as the one the person is in now (typed text goes to it)."""
        ...

    async def delete(self, session_id: int, *, expected_version: int) -> None:
        """Remove a finished session without a trace (same version check as :meth:`save`)."""
        ...

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        """Delete the sessions of ``questionnaire_id`` untouched since ``before``, whatever
        their status; how many (a citizen's survey left half-way still names the person)."""
        ...


class UpdateLog(Protocol):
    """Telegram update ids already received by any bot process (``domain.engine.updates``)."""

    async def first_time(self, update_id: int, *, now: datetime) -> bool:
        """Record ``update_id`` as received; ``False`` if some process recorded it before."""
        ...

    async def forget_before(self, moment: datetime) -> int:
        """Drop records older than ``moment`` (Telegram never redelivers after a day)."""
        ...


class EngineUnitOfWork(UnitOfWork, Protocol):
    """The repositories the engine's use cases touch (read-only properties, so an
    implementation may hold more specific types)."""

    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def updates(self) -> UpdateLog: ...
