"""Validation of ``reply_markup``: inline keyboards, reply keyboards and their removal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .constants import CALLBACK_DATA_LIMIT, INLINE_BUTTON_LIMIT
from .errors import bad_request
from .records import ButtonRows, JsonDict


@dataclass(frozen=True)
class Markup:
    inline_json: JsonDict | None = None
    buttons: ButtonRows = field(default_factory=list)
    keyboard: list[list[str]] | None = None
    remove_keyboard: bool = False


def parse_markup(value: Any, *, inline_only: bool) -> Markup:
    if value is None:
        return Markup()
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in value:
        return _inline_markup(value["inline_keyboard"])
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in value:
        return Markup(keyboard=_reply_keyboard(value["keyboard"]))
    if value.get("remove_keyboard") is True:
        return Markup(remove_keyboard=True)
    if value.get("force_reply") is True:
        return Markup()
    raise bad_request(f"unsupported reply_markup {value!r}")


def _button_rows(rows: Any, what: str) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f"{what} must be an array of arrays of buttons")
    return rows


def _inline_markup(rows: Any) -> Markup:
    checked = _button_rows(rows, "inline_keyboard")
    if sum(len(row) for row in checked) > INLINE_BUTTON_LIMIT:
        raise bad_request("too many inline keyboard buttons (BUTTONS_TOO_MUCH)")
    json_rows = [[_inline_button(button) for button in row] for row in checked]
    buttons = [[(b["text"], b.get("callback_data") or b["url"]) for b in row] for row in json_rows]
    return Markup(inline_json={"inline_keyboard": json_rows}, buttons=buttons)


def _inline_button(button: Any) -> JsonDict:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(f"inline keyboard button must be an object with text, got {button!r}")
    actions = sorted(set(button) - {"text"})
    if actions not in (["callback_data"], ["url"]):
        raise bad_request(
            f"inline keyboard button {button['text']!r} must have exactly one of callback_data "
            f"or url (the fake supports no other kinds), got {actions}"
        )
    if "url" in button:
        _check_button_url(button["url"])
    else:
        _check_callback_data(button["callback_data"])
    return {"text": button["text"], actions[0]: button[actions[0]]}


def _check_button_url(url: Any) -> None:
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in {"http", "https", "tg"} or not parts.netloc:
        raise bad_request(f"BUTTON_URL_INVALID: {url!r}")


def _check_callback_data(data: Any) -> None:
    if not isinstance(data, str) or not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
        size = len(data.encode()) if isinstance(data, str) else "?"
        raise bad_request(
            f"BUTTON_DATA_INVALID: callback_data must be 1-64 bytes, {data!r} is {size} bytes"
        )


def _reply_keyboard(rows: Any) -> list[list[str]]:
    def text_of(button: Any) -> str:
        text = button.get("text") if isinstance(button, dict) else button
        if not isinstance(text, str) or not text:
            raise bad_request(f"reply keyboard button must have a text, got {button!r}")
        return text

    return [[text_of(button) for button in row] for row in _button_rows(rows, "keyboard")]
