"""Fakes of the recognitions and the nudges (``domain.reminders.report_ports``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from domain.reminders.recognition import Recognition, RecognitionStatus
from tests.support.fakes.state import FakeState


class FakeRecognitionRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    @property
    def _rows(self) -> dict[int, Recognition]:
        return self._state.reports.recognitions

    def _find(self, item: Recognition) -> Recognition | None:
        key = (item.month, item.kind, item.subject_id)
        return next(
            (r for r in self._rows.values() if (r.month, r.kind, r.subject_id) == key), None
        )

    async def add(self, items: Sequence[Recognition], *, now: datetime) -> list[Recognition]:
        stored: list[Recognition] = []
        for item in items:
            found = self._find(item)
            if found is None:
                found = replace(
                    item,
                    id=self._state.next_id(),
                    subject_name=item.subject_name[:200],
                    status=RecognitionStatus.CANDIDATE,
                    confirmed_at=None,
                    confirmed_by=None,
                )
                self._rows[found.id] = found  # type: ignore[index]
            stored.append(found)
        return stored

    async def get(self, recognition_id: int, *, for_update: bool = False) -> Recognition | None:
        return self._rows.get(recognition_id)

    async def save(self, item: Recognition) -> None:
        if item.id is not None and item.id in self._rows:
            current = self._rows[item.id]
            self._rows[item.id] = replace(
                current,
                status=item.status,
                confirmed_at=item.confirmed_at,
                confirmed_by=item.confirmed_by,
            )

    async def confirmed_since(self, since: datetime) -> list[Recognition]:
        found = [
            r for r in self._rows.values() if r.confirmed_at is not None and r.confirmed_at >= since
        ]
        return sorted(found, key=lambda r: (r.confirmed_at, r.id))


class FakeNudgeLog:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def last(self, supervisor_id: int) -> date | None:
        days = [day for sup, day in self._state.reports.nudges if sup == supervisor_id]
        return max(days, default=None)

    async def record(self, supervisor_id: int, day: date, *, now: datetime) -> bool:
        if (supervisor_id, day) in self._state.reports.nudges:
            return False
        self._state.reports.nudges[supervisor_id, day] = now
        return True
