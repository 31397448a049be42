"""The citizen survey: open it from a QR code, run it, store the response without the person.

Opening checks the service (it must exist and be active) and the daily limit. Submitting runs
in two transactions, so that nothing in the database ties the response to the person:

1. the engine's transaction takes the daily-limit mark (race-safe: of two submits at once only
   one gets through), deletes the session that named the person (``Outcome.forget``) and keeps
   the response as *pending* (it names no one);
2. after it committed, a second transaction takes the pending response, stores it (its
   ``submitted_at`` only the day) and queues the saran for the unit's admins at the next digest
   hour.

So at every instant the response is stored, or pending and stored at the next start-up (or by
the minutely job, :meth:`SkmSurveys.complete_pending`, on another process), or nothing of the
submit happened: never the mark taken with the response lost. If the second transaction fails,
the mark is given back and the session restored at its review page, so the person can send it
again. A hourly job (:meth:`SkmSurveys.clean_up`) forgets surveys left half-way and the marks of
finished days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import partial

from domain.actors import Actor
from domain.clock import Clock
from domain.engine.conversations import Conversations, Turn
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.ports import EngineUnitOfWork
from domain.engine.questionnaire import Questionnaire, Session
from domain.errors import NotFound, RateLimited
from domain.localtime import local_date, start_of_day
from domain.messages import Notice, OutboundMessage, Param, TextRef
from domain.org.ports import ServiceRecord
from domain.skm.ikm import SkmResult
from domain.skm.ports import SkmUnitOfWork
from domain.skm.report_model import Grouping, ResponseFilter
from domain.skm.report_period import ReportPeriod, ReportSpan
from domain.skm.survey import (
    QUESTIONNAIRE_ID,
    SURVEYS,
    ServiceRef,
    SkmResponse,
    next_digest,
    respondent_mark,
    response_from_answers,
    subject_for,
    survey_questionnaire,
)
from domain.unit_of_work import UnitOfWorkFactory

SEARCH_LIMIT = 10


@dataclass(frozen=True, slots=True)
class SurveyPolicy:
    """The installation's rules for the survey (from the settings)."""

    secret: str
    responses_per_day: int
    default_timezone: str
    abandoned_after: timedelta = timedelta(hours=24)
    min_respondents: int = 5  # the thanks show an IKM only from this many respondents
    digest_hour: int = 16  # saran reach the admins at this hour of the unit's day


@dataclass(frozen=True, slots=True)
class CleanUp:
    """What the hourly clean-up removed."""

    sessions: int
    marks: int


async def active_service(uow: SkmUnitOfWork, code: str) -> ServiceRecord:
    service = await uow.org.service_by_code(code.strip().upper())
    if service is None or not service.active:
        raise NotFound("service", ref=code)
    return service


async def unit_timezone(uow: SkmUnitOfWork, service: ServiceRecord, default: str) -> str:
    return await uow.org.effective_timezone(service.unit_id) or default


@dataclass(frozen=True, slots=True)
class _Submission:
    """A submitted survey between its two transactions."""

    session: Session  # at its review page, to restore if storing fails
    service: ServiceRecord
    mark: str
    pending_id: int  # the response, kept by the first transaction
    day: date


class SurveyFlow(Flow[SkmUnitOfWork, ServiceRef]):
    """Questionnaire ``skm`` for subject ``service:<CODE>``."""

    questionnaire_id = QUESTIONNAIRE_ID
    subjects = SURVEYS

    def __init__(self, policy: SurveyPolicy, uow: UnitOfWorkFactory[SkmUnitOfWork]) -> None:
        self._policy = policy
        self._uow = uow

    async def questionnaire(
        self, uow: SkmUnitOfWork, subject: ServiceRef, actor: Actor
    ) -> Questionnaire:
        service = await uow.org.service_to_show(subject.code)  # the title; submit reads afresh
        if service is None:
            raise NotFound("service", ref=subject.code)
        return survey_questionnaire(service.name, service.unit_name)

    async def on_cancel(self, uow: SkmUnitOfWork, change: Change[ServiceRef]) -> Outcome:
        return Outcome(forget=True)  # the citizen withdrew: nothing of it stays

    async def on_submit(self, uow: SkmUnitOfWork, change: Change[ServiceRef]) -> Outcome:
        actor, before, after, now = change.actor, change.before, change.after, change.now
        code = change.subject.code
        service = await uow.org.service_by_code(code)
        if service is None or not service.active:
            # Closed while the person was answering: say so, keep the review page (Batal).
            name = service.name if service else code
            return Outcome((Notice("skm.survey.service_closed", {"service": name}),), rejected=True)
        timezone = await unit_timezone(uow, service, self._policy.default_timezone)
        day = local_date(now, timezone)
        mark = respondent_mark(self._policy.secret, actor.telegram_id, service.code, day)
        if not await uow.skm_marks.take(mark, day=day, limit=self._policy.responses_per_day):
            refused = Notice("error.rate_limited.skm_today", {"service": service.name})
            return Outcome((refused,), forget=True)
        response = response_from_answers(
            after.answers,
            service_id=service.id,
            unit_id=service.unit_id,
            submitted_at=start_of_day(day, timezone),
            day=day,
        )
        forward_at = next_digest(now, timezone, self._policy.digest_hour)
        pending_id = await uow.skm_responses.add_pending(response, forward_at=forward_at)
        submission = _Submission(before, service, mark, pending_id, day)
        return Outcome(forget=True, after_commit=partial(self._store, submission))

    async def _store(self, submission: _Submission) -> tuple[Notice, ...]:
        """The second transaction: the response and its saran, nothing about the person."""
        try:
            async with self._uow() as uow:
                await store_pending(uow, submission.pending_id)
                await uow.commit()
        except Exception:
            await self._give_back(submission)
            raise
        async with self._uow(readonly=True) as uow:
            minimum = self._policy.min_respondents
            return (await thanks(uow, submission.service, submission.day, minimum),)

    async def _give_back(self, submission: _Submission) -> None:
        """Storing failed: release the mark and restore the review page, so the person can
        send the same answers again (a new session; its old buttons are stale). Unless the
        response was stored meanwhile (its pending row is gone): then it stays stored."""
        async with self._uow() as uow:
            if await uow.skm_responses.take_pending(submission.pending_id) is None:
                return
            await uow.skm_marks.release(submission.mark)
            await uow.sessions.add(replace(submission.session, id=None))
            await uow.commit()


async def store_pending(uow: SkmUnitOfWork, pending_id: int) -> bool:
    """Move a pending response to the responses and queue its saran; ``False`` when another
    transaction did already."""
    pending = await uow.skm_responses.take_pending(pending_id)
    if pending is None:
        return False
    response = pending.response
    [response_id] = await uow.skm_responses.add([response])
    service = await uow.org.service(response.service_id)
    if service is not None:
        await forward_suggestion(uow, service, response, response_id, pending.forward_at)
    return True


async def forward_suggestion(
    uow: SkmUnitOfWork,
    service: ServiceRecord,
    response: SkmResponse,
    response_id: int,
    forward_at: datetime,
) -> int:
    """Queue the saran for every admin whose grant covers the service's unit, to be sent at
    ``forward_at`` (the next digest hour of the unit's day); how many."""
    if not response.suggestion:
        return 0
    chats = await uow.org.admin_chats(await uow.org.unit_path(service.unit_id))
    params: dict[str, Param] = {
        "service": service.name,
        "unit": service.unit_name,
        "date": response.local_date,
        "text": response.suggestion,
        "contact": response.contact or "",
    }
    key = "skm.forward.suggestion_contact" if response.contact else "skm.forward.suggestion"
    for chat in chats:
        dedupe = f"skm-saran:{response_id}:{chat}"
        message = OutboundMessage(chat, key, dedupe, params, not_before=forward_at)
        await uow.outbox.enqueue(message, now=response.submitted_at)
    return len(chats)


async def thanks(uow: SkmUnitOfWork, service: ServiceRecord, day: date, minimum: int) -> Notice:
    """Thanks, with the service's current IKM and mutu: this quarter up to yesterday (or, early
    in a quarter, the last whole quarter), when at least ``minimum`` people answered.

    Up to yesterday, not up to this answer: a figure that moved with every response would let
    the next person to rate work out how the previous one answered; this one moves once a day.
    """
    for period in _current_then_last_quarter(day):
        groups = await uow.skm_queries.aggregate(
            ResponseFilter(period, service_ids=(service.id,)), by=Grouping.ALL
        )
        result = groups[0].result if groups else None
        if result is not None and result.respondents >= minimum and result.mutu is not None:
            return _thanks(service, period, result)
    return Notice("skm.survey.thanks_no_ikm", {"service": service.name})


def _current_then_last_quarter(day: date) -> list[ReportPeriod]:
    quarter = ReportPeriod.of(ReportSpan.QUARTER, day)
    periods = [ReportPeriod.previous(ReportSpan.QUARTER, day)]
    if day > quarter.date_from:
        periods.insert(
            0, ReportPeriod(quarter.date_from, day - timedelta(days=1), ReportSpan.CUSTOM)
        )
    return periods


def _thanks(service: ServiceRecord, period: ReportPeriod, result: SkmResult) -> Notice:
    assert result.mutu is not None
    params = {
        "service": service.name,
        "from": period.date_from,
        "to": period.date_to,
        "ikm": result.ikm_display,
        "mutu": result.mutu.value,
        "kinerja": TextRef(f"skm.kinerja.{result.mutu.value}"),
        "respondents": result.respondents,
    }
    return Notice("skm.survey.thanks", params)


class SkmSurveys:
    """What the chat needs around the survey: open it, find a service to rate, clean up."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[SkmUnitOfWork],
        clock: Clock,
        conversations: Conversations[EngineUnitOfWork],
        policy: SurveyPolicy,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._conversations = conversations
        self._policy = policy

    async def open(self, actor: Actor, code: str) -> Turn:
        """Start (or resume) the survey of service ``code``; refuse an unknown or inactive
        service (:class:`NotFound`) and a respondent over the daily limit (:class:`RateLimited`).
        """
        now = self._clock.now()
        async with self._uow(readonly=True) as uow:
            service = await active_service(uow, code)
            timezone = await unit_timezone(uow, service, self._policy.default_timezone)
            mark = respondent_mark(
                self._policy.secret, actor.telegram_id, service.code, local_date(now, timezone)
            )
            if await uow.skm_marks.count(mark) >= self._policy.responses_per_day:
                raise RateLimited("skm_today", service=service.name)
        return await self._conversations.begin(actor, QUESTIONNAIRE_ID, subject_for(service.code))

    async def open_by_id(self, actor: Actor, service_id: int) -> Turn:
        async with self._uow(readonly=True) as uow:
            service = await uow.org.service(service_id)
        if service is None:
            raise NotFound("service", ref=service_id)
        return await self.open(actor, service.code)

    async def find(self, query: str | None, *, limit: int = SEARCH_LIMIT) -> list[ServiceRecord]:
        """Active services whose name, code or unit matches ``query`` (all when empty); one
        more than ``limit`` tells the caller to ask for a narrower word."""
        async with self._uow(readonly=True) as uow:
            found = await uow.org.services(query=(query or "").strip() or None, limit=500)
        return [service for service in found if service.active][: limit + 1]

    async def complete_pending(self) -> int:
        """Store the responses whose second transaction never ran (the process died between
        the two): at start-up, and every minute for those another process left; how many."""
        async with self._uow(readonly=True) as uow:
            waiting = await uow.skm_responses.pending_ids()
        stored = 0
        for pending_id in waiting:
            async with self._uow() as uow:
                stored += await store_pending(uow, pending_id)
                await uow.commit()
        return stored

    async def clean_up(self) -> CleanUp:
        """The hourly job: forget surveys left half-way (their session still names the person)
        and delete the daily-limit marks of days that are over in every unit's time zone."""
        now = self._clock.now()
        async with self._uow() as uow:
            before = now - self._policy.abandoned_after
            sessions = await uow.sessions.forget_abandoned(QUESTIONNAIRE_ID, before=before)
            zones = await _time_zones(uow, self._policy.default_timezone)
            # A mark of day D is useless once D is over at every counter: the westernmost
            # zone's today is the first day some counter may still be in.
            marks = await uow.skm_marks.prune(before=min(local_date(now, z) for z in zones))
            await uow.commit()
        return CleanUp(sessions, marks)


async def _time_zones(uow: SkmUnitOfWork, default: str) -> Sequence[str]:
    return sorted({default} | {u.timezone for u in await uow.org.units() if u.timezone})
