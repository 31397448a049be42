"""The recognitions' and the nudges' contract (``RecognitionRepository``, ``NudgeLog``), on the
fakes, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.reminders.recognition import Recognition, RecognitionKind, RecognitionStatus

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
MONTH = date(2026, 11, 1)


async def _ids(demo) -> tuple[int, int, int]:
    async with demo(readonly=True) as tx:
        head = await tx.org.member_by_nip("197807222003122001")
        other = await tx.org.member_by_nip("199001052014031002")
        return head.unit_id, head.id, other.id


def _employee(unit: int, head: int, subject: int, month: date = MONTH) -> Recognition:
    return Recognition(
        None, month, unit, head, RecognitionKind.EMPLOYEE, subject, "Rudi", period_name="Nov"
    )


async def test_candidates_are_stored_once_per_month_kind_and_subject(demo):
    unit, head, other = await _ids(demo)
    service = Recognition(
        None,
        MONTH,
        unit,
        head,
        RecognitionKind.SERVICE,
        other,
        "KTP",
        ikm_before=Decimal("78.50"),
        ikm_after=Decimal("85.25"),
    )
    async with demo() as tx:
        first = await tx.recognitions.add([_employee(unit, head, other), service], now=NOW)
        await tx.commit()
    assert [r.kind for r in first] == [RecognitionKind.EMPLOYEE, RecognitionKind.SERVICE]
    assert all(r.id is not None and r.status is RecognitionStatus.CANDIDATE for r in first)
    assert (first[1].ikm_before, first[1].ikm_after) == (Decimal("78.50"), Decimal("85.25"))
    async with demo() as tx:
        again = await tx.recognitions.add(
            [_employee(unit, head, other), _employee(unit, head, other, date(2026, 10, 1))], now=NOW
        )
        await tx.commit()
    assert again[0] == first[0]
    assert again[1].id not in {first[0].id, first[1].id}
    async with demo() as tx:
        assert await tx.recognitions.add([], now=NOW) == []


async def test_a_confirmation_is_stored_and_listed_from_its_moment(demo):
    unit, head, other = await _ids(demo)
    async with demo() as tx:
        [item] = await tx.recognitions.add([_employee(unit, head, other)], now=NOW)
        await tx.commit()
    async with demo() as tx:
        loaded = await tx.recognitions.get(item.id, for_update=True)
        assert loaded == item
        await tx.recognitions.save(loaded.confirm(by_nip="197807222003122001", now=NOW))
        await tx.commit()
    async with demo(readonly=True) as tx:
        stored = await tx.recognitions.get(item.id)
        assert stored.status is RecognitionStatus.CONFIRMED
        assert (stored.confirmed_at, stored.confirmed_by) == (NOW, "197807222003122001")
        assert await tx.recognitions.confirmed_since(NOW) == [stored]
        assert await tx.recognitions.confirmed_since(NOW + timedelta(seconds=1)) == []
        assert await tx.recognitions.get(item.id + 1000) is None


async def test_a_nudge_is_recorded_once_a_day_and_the_latest_day_is_known(demo):
    _, head, other = await _ids(demo)
    async with demo() as tx:
        assert await tx.nudges.last(head) is None
        assert await tx.nudges.record(head, date(2026, 12, 1), now=NOW)
        assert not await tx.nudges.record(head, date(2026, 12, 1), now=NOW)
        assert await tx.nudges.record(head, date(2026, 12, 2), now=NOW)
        await tx.commit()
    async with demo(readonly=True) as tx:
        assert await tx.nudges.last(head) == date(2026, 12, 2)
        assert await tx.nudges.last(other) is None
