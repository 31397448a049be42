"""SQLModel table rows, one module per area. Importing this package registers every table on
``SQLModel.metadata`` (Alembic and the tests rely on that).

Each ``<Thing>Row`` maps one table; repositories translate rows to and from domain objects
explicitly, so the domain never sees the ORM.
"""

from storage.tables.appraisal import AppraisalRow, OrgPredikatRow, PeriodRow, SkpItemRow
from storage.tables.audit import AuditRow
from storage.tables.core import UtcDateTime
from storage.tables.engine import ConversationRow, InboxRow, ProcessedUpdateRow
from storage.tables.org import (
    ChatAccountRow,
    EmployeeRow,
    RegistrationCodeRow,
    ServiceRow,
    UnitRow,
)
from storage.tables.outbox import OutboxRow
from storage.tables.peer import (
    CatalogueItemRow,
    CoachingFeedbackRow,
    CoachingRecordRow,
    DevelopmentPlanRow,
    PeerAssignmentRow,
    PeerResponseRow,
    PeerSummaryRow,
)
from storage.tables.reminders import (
    HolidayChangeRow,
    ReminderMarkRow,
    ReminderPeriodRow,
    ReminderSettingRow,
)
from storage.tables.reports import NudgeRow, RecognitionRow
from storage.tables.skm import (
    SkmMarkRow,
    SkmPendingRow,
    SkmPopulationRow,
    SkmResponseRow,
    SkmRtlRow,
)

__all__ = [
    "AppraisalRow",
    "AuditRow",
    "CatalogueItemRow",
    "ChatAccountRow",
    "CoachingFeedbackRow",
    "CoachingRecordRow",
    "ConversationRow",
    "DevelopmentPlanRow",
    "EmployeeRow",
    "HolidayChangeRow",
    "InboxRow",
    "NudgeRow",
    "OrgPredikatRow",
    "OutboxRow",
    "PeerAssignmentRow",
    "PeerResponseRow",
    "PeerSummaryRow",
    "PeriodRow",
    "ProcessedUpdateRow",
    "RecognitionRow",
    "RegistrationCodeRow",
    "ReminderMarkRow",
    "ReminderPeriodRow",
    "ReminderSettingRow",
    "ServiceRow",
    "SkmMarkRow",
    "SkmPendingRow",
    "SkmPopulationRow",
    "SkmResponseRow",
    "SkmRtlRow",
    "SkpItemRow",
    "UnitRow",
    "UtcDateTime",
]
