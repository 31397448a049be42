"""Catalogue texts for files (PNG charts, XLSX workbooks, posters): plain text, not Telegram HTML.

:func:`bot.i18n.t` escapes every parameter for Telegram's HTML ("Dinas A &amp; B"); a chart title
or a spreadsheet cell shows text as it is, so the markup is dropped and the escapes undone, as
the command line does (``bot/cli/output.py``).
"""

from __future__ import annotations

import html
import re

from bot.i18n import t

_TAG = re.compile(r"<[^>]+>")


def plain(lang: str, key: str, /, **params: object) -> str:
    """``t(lang, key, **params)`` without tags and escapes."""
    # Tags come only from the template: parameters are escaped by t(), so "<b>" typed into a
    # name is "&lt;b&gt;" here, survives the tag filter, and is unescaped back to "<b>".
    return html.unescape(_TAG.sub("", t(lang, key, **params)))
