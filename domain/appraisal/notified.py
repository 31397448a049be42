"""When the employee was told their result: the objection window runs from that moment
(:mod:`domain.appraisal.results` queues the message)."""

from __future__ import annotations

from datetime import datetime

from domain.appraisal.model import Appraisal
from domain.appraisal.ports import AppraisalUnitOfWork


def result_prefix(period_id: int, nip: str) -> str:
    """The dedupe-key prefix of an employee's result notifications in a period; the key ends
    with the round: 1 the first result, 2 and on a change after the employee was told."""
    return f"result:{period_id}:{nip}:"


async def window_opened(
    uow: AppraisalUnitOfWork, period_id: int, appraisal: Appraisal
) -> datetime | None:
    """When the objection window of ``appraisal`` started: when the employee was sent its
    current result; ``None`` while that message still waits. Without a notification kept (no
    Telegram account, one that failed, an assessment older than this rule, pruned after 30
    days) it is the assessment itself."""
    if appraisal.assessed_at is None:
        return None
    latest = await uow.outbox.latest(result_prefix(period_id, appraisal.employee_nip))
    if latest is None or (not latest.pending and latest.sent_at is None):
        return appraisal.assessed_at
    return latest.sent_at
