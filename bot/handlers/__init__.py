"""Telegram handlers: one module per flow. :func:`register` wires them in order of precedence."""

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

from bot.handlers import appraisal, engine, fallback, registration, skm, skm_reports, start

# (command names, handler) — the first name is the one registered with Telegram's menu.
COMMANDS = (
    (("start",), start.cmd_start),
    (("menu",), start.cmd_menu),
    (("bantuan", "help"), start.cmd_help),
    (("bahasa", "language"), start.cmd_language),
    (("daftar", "register"), registration.cmd_register),
    (("batal", "cancel"), engine.cmd_cancel),
    (("layanan", "services"), skm.cmd_services),
    (("laporan", "report"), skm_reports.cmd_report),
    (("poster",), skm_reports.cmd_poster),
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
    start.MENU_ACTIONS["register"] = registration.register_action
    start.DEEP_LINKS["reg_"] = registration.register_deep_link
    start.DEEP_LINKS["skm_"] = skm.survey_deep_link
    start.MENU_ACTIONS.update(appraisal.MENU_ACTIONS)
    start.MENU_ACTIONS.update(
        {
            "skm_find": skm.find_action,
            "skm": skm.survey_button,
            "skm_report": lambda request, args: skm_reports.pick_scope(request),
            "skm_poster": skm_reports.poster_menu,
            "lap": skm_reports.report_action,
            "lapx": skm_reports.custom_period_action,
            "rtl": skm_reports.rtl_action,
            "pop": skm_reports.population_action,
            "poster": skm_reports.poster_action,
        }
    )

    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, fallback.on_edited)
    )
    application.add_handler(MessageHandler(~private & filters.COMMAND, fallback.on_group))
    for names, callback in COMMANDS:
        application.add_handler(CommandHandler(names, callback, filters=private))
    application.add_handler(CallbackQueryHandler(engine.on_question_button, pattern=r"^q1:"))
    application.add_handler(CallbackQueryHandler(start.on_menu_button))
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
