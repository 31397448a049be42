"""Every user-facing string, in Bahasa Indonesia (the default) and English.

Each area of the bot keeps its strings beside its handlers, in texts modules
(``bot/<area>/texts.py`` and the like) with two dictionaries, ``ID`` and ``EN``, keyed alike;
:data:`AREAS` lists them and this module loads them into one catalogue per language. Values are
HTML (Telegram's parse mode) with ``{name}`` placeholders; :func:`t` escapes every parameter, so
user input can never inject markup.
``tests/unit/bot/test_texts.py`` checks that both languages have the same keys and placeholders.
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from importlib import import_module
from types import MappingProxyType
from typing import Final

LANGUAGES: Final = ("id", "en")
DEFAULT_LANGUAGE: Final = "id"

# The texts modules, in load order; a key defined by two of them is an error caught at import.
AREAS: Final = (
    "bot.core.texts",
    "bot.core.help_texts",
    "bot.core.error_texts",
    "bot.core.import_texts",
    "bot.core.cli_texts",
    "bot.org.texts",
    "bot.engine.texts",
    "bot.appraisal.texts",
    "bot.appraisal.flow_texts",
    "bot.appraisal.tanggapan_texts",
    "bot.skm.texts",
    "bot.skm.report_texts",
    "bot.skm.overview_texts",
    "bot.peer.texts",
    "bot.peer.development_texts",
    "bot.reminders.report_texts",
    "bot.reminders.texts",
)


class Raw(str):
    """A parameter that is already HTML (e.g. a rendered list) and must not be escaped again."""

    __slots__ = ()


def _load() -> Mapping[str, Mapping[str, str]]:
    catalogs: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for area in AREAS:
        module = import_module(area)
        for lang in LANGUAGES:
            table: Mapping[str, str] = getattr(module, lang.upper())
            clash = catalogs[lang].keys() & table.keys()
            if clash:
                raise RuntimeError(f"text keys defined twice ({area}): {sorted(clash)}")
            catalogs[lang].update(table)
    return MappingProxyType({lang: MappingProxyType(c) for lang, c in catalogs.items()})


CATALOGS: Final = _load()


def normalise_language(code: str | None) -> str:
    """Map a Telegram ``language_code`` (``en-US``) or a stored preference to a catalogue."""
    if code and code.split("-")[0].lower() in LANGUAGES:
        return code.split("-")[0].lower()
    return DEFAULT_LANGUAGE


def has(key: str) -> bool:
    return key in CATALOGS[DEFAULT_LANGUAGE]


def t(lang: str, key: str, /, **params: object) -> str:
    """The text ``key`` in ``lang`` with ``params`` HTML-escaped and filled in.

    A missing key is a programming error and raises ``KeyError`` (the text test catches it).
    """
    template = CATALOGS[normalise_language(lang)][key]
    if not params:
        return template
    safe = {name: _escape(value) for name, value in params.items()}
    return template.format_map(safe)


def _escape(value: object) -> str:
    if isinstance(value, Raw):
        return str(value)
    return html.escape(str(value), quote=False)


def placeholders(template: str) -> frozenset[str]:
    """The ``{name}`` fields a template uses (for the parity test)."""
    return frozenset(
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(template)
        if field
    )
