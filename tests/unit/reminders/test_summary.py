from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from domain.messages import Lines
from domain.org.ports import UnitRecord
from domain.reminders.summary import (
    Admin,
    Completion,
    Person,
    UnitCounts,
    UnitIkm,
    WeeklySummary,
    completion,
    first_working_day_of_week,
    groups_of,
    lowest_ikm,
    percent,
    summary_messages,
    summary_week,
)
from tests.support.calendar import OfficeCalendar

WIB, WIT = "Asia/Jakarta", "Asia/Jayapura"
UNITS = [
    UnitRecord(1, "PEMKOT", "Pemkot", None, WIB),
    UnitRecord(2, "DINKES", "Dinas Kesehatan", 1, None),
    UnitRecord(3, "YANKES", "Bidang Yankes", 2, None),
    UnitRecord(4, "DUKCAPIL", "Dukcapil", 1, None),
]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_summary_is_due_on_monday_in_office_hours_of_the_admins_zone() -> None:
    calendar = OfficeCalendar()
    # Monday 7 Dec 2026: 08:00 WIB is 01:00 UTC; 08:00 WIT is 23:00 UTC on Sunday
    assert summary_week(utc(2026, 12, 7, 1, 0), WIB, calendar) == "2026-W50"
    assert summary_week(utc(2026, 12, 7, 0, 59), WIB, calendar) is None
    assert summary_week(utc(2026, 12, 6, 23, 0), WIT, calendar) == "2026-W50"
    assert summary_week(utc(2026, 12, 7, 9, 0), WIB, calendar) is None  # 16:00 WIB: closed
    assert summary_week(utc(2026, 12, 8, 3, 0), WIB, calendar) is None  # Tuesday


def test_a_monday_holiday_moves_the_summary_to_tuesday() -> None:
    calendar = OfficeCalendar(holidays=[date(2026, 12, 7)])
    assert first_working_day_of_week(date(2026, 12, 9), calendar) == date(2026, 12, 8)
    assert summary_week(utc(2026, 12, 7, 3, 0), WIB, calendar) is None
    assert summary_week(utc(2026, 12, 8, 3, 0), WIB, calendar) == "2026-W50"


def test_percent_rounds_down_and_an_empty_unit_is_zero() -> None:
    assert percent(2, 3) == 66
    assert percent(199, 200) == 99
    assert percent(0, 0) == 0


def test_an_org_admin_sees_the_units_below_the_root_with_their_subunits() -> None:
    assert groups_of(UNITS, None) == {1: 1, 2: 2, 3: 2, 4: 4}
    assert groups_of(UNITS, 2) == {2: 2, 3: 3}


def test_completion_rolls_subunits_up_and_leaves_empty_groups_out() -> None:
    counts = [
        UnitCounts(2, 10, employees=2, self_done=2, assessed=1),
        UnitCounts(3, 10, employees=4, self_done=1, assessed=0, unregistered=1),
        UnitCounts(4, 10, employees=3, self_done=3, assessed=3, peer_owed=6, peer_done=3),
    ]
    rows = completion(counts, UNITS, None)
    assert [(c.name, c.employees, c.self_done, c.unregistered) for c in rows] == [
        ("Dinas Kesehatan", 6, 3, 1),
        ("Dukcapil", 3, 3, 0),
    ]
    assert rows[0].self_percent == 50
    assert rows[0].peer_percent is None
    assert rows[1].peer_percent == 50


def test_the_lowest_ikm_units_come_first_ties_by_name() -> None:
    found = [
        UnitIkm(1, "B", Decimal("80.00"), "B"),
        UnitIkm(2, "A", Decimal("80.00"), "B"),
        UnitIkm(3, "C", Decimal("70.10"), "C"),
        UnitIkm(4, "D", Decimal("95.00"), "A"),
    ]
    assert [u.name for u in lowest_ikm(found)] == ["C", "A", "B"]


def _summary(rows: tuple[Completion, ...]) -> WeeklySummary:
    return WeeklySummary(
        week="2026-W50",
        since=date(2026, 11, 30),
        until=date(2026, 12, 6),
        periods=("November 2026",),
        completion=rows,
        unreachable=(),
        new_ratings=12,
        new_saran=2,
        lowest=(),
    )


def test_the_summary_is_a_chart_then_the_text_each_under_its_own_key() -> None:
    admin = Admin(7, 700, WIB, None)
    rows = (Completion(2, "Dinas Kesehatan", 4, 3, 1),)
    photo, text, units = summary_messages(admin, _summary(rows), utc(2026, 12, 7, 1))
    assert photo.dedupe_key == "summary:7:2026-W50:chart"
    assert text.dedupe_key == "summary:7:2026-W50:text"
    assert units.dedupe_key == "summary:7:2026-W50:units1"
    assert photo.params["$photo"] == "completion_chart"
    assert json.loads(str(photo.params["chart"])) == [["Dinas Kesehatan", 75, 25, None]]
    assert text.params["ratings"] == 12
    completion_lines = units.params["completion"]
    assert isinstance(completion_lines, Lines)
    assert completion_lines.items[0].params["self_pct"] == 75
    assert text.params["unreachable"] == 0


def test_a_summary_without_any_open_period_has_no_chart() -> None:
    messages = summary_messages(Admin(7, 700, WIB, None), _summary(()), utc(2026, 12, 7, 1))
    assert [m.key for m in messages] == ["reminders.summary"]


def test_a_long_summary_comes_in_parts_and_names_are_shortened() -> None:
    rows = tuple(Completion(n, f"Unit {n:02d} " + "x" * 150, 10, 5, 1) for n in range(32))
    people = tuple(Person(f"P{n}", "U") for n in range(17))
    summary = replace(_summary(rows), unreachable=people)
    messages = summary_messages(Admin(7, 700, WIB, None), summary, utc(2026, 12, 7, 1))
    assert [m.dedupe_key.rsplit(":", 1)[1] for m in messages] == [
        "chart", "text", "units1", "units2", "units3", "unreachable",
    ]  # fmt: skip
    assert [m.params["parts"] for m in messages[2:5]] == [3, 3, 3]
    first = messages[2].params["completion"]
    assert isinstance(first, Lines)
    assert len(first.items) == 15
    assert len(str(first.items[0].params["unit"])) == 80
    names = messages[5].params["names"]
    assert isinstance(names, Lines)
    assert names.items[-1].params == {"count": 2}


def test_two_open_periods_add_their_work_but_not_the_people_never_registered() -> None:
    counts = [
        UnitCounts(3, 10, employees=4, self_done=1, assessed=0, unregistered=2),
        UnitCounts(3, 11, employees=4, self_done=3, assessed=1, unregistered=2),
        UnitCounts(2, 11, employees=1, self_done=1, assessed=1, unregistered=1),
    ]
    [row] = completion(counts, UNITS, None)
    assert (row.employees, row.self_done, row.assessed, row.unregistered) == (9, 5, 2, 3)
