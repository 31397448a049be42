"""Peer assignments, responses and frozen summaries (``domain/peer/ports.py``).

Employees are NIPs in the domain and ids in the tables. A response's id is a random 62-bit
number, not a sequence: the order of ids must not follow the order of submissions (anonymity,
``storage/tables/peer.py``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, exists, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from domain.errors import InvalidTransition, NotFound
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.forms import PeerResponse
from domain.peer.raters import AssignmentSource, PeerAssignment, Relation
from storage.database import erase_traces_on_commit
from storage.tables import (
    EmployeeRow,
    PeerAssignmentRow,
    PeerResponseRow,
    PeerSummaryRow,
    PeriodRow,
)

RESPONSE_ID_BITS = 62

_Rater = aliased(EmployeeRow, name="rater")
_Ratee = aliased(EmployeeRow, name="ratee")


async def employee_ids(session: AsyncSession, nips: Iterable[str]) -> dict[str, int]:
    """NIP -> employee id for these NIPs; an unknown NIP raises :class:`NotFound`."""
    wanted = set(nips)
    if not wanted:
        return {}
    query = select(EmployeeRow.nip, EmployeeRow.id).where(col(EmployeeRow.nip).in_(wanted))
    found = {nip: id_ for nip, id_ in await session.exec(query) if id_ is not None}
    missing = sorted(wanted - found.keys())
    if missing:
        raise NotFound("employee", ref=missing[0])
    return found


def _assignment(row: PeerAssignmentRow, rater: str, ratee: str) -> PeerAssignment:
    return PeerAssignment(
        row.period_id,
        rater,
        ratee,
        Relation(row.relation),
        AssignmentSource(row.source),
        row.id,
    )


class SqlPeerAssignmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    @staticmethod
    def _query() -> Select[PeerAssignmentRow, str, str]:
        return (
            select(PeerAssignmentRow, _Rater.nip, _Ratee.nip)
            .join(_Rater, col(_Rater.id) == PeerAssignmentRow.rater_id)
            .join(_Ratee, col(_Ratee.id) == PeerAssignmentRow.ratee_id)
        )

    async def _list(self, query: Select[PeerAssignmentRow, str, str]) -> list[PeerAssignment]:
        rows = await self._s.exec(query.order_by(col(PeerAssignmentRow.id)))
        return [_assignment(row, rater, ratee) for row, rater, ratee in rows]

    async def lock(self, period_id: int) -> None:
        # SQLite serialises writers already; PostgreSQL locks the period's row.
        query = select(PeriodRow.id).where(PeriodRow.id == period_id).with_for_update()
        await self._s.exec(query)

    async def for_period(
        self, period_id: int, *, ratee_nips: Sequence[str] | None = None
    ) -> list[PeerAssignment]:
        query = self._query().where(PeerAssignmentRow.period_id == period_id)
        if ratee_nips is not None:
            query = query.where(col(_Ratee.nip).in_(ratee_nips))
        return await self._list(query)

    async def of_rater(self, period_id: int, rater_nip: str) -> list[PeerAssignment]:
        query = self._query().where(
            PeerAssignmentRow.period_id == period_id, _Rater.nip == rater_nip
        )
        return await self._list(query)

    async def get(self, assignment_id: int, *, for_update: bool = False) -> PeerAssignment | None:
        query = self._query().where(PeerAssignmentRow.id == assignment_id)
        if for_update:
            query = query.with_for_update(of=PeerAssignmentRow)
        found = (await self._s.exec(query)).first()
        return _assignment(*found) if found else None

    async def add(self, assignments: Sequence[PeerAssignment]) -> list[PeerAssignment]:
        ids = await employee_ids(
            self._s, [nip for a in assignments for nip in (a.rater_nip, a.ratee_nip)]
        )
        rows = []
        for a in assignments:
            taken = select(PeerAssignmentRow.id).where(
                PeerAssignmentRow.period_id == a.period_id,
                PeerAssignmentRow.rater_id == ids[a.rater_nip],
                PeerAssignmentRow.ratee_id == ids[a.ratee_nip],
            )
            if (await self._s.exec(taken)).first() is not None:
                raise InvalidTransition("already_assigned", current="assigned", target="assigned")
            row = PeerAssignmentRow(
                period_id=a.period_id,
                rater_id=ids[a.rater_nip],
                ratee_id=ids[a.ratee_nip],
                relation=a.relation.value,
                source=a.source.value,
                submitted=False,
            )
            self._s.add(row)
            rows.append((row, a))
        try:
            await self._s.flush()
        except IntegrityError:  # the same pair twice in the list, or another process's
            raise InvalidTransition(
                "already_assigned", current="assigned", target="assigned"
            ) from None
        return [_assignment(row, a.rater_nip, a.ratee_nip) for row, a in rows]

    async def withdraw(self, assignment_ids: Sequence[int]) -> None:
        if not assignment_ids:
            return
        ids = list(assignment_ids)
        erase_traces_on_commit(self._s)  # a withdrawn rater's answers leave no page behind
        await self._s.exec(
            delete(PeerResponseRow).where(col(PeerResponseRow.assignment_id).in_(ids))
        )
        await self._s.exec(delete(PeerAssignmentRow).where(col(PeerAssignmentRow.id).in_(ids)))

    async def submitted(self, period_id: int) -> dict[int, bool]:
        query = select(PeerAssignmentRow.id, PeerAssignmentRow.submitted).where(
            PeerAssignmentRow.period_id == period_id
        )
        return {id_: done for id_, done in await self._s.exec(query) if id_ is not None}


def _response(row: PeerResponseRow, ratee_nip: str) -> PeerResponse:
    return PeerResponse(
        row.period_id,
        ratee_nip,
        Relation(row.relation),
        {code: (None if score is None else int(score)) for code, score in row.scores.items()},
        keep_doing=row.keep_doing,
        improve=row.improve,
    )


class SqlPeerResponseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def of_assignment(self, assignment_id: int) -> PeerResponse | None:
        query = (
            select(PeerResponseRow, EmployeeRow.nip)
            .join(EmployeeRow, col(EmployeeRow.id) == PeerResponseRow.ratee_id)
            .where(PeerResponseRow.assignment_id == assignment_id)
        )
        found = (await self._s.exec(query)).first()
        return _response(*found) if found else None

    async def submit(self, assignment_id: int, response: PeerResponse) -> None:
        assignment = await self._s.get(PeerAssignmentRow, assignment_id)
        if assignment is None:
            raise NotFound("peer_assignment", ref=str(assignment_id))
        query = select(PeerResponseRow).where(PeerResponseRow.assignment_id == assignment_id)
        row = (await self._s.exec(query)).first()
        if row is None:
            row = PeerResponseRow(
                id=secrets.randbits(RESPONSE_ID_BITS) + 1,
                period_id=response.period_id,
                ratee_id=assignment.ratee_id,
                relation=response.relation.value,
                assignment_id=assignment_id,
            )
            self._s.add(row)
        row.scores = dict(response.scores)
        row.keep_doing = response.keep_doing
        row.improve = response.improve
        assignment.submitted = True
        await self._s.flush()

    async def for_ratee(self, period_id: int, ratee_nip: str) -> list[PeerResponse]:
        query = (
            select(PeerResponseRow, EmployeeRow.nip)
            .join(EmployeeRow, col(EmployeeRow.id) == PeerResponseRow.ratee_id)
            .where(PeerResponseRow.period_id == period_id, EmployeeRow.nip == ratee_nip)
            .order_by(col(PeerResponseRow.id))  # random ids: no meaningful order
        )
        return [_response(row, nip) for row, nip in await self._s.exec(query)]

    async def seal(self, period_id: int) -> int:
        erase_traces_on_commit(self._s)  # the links must not survive in SQLite's log
        result = await self._s.exec(
            update(PeerResponseRow)
            .where(
                col(PeerResponseRow.period_id) == period_id,
                col(PeerResponseRow.assignment_id).is_not(None),
            )
            .values(assignment_id=None)
        )
        return int(result.rowcount or 0)


def _relations_json(summary: FrozenSummary) -> dict[str, Any]:
    return {
        relation.value: {
            "responses": shown.responses,
            "values": [[v.code, v.raters, v.total] for v in shown.values],
            "keep_doing": list(shown.keep_doing),
            "improve": list(shown.improve),
        }
        for relation, shown in summary.relations.items()
    }


def _summary(row: PeerSummaryRow, ratee_nip: str) -> FrozenSummary:
    relations = {
        Relation(name): RelationSummary(
            Relation(name),
            data["responses"],
            tuple(ValueSummary(code, raters, total) for code, raters, total in data["values"]),
            tuple(data["keep_doing"]),
            tuple(data["improve"]),
        )
        for name, data in row.relations.items()
    }
    return FrozenSummary(
        row.period_id, ratee_nip, row.frozen_at, row.min_raters, int(row.seed), relations
    )


class SqlFrozenSummaryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    @staticmethod
    def _query(period_id: int) -> Select[PeerSummaryRow, str]:
        return (
            select(PeerSummaryRow, EmployeeRow.nip)
            .join(EmployeeRow, col(EmployeeRow.id) == PeerSummaryRow.ratee_id)
            .where(PeerSummaryRow.period_id == period_id)
        )

    async def get(self, period_id: int, ratee_nip: str) -> FrozenSummary | None:
        query = self._query(period_id).where(EmployeeRow.nip == ratee_nip)
        found = (await self._s.exec(query)).first()
        return _summary(*found) if found else None

    async def add(self, summary: FrozenSummary) -> None:
        ids = await employee_ids(self._s, [summary.ratee_nip])
        ratee_id = ids[summary.ratee_nip]
        taken = select(PeerSummaryRow.id).where(
            PeerSummaryRow.period_id == summary.period_id, PeerSummaryRow.ratee_id == ratee_id
        )
        if (await self._s.exec(taken)).first() is not None:
            raise InvalidTransition("already_frozen", current="frozen", target="frozen")
        self._s.add(
            PeerSummaryRow(
                period_id=summary.period_id,
                ratee_id=ratee_id,
                frozen_at=summary.frozen_at,
                min_raters=summary.min_raters,
                seed=str(summary.seed),
                relations=_relations_json(summary),
            )
        )
        try:
            await self._s.flush()
        except IntegrityError:  # another process froze it first
            raise InvalidTransition("already_frozen", current="frozen", target="frozen") from None

    async def for_period(
        self, period_id: int, ratee_nips: Sequence[str] | None = None
    ) -> dict[str, FrozenSummary]:
        query = self._query(period_id)
        if ratee_nips is not None:
            query = query.where(col(EmployeeRow.nip).in_(ratee_nips))
        return {nip: _summary(row, nip) for row, nip in await self._s.exec(query)}

    async def unfrozen_ratees(self, period_id: int) -> list[str]:
        frozen = exists().where(
            col(PeerSummaryRow.period_id) == period_id,
            col(PeerSummaryRow.ratee_id) == col(PeerAssignmentRow.ratee_id),
        )
        query = (
            select(EmployeeRow.nip)
            .join(PeerAssignmentRow, col(PeerAssignmentRow.ratee_id) == EmployeeRow.id)
            .where(PeerAssignmentRow.period_id == period_id, ~frozen)
            .distinct()
            .order_by(col(EmployeeRow.nip))
        )
        return list(await self._s.exec(query))
