"""The peer area's repositories in memory: assignments, responses, frozen summaries, coaching,
the catalogue, development plans (``domain/peer/ports.py``)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from domain.errors import InvalidTransition, NotFound
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import (
    Catalogue,
    DevelopmentPlanItem,
    Recommendation,
    RecommendationKind,
)
from domain.peer.forms import PeerResponse
from domain.peer.raters import AssignmentSource, PeerAssignment, Relation
from tests.support.fakes.appraisal import _utc
from tests.support.fakes.org import _get_one
from tests.support.fakes.state import (
    CatalogueItemRow,
    CoachingFeedbackRow,
    CoachingRecordRow,
    DevelopmentPlanRow,
    FakeState,
    PeerAssignmentRow,
    PeerResponseRow,
    PeerSummaryRow,
)

_ALREADY_ASSIGNED = InvalidTransition("already_assigned", current="assigned", target="assigned")


def _ids(state: FakeState, nips: Iterable[str]) -> dict[str, int]:
    """NIP -> employee id, like ``storage.repositories.peer.employee_ids``."""
    wanted = set(nips)
    found = {row.nip: row.id for row in state.employees.values() if row.nip in wanted}
    missing = sorted(wanted - found.keys())
    if missing:
        raise NotFound("employee", ref=missing[0])
    return found


def _nip(state: FakeState, employee_id: int) -> str:
    return state.employees[employee_id].nip


class FakePeerAssignmentRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.peer

    def _domain(self, row: PeerAssignmentRow) -> PeerAssignment:
        return PeerAssignment(
            row.period_id,
            _nip(self._state, row.rater_id),
            _nip(self._state, row.ratee_id),
            Relation(row.relation),
            AssignmentSource(row.source),
            row.id,
        )

    def _rows(self, period_id: int) -> list[PeerAssignmentRow]:
        rows = [row for row in self._t.assignments.values() if row.period_id == period_id]
        return sorted(rows, key=lambda row: row.id)

    async def lock(self, period_id: int) -> None:
        return None  # writers are serialised by the fake unit of work

    async def for_period(
        self, period_id: int, *, ratee_nips: Sequence[str] | None = None
    ) -> list[PeerAssignment]:
        found = [self._domain(row) for row in self._rows(period_id)]
        if ratee_nips is not None:
            found = [a for a in found if a.ratee_nip in ratee_nips]
        return found

    async def of_rater(self, period_id: int, rater_nip: str) -> list[PeerAssignment]:
        return [a for a in await self.for_period(period_id) if a.rater_nip == rater_nip]

    async def get(self, assignment_id: int, *, for_update: bool = False) -> PeerAssignment | None:
        row = self._t.assignments.get(assignment_id)
        return self._domain(row) if row else None

    async def add(self, assignments: Sequence[PeerAssignment]) -> list[PeerAssignment]:
        ids = _ids(self._state, [nip for a in assignments for nip in a.pair])
        taken = {(r.period_id, r.rater_id, r.ratee_id) for r in self._t.assignments.values()}
        added = []
        for a in assignments:
            _get_one(self._state.appraisal.periods, a.period_id, "period")  # foreign key
            key = (a.period_id, ids[a.rater_nip], ids[a.ratee_nip])
            if key in taken:
                raise _ALREADY_ASSIGNED
            taken.add(key)
            row = PeerAssignmentRow(self._state.next_id(), *key, a.relation.value, a.source.value)
            self._t.assignments[row.id] = row
            added.append(self._domain(row))
        return added

    async def withdraw(self, assignment_ids: Sequence[int]) -> None:
        for response_id, response in list(self._t.responses.items()):
            if response.assignment_id in assignment_ids:
                del self._t.responses[response_id]
        for assignment_id in assignment_ids:
            self._t.assignments.pop(assignment_id, None)

    async def submitted(self, period_id: int) -> dict[int, bool]:
        return {row.id: row.submitted for row in self._rows(period_id)}


class FakePeerResponseRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.peer

    def _domain(self, row: PeerResponseRow) -> PeerResponse:
        return PeerResponse(
            row.period_id,
            _nip(self._state, row.ratee_id),
            Relation(row.relation),
            dict(row.scores),
            keep_doing=row.keep_doing,
            improve=row.improve,
        )

    def _linked(self, assignment_id: int) -> PeerResponseRow | None:
        rows = self._t.responses.values()
        return next((row for row in rows if row.assignment_id == assignment_id), None)

    async def of_assignment(self, assignment_id: int) -> PeerResponse | None:
        row = self._linked(assignment_id)
        return self._domain(row) if row else None

    async def submit(self, assignment_id: int, response: PeerResponse) -> None:
        assignment = self._t.assignments.get(assignment_id)
        if assignment is None:
            raise NotFound("peer_assignment", ref=str(assignment_id))
        row = self._linked(assignment_id)
        if row is None:
            row = PeerResponseRow(
                secrets.randbits(62) + 1,
                response.period_id,
                assignment.ratee_id,
                response.relation.value,
                assignment_id,
                {},
                None,
                None,
            )
            self._t.responses[row.id] = row
        row.scores = dict(response.scores)
        row.keep_doing = response.keep_doing
        row.improve = response.improve
        assignment.submitted = True

    async def for_ratee(self, period_id: int, ratee_nip: str) -> list[PeerResponse]:
        rows = sorted(self._t.responses.values(), key=lambda row: row.id)
        return [
            self._domain(row)
            for row in rows
            if row.period_id == period_id and _nip(self._state, row.ratee_id) == ratee_nip
        ]

    async def seal(self, period_id: int) -> int:
        sealed = 0
        for row in self._t.responses.values():
            if row.period_id == period_id and row.assignment_id is not None:
                row.assignment_id = None
                sealed += 1
        return sealed


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


class FakeFrozenSummaryRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.peer

    def _domain(self, row: PeerSummaryRow) -> FrozenSummary:
        relations = {
            Relation(name): RelationSummary(
                Relation(name),
                data["responses"],
                tuple(ValueSummary(c, raters, total) for c, raters, total in data["values"]),
                tuple(data["keep_doing"]),
                tuple(data["improve"]),
            )
            for name, data in row.relations.items()
        }
        nip = _nip(self._state, row.ratee_id)
        return FrozenSummary(
            row.period_id, nip, row.frozen_at, row.min_raters, int(row.seed), relations
        )

    def _of_period(self, period_id: int) -> list[PeerSummaryRow]:
        return [row for row in self._t.summaries.values() if row.period_id == period_id]

    async def get(self, period_id: int, ratee_nip: str) -> FrozenSummary | None:
        return (await self.for_period(period_id, [ratee_nip])).get(ratee_nip)

    async def add(self, summary: FrozenSummary) -> None:
        ratee_id = _ids(self._state, [summary.ratee_nip])[summary.ratee_nip]
        _get_one(self._state.appraisal.periods, summary.period_id, "period")
        if any(row.ratee_id == ratee_id for row in self._of_period(summary.period_id)):
            raise InvalidTransition("already_frozen", current="frozen", target="frozen")
        row_id = self._state.next_id()
        self._t.summaries[row_id] = PeerSummaryRow(
            row_id,
            summary.period_id,
            ratee_id,
            _utc(summary.frozen_at),
            summary.min_raters,
            str(summary.seed),
            _relations_json(summary),
        )

    async def for_period(
        self, period_id: int, ratee_nips: Sequence[str] | None = None
    ) -> dict[str, FrozenSummary]:
        found = {}
        for row in self._of_period(period_id):
            summary = self._domain(row)
            if ratee_nips is None or summary.ratee_nip in ratee_nips:
                found[summary.ratee_nip] = summary
        return found

    async def unfrozen_ratees(self, period_id: int) -> list[str]:
        frozen = {row.ratee_id for row in self._of_period(period_id)}
        ratees = {
            row.ratee_id
            for row in self._t.assignments.values()
            if row.period_id == period_id and row.ratee_id not in frozen
        }
        return sorted(_nip(self._state, ratee) for ratee in ratees)


class FakeCoachingRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.peer

    def _domain(self, row: CoachingRecordRow) -> CoachingRecord:
        return CoachingRecord(
            row.period_id,
            _nip(self._state, row.employee_id),
            _nip(self._state, row.coach_id),
            row.held_on,
            row.topic,
            row.follow_up,
            row.recorded_at,
            row.id,
        )

    async def add(self, record: CoachingRecord) -> CoachingRecord:
        ids = _ids(self._state, [record.employee_nip, record.coach_nip])
        _get_one(self._state.appraisal.periods, record.period_id, "period")
        row = CoachingRecordRow(
            self._state.next_id(),
            record.period_id,
            ids[record.employee_nip],
            ids[record.coach_nip],
            record.held_on,
            record.topic,
            record.follow_up,
            _utc(record.recorded_at),
        )
        self._t.coaching[row.id] = row
        return self._domain(row)

    async def get(self, record_id: int) -> CoachingRecord | None:
        row = self._t.coaching.get(record_id)
        return self._domain(row) if row else None

    async def of_employee(self, period_id: int, employee_nip: str) -> list[CoachingRecord]:
        rows = [
            row
            for row in self._t.coaching.values()
            if row.period_id == period_id and _nip(self._state, row.employee_id) == employee_nip
        ]
        return [self._domain(row) for row in sorted(rows, key=lambda r: (r.held_on, r.id))]

    async def save_feedback(self, feedback: CoachingFeedback, *, now: datetime) -> None:
        _get_one(self._t.coaching, feedback.record_id, "coaching record")
        if feedback.record_id in self._t.coaching_feedback:
            raise InvalidTransition("already_answered", current="answered", target="answered")
        self._t.coaching_feedback[feedback.record_id] = CoachingFeedbackRow(
            feedback.record_id, feedback.points, list(feedback.answers), _utc(now)
        )

    async def feedback(self, record_id: int) -> CoachingFeedback | None:
        row = self._t.coaching_feedback.get(record_id)
        return CoachingFeedback(row.record_id, row.points, tuple(row.answers)) if row else None


class FakeCatalogueRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.peer

    async def load(self) -> Catalogue | None:
        rows = sorted(self._t.catalogue.values(), key=lambda row: (row.position, row.id))
        if not rows:
            return None
        return Catalogue(
            tuple(
                Recommendation(r.value_code, RecommendationKind(r.kind), r.title_id, r.title_en)
                for r in rows
            )
        )

    async def replace(self, catalogue: Catalogue, *, now: datetime) -> None:
        self._t.catalogue.clear()
        for position, item in enumerate(catalogue.items):
            row_id = self._state.next_id()
            self._t.catalogue[row_id] = CatalogueItemRow(
                row_id,
                position,
                item.value_code,
                item.kind.value,
                item.title_id,
                item.title_en,
                _utc(now),
            )


class FakeDevelopmentPlanRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.peer

    def _domain(self, row: DevelopmentPlanRow) -> DevelopmentPlanItem:
        return DevelopmentPlanItem(
            row.period_id,
            _nip(self._state, row.employee_id),
            row.value_code,
            row.action,
            row.agreed_by,
            row.agreed_at,
            RecommendationKind(row.kind) if row.kind else None,
            row.mentor_nip,
            row.due_on,
            row.id,
        )

    async def add(self, item: DevelopmentPlanItem) -> DevelopmentPlanItem:
        employee_id = _ids(self._state, [item.employee_nip])[item.employee_nip]
        _get_one(self._state.appraisal.periods, item.period_id, "period")
        row = DevelopmentPlanRow(
            self._state.next_id(),
            item.period_id,
            employee_id,
            item.value_code,
            item.action,
            item.agreed_by,
            _utc(item.agreed_at),
            item.kind.value if item.kind else None,
            item.mentor_nip,
            item.due_on,
        )
        self._t.plans[row.id] = row
        return self._domain(row)

    async def of_employee(
        self, employee_nip: str, *, period_id: int | None = None
    ) -> list[DevelopmentPlanItem]:
        periods = self._state.appraisal.periods
        rows = [
            row
            for row in self._t.plans.values()
            if _nip(self._state, row.employee_id) == employee_nip
            and (period_id is None or row.period_id == period_id)
        ]
        rows.sort(key=lambda row: row.id)  # then newest period first (a stable sort)
        rows.sort(key=lambda row: (periods[row.period_id].start, row.period_id), reverse=True)
        return [self._domain(row) for row in rows]
