"""Telling the employee their result, once (issue 12: "a changed assessment is one message, not
nine").

The notification waits ``grace`` (default 30 minutes) before it goes: corrections by the pejabat
penilai in that time replace it (same dedupe key, ``Outbox.replace``), so the employee receives
one message with the final ratings. The objection window starts when that message was actually
sent (PP 30/2019 Pasal 59 counts from when the PNS receives the result); a change after it was
sent is a new message that says it is a change and restarts the window, explicitly.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from domain.appraisal.actions import ShowResults
from domain.appraisal.cases import Case
from domain.appraisal.model import Appraisal
from domain.appraisal.notified import result_prefix
from domain.appraisal.ports import AppraisalUnitOfWork
from domain.messages import Button, OutboundMessage, Param, TextRef

DEFAULT_GRACE: Final = timedelta(minutes=30)
FIRST, CHANGED = "appraisal.notify.assessed", "appraisal.notify.changed"


async def tell_result(
    uow: AppraisalUnitOfWork, case: Case, assessed: Appraisal, *, now: datetime, grace: timedelta
) -> None:
    """Queue (or correct, while it waits) the notification of ``assessed``."""
    if case.member.telegram_id is None:
        return
    prefix = result_prefix(case.period_id, case.member.nip)
    latest = await uow.outbox.latest(prefix)
    if latest is not None and latest.pending:
        round_ = int(latest.dedupe_key.removeprefix(prefix))
        message = _message(case, assessed, round_, latest.not_before)
        if await uow.outbox.replace(message):
            return
        # it left meanwhile: this correction is a change the employee must be told of
    round_ = 1 if latest is None else int(latest.dedupe_key.removeprefix(prefix)) + 1
    await uow.outbox.enqueue(_message(case, assessed, round_, now + grace), now=now)


def _message(case: Case, assessed: Appraisal, round_: int, goes: datetime) -> OutboundMessage:
    assert assessed.predikat is not None
    assert assessed.hasil is not None
    assert assessed.perilaku is not None
    assert case.member.telegram_id is not None
    params: dict[str, Param] = {
        "period": case.period.name,
        "predikat": TextRef(assessed.predikat.text_key),
        "hasil": TextRef(assessed.hasil.text_key),
        "perilaku": TextRef(assessed.perilaku.text_key),
        # the window runs from the message, which goes at ``goes`` (or moments after)
        "deadline": case.period.objection_deadline(goes, case.timezone),
    }
    return OutboundMessage(
        case.member.telegram_id,
        FIRST if round_ == 1 else CHANGED,
        result_prefix(case.period_id, case.member.nip) + str(round_),
        params,
        ((Button("appraisal.button.results", ShowResults(case.period_id)),),),
        not_before=goes,
        timezone=case.timezone,
    )
