"""Buttons as Telegram markup. Pure functions; views decide what the buttons are."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

ButtonRow = Sequence[tuple[str, str]]


def inline(rows: Sequence[ButtonRow]) -> InlineKeyboardMarkup | None:
    """``rows`` of ``(label, callback_data)``; ``None`` when there are no buttons."""
    keyboard = [
        [InlineKeyboardButton(label, callback_data=data) for label, data in row]
        for row in rows
        if row
    ]
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def link(label: str, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])
