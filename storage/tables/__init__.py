"""SQLModel table rows, one module per area. Importing this package registers every table on
``SQLModel.metadata`` (Alembic and the tests rely on that)."""

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

__all__ = [
    "AuditRow",
    "ChatAccountRow",
    "ConversationRow",
    "EmployeeRow",
    "OutboxRow",
    "ProcessedUpdateRow",
    "RegistrationCodeRow",
    "ServiceRow",
    "UnitRow",
    "UtcDateTime",
]
