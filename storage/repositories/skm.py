"""SKM storage: responses, the daily-limit marks, populations, RTL; aggregates in SQL.

A report is one ``SELECT group, COUNT(*), SUM(u1), COUNT(u1), … GROUP BY group``: NRR divides by
``COUNT(u_k)`` (the respondents who answered that unsur), and the domain turns the sums into an
exact IKM. Responses are never loaded into Python to be averaged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, delete, func, insert, null, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from domain.ports import ServiceRecord
from domain.skm import UNSUR_CODES, UnsurTotals
from domain.skm_report import (
    Grouping,
    Period,
    Population,
    ProfileCount,
    ResponseFilter,
    Rtl,
    ScopeKind,
    Suggestion,
    UnsurAggregate,
)
from domain.skm_survey import PROFILE, SkmResponse
from storage.tables import ConversationRow, EmployeeRow, ServiceRow, UnitRow
from storage.tables.skm import SkmMarkRow, SkmPopulationRow, SkmResponseRow, SkmRtlRow

# Core tables: the repository speaks SQL expressions, not ORM objects.
RESPONSES: Final = SkmResponseRow.__table__  # type: ignore[attr-defined]
MARKS: Final = SkmMarkRow.__table__  # type: ignore[attr-defined]
POPULATIONS: Final = SkmPopulationRow.__table__  # type: ignore[attr-defined]
RTLS: Final = SkmRtlRow.__table__  # type: ignore[attr-defined]
SERVICES: Final = ServiceRow.__table__  # type: ignore[attr-defined]
UNITS: Final = UnitRow.__table__  # type: ignore[attr-defined]
EMPLOYEES: Final = EmployeeRow.__table__  # type: ignore[attr-defined]
SESSIONS: Final = ConversationRow.__table__  # type: ignore[attr-defined]
# Unsur code → column, by name (never by position: U8/U9 differ between lists, §1.2).
SCORE_COLUMN: Final = {code: RESPONSES.c[code.lower()] for code in UNSUR_CODES}
PROFILE_COLUMN: Final = {
    "gender": RESPONSES.c.gender,
    "age": RESPONSES.c.age_band,
    "education": RESPONSES.c.education,
    "occupation": RESPONSES.c.occupation,
}
MARK_RETENTION: Final = timedelta(days=2)  # a mark is useless once its day is over everywhere


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


def _where(where: ResponseFilter) -> list[ColumnElement[bool]]:
    period = where.period
    clauses = [RESPONSES.c.local_date.between(period.date_from, period.date_to)]
    if where.unit_ids is not None:
        clauses.append(RESPONSES.c.unit_id.in_(where.unit_ids))
    if where.service_ids is not None:
        clauses.append(RESPONSES.c.service_id.in_(where.service_ids))
    return clauses


def _group_column(by: Grouping) -> Any:
    if by is Grouping.SERVICE:
        return RESPONSES.c.service_id
    if by is Grouping.UNIT:
        return RESPONSES.c.unit_id
    return None


def _aggregate_row(row: Sequence[Any]) -> UnsurAggregate:
    group_id, respondents, *sums = row
    totals = tuple(
        UnsurTotals(code, int(sums[2 * i] or 0), int(sums[2 * i + 1]))
        for i, code in enumerate(UNSUR_CODES)
    )
    return UnsurAggregate(group_id, int(respondents), totals)


class SqlSkmRepository:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._s = session
        self._dialect = dialect

    async def _execute(self, statement: Executable, params: Any = None) -> Any:
        """Core SQL on the unit of work's connection (same transaction as everything else)."""
        connection = await self._s.connection()
        return await connection.execute(statement, params)

    async def add_responses(self, responses: Sequence[SkmResponse]) -> list[int]:
        if not responses:
            return []
        if len(responses) == 1:
            result: Any = await self._execute(insert(RESPONSES).values(_row(responses[0])))
            return [int(result.inserted_primary_key[0])]
        statement = insert(RESPONSES).returning(RESPONSES.c.id, sort_by_parameter_order=True)
        result = await self._execute(statement, [_row(r) for r in responses])
        return [int(found) for found in result.scalars()]

    async def take_mark(self, mark: str, *, day: date, limit: int) -> bool:
        insert_ = pg_insert if self._dialect == "postgresql" else sqlite_insert
        table = MARKS
        statement = (
            insert_(table)
            .values(mark=mark, local_date=day, count=1)
            .on_conflict_do_update(
                index_elements=["mark"],
                set_={"count": table.c.count + 1},
                where=table.c.count < limit,
            )
            .returning(table.c.count)
        )
        taken = (await self._execute(statement)).first() is not None
        await self._execute(delete(table).where(table.c.local_date < day - MARK_RETENTION))
        return taken

    async def mark_count(self, mark: str) -> int:
        found = await self._execute(select(MARKS.c.count).where(MARKS.c.mark == mark))
        return int(found.scalar_one_or_none() or 0)

    async def aggregate(self, where: ResponseFilter, *, by: Grouping) -> list[UnsurAggregate]:
        group = _group_column(by)
        sums = [f(column) for column in SCORE_COLUMN.values() for f in (func.sum, func.count)]
        key = group if group is not None else null()  # NULL: one group for everything
        statement = select(key, func.count(), *sums).where(*_where(where))
        if group is not None:
            statement = statement.group_by(group).order_by(group)
        rows = (await self._execute(statement)).all()
        return [_aggregate_row(row) for row in rows if row[1]]

    async def profile_counts(self, where: ResponseFilter, *, by: Grouping) -> list[ProfileCount]:
        group = _group_column(by)
        found = []
        for profile in PROFILE:
            column = PROFILE_COLUMN[profile.key]
            keys = [column] if group is None else [group, column]
            statement = select(*keys, func.count()).where(*_where(where)).group_by(*keys)
            for row in await self._execute(statement):
                group_id, value, count = (None, row[0], row[1]) if group is None else tuple(row)
                found.append(ProfileCount(group_id, profile.key, value, int(count)))
        return found

    async def suggestions(
        self, where: ResponseFilter, *, by: Grouping, limit: int
    ) -> list[Suggestion]:
        group = _group_column(by)
        statement = (
            select(
                group if group is not None else null(),
                SERVICES.c.code,
                RESPONSES.c.local_date,
                RESPONSES.c.channel,
                RESPONSES.c.suggestion,
                RESPONSES.c.contact,
            )
            .join(SERVICES, SERVICES.c.id == RESPONSES.c.service_id)
            .where(*_where(where), RESPONSES.c.suggestion.is_not(None))
            .order_by(RESPONSES.c.local_date.desc(), RESPONSES.c.id.desc())
            .limit(limit)
        )
        return [Suggestion(*row) for row in await self._execute(statement)]

    async def save_population(self, population: Population) -> None:
        table = POPULATIONS
        period = population.period
        await self._execute(
            delete(table).where(
                table.c.scope == population.scope.value,
                table.c.scope_id == population.scope_id,
                table.c.date_from == period.date_from,
                table.c.date_to == period.date_to,
            )
        )
        await self._execute(
            insert(table).values(
                scope=population.scope.value,
                scope_id=population.scope_id,
                date_from=period.date_from,
                date_to=period.date_to,
                population=population.population,
                recorded_at=population.recorded_at,
                recorded_by=population.recorded_by,
            )
        )

    async def populations(
        self, scope: ScopeKind, scope_ids: Sequence[int], period: Period
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
        table = RTLS
        key = {
            "scope": rtl.scope.value,
            "scope_id": rtl.scope_id,
            "date_from": rtl.period.date_from,
            "date_to": rtl.period.date_to,
            "unsur": rtl.unsur,
        }
        await self._execute(delete(table).where(*(table.c[k] == v for k, v in key.items())))
        values = {"nrr": rtl.nrr, "plan": rtl.plan, "recorded_by": rtl.recorded_by}
        await self._execute(insert(table).values(**key, **values, recorded_at=rtl.recorded_at))

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
            .order_by(table.c.scope_id, table.c.unsur)
        )
        return [_rtl(row) for row in (await self._execute(statement)).mappings()]

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        staff = EMPLOYEES.c
        statement = (
            select(staff.telegram_id)
            .where(
                staff.is_admin.is_(True),
                staff.telegram_id.is_not(None),
                or_(staff.admin_unit_id.is_(None), staff.admin_unit_id.in_(unit_path)),
            )
            .order_by(staff.id)
        )
        return [int(chat) for chat in (await self._execute(statement)).scalars()]

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        statement = delete(SESSIONS).where(
            SESSIONS.c.questionnaire_id == questionnaire_id, SESSIONS.c.updated_at < before
        )
        result: Any = await self._execute(statement)
        return int(result.rowcount)

    async def service(self, service_id: int) -> ServiceRecord | None:
        statement = (
            select(
                SERVICES.c.id,
                SERVICES.c.code,
                SERVICES.c.name,
                SERVICES.c.unit_id,
                UNITS.c.code,
                UNITS.c.name,
                SERVICES.c.active,
            )
            .join(UNITS, UNITS.c.id == SERVICES.c.unit_id)
            .where(SERVICES.c.id == service_id)
        )
        found = (await self._execute(statement)).first()
        return ServiceRecord(*found) if found else None


def _rtl(row: Any) -> Rtl:
    return Rtl(
        ScopeKind(row["scope"]),
        int(row["scope_id"]),
        Period(row["date_from"], row["date_to"]),
        row["unsur"],
        row["nrr"],
        row["plan"],
        row["recorded_at"],
        row["recorded_by"],
    )
