"""Typed actions as the outbox keeps them: a record of a stable name and the fields, read back
to the same value; old route strings read as the actions they meant; anything else unreadable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import pytest

from domain.actions import Action, ActionCatalogue, ShowMenu, UnreadableAction, action_fields
from domain.appraisal.actions import (
    LEGACY_REFERENCES,
    ShowDistribution,
    ShowObjection,
    ShowResults,
    ShowSubordinate,
)
from domain.skm.actions import ShowReport, StartRtl
from domain.skm.report_model import ScopeKind
from domain.skm.report_period import ReportSpan

CATALOGUE = ActionCatalogue(
    [ShowMenu, ShowSubordinate, ShowObjection, ShowResults, ShowDistribution, ShowReport, StartRtl],
    legacy=LEGACY_REFERENCES,
)
EXAMPLES = [
    ShowMenu(),
    ShowSubordinate(3, 17),
    ShowResults(),
    ShowResults(3),
    ShowDistribution(None, "DISDUKCAPIL-IDP"),
    ShowReport(ScopeKind.SERVICE, 9, ReportSpan.YEAR),
    StartRtl(ScopeKind.UNIT, 12, date(2026, 1, 1), date(2026, 3, 31)),
]


@pytest.mark.parametrize("action", EXAMPLES, ids=lambda a: type(a).__name__)
def test_an_action_survives_its_json_record(action: Action) -> None:
    record = json.loads(json.dumps(ActionCatalogue.record(action)))
    assert record["$action"] == action.name
    assert CATALOGUE.action(record) == action


def test_a_record_names_the_action_and_its_fields_in_plain_json() -> None:
    rtl = StartRtl(ScopeKind.UNIT, 12, date(2026, 1, 1), date(2026, 3, 31))
    assert ActionCatalogue.record(rtl) == {
        "$action": "skm/rtl",
        "scope_kind": "unit",
        "scope_id": 12,
        "date_from": "2026-01-01",
        "date_to": "2026-03-31",
    }


@pytest.mark.parametrize(
    ("old", "action"),
    [
        ("sub:3:17", ShowSubordinate(3, 17)),
        ("case:3:17", ShowObjection(3, 17)),
        ("results:3", ShowResults(3)),
    ],
)
def test_the_route_strings_of_the_format_before_typed_actions_still_read(old, action) -> None:
    assert CATALOGUE.action(old) == action


@pytest.mark.parametrize(
    "stored",
    [
        {"$action": "appraisal/gone"},
        {"$action": "appraisal/subordinate", "period_id": 3},
        {"$action": "appraisal/subordinate", "period_id": 3, "employee_id": 17, "x": 1},
        {"$action": "appraisal/subordinate", "period_id": "3", "employee_id": 17},
        {"$action": "appraisal/subordinate", "period_id": True, "employee_id": 17},
        {"$action": "skm/report", "scope_kind": "planet", "scope_id": 1, "span": "year"},
        {
            "$action": "skm/rtl",
            "scope_kind": "unit",
            "scope_id": 1,
            "date_from": "2026-13-01",
            "date_to": "2026-03-31",
        },
        {"period_id": 3},
        "sub:3",
        "sub:3:x",
        "lap:u:5",
        None,
        17,
    ],
)
def test_anything_else_reads_as_unreadable_and_never_raises(stored) -> None:
    found = CATALOGUE.action(stored)
    assert isinstance(found, UnreadableAction)
    assert found.stored == repr(stored)[:200]


def test_two_actions_with_one_name_are_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Impostor(Action):
        name: ClassVar[str] = "appraisal/subordinate"

    with pytest.raises(ValueError, match="two actions"):
        ActionCatalogue([ShowSubordinate, Impostor])


def test_an_action_may_only_carry_ids_codes_dates_and_enums() -> None:
    @dataclass(frozen=True, slots=True)
    class Loose(Action):
        name: ClassVar[str] = "test/loose"
        amount: float

    assert [f.name for f in action_fields(StartRtl)] == [
        "scope_kind",
        "scope_id",
        "date_from",
        "date_to",
    ]
    with pytest.raises(TypeError, match="cannot carry"):
        action_fields(Loose)
