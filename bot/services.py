"""The services a handler can reach, gathered by the composition root (:mod:`bot.app`) and kept
in the typed ``context.bot_data`` (:mod:`bot.context`). Everything here is a domain service or a
port; no storage types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.settings import Settings
from domain.actors import Actor
from domain.appraisal.period_admin import PeriodAdministration
from domain.appraisal.use_cases import Appraisals
from domain.clock import Clock
from domain.engine.conversations import Conversations
from domain.engine.ports import EngineUnitOfWork
from domain.engine.updates import UpdateGate
from domain.messages import Notice
from domain.org.directory import Directory
from domain.org.registration import Registration
from domain.outbox import LateReplies
from domain.peer.admin import PeerAdministration
from domain.peer.development_cases import DevelopmentViews
from domain.peer.recommendations import Recommendations
from domain.peer.results import ResultsViews
from domain.peer.use_cases import PeerFeedback
from domain.reminders.planning import Reminders
from domain.reminders.reports import Reports
from domain.skm.admin import SkmAdministration
from domain.skm.reports import SkmReports
from domain.skm.survey_flow import SkmSurveys


class TaskSource(Protocol):
    async def tasks(self, actor: Actor) -> list[Notice]: ...


@dataclass
class Services:
    settings: Settings
    clock: Clock
    conversations: Conversations[EngineUnitOfWork]
    directory: Directory
    registration: Registration
    skm_surveys: SkmSurveys
    skm_reports: SkmReports
    skm_admin: SkmAdministration
    appraisals: Appraisals
    periods: PeriodAdministration
    updates: UpdateGate
    late_replies: LateReplies
    development: DevelopmentViews
    results: ResultsViews
    recommendations: Recommendations
    peer: PeerFeedback
    peer_admin: PeerAdministration
    reports: Reports
    reminders: Reminders
    bot_username: str = ""
    task_sources: list[TaskSource] = field(default_factory=list)

    async def tasks(self, actor: Actor) -> list[Notice]:
        """What is waiting for this person (self-assessments due, subordinates to assess...)."""
        found: list[Notice] = []
        for source in self.task_sources:
            found += await source.tasks(actor)
        return found

    def timezone_for(self, actor: Actor) -> str:
        """The reader's time zone: their unit's, else the installation's."""
        return actor.timezone or self.settings.timezone
