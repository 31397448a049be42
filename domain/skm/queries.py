"""What the SKM's reports read: sums and counts the database computes from the responses.

These are read-side queries, not repositories: each answers one question of a report with one
GROUP BY (or EXISTS) over the responses, and nothing is ever loaded into Python to be added up
(docs/skm.md). They live beside the repositories on the unit of work (``uow.skm_queries``), so
a report reads the organisation and the figures in one transaction.

The SQL implementation (``storage/queries/skm.py``) is tested on SQLite and PostgreSQL only; the
in-memory fakes have no copy of it, so a use case that reads a report is tested on the real
databases (``tests/integration/``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.skm.report_model import (
    Grouping,
    ProfileCount,
    ResponseFilter,
    Suggestion,
    UnsurAggregate,
)


class SkmQueries(Protocol):
    async def aggregate(self, where: ResponseFilter, *, by: Grouping) -> list[UnsurAggregate]:
        """Respondents and Σ/count per unsur for each group that has responses, in group order.
        By unit means by the unit each service belongs to now."""
        ...

    async def profile_counts(self, where: ResponseFilter, *, by: Grouping) -> list[ProfileCount]:
        """For each group, profile field and value (``None``: skipped), how many respondents."""
        ...

    async def suggestions(
        self, where: ResponseFilter, *, by: Grouping, limit: int | None = None
    ) -> list[Suggestion]:
        """The newest saran first (all of them when ``limit`` is ``None``)."""
        ...

    async def suggestion_count(self, where: ResponseFilter) -> int: ...
    async def services_with_responses(self, service_ids: Sequence[int]) -> set[int]:
        """Which of ``service_ids`` have at least one response (at any time)."""
        ...
