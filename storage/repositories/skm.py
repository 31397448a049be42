"""SKM storage: responses, the daily-limit marks, populations, RTL; aggregates in SQL.

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
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    exists,
    func,
    insert,
    null,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable, Select

from domain.org.ports import ServiceRecord
from domain.skm.ikm import UNSUR_CODES, UnsurTotals
from domain.skm.report_model import (
    Grouping,
    Population,
    ProfileCount,
    ResponseFilter,
    Rtl,
    ScopeKind,
    Suggestion,
    UnsurAggregate,
)
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import SkmResponse
from storage.tables import ConversationRow, EmployeeRow, ServiceRow, UnitRow
from storage.tables.skm import (
    SkmMarkRow,
    SkmPaperImportRow,
    SkmPopulationRow,
    SkmResponseRow,
    SkmRtlRow,
)

# Core tables: the repository speaks SQL expressions, not ORM objects.
RESPONSES: Final = SkmResponseRow.__table__  # type: ignore[attr-defined]
MARKS: Final = SkmMarkRow.__table__  # type: ignore[attr-defined]
POPULATIONS: Final = SkmPopulationRow.__table__  # type: ignore[attr-defined]
RTLS: Final = SkmRtlRow.__table__  # type: ignore[attr-defined]
PAPER_IMPORTS: Final = SkmPaperImportRow.__table__  # type: ignore[attr-defined]
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


def _upsert(dialect: str) -> Any:
    return pg_insert if dialect == "postgresql" else sqlite_insert


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
        # One statement: a concurrent transaction taking the same mark waits on the row (or the
        # primary key) and then sees the count this one committed.
        statement = (
            _upsert(self._dialect)(MARKS)
            .values(mark=mark, local_date=day, count=1)
            .on_conflict_do_update(
                index_elements=["mark"],
                set_={"count": MARKS.c.count + 1},
                where=MARKS.c.count < limit,
            )
            .returning(MARKS.c.count)
        )
        return (await self._execute(statement)).first() is not None

    async def release_mark(self, mark: str) -> None:
        await self._execute(
            update(MARKS).where(MARKS.c.mark == mark).values(count=MARKS.c.count - 1)
        )
        await self._execute(delete(MARKS).where(MARKS.c.mark == mark, MARKS.c.count <= 0))

    async def mark_count(self, mark: str) -> int:
        found = await self._execute(select(MARKS.c.count).where(MARKS.c.mark == mark))
        return int(found.scalar_one_or_none() or 0)

    async def prune_marks(self, *, before: date) -> int:
        result: Any = await self._execute(delete(MARKS).where(MARKS.c.local_date < before))
        return int(result.rowcount)

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

    async def paper_import_at(self, sha256: str) -> datetime | None:
        statement = select(PAPER_IMPORTS.c.imported_at).where(PAPER_IMPORTS.c.sha256 == sha256)
        found: datetime | None = (await self._execute(statement)).scalar_one_or_none()
        return found

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None:
        statement = (
            _upsert(self._dialect)(PAPER_IMPORTS)
            .values(sha256=sha256, rows=rows, imported_at=at)
            .on_conflict_do_update(
                index_elements=["sha256"], set_={"rows": rows, "imported_at": at}
            )
        )
        await self._execute(statement)

    async def save_population(self, population: Population) -> None:
        # An upsert: two admins saving at once must not trip over the unique key.
        period = population.period
        values = {
            "population": population.population,
            "recorded_at": population.recorded_at,
            "recorded_by": population.recorded_by,
        }
        statement = (
            _upsert(self._dialect)(POPULATIONS)
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
            _upsert(self._dialect)(RTLS)
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
        ReportPeriod(row["date_from"], row["date_to"]),
        row["unsur"],
        row["nrr"],
        row["plan"],
        row["recorded_at"],
        row["recorded_by"],
    )
