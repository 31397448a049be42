from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.actors import Actor, StaffMember
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.errors import PermissionDenied, RateLimited
from domain.reminders.nudge import (
    check_once_a_day,
    late_subordinates,
    nudge_message,
    require_pejabat_penilai,
)


def member(id: int, supervisor: int | None, telegram: int | None = None) -> StaffMember:
    return StaffMember(
        id, f"{id:018d}", f"P{id}", "x", "pelaksana", 1, "U", "U", supervisor, telegram
    )


BOSS = member(1, None, 100)
PERIOD = AppraisalPeriod.create(
    id=9,
    name="November 2026",
    kind=PeriodKind.MONTHLY,
    start=date(2026, 11, 1),
    end=date(2026, 11, 30),
    self_due=date(2026, 12, 5),
    peer_due=date(2026, 12, 5),
    review_due=date(2026, 12, 15),
    status=PeriodStatus.OPEN,
)


def test_only_a_pejabat_penilai_may_nudge() -> None:
    with pytest.raises(PermissionDenied):
        require_pejabat_penilai(Actor(100, "id", BOSS, has_subordinates=False))
    with pytest.raises(PermissionDenied):
        require_pejabat_penilai(Actor(5, "id"))
    assert require_pejabat_penilai(Actor(100, "id", BOSS, has_subordinates=True)) == BOSS


def test_a_second_nudge_the_same_day_is_refused_with_the_day_it_may_come_again() -> None:
    check_once_a_day(None, date(2026, 12, 3))
    check_once_a_day(date(2026, 12, 2), date(2026, 12, 3))
    with pytest.raises(RateLimited) as refused:
        check_once_a_day(date(2026, 12, 3), date(2026, 12, 3))
    assert refused.value.reason == "nudge_today"
    assert refused.value.params["again"] == date(2026, 12, 4)


def test_late_are_the_subordinates_who_have_not_submitted_in_an_open_period() -> None:
    actor = Actor(100, "id", BOSS, has_subordinates=True)
    a, b, c, stranger = member(2, 1, 200), member(3, 1, 300), member(4, 1), member(5, 9, 500)
    appraisals = {
        9: {
            b.nip: Appraisal(9, b.nip, AppraisalStatus.SUBMITTED),
            c.nip: Appraisal(9, c.nip, AppraisalStatus.IN_PROGRESS),
        }
    }
    late = late_subordinates(actor, [a, b, c, stranger], [PERIOD], appraisals)
    assert [x.member.id for x in late] == [2, 4]
    closed = AppraisalPeriod.create(
        id=8,
        name="Oktober",
        kind=PeriodKind.MONTHLY,
        start=date(2026, 10, 1),
        end=date(2026, 10, 31),
        self_due=date(2026, 11, 5),
        peer_due=date(2026, 11, 5),
        review_due=date(2026, 11, 15),
        status=PeriodStatus.CLOSED,
    )
    assert late_subordinates(actor, [a], [closed], {}) == []


def test_the_nudge_names_the_pejabat_penilai_and_opens_the_self_assessment() -> None:
    actor = Actor(100, "id", BOSS, has_subordinates=True)
    late = late_subordinates(actor, [member(2, 1, 200), member(3, 1)], [PERIOD], {})
    at = datetime(2026, 12, 3, 3, tzinfo=UTC)
    message = nudge_message(BOSS, late[0], "Asia/Jakarta", date(2026, 12, 3), at)
    assert message is not None
    assert message.chat_id == 200
    assert message.params["supervisor"] == "P1"
    assert message.dedupe_key == "nudge:1:2026-12-03:2:9"
    assert message.not_before == at
    assert nudge_message(BOSS, late[1], "Asia/Jakarta", date(2026, 12, 3), at) is None  # no chat


def test_the_digest_of_a_pejabat_penilai_with_late_subordinates_offers_the_nudge_first() -> None:
    from domain.reminders.model import Purpose, Work, World
    from domain.reminders.planning import due_reminders
    from domain.reminders.report_actions import NudgeLateSubordinates
    from tests.unit.reminders.world import PEOPLE, QUARTER, calendar, utc

    def digest_buttons(work: dict) -> list:
        world = World((QUARTER,), PEOPLE, work)
        [digest] = [
            r
            for r in due_reminders(world, utc(2027, 1, 29, 1), calendar())
            if r.recipient.id == 10 and r.purpose is Purpose.DIGEST
        ]
        return [b.action for row in digest.buttons for b in row]

    assert digest_buttons({})[0] == NudgeLateSubordinates()  # Gita, Hana, Dedi: all late
    submitted = {(1, who): Work(1, who, "submitted", utc(2027, 1, 6, 2)) for who in (11, 12, 13)}
    assert NudgeLateSubordinates() not in digest_buttons(submitted)  # waiting, none late
