"""Pending SKM responses: a submitted response between the transaction that took its daily-limit
mark and the one that stores it (``domain.skm.survey_flow``), as JSON without anyone's id."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import delete, insert, select
from sqlalchemy.sql import Executable

from domain.skm.survey import Channel, PendingResponse, SkmResponse
from storage.tables import SkmPendingRow

PENDING: Final = SkmPendingRow.__table__  # type: ignore[attr-defined]


def _encode(response: SkmResponse) -> dict[str, Any]:
    return {
        "service_id": response.service_id,
        "unit_id": response.unit_id,
        "submitted_at": response.submitted_at.isoformat(),
        "local_date": response.local_date.isoformat(),
        "channel": response.channel.value,
        "scores": dict(response.scores),
        "profile": dict(response.profile),
        "suggestion": response.suggestion,
        "contact": response.contact,
    }


def _decode(stored: dict[str, Any]) -> SkmResponse:
    return SkmResponse(
        service_id=int(stored["service_id"]),
        unit_id=int(stored["unit_id"]),
        submitted_at=datetime.fromisoformat(stored["submitted_at"]),
        local_date=date.fromisoformat(stored["local_date"]),
        channel=Channel(stored["channel"]),
        scores=stored["scores"],
        profile=stored["profile"],
        suggestion=stored["suggestion"],
        contact=stored["contact"],
    )


class SqlPendingResponses:
    """The pending part of ``SqlSkmResponseRepository`` (which provides ``_execute``)."""

    if TYPE_CHECKING:

        async def _execute(self, statement: Executable, params: Any = None) -> Any: ...

    async def add_pending(self, response: SkmResponse, *, forward_at: datetime) -> int:
        statement = insert(PENDING).values(response=_encode(response), forward_at=forward_at)
        result = await self._execute(statement)
        return int(result.inserted_primary_key[0])

    async def take_pending(self, pending_id: int) -> PendingResponse | None:
        # DELETE ... RETURNING: of two transactions taking it, the second waits for the first
        # (the row lock) and then deletes nothing.
        statement = (
            delete(PENDING)
            .where(PENDING.c.id == pending_id)
            .returning(PENDING.c.response, PENDING.c.forward_at)
        )
        found = (await self._execute(statement)).first()
        if found is None:
            return None
        return PendingResponse(pending_id, _decode(found[0]), found[1])

    async def pending_ids(self) -> list[int]:
        found = await self._execute(select(PENDING.c.id).order_by(PENDING.c.id))
        return [int(pending_id) for pending_id in found.scalars()]
