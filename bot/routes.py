"""Which handler answers what: one table of the commands, the button actions (with their callback
codecs) and the deep links of every area, and :func:`install`, which hands it to PTB in order of
precedence. The table is data; nothing is registered into a module (see :mod:`bot.router`).

Callback data of an action is ``<prefix>[:<field>...]`` (:mod:`bot.callbacks`): the prefix is a
readable name and a version; a change of an action's fields gets a new version.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from bot.appraisal import handlers as appraisal
from bot.context import KinerjaApplication
from bot.core import fallback
from bot.core import handlers as core
from bot.engine import handlers as engine
from bot.org import handlers as org
from bot.peer import development_handlers as development
from bot.peer import handlers as peer
from bot.peer import results_handlers as results
from bot.processor import Resume
from bot.reminders import handlers as reminders
from bot.reminders import report_handlers as recognition
from bot.request import Request, handler
from bot.router import Command, DeepLink, Router, Routes, on
from bot.skm import report_handlers as reports
from bot.skm import survey_handlers as survey
from domain.actions import ShowHelp, ShowMenu, SwitchLanguage
from domain.appraisal import actions as appraisal_actions
from domain.appraisal.actions import (
    AcknowledgeResult,
    AssessSubordinate,
    ClosePeriod,
    CreatePeriod,
    DecideObjection,
    DecideObjectionEarly,
    FileObjection,
    ListPeriods,
    OpenPeriod,
    RespondToObjection,
    ShowDistribution,
    ShowObjection,
    ShowResults,
    ShowSkp,
    ShowSubordinate,
    ShowTeam,
    StartSelfAssessment,
)
from domain.org.access import (
    ADMINS,
    CITIZENS,
    EMPLOYEES,
    ORG_ADMINS,
    PEOPLE,
    SUPERVISORS,
    UNIT_HEADS,
)
from domain.org.actions import StartRegistration
from domain.peer.actions import (
    GiveFeedback,
    ListFeedback,
    NominateRaters,
    ShowPeerSummary,
    ShowRaters,
)
from domain.peer.development_actions import (
    AgreePlanItem,
    AnswerCoaching,
    RecordCoaching,
    ShowDevelopment,
)
from domain.reminders.actions import OpenDigestItem, SetReminderMute, ShowReminderSettings
from domain.reminders.report_actions import ConfirmRecognition, NudgeLateSubordinates
from domain.skm.actions import (
    ChoosePosterService,
    ChooseReportPeriod,
    ChooseReportScope,
    ExplainCustomPeriod,
    FindService,
    MakePoster,
    RateService,
    RecordPopulation,
    ShowReport,
    StartRtl,
)


async def show_help(request: Request, action: ShowHelp) -> None:
    """``/bantuan``: what this person can do, from the commands of the table below."""
    await core.show_help(request, ROUTES.commands)


ROUTES = Routes(
    start=core.show_menu,  # /start without a deep link
    commands=(  # the first name is the one registered with Telegram's menu
        Command(("menu",), ShowMenu(), roles=PEOPLE, help="help.command.menu"),
        Command(("bantuan", "help"), ShowHelp(), roles=PEOPLE, help="help.command.bantuan"),
        Command(
            ("bahasa", "language"), core.cmd_language, roles=PEOPLE, help="help.command.bahasa"
        ),
        Command(
            ("daftar", "register"), StartRegistration(), roles=CITIZENS, help="help.command.daftar"
        ),
        Command(("batal", "cancel"), engine.cmd_cancel, roles=PEOPLE, help="help.command.batal"),
        Command(
            ("layanan", "services"), survey.cmd_services, roles=PEOPLE, help="help.command.layanan"
        ),
        Command(
            ("laporan", "report"),
            reports.cmd_report,
            roles=ADMINS | UNIT_HEADS,
            help="help.command.laporan",
        ),
        Command(("poster",), ChoosePosterService(), roles=ADMINS, help="help.command.poster"),
        Command(
            ("penilaian",), StartSelfAssessment(), roles=EMPLOYEES, help="help.command.penilaian"
        ),
        Command(("skp",), ShowSkp(), roles=EMPLOYEES, help="help.command.skp"),
        Command(("hasil",), ShowResults(), roles=EMPLOYEES, help="help.command.hasil"),
        Command(("tim",), ShowTeam(), roles=SUPERVISORS, help="help.command.tim"),
        Command(
            ("umpanbalik", "feedback"),
            ListFeedback(),
            roles=EMPLOYEES,
            help="help.command.umpanbalik",
        ),
        Command(
            ("distribusi",),
            appraisal.cmd_distribution,
            roles=ADMINS | UNIT_HEADS,
            help="help.command.distribusi",
        ),
        Command(("periode",), ListPeriods(), roles=ORG_ADMINS, help="help.command.periode"),
        Command(
            ("pengingat", "reminders"),
            ShowReminderSettings(),
            roles=EMPLOYEES,
            help="help.command.pengingat",
        ),
    ),
    actions=(
        # everyone
        on("menu.1", ShowMenu, core.menu),
        on("help.1", ShowHelp, show_help),
        on("language.1", SwitchLanguage, core.switch_language),
        on("register.1", StartRegistration, org.register),
        # the appraisal
        on("self_assessment.1", StartSelfAssessment, development.self_assessment),
        on("skp.1", ShowSkp, appraisal.my_skp),
        on("results.1", ShowResults, development.my_results),
        on("team.1", ShowTeam, appraisal.my_team),
        on("subordinate.1", ShowSubordinate, development.one_subordinate),
        on("assess.1", AssessSubordinate, results.assess),
        on("acknowledge.1", AcknowledgeResult, appraisal.acknowledge),
        on("file_objection.1", FileObjection, appraisal.file_objection),
        on("objection.1", ShowObjection, appraisal.objection_case),
        on("decide.1", DecideObjection, appraisal.decide),
        on("decide_early.1", DecideObjectionEarly, appraisal.decide_early),
        on("tanggapan.1", RespondToObjection, appraisal.respond),
        on("distribution.1", ShowDistribution, appraisal.distribution),
        on("periods.1", ListPeriods, appraisal.list_periods),
        on("period_open.1", OpenPeriod, appraisal.open_period),
        on("period_close.1", ClosePeriod, development.close_period),
        on("period_new.1", CreatePeriod, appraisal.new_period),
        # coaching and development (issue 11)
        on("coaching_record.1", RecordCoaching, development.record_coaching),
        on("coaching_answer.1", AnswerCoaching, development.answer_coaching),
        on("development.1", ShowDevelopment, development.show_development),
        on("plan_agree.1", AgreePlanItem, development.agree_plan),
        # peer and upward feedback
        on("peer_list.1", ListFeedback, peer.list_feedback),
        on("peer_give.1", GiveFeedback, peer.give_feedback),
        on("peer_raters.1", ShowRaters, peer.show_raters),
        on("peer_nominate.1", NominateRaters, peer.nominate),
        on("peer_summary.1", ShowPeerSummary, peer.show_summary),
        # reminders and digests
        on("reminders.1", ShowReminderSettings, reminders.settings),
        on("mute.1", SetReminderMute, reminders.set_mute),
        on("digest_item.1", OpenDigestItem, reminders.digest_item),
        # the SKM
        on("services.1", FindService, survey.find_service),
        on("rate.1", RateService, survey.rate_service),
        on("reports.1", ChooseReportScope, reports.pick_scope),
        on("report_period.1", ChooseReportPeriod, reports.choose_period),
        on("report.1", ShowReport, reports.show_report),
        on("report_custom.1", ExplainCustomPeriod, reports.explain_custom_period),
        on("rtl.1", StartRtl, reports.start_rtl),
        on("population.1", RecordPopulation, reports.record_population),
        on("posters.1", ChoosePosterService, reports.poster_menu),
        on("poster.1", MakePoster, reports.make_poster),
        # the scheduler's reports: recognition, nudge
        on("recognise.1", ConfirmRecognition, recognition.confirm_recognition),
        on("nudge.1", NudgeLateSubordinates, recognition.nudge_late_subordinates),
    ),
    deep_links=(
        DeepLink("reg_", org.register_deep_link),  # the registration code's t.me link
        DeepLink("skm_", survey.survey_deep_link),  # the QR code at a service's counter
    ),
    legacy=appraisal_actions.LEGACY_REFERENCES,
)

# Commands shown in Telegram's command menu, with the text key of their description.
MENU_COMMANDS = (
    "start",
    "menu",
    "penilaian",
    "hasil",
    "tim",
    "umpanbalik",
    "skp",
    "pengingat",
    "layanan",
    "daftar",
    "batal",
    "bahasa",
    "bantuan",
)
ALLOWED_UPDATES = (Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY)


def install(application: KinerjaApplication, router: Router) -> None:
    """Hand the table to PTB, in order of precedence. (Duplicates never get here: an update is
    received once, ``bot.receipt``.)"""
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Resume, fallback.on_resume))
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, fallback.on_edited)
    )
    application.add_handler(MessageHandler(~private & filters.COMMAND, fallback.on_group))
    application.add_handler(CommandHandler("start", handler(router.on_start), filters=private))
    for command in router.routes.commands:
        callback = handler(router.command(command.does))
        application.add_handler(CommandHandler(command.names, callback, filters=private))
    application.add_handler(CallbackQueryHandler(engine.on_question_button, pattern=r"^q1:"))
    application.add_handler(CallbackQueryHandler(handler(router.on_button)))
    application.add_handler(MessageHandler(private & filters.COMMAND, fallback.on_unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT, engine.on_text))
    application.add_handler(
        MessageHandler(private & (filters.PHOTO | filters.Document.ALL), engine.on_upload)
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE, fallback.on_unsupported)
    )
    application.add_error_handler(fallback.on_error)
