"""The SKM's repositories in memory: responses and paper imports, daily-limit marks, populations
and RTL. The report queries (GROUP BYs) have no fake: they run on the real databases only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from domain.skm.report_model import Population, Rtl, ScopeKind
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import PendingResponse, SkmResponse
from tests.support.fakes.state import FakeState, SkmResponseRow


class FakeSkmResponseRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.skm

    async def add(self, responses: Sequence[SkmResponse]) -> list[int]:
        ids = []
        for response in responses:
            row_id = self._state.next_id()
            self._t.responses[row_id] = SkmResponseRow.of(response)
            ids.append(row_id)
        return ids

    async def add_pending(self, response: SkmResponse, *, forward_at: datetime) -> int:
        pending_id = self._state.next_id()
        self._t.pending[pending_id] = (SkmResponseRow.of(response), forward_at)
        return pending_id

    async def take_pending(self, pending_id: int) -> PendingResponse | None:
        found = self._t.pending.pop(pending_id, None)
        if found is None:
            return None
        row, forward_at = found
        response = SkmResponse(
            row.service_id,
            row.unit_id,
            row.submitted_at,
            row.local_date,
            row.channel,
            row.scores,
            row.profile,
            row.suggestion,
            row.contact,
        )
        return PendingResponse(pending_id, response, forward_at)

    async def pending_ids(self) -> list[int]:
        return sorted(self._t.pending)

    async def paper_import_at(self, sha256: str) -> datetime | None:
        found = self._t.paper_imports.get(sha256)
        return None if found is None else found[1]

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None:
        self._t.paper_imports[sha256] = (rows, at)


class FakeDailyLimitMarks:
    def __init__(self, state: FakeState) -> None:
        self._marks = state.skm.marks  # mark -> (day, count)

    async def take(self, mark: str, *, day: date, limit: int) -> bool:
        first_day, count = self._marks.get(mark, (day, 0))
        if count >= limit:
            return False
        self._marks[mark] = (first_day, count + 1)
        return True

    async def release(self, mark: str) -> None:
        day, count = self._marks.get(mark, (date.min, 0))
        if count > 1:
            self._marks[mark] = (day, count - 1)
        else:
            self._marks.pop(mark, None)

    async def count(self, mark: str) -> int:
        return self._marks.get(mark, (None, 0))[1]

    async def prune(self, *, before: date) -> int:
        old = [mark for mark, (day, _) in self._marks.items() if day < before]
        for mark in old:
            del self._marks[mark]
        return len(old)


class FakeFollowUpRepository:
    def __init__(self, state: FakeState) -> None:
        self._t = state.skm

    async def save_population(self, population: Population) -> None:
        p = population.period
        key = (population.scope.value, population.scope_id, p.date_from, p.date_to)
        self._t.populations[key] = population

    async def populations(
        self, scope: ScopeKind, scope_ids: Sequence[int], period: ReportPeriod
    ) -> dict[int, int]:
        found = {}
        for scope_id in scope_ids:
            key = (scope.value, scope_id, period.date_from, period.date_to)
            if key in self._t.populations:
                found[scope_id] = self._t.populations[key].population
        return found

    async def save_rtl(self, rtl: Rtl) -> None:
        p = rtl.period
        self._t.rtls[(rtl.scope.value, rtl.scope_id, p.date_from, p.date_to, rtl.unsur)] = rtl

    async def previous_rtl(
        self, scope: ScopeKind, scope_ids: Sequence[int], before: date
    ) -> list[Rtl]:
        found = []
        for scope_id in sorted(set(scope_ids)):
            mine = [
                r
                for r in self._t.rtls.values()
                if r.scope is scope and r.scope_id == scope_id and r.period.date_to < before
            ]
            latest = max((r.period.date_to for r in mine), default=None)
            mine = [r for r in mine if r.period.date_to == latest]
            start = max((r.period.date_from for r in mine), default=None)  # one period only
            found += sorted((r for r in mine if r.period.date_from == start), key=lambda r: r.unsur)
        return found
