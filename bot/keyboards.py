"""Buttons as Telegram markup. Pure functions; screens decide what the buttons are."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Codecs, callback_data
from bot.screens import Press

ButtonRow = Sequence[tuple[str, Press]]


def inline(rows: Sequence[ButtonRow], codecs: Codecs) -> InlineKeyboardMarkup | None:
    """``rows`` of ``(label, action or question button)``, each encoded by ``codecs`` as
    callback data; ``None`` when there are no buttons."""
    keyboard = [
        [
            InlineKeyboardButton(label, callback_data=callback_data(press, codecs))
            for label, press in row
        ]
        for row in rows
        if row
    ]
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def link(label: str, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])
