"""Coaching records and their Format B.1.8 feedback, the recommendation catalogue, development
plans (``domain/peer/ports.py``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from domain.errors import InvalidTransition
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import (
    Catalogue,
    DevelopmentPlanItem,
    Recommendation,
    RecommendationKind,
)
from storage.repositories.peer import employee_ids
from storage.tables import (
    CatalogueItemRow,
    CoachingFeedbackRow,
    CoachingRecordRow,
    DevelopmentPlanRow,
    EmployeeRow,
    PeriodRow,
)

_Employee = aliased(EmployeeRow, name="coached")
_Coach = aliased(EmployeeRow, name="coach")


def _record(row: CoachingRecordRow, employee: str, coach: str) -> CoachingRecord:
    return CoachingRecord(
        row.period_id,
        employee,
        coach,
        row.held_on,
        row.topic,
        row.follow_up,
        row.recorded_at,
        row.id,
    )


class SqlCoachingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    @staticmethod
    def _query() -> Select[CoachingRecordRow, str, str]:
        return (
            select(CoachingRecordRow, _Employee.nip, _Coach.nip)
            .join(_Employee, col(_Employee.id) == CoachingRecordRow.employee_id)
            .join(_Coach, col(_Coach.id) == CoachingRecordRow.coach_id)
        )

    async def add(self, record: CoachingRecord) -> CoachingRecord:
        ids = await employee_ids(self._s, [record.employee_nip, record.coach_nip])
        row = CoachingRecordRow(
            period_id=record.period_id,
            employee_id=ids[record.employee_nip],
            coach_id=ids[record.coach_nip],
            held_on=record.held_on,
            topic=record.topic,
            follow_up=record.follow_up,
            recorded_at=record.recorded_at,
        )
        self._s.add(row)
        await self._s.flush()
        return _record(row, record.employee_nip, record.coach_nip)

    async def get(self, record_id: int) -> CoachingRecord | None:
        found = (await self._s.exec(self._query().where(CoachingRecordRow.id == record_id))).first()
        return _record(*found) if found else None

    async def of_employee(self, period_id: int, employee_nip: str) -> list[CoachingRecord]:
        query = (
            self._query()
            .where(CoachingRecordRow.period_id == period_id, _Employee.nip == employee_nip)
            .order_by(col(CoachingRecordRow.held_on), col(CoachingRecordRow.id))
        )
        return [_record(*found) for found in await self._s.exec(query)]

    async def save_feedback(self, feedback: CoachingFeedback, *, now: datetime) -> None:
        if await self._s.get(CoachingFeedbackRow, feedback.record_id) is not None:
            raise InvalidTransition("already_answered", current="answered", target="answered")
        self._s.add(
            CoachingFeedbackRow(
                record_id=feedback.record_id,
                points=feedback.points,
                answers=list(feedback.answers),
                answered_at=now,
            )
        )
        try:
            await self._s.flush()
        except IntegrityError:  # answered at the same time from another process
            raise InvalidTransition(
                "already_answered", current="answered", target="answered"
            ) from None

    async def feedback(self, record_id: int) -> CoachingFeedback | None:
        row = await self._s.get(CoachingFeedbackRow, record_id)
        if row is None:
            return None
        return CoachingFeedback(row.record_id, row.points, tuple(int(a) for a in row.answers))


class SqlCatalogueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def load(self) -> Catalogue | None:
        query = select(CatalogueItemRow).order_by(
            col(CatalogueItemRow.position), col(CatalogueItemRow.id)
        )
        rows = list(await self._s.exec(query))
        if not rows:
            return None
        return Catalogue(
            tuple(
                Recommendation(
                    row.value_code, RecommendationKind(row.kind), row.title_id, row.title_en
                )
                for row in rows
            )
        )

    async def replace(self, catalogue: Catalogue, *, now: datetime) -> None:
        await self._s.exec(delete(CatalogueItemRow))
        for position, item in enumerate(catalogue.items):
            self._s.add(
                CatalogueItemRow(
                    position=position,
                    value_code=item.value_code,
                    kind=item.kind.value,
                    title_id=item.title_id,
                    title_en=item.title_en,
                    updated_at=now,
                )
            )
        await self._s.flush()


def _plan_item(row: DevelopmentPlanRow, nip: str) -> DevelopmentPlanItem:
    return DevelopmentPlanItem(
        row.period_id,
        nip,
        row.value_code,
        row.action,
        row.agreed_by,
        row.agreed_at,
        RecommendationKind(row.kind) if row.kind else None,
        row.mentor_nip,
        row.due_on,
        row.id,
    )


class SqlDevelopmentPlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, item: DevelopmentPlanItem) -> DevelopmentPlanItem:
        ids = await employee_ids(self._s, [item.employee_nip])
        row = DevelopmentPlanRow(
            period_id=item.period_id,
            employee_id=ids[item.employee_nip],
            value_code=item.value_code,
            action=item.action,
            agreed_by=item.agreed_by,
            agreed_at=item.agreed_at,
            kind=item.kind.value if item.kind else None,
            mentor_nip=item.mentor_nip,
            due_on=item.due_on,
        )
        self._s.add(row)
        await self._s.flush()
        return _plan_item(row, item.employee_nip)

    async def of_employee(
        self, employee_nip: str, *, period_id: int | None = None
    ) -> list[DevelopmentPlanItem]:
        query = (
            select(DevelopmentPlanRow)
            .join(EmployeeRow, col(EmployeeRow.id) == DevelopmentPlanRow.employee_id)
            .join(PeriodRow, col(PeriodRow.id) == DevelopmentPlanRow.period_id)
            .where(EmployeeRow.nip == employee_nip)
            .order_by(
                col(PeriodRow.start).desc(),
                col(PeriodRow.id).desc(),
                col(DevelopmentPlanRow.id),
            )
        )
        if period_id is not None:
            query = query.where(DevelopmentPlanRow.period_id == period_id)
        return [_plan_item(row, employee_nip) for row in await self._s.exec(query)]
