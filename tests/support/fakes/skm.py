"""The SKM repository in memory."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

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
from domain.skm.survey import PROFILE, SkmResponse
from tests.support.fakes.state import FakeState, SkmResponseRow


def _skm_group(state: FakeState, response: SkmResponseRow, by: Grouping) -> int | None:
    """A service, or the unit the service belongs to *now* (as the SQL repository groups)."""
    if by is Grouping.SERVICE:
        return response.service_id
    return state.services[response.service_id].unit_id if by is Grouping.UNIT else None


class FakeSkmRepository:
    """Aggregates in Python what the SQL repository aggregates with GROUP BY."""

    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._t = state.skm

    def _matching(self, where: ResponseFilter) -> list[tuple[int, SkmResponseRow]]:
        return [
            (row_id, r)
            for row_id, r in sorted(self._t.responses.items())
            if where.period.contains(r.local_date)
            and (where.service_ids is None or r.service_id in where.service_ids)
        ]

    async def add_responses(self, responses: Sequence[SkmResponse]) -> list[int]:
        ids = []
        for response in responses:
            row_id = self._state.next_id()
            self._t.responses[row_id] = SkmResponseRow.of(response)
            ids.append(row_id)
        return ids

    async def take_mark(self, mark: str, *, day: date, limit: int) -> bool:
        _, count = self._t.marks.get(mark, (day, 0))
        if count >= limit:
            return False
        self._t.marks[mark] = (day, count + 1)
        return True

    async def release_mark(self, mark: str) -> None:
        day, count = self._t.marks.get(mark, (date.min, 0))
        if count > 1:
            self._t.marks[mark] = (day, count - 1)
        else:
            self._t.marks.pop(mark, None)

    async def mark_count(self, mark: str) -> int:
        return self._t.marks.get(mark, (None, 0))[1]

    async def prune_marks(self, *, before: date) -> int:
        old = [mark for mark, (day, _) in self._t.marks.items() if day < before]
        for mark in old:
            del self._t.marks[mark]
        return len(old)

    async def aggregate(self, where: ResponseFilter, *, by: Grouping) -> list[UnsurAggregate]:
        groups: dict[int | None, list[SkmResponseRow]] = {}
        for _, response in self._matching(where):
            groups.setdefault(_skm_group(self._state, response, by), []).append(response)
        return [
            UnsurAggregate(key, len(rows), _skm_totals(rows))
            for key, rows in sorted(groups.items(), key=lambda item: item[0] or 0)
        ]

    async def profile_counts(self, where: ResponseFilter, *, by: Grouping) -> list[ProfileCount]:
        counts: dict[tuple[int | None, str, str | None], int] = {}
        for _, response in self._matching(where):
            for profile in PROFILE:
                group = _skm_group(self._state, response, by)
                key = (group, profile.key, response.profile.get(profile.key))
                counts[key] = counts.get(key, 0) + 1
        return [ProfileCount(g, f, v, n) for (g, f, v), n in counts.items()]

    async def suggestions(
        self, where: ResponseFilter, *, by: Grouping, limit: int | None = None
    ) -> list[Suggestion]:
        found = [(i, r) for i, r in self._matching(where) if r.suggestion]
        found.sort(key=lambda item: (item[1].local_date, item[0]), reverse=True)
        codes = {row.id: row.code for row in self._state.services.values()}
        return [
            Suggestion(
                _skm_group(self._state, r, by),
                codes[r.service_id],
                r.local_date,
                r.channel.value,
                r.suggestion or "",
                r.contact,
            )
            for _, r in found[:limit]
        ]

    async def suggestion_count(self, where: ResponseFilter) -> int:
        return sum(1 for _, r in self._matching(where) if r.suggestion)

    async def services_with_responses(self, service_ids: Sequence[int]) -> set[int]:
        return {r.service_id for r in self._t.responses.values()} & set(service_ids)

    async def paper_import_at(self, sha256: str) -> datetime | None:
        found = self._t.paper_imports.get(sha256)
        return None if found is None else found[1]

    async def record_paper_import(self, sha256: str, *, rows: int, at: datetime) -> None:
        self._t.paper_imports[sha256] = (rows, at)

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
        for scope_id in scope_ids:
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

    async def admin_chats(self, unit_path: Sequence[int]) -> list[int]:
        return [
            row.telegram_id
            for row in sorted(self._state.employees.values(), key=lambda r: r.id)
            if row.is_admin
            and row.telegram_id is not None
            and (row.admin_unit_id is None or row.admin_unit_id in unit_path)
        ]

    async def forget_abandoned(self, questionnaire_id: str, *, before: datetime) -> int:
        stale = [
            row.id
            for row in self._state.sessions.values()
            if row.questionnaire_id == questionnaire_id and row.updated_at < before
        ]
        for row_id in stale:
            del self._state.sessions[row_id]
        return len(stale)

    async def service(self, service_id: int) -> ServiceRecord | None:
        row = self._state.services.get(service_id)
        if row is None:
            return None
        unit = self._state.units[row.unit_id]
        return ServiceRecord(
            row.id, row.code, row.name, row.unit_id, unit.code, unit.name, row.active
        )


def _skm_totals(rows: Sequence[SkmResponseRow]) -> tuple[UnsurTotals, ...]:
    return tuple(
        UnsurTotals(
            code,
            sum(r.scores[code] for r in rows if code in r.scores),
            sum(1 for r in rows if code in r.scores),
        )
        for code in UNSUR_CODES
    )
