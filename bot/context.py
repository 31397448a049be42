"""The typed PTB context: what every handler and job reaches, without string keys.

PTB builds one :class:`Context` per update (``ContextTypes(context=Context, bot_data=BotData)``,
as in PTB's ``contexttypesbot`` example). Its ``bot_data`` is a :class:`BotData`, filled once
by the composition root (:func:`bot.app.build_application`) before the bot starts: the services
and the codecs of the routing table's buttons.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.callbacks import Codecs
from bot.services import Services


class BotData:
    """``context.bot_data``: built empty by PTB, then :meth:`attach`-ed by the composition root."""

    __slots__ = ("_codecs", "_services")

    def __init__(self) -> None:
        self._services: Services | None = None
        self._codecs: Codecs | None = None

    def attach(self, services: Services, codecs: Codecs) -> None:
        self._services, self._codecs = services, codecs

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("bot_data used before the composition root attached the services")
        return self._services

    @property
    def codecs(self) -> Codecs:
        if self._codecs is None:
            raise RuntimeError("bot_data used before the composition root attached the codecs")
        return self._codecs


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The ``context`` of every handler, error handler and job."""

    @property
    def services(self) -> Services:
        return self.bot_data.services

    @property
    def codecs(self) -> Codecs:
        return self.bot_data.codecs


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData)
KinerjaApplication = Application[
    ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Context]
]
