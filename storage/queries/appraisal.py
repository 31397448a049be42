"""The appraisal's report queries: the predikat spread of a unit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.appraisal.predikat import Predikat
from storage.tables import AppraisalRow, EmployeeRow


class SqlAppraisalQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def predikat_counts(self, period_id: int, unit_ids: Sequence[int]) -> dict[Predikat, int]:
        query = (
            select(AppraisalRow.predikat, func.count())
            .join(EmployeeRow, col(EmployeeRow.id) == AppraisalRow.employee_id)
            .where(
                AppraisalRow.period_id == period_id,
                col(EmployeeRow.unit_id).in_(unit_ids),
                col(AppraisalRow.predikat).is_not(None),
            )
            .group_by(col(AppraisalRow.predikat))
        )
        return {Predikat(p): int(n) for p, n in await self._s.exec(query) if p}
