"""The composition root: settings -> database -> services -> the PTB application.

This is the only module of ``bot`` that knows ``storage`` (import-linter checks it).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import BotCommand, BotCommandScopeDefault
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults, JobQueue
from telegram.request import BaseRequest

from bot.context import CONTEXT_TYPES, Context, KinerjaApplication
from bot.dispatch import OutboxDispatcher
from bot.i18n import AREAS, LANGUAGES, has, t
from bot.processor import PerUserUpdateProcessor
from bot.receipt import LEASE, Receipt
from bot.reminders.national import LibraryHolidays
from bot.router import Router
from bot.routes import MENU_COMMANDS, ROUTES, install
from bot.serve import serve
from bot.services import Services
from bot.settings import SecretNotSet, Settings
from domain.appraisal import forms
from domain.appraisal.flows import AssessmentFlow, DecisionFlow, ObjectionFlow, SelfAssessmentFlow
from domain.appraisal.period_admin import PeriodAdministration
from domain.appraisal.period_flow import PERIOD_CREATE, PeriodCreateFlow
from domain.appraisal.tanggapan_flow import TanggapanFlow
from domain.appraisal.use_cases import Appraisals
from domain.clock import Clock
from domain.engine.conversations import Conversations
from domain.engine.flow import Flow
from domain.engine.updates import UpdateGate
from domain.org.directory import Directory, actor_of
from domain.org.registration import Registration, RegistrationFlow
from domain.outbox import LateReplies
from domain.peer import coaching
from domain.peer import forms as peer_forms
from domain.peer.admin import PeerAdministration
from domain.peer.coaching_flows import RECORD_FLOW, CoachingFeedbackFlow, CoachingRecordFlow
from domain.peer.development_cases import DevelopmentViews
from domain.peer.feedback_flow import PeerFeedbackFlow
from domain.peer.nomination_flow import QUESTIONNAIRE_ID as PEER_NOMINATION
from domain.peer.nomination_flow import NominationFlow
from domain.peer.people import PeerPolicy
from domain.peer.plan_flow import PLAN_FLOW, PlanFlow
from domain.peer.recommendations import Policy as AdvicePolicy
from domain.peer.recommendations import Recommendations
from domain.peer.results import ResultsViews
from domain.peer.use_cases import PeerFeedback
from domain.reminders.calendar import OfficeHours
from domain.reminders.planning import ReminderPolicy, Reminders
from domain.reminders.reports import ReportPolicy, Reports, StoredCalendar
from domain.skm.admin import SkmAdministration
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, PopulationFlow, RtlFlow
from domain.skm.reports import SkmReports
from domain.skm.survey import QUESTIONNAIRE_ID as SKM_QUESTIONNAIRE
from domain.skm.survey_flow import SkmSurveys, SurveyFlow, SurveyPolicy
from storage.database import Database
from storage.inbox import SqlInbox
from storage.migrate import current_revision, head_revision, upgrade, upgrade_if_behind
from storage.outbox import SqlOutboxQueue
from storage.sending_turn import AdvisoryLockTurn, OnlyProcess
from storage.unit_of_work import SqlUnitOfWork, SqlUnitOfWorkFactory

log = logging.getLogger(__name__)
PRUNE_INTERVAL = timedelta(hours=6)
SKM_CLEAN_UP_INTERVAL = timedelta(hours=1)
SKM_PENDING_INTERVAL = timedelta(minutes=1)  # responses another process left half-stored
PEER_FREEZE_INTERVAL = timedelta(minutes=10)  # summaries are also frozen by their first reader
REPORTS_INTERVAL = timedelta(minutes=10)  # summaries, recognition lists (deduped: reruns are free)
HEALTH_TIMEOUT_SECONDS = 3.0


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """Tests only (``KINERJA_TEST_CLOCK``, refused with the real Telegram): the clock starts at
    ``start`` when the process does and runs on at the real pace."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


@dataclass
class Runtime:
    """Everything built from the settings, for the bot and the CLI alike; its methods ending in
    a ``context`` are the bot's jobs."""

    settings: Settings
    db: Database
    uow: SqlUnitOfWorkFactory
    services: Services
    router: Router
    dispatcher: OutboxDispatcher
    receipt: Receipt

    async def migrate(self) -> str | None:
        """Apply pending migrations; returns the schema revision now in place."""
        await upgrade(self.db)
        return await current_revision(self.db)

    async def health(self) -> str | None:
        """``None`` when the database answers and its schema is this release's; else why not."""
        try:
            revision = await asyncio.wait_for(current_revision(self.db), HEALTH_TIMEOUT_SECONDS)
        except Exception as error:  # noqa: BLE001 - whatever it is, the bot is not healthy
            return f"database unreachable: {type(error).__name__}"
        expected = head_revision()
        if revision != expected:
            return f"schema at revision {revision}, this release needs {expected}"
        return None

    async def start(self, application: KinerjaApplication) -> None:
        await _start(self, application)

    async def close(self) -> None:
        await self.dispatcher.stop()  # if the application did not stop it (a failed start-up)
        await self.db.dispose()

    async def dispatch(self, context: Context) -> None:
        """Start the outbox dispatcher (once the application runs: in-process tests that do not
        start it send the outbox themselves)."""
        self.dispatcher.start(context.bot)

    async def stop_dispatching(self, application: KinerjaApplication) -> None:
        """After the application stopped, while its bot can still send: finish the sends in
        flight, mark them, hand the rest back (PTB's ``post_stop``)."""
        await self.dispatcher.stop()

    async def prune(self, context: Context) -> None:
        await self.services.updates.prune()
        await self.dispatcher.prune()  # outbox rows sent, failed or blocked over 30 days ago

    async def plan_reminders(self, context: Context | None = None) -> None:
        """Queue the reminders and digests due now (``domain.reminders``)."""
        await self.services.reminders.plan()

    async def skm_clean_up(self, context: Context) -> None:
        """Forget abandoned citizen surveys and the daily-limit marks of finished days."""
        done = await self.services.skm_surveys.clean_up()
        log.info("SKM clean-up: %d abandoned surveys, %d old marks", done.sessions, done.marks)

    async def peer_freeze(self, context: Context | None = None) -> None:
        """Freeze the peer summaries whose deadline has passed (once each)."""
        frozen = await self.services.peer.freeze_due()
        if frozen:
            log.info("peer feedback: %d summaries frozen", frozen)

    async def plan_reports(self, context: Context) -> None:
        """Queue the admins' weekly summaries and the unit heads' recognition lists now due."""
        queued = await self.services.reports.plan_due()
        if queued:
            log.info("reports: %d summary or recognition message(s) queued", queued)

    async def skm_pending(self, context: Context | None = None) -> None:
        """Store the survey responses a process left between their two transactions."""
        stored = await self.services.skm_surveys.complete_pending()
        if stored:
            log.info("SKM: %d submitted response(s) stored after an interruption", stored)


def build_runtime(settings: Settings) -> Runtime:
    clock: Clock = (
        SystemClock() if settings.test_clock is None else ShiftedClock(settings.test_clock)
    )
    db = Database(settings.database_url)
    uow = SqlUnitOfWorkFactory(db, clock)
    secret = settings.secret_or_unset()  # `kinerja run` and the commands that key hashes require it
    policy = SurveyPolicy(
        secret,
        responses_per_day=settings.skm_responses_per_day,
        default_timezone=settings.timezone,
        abandoned_after=timedelta(hours=settings.skm_abandoned_hours),
        min_respondents=settings.skm_min_respondents,
        digest_hour=settings.skm_digest_hour,
    )
    flows: dict[str, Flow[SqlUnitOfWork, Any]] = {
        "registration": RegistrationFlow(secret, clock),
        SKM_QUESTIONNAIRE: SurveyFlow(policy, uow),
        RTL_FLOW: RtlFlow(),
        POPULATION_FLOW: PopulationFlow(),
    }
    periods = PeriodAdministration(uow, clock, settings.timezone)
    appraisals = Appraisals(uow, clock, settings.timezone, settings.pola_distribusi())
    flows |= {
        forms.SELF_ASSESSMENT: SelfAssessmentFlow(clock, settings.timezone),
        forms.ASSESSMENT: AssessmentFlow(
            clock, settings.timezone, timedelta(minutes=settings.result_grace_minutes)
        ),
        forms.OBJECTION: ObjectionFlow(clock, settings.timezone, settings.tanggapan_days),
        forms.DECISION: DecisionFlow(clock, settings.timezone),
        forms.DECISION_EARLY: DecisionFlow(clock, settings.timezone, early=True),
        forms.TANGGAPAN: TanggapanFlow(clock, settings.timezone),
        PERIOD_CREATE: PeriodCreateFlow(periods, clock),
        RECORD_FLOW: CoachingRecordFlow(clock, settings.timezone),
        coaching.QUESTIONNAIRE_ID: CoachingFeedbackFlow(settings.coaching_scale_points),
        PLAN_FLOW: PlanFlow(clock, settings.timezone, settings.peer_min_raters),
    }
    # No key: only commands that never freeze peer feedback get this far (bot.cli.SECRET_USERS).
    peer_key = b"" if isinstance(secret, SecretNotSet) else secret.encode()
    peer_policy = PeerPolicy(peer_key, settings.timezone, min_raters=settings.peer_min_raters)
    flows |= {
        peer_forms.QUESTIONNAIRE_ID: PeerFeedbackFlow(peer_policy, clock),
        PEER_NOMINATION: NominationFlow(peer_policy, clock),
    }
    conversations = Conversations(uow, clock, flows, identify=actor_of)
    reminders = Reminders(uow, clock, LibraryHolidays(), _reminder_policy(settings))
    peer = PeerFeedback(uow, clock, conversations, peer_policy)
    advice = AdvicePolicy(settings.weak_threshold(), settings.peer_min_raters)
    development = DevelopmentViews(uow, clock, advice)
    results = ResultsViews(
        uow, clock, settings.timezone, settings.peer_min_raters, freeze=peer.freeze_one
    )
    services = Services(
        settings=settings,
        clock=clock,
        conversations=conversations,
        directory=Directory(uow),
        registration=Registration(uow, clock, secret),
        skm_surveys=SkmSurveys(uow, clock, conversations, policy),
        skm_reports=SkmReports(
            uow, min_respondents=settings.skm_min_respondents, default_timezone=settings.timezone
        ),
        skm_admin=SkmAdministration(uow, clock),
        appraisals=appraisals,
        periods=periods,
        updates=UpdateGate(uow, clock),
        late_replies=LateReplies(uow, clock),
        development=development,
        results=results,
        recommendations=Recommendations(uow, clock, advice),
        peer=peer,
        peer_admin=PeerAdministration(uow, clock, peer_policy),
        reminders=reminders,
        task_sources=[appraisals, development, peer],
        reports=Reports(
            uow,
            clock,
            StoredCalendar(reminders, clock),
            ReportPolicy(settings.timezone, min_respondents=settings.skm_min_respondents),
        ),
        bot_username=settings.bot_username or "",
    )
    router = Router(ROUTES)
    dispatcher = OutboxDispatcher(
        SqlOutboxQueue(db, router.catalogue),
        clock,
        codecs=router.codecs,
        rate=settings.outbox_rate,
        timezone=settings.timezone,
        turn=OnlyProcess() if db.is_sqlite else AdvisoryLockTurn(db),
    )
    db.outbox_listeners.append(dispatcher.wake)
    receipt = Receipt(
        SqlInbox(db, holder=_process_name(settings), lease=LEASE),
        clock,
        shared=settings.mode == "webhook",
    )
    return Runtime(settings, db, uow, services, router, dispatcher, receipt)


def _reminder_policy(settings: Settings) -> ReminderPolicy:
    opens, closes = settings.hours()
    return ReminderPolicy(settings.timezone, OfficeHours(opens, closes), settings.before_days())


def _process_name(settings: Settings) -> str:
    """Who holds the updates this process received: the same name after a restart (so that it
    takes its own back at once), different for processes running at the same time (two webhook
    processes on one host listen on different ports)."""
    where = "polling" if settings.mode == "polling" else f"port {settings.webhook_port}"
    return f"{socket.gethostname()} {where}"[:120]


def build_application(
    runtime: Runtime, requests: Callable[[], BaseRequest] | None = None
) -> KinerjaApplication:
    """The PTB application; ``requests`` makes its request layer (tests answer the Bot API in
    the same process), PTB's HTTPX one when ``None``."""
    settings = runtime.settings
    assert settings.bot_token is not None
    api = settings.telegram_api_url
    builder = (
        Application.builder()
        .token(settings.bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .context_types(CONTEXT_TYPES)
        .job_queue(JobQueue[Context]())
        .concurrent_updates(PerUserUpdateProcessor(settings.concurrent_updates, runtime.receipt))
        .updater(None)  # updates are received by bot.serve, through the inbox
        .post_stop(runtime.stop_dispatching)
    )
    if requests is not None:
        builder = builder.request(requests()).get_updates_request(requests())
    application = builder.build()
    application.bot_data.attach(runtime.services, runtime.router.codecs)
    install(application, runtime.router)
    return application


async def _start(runtime: Runtime, application: KinerjaApplication) -> None:
    await upgrade_if_behind(runtime.db)
    await runtime.skm_pending()  # before anything new comes in
    me = await application.bot.get_me()
    runtime.services.bot_username = me.username or runtime.services.bot_username
    await _register_commands(application)
    jobs = application.job_queue
    assert jobs is not None
    jobs.run_once(runtime.dispatch, when=0.5, name="outbox-dispatch")
    if runtime.settings.reminders:
        jobs.run_repeating(
            runtime.plan_reminders,
            interval=runtime.settings.reminder_plan_seconds,
            first=1,
            name="reminders-plan",
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
    jobs.run_repeating(runtime.prune, interval=PRUNE_INTERVAL, first=60, name="prune")
    jobs.run_repeating(
        runtime.skm_clean_up, interval=SKM_CLEAN_UP_INTERVAL, first=30, name="skm-clean-up"
    )
    jobs.run_repeating(
        runtime.skm_pending, interval=SKM_PENDING_INTERVAL, first=60, name="skm-pending"
    )
    jobs.run_repeating(
        runtime.peer_freeze,
        interval=PEER_FREEZE_INTERVAL,
        first=90,
        name="peer-freeze",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
    if runtime.settings.reminders:  # the admins' summary and the unit heads' recognition lists
        jobs.run_repeating(
            runtime.plan_reports,
            interval=REPORTS_INTERVAL,
            first=120,
            name="reports-plan",
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
    log.info("kinerja-bot started as @%s (%s mode)", me.username, runtime.settings.mode)


async def _register_commands(application: KinerjaApplication) -> None:
    for lang in LANGUAGES:
        commands = [BotCommand(name, _command_text(lang, name)) for name in MENU_COMMANDS]
        await application.bot.set_my_commands(
            commands,
            scope=BotCommandScopeDefault(),
            language_code=None if lang == "id" else lang,
        )


def _command_text(lang: str, name: str) -> str:
    """``core.command.<name>``, or an area's own ``<area>.command.<name>`` (e.g. ``skm``)."""
    areas = dict.fromkeys(module.split(".")[1] for module in AREAS)  # bot.<area>.texts
    keys = [f"{area}.command.{name}" for area in areas]
    return t(lang, next((key for key in keys if has(key)), f"core.command.{name}"))


def run_bot(settings: Settings) -> None:
    """Start the bot in polling or webhook mode until SIGINT/SIGTERM (``bot.serve``)."""
    runtime = build_runtime(settings)
    serve(build_application(runtime), runtime)
