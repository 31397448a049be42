"""What the peer area needs from storage, as ``typing.Protocol`` s (no implementation here).

Anonymity is a storage contract as much as a rule:

- Only an assignment names its rater, and only a response's link to its assignment ties the
  response to a person; that link exists for the edit-until-deadline rule alone.
  :meth:`PeerResponseRepository.seal` removes it after the deadline, and nothing else may keep
  it: responses store no rater, no Telegram id, no timestamps; an assignment keeps at most a
  boolean "submitted", never a time.
- Responses are read only to freeze a summary (:meth:`PeerResponseRepository.for_ratee`);
  every screen, export and report reads frozen summaries (:class:`FrozenSummaryRepository`).
- No audit entry or log line of this area names a rater next to a ratee or a response.
- The engine's session of a feedback form names only ``peer:<period>:<assignment>``; the use
  case deletes it when the response is submitted (``SessionRepository.delete``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.appraisal.ports import AppraisalRepository, PeriodRepository
from domain.audit import AuditLog
from domain.engine.ports import SessionRepository
from domain.org.ports import OrgRepository
from domain.outbox import Outbox
from domain.peer.aggregate import FrozenSummary
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import Catalogue, DevelopmentPlanItem
from domain.peer.forms import PeerResponse
from domain.peer.raters import PeerAssignment
from domain.unit_of_work import UnitOfWork, UnitOfWorkFactory


class PeerAssignmentRepository(Protocol):
    async def lock(self, period_id: int) -> None:
        """Serialise changes to a period's assignments (automatic assignment, nominations,
        imports) until the transaction ends, so two of them never plan from the same state."""
        ...

    async def for_period(
        self, period_id: int, *, ratee_nips: Sequence[str] | None = None
    ) -> list[PeerAssignment]:
        """The period's assignments (of these ratees only, if given), ordered by id."""
        ...

    async def of_rater(self, period_id: int, rater_nip: str) -> list[PeerAssignment]:
        """What one rater is asked to do (their own list, for ``/umpanbalik``)."""
        ...

    async def get(self, assignment_id: int, *, for_update: bool = False) -> PeerAssignment | None:
        """One assignment; ``for_update`` locks it while its response is written."""
        ...

    async def add(self, assignments: Sequence[PeerAssignment]) -> list[PeerAssignment]:
        """Insert and return them with ids. (period, rater, ratee) is unique: a pair that is
        already assigned raises :class:`~domain.errors.InvalidTransition` ("already_assigned")."""
        ...

    async def withdraw(self, assignment_ids: Sequence[int]) -> None:
        """Delete assignments with the response linked to each, if any (a nomination changed)."""
        ...

    async def submitted(self, period_id: int) -> dict[int, bool]:
        """Assignment id -> whether its rater submitted: the admins' progress list only (a
        ratee and their pejabat penilai never see progress)."""
        ...


class PeerResponseRepository(Protocol):
    async def of_assignment(self, assignment_id: int) -> PeerResponse | None:
        """The rater's own response, to edit it until the deadline; ``None`` after the seal."""
        ...

    async def submit(self, assignment_id: int, response: PeerResponse) -> None:
        """Insert or replace the assignment's response and mark the assignment submitted. The
        caller has checked ``aggregate.require_submittable`` under the assignment's lock."""
        ...

    async def for_ratee(self, period_id: int, ratee_nip: str) -> list[PeerResponse]:
        """Every response about a ratee, without raters, in no meaningful order (for
        ``aggregate.freeze`` only)."""
        ...

    async def seal(self, period_id: int) -> int:
        """Remove every response's link to its assignment in the period; how many. Irreversible;
        the caller has checked ``aggregate.require_sealable``. Edits end for good."""
        ...


class FrozenSummaryRepository(Protocol):
    async def get(self, period_id: int, ratee_nip: str) -> FrozenSummary | None: ...

    async def add(self, summary: FrozenSummary) -> None:
        """Store a summary once: a second one for the same period and ratee raises
        :class:`~domain.errors.InvalidTransition` ("already_frozen"), also under a race."""
        ...

    async def for_period(
        self, period_id: int, ratee_nips: Sequence[str] | None = None
    ) -> dict[str, FrozenSummary]:
        """The period's summaries by ratee NIP (of these ratees only, if given)."""
        ...

    async def unfrozen_ratees(self, period_id: int) -> list[str]:
        """Ratees with assignments in the period and no summary yet: the freeze job's list."""
        ...


class CoachingRepository(Protocol):
    async def add(self, record: CoachingRecord) -> CoachingRecord:
        """Insert and return the record with its id."""
        ...

    async def get(self, record_id: int) -> CoachingRecord | None: ...

    async def of_employee(self, period_id: int, employee_nip: str) -> list[CoachingRecord]:
        """The employee's coaching in the period, oldest session first."""
        ...

    async def save_feedback(self, feedback: CoachingFeedback, *, now: datetime) -> None:
        """Store the employee's Format B.1.8 answers once per record; a second raises
        :class:`~domain.errors.InvalidTransition` ("already_answered")."""
        ...

    async def feedback(self, record_id: int) -> CoachingFeedback | None: ...


class CatalogueRepository(Protocol):
    async def load(self) -> Catalogue | None:
        """The admin's catalogue; ``None`` if none was imported (``DEFAULT_CATALOGUE`` applies)."""
        ...

    async def replace(self, catalogue: Catalogue, *, now: datetime) -> None:
        """Replace the whole catalogue (an import is all or nothing)."""
        ...


class DevelopmentPlanRepository(Protocol):
    async def add(self, item: DevelopmentPlanItem) -> DevelopmentPlanItem:
        """Insert and return the item with its id."""
        ...

    async def of_employee(
        self, employee_nip: str, *, period_id: int | None = None
    ) -> list[DevelopmentPlanItem]:
        """The employee's items (of one period, if given), newest period first, then by id."""
        ...


class PeerUnitOfWork(UnitOfWork, Protocol):
    """One transaction over what the peer area's use cases touch; rolls back unless committed.
    Read-only properties, so implementations may hold more specific repository types."""

    @property
    def org(self) -> OrgRepository: ...
    @property
    def periods(self) -> PeriodRepository: ...
    @property
    def appraisals(self) -> AppraisalRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def peer_assignments(self) -> PeerAssignmentRepository: ...
    @property
    def peer_responses(self) -> PeerResponseRepository: ...
    @property
    def peer_summaries(self) -> FrozenSummaryRepository: ...
    @property
    def coaching(self) -> CoachingRepository: ...
    @property
    def catalogue(self) -> CatalogueRepository: ...
    @property
    def development_plans(self) -> DevelopmentPlanRepository: ...


PeerUnitOfWorkFactory = UnitOfWorkFactory[PeerUnitOfWork]
