"""Which handler answers what: the commands, buttons and deep links of every area's handlers
(``bot/<area>/handlers.py`` and the like), wired by :func:`register` in order of precedence."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.appraisal import handlers as appraisal
from bot.core import fallback
from bot.core import handlers as core
from bot.engine import handlers as engine
from bot.org import handlers as org
from bot.skm import report_handlers as reports
from bot.skm import survey_handlers as survey

# (command names, handler) — the first name is the one registered with Telegram's menu.
COMMANDS = (
    (("start",), core.cmd_start),
    (("menu",), core.cmd_menu),
    (("bantuan", "help"), core.cmd_help),
    (("bahasa", "language"), core.cmd_language),
    (("daftar", "register"), org.cmd_register),
    (("batal", "cancel"), engine.cmd_cancel),
    (("layanan", "services"), survey.cmd_services),
    (("laporan", "report"), reports.cmd_report),
    (("poster",), reports.cmd_poster),
    *appraisal.COMMANDS,
)

# Commands shown in Telegram's command menu, with the text key of their description.
MENU_COMMANDS = (
    "start",
    "menu",
    "penilaian",
    "hasil",
    "tim",
    "skp",
    "layanan",
    "daftar",
    "batal",
    "bahasa",
    "bantuan",
)


def register(application: Application, *, drop_duplicates: bool = False) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    if drop_duplicates:  # several webhook processes: the first to record an update handles it
        application.add_handler(TypeHandler(Update, fallback.drop_duplicates), group=-1)
    core.MENU_ACTIONS["register"] = org.register_action
    core.DEEP_LINKS["reg_"] = org.register_deep_link
    core.DEEP_LINKS["skm_"] = survey.survey_deep_link
    core.MENU_ACTIONS.update(appraisal.MENU_ACTIONS)
    core.MENU_ACTIONS.update(
        {
            "skm_find": survey.find_action,
            "skm": survey.survey_button,
            "skm_report": lambda request, args: reports.pick_scope(request),
            "skm_poster": reports.poster_menu,
            "lap": reports.report_action,
            "lapx": reports.custom_period_action,
            "rtl": reports.rtl_action,
            "pop": reports.population_action,
            "poster": reports.poster_action,
        }
    )

    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, fallback.on_edited)
    )
    application.add_handler(MessageHandler(~private & filters.COMMAND, fallback.on_group))
    for names, callback in COMMANDS:
        application.add_handler(CommandHandler(names, callback, filters=private))
    application.add_handler(CallbackQueryHandler(engine.on_question_button, pattern=r"^q1:"))
    application.add_handler(CallbackQueryHandler(core.on_menu_button))
    application.add_handler(MessageHandler(private & filters.COMMAND, fallback.on_unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT, engine.on_text))
    application.add_handler(
        MessageHandler(private & (filters.PHOTO | filters.Document.ALL), engine.on_upload)
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE, fallback.on_unsupported)
    )
    application.add_error_handler(fallback.on_error)


ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
