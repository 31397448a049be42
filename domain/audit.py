"""The audit trail: who did what to what, and when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Protocol


def _no_details() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One recorded step: who (``actor``: a NIP, ``cli``, a Telegram id) did what (``action``)
    to what (``subject``: ``employee:17``, ``period:3``), when. ``details`` values are plain
    strings.

    An entry kept in an aggregate's own trail (an appraisal's) leaves ``subject`` empty: the
    aggregate is its subject, and storage names it when it writes the entry to the audit table.
    """

    at: datetime
    actor: str
    action: str
    subject: str = ""
    details: Mapping[str, str] = field(default_factory=_no_details)


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...
    async def entries(self, subject: str) -> list[AuditEntry]:
        """What was recorded about ``subject``, oldest first."""
        ...
