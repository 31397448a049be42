"""What a person can ask for about the SKM, as typed actions (:mod:`domain.actions`).

A report's subject is a scope (``scope_kind`` and ``scope_id``: a unit with every service below
it, or one service). Every action is authorised again by the use case its handler calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from domain.actions import Action
from domain.skm.report_model import ScopeKind
from domain.skm.report_period import ReportSpan


@dataclass(frozen=True, slots=True)
class FindService(Action):
    """The list of services a citizen can rate (the menu's "Nilai layanan")."""

    name: ClassVar[str] = "skm/find_service"


@dataclass(frozen=True, slots=True)
class RateService(Action):
    """Begin the survey of one public service."""

    name: ClassVar[str] = "skm/rate"
    service_id: int


@dataclass(frozen=True, slots=True)
class ChooseReportScope(Action):
    name: ClassVar[str] = "skm/report_scopes"


@dataclass(frozen=True, slots=True)
class ChooseReportPeriod(Action):
    name: ClassVar[str] = "skm/report_periods"
    scope_kind: ScopeKind
    scope_id: int


@dataclass(frozen=True, slots=True)
class ShowReport(Action):
    """The IKM report of a scope for the current quarter, semester or year."""

    name: ClassVar[str] = "skm/report"
    scope_kind: ScopeKind
    scope_id: int
    span: ReportSpan


@dataclass(frozen=True, slots=True)
class ExplainCustomPeriod(Action):
    """How to ask for a report of any period (``/laporan CODE FROM TO``)."""

    name: ClassVar[str] = "skm/report_custom"
    scope_kind: ScopeKind
    scope_id: int


@dataclass(frozen=True, slots=True)
class StartRtl(Action):
    """Begin the rencana tindak lanjut (RTL) form for a report's period."""

    name: ClassVar[str] = "skm/rtl"
    scope_kind: ScopeKind
    scope_id: int
    date_from: date
    date_to: date


@dataclass(frozen=True, slots=True)
class RecordPopulation(Action):
    """Begin the form that records a scope's population (the respondents' universe)."""

    name: ClassVar[str] = "skm/population"
    scope_kind: ScopeKind
    scope_id: int
    date_from: date
    date_to: date


@dataclass(frozen=True, slots=True)
class ChoosePosterService(Action):
    name: ClassVar[str] = "skm/posters"


@dataclass(frozen=True, slots=True)
class MakePoster(Action):
    """The A4 poster with the QR code of one service's survey."""

    name: ClassVar[str] = "skm/poster"
    service_id: int
