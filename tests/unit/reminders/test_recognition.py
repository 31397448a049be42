from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.actors import StaffMember
from domain.errors import InvalidTransition
from domain.org.ports import UnitRecord
from domain.reminders.recognition import (
    Recognition,
    RecognitionKind,
    RecognitionStatus,
    SangatBaik,
    ServiceIkm,
    candidates,
    head_for,
    month_end,
    previous_month,
    recognition_month,
    unit_heads,
)
from tests.support.calendar import OfficeCalendar

WIB = "Asia/Jakarta"
UNITS = [
    UnitRecord(1, "PEMKOT", "Pemkot", None, WIB),
    UnitRecord(2, "DINKES", "Dinas Kesehatan", 1, None),
    UnitRecord(3, "YANKES", "Bidang Yankes", 2, None),
    UnitRecord(4, "SEKSI", "Seksi Primer", 3, None),
]


def member(id: int, unit: int, supervisor: int | None, telegram: int | None = None) -> StaffMember:
    return StaffMember(
        id, f"{id:018d}", f"P{id}", "x", "pelaksana", unit, "U", "U", supervisor, telegram
    )


# The hierarchy: Sekda (1, Pemkot) above Kadis (2, Dinkes) above Kabid (3, Yankes)
# above staff 4 (Yankes) and 5 (Seksi, which has no head).
PEOPLE = [
    member(1, 1, None),
    member(2, 2, 1, 200),
    member(3, 3, 2, 300),
    member(4, 3, 3),
    member(5, 4, 3),
]


def test_the_recognition_month_is_the_month_before_on_the_first_working_day() -> None:
    calendar = OfficeCalendar(holidays=[date(2027, 1, 1)])
    # 1 Jan 2027 is a holiday (Friday), so the list comes on Monday 4 Jan
    assert recognition_month(datetime(2027, 1, 1, 3, tzinfo=UTC), WIB, calendar) is None
    assert recognition_month(datetime(2027, 1, 4, 3, tzinfo=UTC), WIB, calendar) == date(
        2026, 12, 1
    )
    assert recognition_month(datetime(2027, 1, 5, 3, tzinfo=UTC), WIB, calendar) is None
    assert recognition_month(datetime(2027, 1, 4, 10, tzinfo=UTC), WIB, calendar) is None  # 17:00


def test_months_are_counted_by_their_first_day() -> None:
    assert previous_month(date(2027, 1, 15)) == date(2026, 12, 1)
    assert month_end(date(2027, 2, 1)) == date(2027, 2, 28)
    assert month_end(date(2026, 12, 1)) == date(2026, 12, 31)


def test_heads_are_those_who_lead_their_own_unit() -> None:
    heads = unit_heads(PEOPLE, UNITS)
    assert {unit: h.id for unit, h in heads.items()} == {1: 1, 2: 2, 3: 3}
    parents = {u.id: u.parent_id for u in UNITS}
    assert head_for(4, heads, parents).id == 3  # type: ignore[union-attr]  # the seksi has no head
    assert head_for(3, heads, parents, not_=3).id == 2  # type: ignore[union-attr]


def test_a_sangat_baik_goes_to_the_nearest_head_never_to_the_person_themself() -> None:
    heads = unit_heads(PEOPLE, UNITS)
    found = candidates(
        date(2026, 11, 1),
        [SangatBaik(5, "P5", 4, "Nov"), SangatBaik(3, "P3", 3, "Nov")],
        [],
        heads,
        UNITS,
    )
    assert [(c.subject_id, c.head_id, c.unit_id) for c in found] == [(5, 3, 3), (3, 2, 2)]
    assert all(c.kind is RecognitionKind.EMPLOYEE for c in found)


def test_services_whose_ikm_rose_most_at_most_three_per_head() -> None:
    heads = unit_heads(PEOPLE, UNITS)
    services = [
        ServiceIkm(10, "A", 3, Decimal("70.00"), Decimal("80.00")),
        ServiceIkm(11, "B", 4, Decimal("70.00"), Decimal("75.00")),
        ServiceIkm(12, "C", 3, Decimal("80.00"), Decimal("79.00")),  # fell
        ServiceIkm(13, "D", 3, None, Decimal("90.00")),  # nothing to compare with
        ServiceIkm(14, "E", 3, Decimal("60.00"), Decimal("62.00")),
        ServiceIkm(15, "F", 3, Decimal("60.00"), Decimal("61.00")),
    ]
    found = candidates(date(2026, 11, 1), [], services, heads, UNITS)
    assert [c.subject_name for c in found] == ["A", "B", "E"]
    assert all(c.head_id == 3 and c.kind is RecognitionKind.SERVICE for c in found)


def test_a_candidate_is_confirmed_once() -> None:
    item = Recognition(1, date(2026, 11, 1), 3, 3, RecognitionKind.EMPLOYEE, 5, "P5")
    now = datetime(2026, 12, 1, 3, tzinfo=UTC)
    confirmed = item.confirm(by_nip="x", now=now)
    assert confirmed.status is RecognitionStatus.CONFIRMED
    assert confirmed.confirmed_at == now
    with pytest.raises(InvalidTransition):
        confirmed.confirm(by_nip="x", now=now)


def test_a_long_list_of_candidates_comes_in_parts_with_a_button_each() -> None:
    from domain.reminders.reports import _lists

    head = member(3, 3, 2, 300)
    items = [
        Recognition(n, date(2026, 11, 1), 3, 3, RecognitionKind.EMPLOYEE, n, "N" * 120, "Nov")
        for n in range(1, 18)
    ]
    first, second = _lists(head, WIB, items, datetime(2026, 12, 1, 3, tzinfo=UTC))
    assert (first.dedupe_key, second.dedupe_key) == ("recog:3:2026-11", "recog:3:2026-11:2")
    assert (len(first.buttons), len(second.buttons)) == (15, 2)
    lines = first.params["candidates"]
    assert len(str(lines.items[0].params["name"])) == 80  # type: ignore[union-attr]
