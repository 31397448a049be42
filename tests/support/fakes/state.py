"""The fake database: plain, deep-copyable rows keyed by id, one table per attribute of
:class:`FakeState`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.reminders.recognition import Recognition
from domain.skm.report_model import (
    Population,
    Rtl,
)
from domain.skm.survey import Channel, SkmResponse

PENDING, SENT, FAILED, BLOCKED = "pending", "sent", "failed", "blocked"


@dataclass
class UnitRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    timezone: str | None
    updated_at: datetime


@dataclass
class EmployeeRow:
    id: int
    nip: str
    name: str
    position: str
    position_kind: str
    unit_id: int
    updated_at: datetime
    supervisor_id: int | None = None
    telegram_id: int | None = None
    is_admin: bool = False
    admin_unit_id: int | None = None


@dataclass
class ServiceRow:
    id: int
    code: str
    name: str
    unit_id: int
    active: bool
    updated_at: datetime


@dataclass
class AccountRow:
    telegram_id: int
    language: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    blocked_at: datetime | None = None


@dataclass
class CodeRow:
    id: int
    employee_id: int
    code_hash: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: int | None = None


@dataclass
class SessionRow:
    id: int
    owner_id: int
    questionnaire_id: str
    subject: str
    cursor: str
    answers: dict[str, str | None]
    status: str
    version: int
    editing: bool
    created_at: datetime
    updated_at: datetime


@dataclass
class OutboxRow:
    id: int
    dedupe_key: str
    chat_id: int
    payload: dict[str, Any]
    not_before: datetime
    created_at: datetime
    status: str = PENDING
    attempts: int = 0
    claimed_until: datetime | None = None
    claim_token: str | None = None
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, str]


@dataclass
class FakeState:
    """Every table of the fake database. Plain, deep-copyable rows keyed by id."""

    units: dict[int, UnitRow] = field(default_factory=dict)
    employees: dict[int, EmployeeRow] = field(default_factory=dict)
    services: dict[int, ServiceRow] = field(default_factory=dict)
    accounts: dict[int, AccountRow] = field(default_factory=dict)
    codes: dict[int, CodeRow] = field(default_factory=dict)
    sessions: dict[int, SessionRow] = field(default_factory=dict)
    outbox: dict[int, OutboxRow] = field(default_factory=dict)
    audit: list[AuditRow] = field(default_factory=list)
    updates: dict[int, datetime] = field(default_factory=dict)
    skm: SkmTables = field(default_factory=lambda: SkmTables())  # noqa: PLW0108 - defined below
    appraisal: AppraisalTables = field(default_factory=lambda: AppraisalTables())  # noqa: PLW0108
    peer: PeerTables = field(default_factory=lambda: PeerTables())  # noqa: PLW0108
    reports: ReportTables = field(default_factory=lambda: ReportTables())  # noqa: PLW0108
    last_id: int = 0  # one sequence for every table: ids are unique and grow

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id


def _changed(row: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


@dataclass
class PeriodRow:
    id: int
    name: str
    kind: str
    start: date
    end: date
    self_due: date
    peer_due: date
    review_due: date
    objection_days: int
    status: str
    created_at: datetime
    updated_at: datetime


@dataclass
class SkpItemRow:
    id: int
    employee_id: int
    year: int
    kind: str
    position: int  # order in the imported file
    rhk: str
    indicator: str
    target: str
    updated_at: datetime


@dataclass
class AppraisalRow:
    """One appraisal per (period, employee); its history is in ``FakeState.audit``."""

    id: int
    period_id: int
    employee_id: int
    status: str
    updated_at: datetime
    self_ratings: dict[str, str] = field(default_factory=dict)
    realisations: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    hasil: str | None = None
    perilaku: str | None = None
    predikat: str | None = None
    feedback: str | None = None
    item_feedback: dict[str, str] = field(default_factory=dict)
    assessed_by: str | None = None
    assessed_at: datetime | None = None
    acknowledged_at: datetime | None = None
    objection_reason: str | None = None
    objection_filed_at: datetime | None = None
    objection_response_due: datetime | None = None
    tanggapan_by: str | None = None
    tanggapan_at: datetime | None = None
    tanggapan_text: str | None = None
    tanggapan_evidence: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_keep: bool | None = None
    decision_reason: str | None = None
    decision_without_tanggapan: str | None = None


@dataclass
class OrgPredikatRow:
    predikat: str
    updated_at: datetime


@dataclass
class AppraisalTables:
    """Periods, SKP items, appraisals and organisation predikat (keyed (period id, unit id))."""

    periods: dict[int, PeriodRow] = field(default_factory=dict)
    skp_items: dict[int, SkpItemRow] = field(default_factory=dict)
    appraisals: dict[int, AppraisalRow] = field(default_factory=dict)
    org_predikat: dict[tuple[int, int], OrgPredikatRow] = field(default_factory=dict)


@dataclass
class SkmResponseRow:
    """A stored response: :class:`SkmResponse`'s fields as plain, deep-copyable values."""

    service_id: int
    unit_id: int
    submitted_at: datetime
    local_date: date
    channel: Channel
    scores: dict[str, int]
    profile: dict[str, str]
    suggestion: str | None
    contact: str | None

    @classmethod
    def of(cls, response: SkmResponse) -> SkmResponseRow:
        return cls(
            response.service_id,
            response.unit_id,
            response.submitted_at,
            response.local_date,
            response.channel,
            dict(response.scores),
            dict(response.profile),
            response.suggestion,
            response.contact,
        )


@dataclass
class SkmTables:
    """The SKM tables: responses by id (never a Telegram id), marks, populations, RTL."""

    responses: dict[int, SkmResponseRow] = field(default_factory=dict)
    marks: dict[str, tuple[date, int]] = field(default_factory=dict)
    populations: dict[tuple[str, int, date, date], Population] = field(default_factory=dict)
    rtls: dict[tuple[str, int, date, date, str], Rtl] = field(default_factory=dict)
    paper_imports: dict[str, tuple[int, datetime]] = field(default_factory=dict)
    pending: dict[int, tuple[SkmResponseRow, datetime]] = field(default_factory=dict)


@dataclass
class PeerAssignmentRow:
    id: int
    period_id: int
    rater_id: int
    ratee_id: int
    relation: str
    source: str
    submitted: bool = False


@dataclass
class PeerResponseRow:
    """No rater, no time: only ``assignment_id`` links it, until the seal."""

    id: int
    period_id: int
    ratee_id: int
    relation: str
    assignment_id: int | None
    scores: dict[str, int | None]
    keep_doing: str | None
    improve: str | None


@dataclass
class PeerSummaryRow:
    id: int
    period_id: int
    ratee_id: int
    frozen_at: datetime
    min_raters: int
    seed: str
    relations: dict[str, Any]


@dataclass
class CoachingRecordRow:
    id: int
    period_id: int
    employee_id: int
    coach_id: int
    held_on: date
    topic: str
    follow_up: str
    recorded_at: datetime


@dataclass
class CoachingFeedbackRow:
    record_id: int
    points: int
    answers: list[int]
    answered_at: datetime


@dataclass
class CatalogueItemRow:
    id: int
    position: int
    value_code: str
    kind: str
    title_id: str
    title_en: str
    updated_at: datetime


@dataclass
class DevelopmentPlanRow:
    id: int
    period_id: int
    employee_id: int
    value_code: str
    action: str
    agreed_by: str
    agreed_at: datetime
    kind: str | None
    mentor_nip: str | None
    due_on: date | None


@dataclass
class PeerTables:
    """Peer feedback, coaching, the catalogue and development plans, each keyed by id
    (responses by a random id, as in SQL; coaching feedback by its record's id)."""

    assignments: dict[int, PeerAssignmentRow] = field(default_factory=dict)
    responses: dict[int, PeerResponseRow] = field(default_factory=dict)
    summaries: dict[int, PeerSummaryRow] = field(default_factory=dict)
    coaching: dict[int, CoachingRecordRow] = field(default_factory=dict)
    coaching_feedback: dict[int, CoachingFeedbackRow] = field(default_factory=dict)
    catalogue: dict[int, CatalogueItemRow] = field(default_factory=dict)
    plans: dict[int, DevelopmentPlanRow] = field(default_factory=dict)


@dataclass
class ReportTables:
    """The monthly recognition's candidates (domain values, immutable) and the nudges."""

    recognitions: dict[int, Recognition] = field(default_factory=dict)
    nudges: dict[tuple[int, date], datetime] = field(default_factory=dict)
