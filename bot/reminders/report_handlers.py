"""Buttons of the unit head's recognition list and of the pejabat penilai's digest (nudge):
translators that call one use case of :class:`domain.reminders.reports.Reports` and answer."""

from __future__ import annotations

from bot.request import Request
from domain.messages import TextRef
from domain.reminders.recognition import RecognitionKind
from domain.reminders.report_actions import ConfirmRecognition, NudgeLateSubordinates
from domain.reminders.summary import month_key


async def confirm_recognition(request: Request, action: ConfirmRecognition) -> None:
    item = await request.services.reports.confirm(request.actor, action.recognition_id)
    employee = item.kind is RecognitionKind.EMPLOYEE
    key = "confirmed_employee" if employee else "confirmed"
    await request.say(
        f"reminders.recognition.{key}",
        name=item.subject_name,
        month=TextRef(month_key(item.month)),
        year=item.month.year,
    )


async def nudge_late_subordinates(request: Request, action: NudgeLateSubordinates) -> None:
    nudged = await request.services.reports.nudge(request.actor)
    if not nudged.count:
        await request.say("reminders.nudge.nobody")
        return
    await request.say("reminders.nudge.sent", count=nudged.count, names=", ".join(nudged.names))
