"""What the appraisal's reports read: counts the database computes over many appraisals.

Read-side queries, not repositories (see ``domain/skm/queries.py``): on the unit of work as
``uow.appraisal_queries``; the SQL implementation (``storage/queries/appraisal.py``) is tested on
SQLite and PostgreSQL only, and the fakes have none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.appraisal.predikat import Predikat


class AppraisalQueries(Protocol):
    async def predikat_counts(self, period_id: int, unit_ids: Sequence[int]) -> dict[Predikat, int]:
        """How many appraisals of the period in these units have each predikat (predikat no
        appraisal has are absent)."""
        ...
