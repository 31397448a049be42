"""The citizen survey: open it from a QR code, run it, store the response without the person.

Opening checks the service (it must exist and be active) and the daily limit; submitting checks
the limit again inside the transaction that stores the response, so two devices racing cannot
both get through. The finished session is deleted (``Outcome.forget``): no row links a Telegram
account to a rating. A saran/pengaduan is forwarded to the unit's admins through the outbox,
without the citizen's identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.errors import NotFound, RateLimited
from domain.identity import Actor
from domain.ports import (
    Clock,
    OutboundMessage,
    ServiceRecord,
    UnitOfWork,
    UnitOfWorkFactory,
)
from domain.questionnaire import Questionnaire, Session, SessionStatus
from domain.services.conversation import Conversations, Flow, Notice, Outcome, Turn
from domain.skm_report import Grouping, Period, PeriodKind, ResponseFilter
from domain.skm_survey import (
    QUESTIONNAIRE_ID,
    SkmResponse,
    local_date,
    respondent_mark,
    response_from_answers,
    service_code_of,
    subject_for,
    survey_questionnaire,
)

SEARCH_LIMIT = 10


@dataclass(frozen=True, slots=True)
class SurveyPolicy:
    """The installation's rules for the survey (from the settings)."""

    secret: str
    responses_per_day: int
    default_timezone: str
    abandoned_after: timedelta = timedelta(hours=24)


async def active_service(uow: UnitOfWork, code: str) -> ServiceRecord:
    service = await uow.org.service_by_code(code.strip().upper())
    if service is None or not service.active:
        raise NotFound("service", ref=code)
    return service


async def service_day(uow: UnitOfWork, service: ServiceRecord, now: datetime, default: str) -> date:
    timezone = await uow.org.effective_timezone(service.unit_id)
    return local_date(now, timezone or default)


class SurveyFlow(Flow):
    """Questionnaire ``skm`` for subject ``service:<CODE>``."""

    questionnaire_id = QUESTIONNAIRE_ID

    def __init__(self, policy: SurveyPolicy) -> None:
        self._policy = policy

    async def questionnaire(self, uow: UnitOfWork, subject: str, actor: Actor) -> Questionnaire:
        code = service_code_of(subject)
        service = await uow.org.service_by_code(code)
        if service is None:
            raise NotFound("service", ref=code)
        return survey_questionnaire(service.name, service.unit_name)

    async def on_change(
        self, uow: UnitOfWork, actor: Actor, before: Session, after: Session, now: datetime
    ) -> Outcome:
        if after.status is SessionStatus.CANCELLED:
            return Outcome(forget=True)  # the citizen withdrew: nothing of it stays
        if after.status is not SessionStatus.SUBMITTED:
            return Outcome()
        service = await active_service(uow, service_code_of(after.subject))
        day = await service_day(uow, service, now, self._policy.default_timezone)
        mark = respondent_mark(self._policy.secret, actor.telegram_id, service.code, day)
        if not await uow.skm.take_mark(mark, day=day, limit=self._policy.responses_per_day):
            refused = Notice("error.rate_limited.skm_today", {"service": service.name})
            return Outcome((refused,), forget=True)
        response = response_from_answers(
            after.answers, service_id=service.id, unit_id=service.unit_id, submitted_at=now, day=day
        )
        [response_id] = await uow.skm.add_responses([response])
        await forward_suggestion(uow, service, response, response_id, now)
        return Outcome((await thanks(uow, service, day),), forget=True)


async def forward_suggestion(
    uow: UnitOfWork, service: ServiceRecord, response: SkmResponse, response_id: int, now: datetime
) -> int:
    """Queue the saran for every admin whose grant covers the service's unit; how many."""
    if not response.suggestion:
        return 0
    chats = await uow.skm.admin_chats(await uow.org.unit_path(service.unit_id))
    params = {
        "service": service.name,
        "unit": service.unit_name,
        "date": response.local_date.isoformat(),
        "text": response.suggestion,
        "contact": response.contact or "",
    }
    key = "skm.forward.suggestion_contact" if response.contact else "skm.forward.suggestion"
    for chat in chats:
        dedupe = f"skm-saran:{response_id}:{chat}"
        await uow.outbox.enqueue(OutboundMessage(chat, key, dedupe, params), now=now)
    return len(chats)


async def thanks(uow: UnitOfWork, service: ServiceRecord, day: date) -> Notice:
    """Thanks, with the service's IKM so far this year (this response included)."""
    year = Period.of(PeriodKind.YEAR, day)
    where = ResponseFilter(year, service_ids=(service.id,))
    groups = await uow.skm.aggregate(where, by=Grouping.ALL)
    result = groups[0].result if groups else None
    if result is None or result.mutu is None or result.ikm_display is None:
        return Notice("skm.survey.thanks_no_ikm", {"service": service.name})
    params = {
        "service": service.name,
        "year": day.year,
        "ikm": result.ikm_display,
        "mutu": result.mutu.value,
        "kinerja": result.mutu.kinerja,
        "respondents": result.respondents,
    }
    return Notice("skm.survey.thanks", params)


class SkmSurveys:
    """What the chat needs around the survey: open it, and find a service to rate."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        conversations: Conversations,
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
        async with self._uow() as uow:
            service = await active_service(uow, code)
            day = await service_day(uow, service, now, self._policy.default_timezone)
            mark = respondent_mark(self._policy.secret, actor.telegram_id, service.code, day)
            if await uow.skm.mark_count(mark) >= self._policy.responses_per_day:
                raise RateLimited("skm_today", service=service.name)
            # Sessions left half-way still name their owner: forget them after a while.
            await uow.skm.forget_abandoned(
                QUESTIONNAIRE_ID, before=now - self._policy.abandoned_after
            )
            await uow.commit()
        return await self._conversations.begin(actor, QUESTIONNAIRE_ID, subject_for(service.code))

    async def open_by_id(self, actor: Actor, service_id: int) -> Turn:
        async with self._uow(readonly=True) as uow:
            service = await uow.skm.service(service_id)
        if service is None:
            raise NotFound("service", ref=service_id)
        return await self.open(actor, service.code)

    async def find(self, query: str | None, *, limit: int = SEARCH_LIMIT) -> list[ServiceRecord]:
        """Active services whose name, code or unit matches ``query`` (all when empty); one
        more than ``limit`` tells the caller to ask for a narrower word."""
        async with self._uow(readonly=True) as uow:
            found = await uow.org.services(query=(query or "").strip() or None, limit=500)
        return [service for service in found if service.active][: limit + 1]
