"""The SKM's report queries: aggregates in SQL.

A report is one ``SELECT group, COUNT(*), SUM(u1), COUNT(u1), … GROUP BY group``: NRR divides by
``COUNT(u_k)`` (the respondents who answered that unsur), and the domain turns the sums into an
exact IKM. Responses are never loaded into Python to be averaged.

Responses are filtered and grouped by ``service_id`` (the covering index's first column). "By
unit" groups the per-service sums by the unit each service belongs to *now* (a small outer
query over ``public_services``), so a service that moved takes its responses along. Profile
counts are one pass too: one GROUP BY over the four profile columns, read from their index in
group order; the few thousand combinations are added up per field here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import ColumnElement, exists, func, null, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable, Select

from domain.skm.ikm import UNSUR_CODES, UnsurTotals
from domain.skm.report_model import (
    Grouping,
    ProfileCount,
    ResponseFilter,
    Suggestion,
    UnsurAggregate,
)
from storage.repositories.skm import PROFILE_COLUMN, RESPONSES, SCORE_COLUMN
from storage.tables import ServiceRow

SERVICES: Final = ServiceRow.__table__  # type: ignore[attr-defined]


def _where(where: ResponseFilter) -> list[ColumnElement[bool]]:
    period = where.period
    clauses = [RESPONSES.c.local_date.between(period.date_from, period.date_to)]
    if where.service_ids is not None:
        clauses.append(RESPONSES.c.service_id.in_(where.service_ids))
    return clauses


def _score_measures() -> list[Any]:
    return [f(column) for column in SCORE_COLUMN.values() for f in (func.sum, func.count)]


def _grouped(
    where: ResponseFilter, by: Grouping, measures: Sequence[Any], keys: Sequence[Any] = ()
) -> Select[Any]:
    """``SELECT group, *keys, *measures … GROUP BY group, *keys`` over the filtered responses.
    Every measure is a sum or a count, so the per-service rows add up to the per-unit ones."""
    service = RESPONSES.c.service_id
    if by is Grouping.ALL:
        statement = select(null(), *keys, *measures).where(*_where(where))
        return statement.group_by(*keys) if keys else statement
    per_service = select(service, *keys, *measures).where(*_where(where))
    per_service = per_service.group_by(service, *keys)
    if by is Grouping.SERVICE:
        return per_service.order_by(service)
    inner = per_service.subquery()
    unit = SERVICES.c.unit_id
    service_id, *columns = inner.c
    grouped, measured = columns[: len(keys)], columns[len(keys) :]
    return (
        select(unit, *grouped, *(func.sum(column) for column in measured))
        .join_from(inner, SERVICES, SERVICES.c.id == service_id)
        .group_by(unit, *grouped)
        .order_by(unit)
    )


def _aggregate_row(row: Sequence[Any]) -> UnsurAggregate:
    group_id, respondents, *sums = row
    totals = tuple(
        UnsurTotals(code, int(sums[2 * i] or 0), int(sums[2 * i + 1] or 0))
        for i, code in enumerate(UNSUR_CODES)
    )
    return UnsurAggregate(group_id, int(respondents or 0), totals)


class SqlSkmQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def _execute(self, statement: Executable) -> Any:
        """Core SQL on the unit of work's connection (same transaction as everything else)."""
        connection = await self._s.connection()
        return await connection.execute(statement)

    async def aggregate(self, where: ResponseFilter, *, by: Grouping) -> list[UnsurAggregate]:
        statement = _grouped(where, by, [func.count(), *_score_measures()])
        rows = (await self._execute(statement)).all()
        return [_aggregate_row(row) for row in rows if row[1]]

    async def profile_counts(self, where: ResponseFilter, *, by: Grouping) -> list[ProfileCount]:
        columns = list(PROFILE_COLUMN.values())
        statement = _grouped(where, by, [func.count()], keys=columns)
        counts: dict[tuple[int | None, str, str | None], int] = defaultdict(int)
        for group_id, *values, count in (await self._execute(statement)).all():
            for key, value in zip(PROFILE_COLUMN, values, strict=True):
                counts[(group_id, key, value)] += int(count)
        return [ProfileCount(g, key, value, n) for (g, key, value), n in counts.items() if n]

    async def suggestions(
        self, where: ResponseFilter, *, by: Grouping, limit: int | None = None
    ) -> list[Suggestion]:
        groups = {Grouping.SERVICE: RESPONSES.c.service_id, Grouping.UNIT: SERVICES.c.unit_id}
        statement = (
            select(
                groups.get(by, null()),
                SERVICES.c.code,
                RESPONSES.c.local_date,
                RESPONSES.c.channel,
                RESPONSES.c.suggestion,
                RESPONSES.c.contact,
            )
            .join(SERVICES, SERVICES.c.id == RESPONSES.c.service_id)
            .where(*_where(where), RESPONSES.c.suggestion.is_not(None))
            .order_by(RESPONSES.c.local_date.desc(), RESPONSES.c.id.desc())
        )
        if limit is not None:
            statement = statement.limit(limit)
        return [Suggestion(*row) for row in await self._execute(statement)]

    async def suggestion_count(self, where: ResponseFilter) -> int:
        statement = select(func.count()).where(*_where(where), RESPONSES.c.suggestion.is_not(None))
        return int((await self._execute(statement)).scalar_one())

    async def services_with_responses(self, service_ids: Sequence[int]) -> set[int]:
        answered = exists(select(RESPONSES.c.id).where(RESPONSES.c.service_id == SERVICES.c.id))
        statement = select(SERVICES.c.id).where(SERVICES.c.id.in_(service_ids), answered)
        return {int(found) for found in (await self._execute(statement)).scalars()}
