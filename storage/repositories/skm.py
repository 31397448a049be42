"""SKM storage: the responses and paper imports, the daily-limit marks, populations and RTL.

The report queries over the responses (the GROUP BYs) are read-side, in ``storage/queries/skm.py``;
they read the columns named here (``SCORE_COLUMN``, ``PROFILE_COLUMN``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import and_, delete, func, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import Population, Rtl, ScopeKind
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import SkmResponse
from storage.repositories.skm_pending import SqlPendingResponses
from storage.tables.skm import (
    SkmMarkRow,
    SkmPaperImportRow,
    SkmPopulationRow,
    SkmResponseRow,
    SkmRtlRow,
)

# Core tables: these repositories speak SQL expressions, not ORM objects.
RESPONSES: Final = SkmResponseRow.__table__  # type: ignore[attr-defined]
MARKS: Final = SkmMarkRow.__table__  # type: ignore[attr-defined]
POPULATIONS: Final = SkmPopulationRow.__table__  # type: ignore[attr-defined]
RTLS: Final = SkmRtlRow.__table__  # type: ignore[attr-defined]
PAPER_IMPORTS: Final = SkmPaperImportRow.__table__  # type: ignore[attr-defined]
# Unsur code → column, by name (never by position: U8/U9 differ between lists, §1.2).
SCORE_COLUMN: Final = {code: RESPONSES.c[code.lower()] for code in UNSUR_CODES}
PROFILE_COLUMN: Final = {
    "gender": RESPONSES.c.gender,
    "age": RESPONSES.c.age_band,
    "education": RESPONSES.c.education,
    "occupation": RESPONSES.c.occupation,
}


def upsert(dialect: str) -> Any:
    """``INSERT … ON CONFLICT`` of the dialect."""
    return pg_insert if dialect == "postgresql" else sqlite_insert


class _Core:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def _execute(self, statement: Executable, params: Any = None) -> Any:
        """Core SQL on the unit of work's connection (same transaction as everything else)."""
        connection = await self._s.connection()
        return await connection.execute(statement, params)


def _row(response: SkmResponse) -> dict[str, Any]:
    values: dict[str, Any] = {
        "service_id": response.service_id,
        "unit_id": response.unit_id,
        "submitted_at": response.submitted_at,
        "local_date": response.local_date,
        "channel": response.channel.value,
        "suggestion": response.suggestion,
        "contact": response.contact,
    }
    for code, column in SCORE_COLUMN.items():
        values[column.name] = response.scores.get(code)
    for key, column in PROFILE_COLUMN.items():
        values[column.name] = response.profile.get(key)
    return values


class SqlSkmResponseRepository(SqlPendingResponses, _Core):
    async def add(self, responses: Sequence[SkmResponse]) -> list[int]:
        if not responses:
            return []
        if len(responses) == 1:
            result: Any = await self._execute(insert(RESPONSES).values(_row(responses[0])))
            return [int(result.inserted_primary_key[0])]
        statement = insert(RESPONSES).returning(RESPONSES.c.id, sort_by_parameter_order=True)
        result = await self._execute(statement, [_row(r) for r in responses])
        return [int(found) for found in result.scalars()]

    async def paper_import_at(self, sha256: str) -> datetime | None:
        statement = select(PAPER_IMPORTS.c.imported_at).where(PAPER_IMPORTS.c.sha256 == sha256)
        found: datetime | None = (await self._execute(statement)).scalar_one_or_none()
        return found

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None:
        statement = (
            upsert(self._dialect)(PAPER_IMPORTS)
            .values(sha256=sha256, rows=rows, imported_at=at)
            .on_conflict_do_update(
                index_elements=["sha256"], set_={"rows": rows, "imported_at": at}
            )
        )
        await self._execute(statement)


class SqlDailyLimitMarks(_Core):
    async def take(self, mark: str, *, day: date, limit: int) -> bool:
        # One statement: a concurrent transaction taking the same mark waits on the row (or the
        # primary key) and then sees the count this one committed.
        statement = (
            upsert(self._dialect)(MARKS)
            .values(mark=mark, local_date=day, count=1)
            .on_conflict_do_update(
                index_elements=["mark"],
                set_={"count": MARKS.c.count + 1},
                where=MARKS.c.count < limit,
            )
            .returning(MARKS.c.count)
        )
        return (await self._execute(statement)).first() is not None

    async def release(self, mark: str) -> None:
        await self._execute(
            update(MARKS).where(MARKS.c.mark == mark).values(count=MARKS.c.count - 1)
        )
        await self._execute(delete(MARKS).where(MARKS.c.mark == mark, MARKS.c.count <= 0))

    async def count(self, mark: str) -> int:
        found = await self._execute(select(MARKS.c.count).where(MARKS.c.mark == mark))
        return int(found.scalar_one_or_none() or 0)

    async def prune(self, *, before: date) -> int:
        result: Any = await self._execute(delete(MARKS).where(MARKS.c.local_date < before))
        return int(result.rowcount)


class SqlFollowUpRepository(_Core):
    async def save_population(self, population: Population) -> None:
        # An upsert: two admins saving at once must not trip over the unique key.
        period = population.period
        values = {
            "population": population.population,
            "recorded_at": population.recorded_at,
            "recorded_by": population.recorded_by,
        }
        statement = (
            upsert(self._dialect)(POPULATIONS)
            .values(
                scope=population.scope.value,
                scope_id=population.scope_id,
                date_from=period.date_from,
                date_to=period.date_to,
                **values,
            )
            .on_conflict_do_update(
                index_elements=["scope", "scope_id", "date_from", "date_to"], set_=values
            )
        )
        await self._execute(statement)

    async def populations(
        self, scope: ScopeKind, scope_ids: Sequence[int], period: ReportPeriod
    ) -> dict[int, int]:
        table = POPULATIONS
        statement = select(table.c.scope_id, table.c.population).where(
            table.c.scope == scope.value,
            table.c.scope_id.in_(scope_ids),
            table.c.date_from == period.date_from,
            table.c.date_to == period.date_to,
        )
        return {int(i): int(n) for i, n in await self._execute(statement)}

    async def save_rtl(self, rtl: Rtl) -> None:
        key = {
            "scope": rtl.scope.value,
            "scope_id": rtl.scope_id,
            "date_from": rtl.period.date_from,
            "date_to": rtl.period.date_to,
            "unsur": rtl.unsur,
        }
        values = {
            "nrr": rtl.nrr,
            "plan": rtl.plan,
            "recorded_by": rtl.recorded_by,
            "recorded_at": rtl.recorded_at,
        }
        statement = (
            upsert(self._dialect)(RTLS)
            .values(**key, **values)
            .on_conflict_do_update(index_elements=list(key), set_=values)
        )
        await self._execute(statement)

    async def previous_rtl(
        self, scope: ScopeKind, scope_ids: Sequence[int], before: date
    ) -> list[Rtl]:
        table = RTLS
        mine = and_(table.c.scope == scope.value, table.c.scope_id.in_(scope_ids))
        latest = (
            select(table.c.scope_id, func.max(table.c.date_to).label("date_to"))
            .where(mine, table.c.date_to < before)
            .group_by(table.c.scope_id)
            .subquery()
        )
        statement = (
            select(table)
            .where(mine, tuple_(table.c.scope_id, table.c.date_to).in_(select(latest)))
            .order_by(table.c.scope_id, table.c.date_from.desc(), table.c.unsur)
        )
        found = [_rtl(row) for row in (await self._execute(statement)).mappings()]
        # Periods ending the same day (a quarter and its semester): one period's plans only,
        # the one that started last (rows come latest start first per scope).
        chosen: dict[int, date] = {}
        for rtl in found:
            chosen.setdefault(rtl.scope_id, rtl.period.date_from)
        return [r for r in found if r.period.date_from == chosen[r.scope_id]]


def _rtl(row: Any) -> Rtl:
    return Rtl(
        ScopeKind(row["scope"]),
        int(row["scope_id"]),
        ReportPeriod(row["date_from"], row["date_to"]),
        row["unsur"],
        row["nrr"],
        row["plan"],
        row["recorded_at"],
        row["recorded_by"],
    )
