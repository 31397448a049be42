"""The admins' summary and the monthly recognition's queries (``ReportQueries``): counts the
database computes, tested on SQLite and PostgreSQL (tests/integration/queries/)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, func, literal, select
from sqlalchemy.sql import Executable
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.appraisal.model import AppraisalStatus
from domain.appraisal.predikat import Predikat
from domain.reminders.recognition import SangatBaik
from domain.reminders.report_ports import Unreachable
from domain.reminders.summary import UnitCounts
from storage.tables import (
    AppraisalRow,
    AuditRow,
    ChatAccountRow,
    EmployeeRow,
    PeerAssignmentRow,
    PeriodRow,
)

ASSESSED = (
    AppraisalStatus.ASSESSED,
    AppraisalStatus.ACKNOWLEDGED,
    AppraisalStatus.OBJECTED,
    AppraisalStatus.DECIDED,
)
SELF_DONE = (AppraisalStatus.SUBMITTED, *ASSESSED)


def _count_when(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


class SqlReportQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def _rows(self, statement: Executable) -> list[Any]:
        """Core SQL on the unit of work's connection (same transaction as everything else)."""
        connection = await self._s.connection()
        return list((await connection.execute(statement)).all())

    async def unit_counts(self, period_ids: Sequence[int]) -> list[UnitCounts]:
        if not period_ids:
            return []
        status = col(AppraisalRow.status)
        query = (
            select(
                col(EmployeeRow.unit_id),
                col(PeriodRow.id),
                func.count(),
                _count_when(status.in_([s.value for s in SELF_DONE])),
                _count_when(status.in_([s.value for s in ASSESSED])),
                _count_when(col(EmployeeRow.telegram_id).is_(None)),
            )
            .select_from(EmployeeRow)
            .join(PeriodRow, col(PeriodRow.id).in_(period_ids))
            .outerjoin(
                AppraisalRow,
                and_(
                    col(AppraisalRow.employee_id) == col(EmployeeRow.id),
                    col(AppraisalRow.period_id) == col(PeriodRow.id),
                ),
            )
            .group_by(col(EmployeeRow.unit_id), col(PeriodRow.id))
            .order_by(col(EmployeeRow.unit_id), col(PeriodRow.id))
        )
        peers = await self._peer_counts(period_ids)
        return [
            UnitCounts(
                unit,
                period,
                int(n),
                int(done or 0),
                int(assessed or 0),
                int(unbound or 0),
                *peers.get((unit, period), (0, 0)),
            )
            for unit, period, n, done, assessed, unbound in await self._rows(query)
        ]

    async def _peer_counts(
        self, period_ids: Sequence[int]
    ) -> dict[tuple[int, int], tuple[int, int]]:
        query = (
            select(
                col(EmployeeRow.unit_id),
                col(PeerAssignmentRow.period_id),
                func.count(),
                _count_when(col(PeerAssignmentRow.submitted).is_(True)),
            )
            .join(EmployeeRow, col(EmployeeRow.id) == PeerAssignmentRow.rater_id)
            .where(col(PeerAssignmentRow.period_id).in_(period_ids))
            .group_by(col(EmployeeRow.unit_id), col(PeerAssignmentRow.period_id))
        )
        rows = await self._rows(query)
        return {(unit, period): (int(n), int(done or 0)) for unit, period, n, done in rows}

    async def unreachable(self) -> list[Unreachable]:
        query = (
            select(col(EmployeeRow.id), col(EmployeeRow.name), col(EmployeeRow.unit_id))
            .join(ChatAccountRow, col(ChatAccountRow.telegram_id) == EmployeeRow.telegram_id)
            .where(col(ChatAccountRow.blocked_at).is_not(None))
            .order_by(col(EmployeeRow.name), col(EmployeeRow.id))
        )
        return [Unreachable(i, name, unit) for i, name, unit in await self._rows(query)]

    async def sangat_baik_closed(self, start: datetime, end: datetime) -> list[SangatBaik]:
        closed = (
            select(func.max(col(AuditRow.at)))
            .where(
                col(AuditRow.action) == "period.close",
                col(AuditRow.subject) == literal("period:") + cast(col(PeriodRow.id), String),
            )
            .scalar_subquery()
        )
        query = (
            select(
                col(EmployeeRow.id),
                col(EmployeeRow.name),
                col(EmployeeRow.unit_id),
                col(PeriodRow.name),
            )
            .join(AppraisalRow, col(AppraisalRow.employee_id) == EmployeeRow.id)
            .join(PeriodRow, col(PeriodRow.id) == AppraisalRow.period_id)
            .where(
                col(AppraisalRow.predikat) == Predikat.SANGAT_BAIK.value,
                col(PeriodRow.status) == "closed",
                closed >= start,
                closed < end,
            )
            .order_by(col(EmployeeRow.name), col(EmployeeRow.id), col(PeriodRow.id))
        )
        return [
            SangatBaik(i, name, unit, period) for i, name, unit, period in await self._rows(query)
        ]
