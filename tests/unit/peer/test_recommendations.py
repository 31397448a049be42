"""Development recommendations once a period is closed, on the fakes with the demo's Puskesmas
Sukamaju team (Putri, Dimas and Wulan under Andi): weak values from frozen peer means below
the threshold or from the Rating Perilaku Di Bawah Ekspektasi, the catalogue's items, a mentor
named without scores, the employee and the pejabat penilai told once; the plan's mentor."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.model import Appraisal
from domain.appraisal.period_admin import PeriodAdministration
from domain.appraisal.predikat import Rating
from domain.engine.conversations import Conversations
from domain.engine.questionnaire import Choose, Skip, Submit, Text
from domain.errors import InvalidTransition, PermissionDenied
from domain.org.directory import actor_of
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.catalogue import DEFAULT_CATALOGUE
from domain.peer.coaching_flows import TARGETS, CoachingTarget
from domain.peer.development import WeakSource
from domain.peer.development_cases import DevelopmentViews
from domain.peer.plan_flow import PLAN_FLOW, PlanFlow
from domain.peer.raters import Relation
from domain.peer.recommendations import Policy, Recommendations
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import OPERATOR, populate_demo
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory
from tests.support.peer_world import ANDI, DIMAS, NOVEMBER, PUTRI, TELEGRAM, WULAN

FROZEN_AT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
POLICY = Policy(Fraction(3), 3)


def summary(period_id: int, nip: str, harmonis_total: int, raters: int = 3) -> FrozenSummary:
    values = tuple(
        ValueSummary(v.code, raters, harmonis_total if v.code == "harmonis" else 4 * raters)
        for v in BERAKHLAK
    )
    peers = RelationSummary(Relation.PEER, raters, values, ("Ramah",), ())
    return FrozenSummary(period_id, nip, FROZEN_AT, 3, 1, {Relation.PEER: peers})


@pytest.fixture
async def world():
    clock = FixedClock()
    fake = FakeUnitOfWorkFactory(clock)
    await populate_demo(fake, clock, telegram=TELEGRAM)
    periods = PeriodAdministration(fake, clock)
    period = await periods.create(OPERATOR, NOVEMBER)
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    async with fake() as uow:
        await uow.peer_summaries.add(summary(period.id, PUTRI, 7))  # harmonis 2.33: weak
        await uow.peer_summaries.add(summary(period.id, DIMAS, 13))  # harmonis 4.33: a mentor
        assessed = Appraisal(period.id, WULAN, perilaku=Rating.DI_BAWAH)
        await uow.appraisals.save(assessed, now=clock.now())
        await uow.commit()
    return fake, clock, periods, period.id


async def actor(fake, nip):
    async with fake(readonly=True) as uow:
        return await actor_of(uow, TELEGRAM[nip])


async def test_recommendations_go_out_only_for_a_closed_period_and_only_once(world):
    fake, clock, periods, period_id = world
    recommendations = Recommendations(fake, clock, POLICY)
    with pytest.raises(InvalidTransition):
        await recommendations.send_for_period(OPERATOR, period_id)
    with pytest.raises(PermissionDenied):
        await recommendations.send_for_period(await actor(fake, PUTRI), period_id)
    await periods.close(OPERATOR, period_id)
    assert await recommendations.send_for_period(OPERATOR, period_id) == 2  # Putri and Wulan
    sent = {(row.chat_id, row.payload["key"]) for row in fake.state.outbox.values()}
    assert sent == {
        (TELEGRAM[PUTRI], "development.notify.recommendations"),
        (TELEGRAM[WULAN], "development.notify.recommendations"),
        (TELEGRAM[ANDI], "development.notify.recommendations_pp"),
    }
    before = len(fake.state.outbox)
    assert await recommendations.send_for_period(OPERATOR, period_id) == 2
    assert len(fake.state.outbox) == before  # the same dedupe keys: nothing twice


async def test_the_record_shows_weak_values_with_items_and_a_named_mentor_without_scores(world):
    fake, clock, periods, period_id = world
    await periods.close(OPERATOR, period_id)
    views = DevelopmentViews(fake, clock, POLICY)
    putri = await views.record(await actor(fake, PUTRI), period_id)
    [harmonis] = putri.advice
    assert harmonis.code == "harmonis"
    assert harmonis.sources == {WeakSource.PEER_MEAN}
    assert harmonis.items == DEFAULT_CATALOGUE.for_value("harmonis")
    assert harmonis.mentor is not None
    assert harmonis.mentor.startswith("Dimas") or "Dimas" in harmonis.mentor
    wulan = await views.record(await actor(fake, WULAN), period_id)
    assert [a.code for a in wulan.advice] == [v.code for v in BERAKHLAK]  # no means: all seven
    assert all(a.sources == {WeakSource.PERILAKU} for a in wulan.advice)
    seen_by_andi = await views.record(await actor(fake, ANDI), period_id, putri.member.id)
    assert seen_by_andi.advice == putri.advice


async def test_no_recommendations_while_the_period_is_open(world):
    fake, clock, _, period_id = world
    views = DevelopmentViews(fake, clock, POLICY)
    assert (await views.record(await actor(fake, PUTRI), period_id)).advice == ()


async def test_a_mentoring_plan_item_names_the_suggested_mentor(world):
    fake, clock, periods, period_id = world
    await periods.close(OPERATOR, period_id)
    conversations = Conversations(fake, clock, {PLAN_FLOW: PlanFlow(clock, "Asia/Jakarta", 3)})
    andi = await actor(fake, ANDI)
    putri_id = (await actor(fake, PUTRI)).member.id
    subject = TARGETS.encode(CoachingTarget(period_id, putri_id))
    turn = await conversations.begin(andi, PLAN_FLOW, subject)
    for event in (
        Choose("harmonis"),
        Choose("mentoring"),
        Text("Belajar dari rekan"),
        Skip(),
        Submit(),
    ):
        turn = await conversations.handle(
            andi, event, session_id=turn.session.id, version=turn.session.version
        )
        assert turn.error is None, turn.error
    async with fake(readonly=True) as uow:
        [item] = await uow.development_plans.of_employee(PUTRI)
    assert item.mentor_nip == DIMAS
