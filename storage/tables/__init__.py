"""SQLModel table rows, one module per area. Importing this package registers every table on
``SQLModel.metadata`` (Alembic and the tests rely on that)."""

from storage.tables.appraisal import AppraisalRow, OrgPredikatRow, PeriodRow, SkpItemRow
from storage.tables.core import (
    AuditRow,
    ChatAccountRow,
    ConversationRow,
    EmployeeRow,
    OutboxRow,
    ProcessedUpdateRow,
    RegistrationCodeRow,
    ServiceRow,
    UnitRow,
    UtcDateTime,
)
from storage.tables.skm import SkmMarkRow, SkmPopulationRow, SkmResponseRow, SkmRtlRow

__all__ = [
    "AppraisalRow",
    "AuditRow",
    "ChatAccountRow",
    "ConversationRow",
    "EmployeeRow",
    "OrgPredikatRow",
    "OutboxRow",
    "PeriodRow",
    "ProcessedUpdateRow",
    "RegistrationCodeRow",
    "ServiceRow",
    "SkmMarkRow",
    "SkmPopulationRow",
    "SkmResponseRow",
    "SkmRtlRow",
    "SkpItemRow",
    "UnitRow",
    "UtcDateTime",
]
