"""Coaching, the catalogue and development plans (``domain/peer/ports.py``) on the fakes, SQLite
and PostgreSQL, with the demo organisation."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.errors import InvalidTransition
from domain.peer.coaching import CoachingFeedback, CoachingRecord
from domain.peer.development import (
    Catalogue,
    DevelopmentPlanItem,
    Recommendation,
    RecommendationKind,
)
from tests.support.appraisals import BUDI, HENDRA, NUR, add_period, month
from tests.support.appraisals import november as november_period

AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


async def test_coaching_records_come_back_oldest_session_first_with_their_feedback_once(demo):
    period = await add_period(demo, november_period())
    later = CoachingRecord(period, NUR, HENDRA, date(2026, 11, 18), "SLA", "Cek harian", AT)
    earlier = CoachingRecord(period, NUR, HENDRA, date(2026, 11, 3), "Arsip", "Rapikan", AT)
    async with demo() as tx:
        stored_later = await tx.coaching.add(later)
        stored_earlier = await tx.coaching.add(earlier)
        await tx.coaching.add(
            CoachingRecord(period, BUDI, HENDRA, date(2026, 11, 4), "X" * 3, "Y" * 3, AT)
        )
        await tx.commit()
    assert stored_later.id is not None
    assert stored_earlier.id is not None
    feedback = CoachingFeedback(stored_later.id, 4, (4, 3, 4, 2, 4, 3, 4, 4, 1))
    async with demo() as tx:
        assert await tx.coaching.get(stored_later.id) == stored_later
        assert await tx.coaching.of_employee(period, NUR) == [stored_earlier, stored_later]
        assert await tx.coaching.feedback(stored_later.id) is None
        await tx.coaching.save_feedback(feedback, now=AT)
        await tx.commit()
    async with demo() as tx:
        with pytest.raises(InvalidTransition) as refused:
            await tx.coaching.save_feedback(feedback, now=AT)
        assert refused.value.reason == "already_answered"
    async with demo(readonly=True) as tx:
        assert await tx.coaching.feedback(stored_later.id) == feedback
        assert await tx.coaching.get(10**9) is None


async def test_the_catalogue_is_none_until_imported_then_replaced_whole_in_file_order(demo):
    first = Catalogue(
        (
            Recommendation("loyal", RecommendationKind.PELATIHAN, "Wawasan kebangsaan", "Civics"),
            Recommendation("adaptif", RecommendationKind.KEGIATAN, "Proyek", "Project"),
        )
    )
    second = Catalogue(
        (Recommendation("kompeten", RecommendationKind.MENTORING, "Mentor", "A mentor"),)
    )
    async with demo() as tx:
        assert await tx.catalogue.load() is None
        await tx.catalogue.replace(first, now=AT)
        await tx.commit()
    async with demo() as tx:
        assert await tx.catalogue.load() == first
        await tx.catalogue.replace(second, now=AT)
        await tx.commit()
    async with demo(readonly=True) as tx:
        assert await tx.catalogue.load() == second


async def test_plan_items_come_back_newest_period_first_then_in_order_of_agreement(demo):
    october = await add_period(demo, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    november = await add_period(demo, november_period())
    items = [
        DevelopmentPlanItem(october, NUR, "loyal", "Ikut apel", HENDRA, AT),
        DevelopmentPlanItem(
            november,
            NUR,
            "kompeten",
            "Pelatihan basis data",
            HENDRA,
            AT,
            RecommendationKind.PELATIHAN,
            BUDI,
            date(2026, 12, 20),
        ),
        DevelopmentPlanItem(november, NUR, "adaptif", "Proyek", HENDRA, AT),
        DevelopmentPlanItem(november, BUDI, "adaptif", "Proyek", HENDRA, AT),
    ]
    async with demo() as tx:
        stored = [await tx.development_plans.add(item) for item in items]
        await tx.commit()
    assert all(item.id is not None for item in stored)
    async with demo(readonly=True) as tx:
        assert await tx.development_plans.of_employee(NUR) == [stored[1], stored[2], stored[0]]
        assert await tx.development_plans.of_employee(NUR, period_id=october) == [stored[0]]
        assert await tx.development_plans.of_employee(HENDRA) == []
