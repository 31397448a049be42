"""Peer feedback end to end on the fakes: assignment and its one message per rater, the form
on the engine, editing until the deadline, every refusal leaving the data as it was, the
freeze and the threshold, the seal."""

from __future__ import annotations

import pytest

from domain.engine.questionnaire import REVIEW, EditAt, Press, Submit, Text
from domain.errors import (
    InvalidAnswer,
    InvalidTransition,
    InvalidValue,
    NotFound,
    PeriodNotOpen,
    PermissionDenied,
)
from domain.peer.assignment import ShortfallReason
from domain.peer.forms import WHO_SEES_WHAT
from domain.peer.nomination_flow import NOMINATIONS, QUESTIONNAIRE_ID, NominationRef
from domain.peer.raters import Relation
from tests.support.clock import FixedClock
from tests.support.fakes.peer import FakeFrozenSummaryRepository
from tests.support.fakes.seeding import OPERATOR
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory
from tests.support.peer_world import (
    AFTER_DEADLINE,
    ANDI,
    BEFORE_DEADLINE,
    DIMAS,
    PUTRI,
    RATIH,
    SITI,
    TELEGRAM,
    WULAN,
    PeerWorld,
    peer_world,
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(BEFORE_DEADLINE)


@pytest.fixture
async def world(clock: FixedClock) -> PeerWorld:
    return await peer_world(FakeUnitOfWorkFactory(clock), clock)


@pytest.fixture
async def upward(world: PeerWorld) -> PeerWorld:
    """Andi's three subordinates are asked about him (kinerja peers assign --upward)."""
    await world.admin.assign(OPERATOR, world.period_id, upward=True, seed=7)
    return world


def outbox(world: PeerWorld) -> list:
    return sorted(world.factory.state.outbox.values(), key=lambda row: row.id)


async def test_assignment_lists_everyone_below_the_threshold_and_tells_each_rater_once(world):
    result = await world.admin.assign(OPERATOR, world.period_id, upward=True, seed=7)
    assert result.added == len(world.factory.state.peer.assignments)
    upward = [a for a in world.factory.state.peer.assignments.values() if a.relation == "upward"]
    assert {world.factory.state.employees[a.ratee_id].nip for a in upward} >= {ANDI}
    short = {(s.ratee_nip, s.reason) for s in result.shortfalls}
    assert (PUTRI, ShortfallReason.TOO_FEW_PEERS) in short  # two same-level colleagues only
    assert all(result.names[s.ratee_nip] for s in result.shortfalls)
    messages = [row for row in outbox(world) if row.payload["key"] == "peer.notify.assigned"]
    chats = [row.chat_id for row in messages]
    assert len(chats) == len(set(chats))  # one message per rater, listing everyone
    putri = next(row for row in messages if row.chat_id == TELEGRAM[PUTRI])
    assert "Andi" in putri.payload["params"]["names"]


async def test_a_rater_sees_the_statement_answers_and_can_change_until_the_deadline(upward):
    world = upward
    putri = await world.actor(PUTRI)
    andi = (await world.assignments_of(PUTRI))[ANDI]
    statement, turn = await world.peer.begin(putri, andi)
    assert statement.key == WHO_SEES_WHAT
    assert statement.params["min_raters"] == 3
    assert turn.session.cursor == "ber.berorientasi_pelayanan"
    await world.give(PUTRI, andi, keep_doing="Selalu membagi tugas dengan adil")
    assert world.factory.state.sessions == {}  # the session names the rater: gone
    [line] = (await world.peer.my_list(putri))[0].lines
    assert (line.sent, line.open) == (True, True)
    _, again = await world.peer.begin(putri, andi)  # edit: prefilled, at the review
    assert again.session.cursor == REVIEW
    assert again.session.answers["keep_doing"] == "Selalu membagi tugas dengan adil"
    turn = await world.send(putri, again, EditAt(6))  # the seventh value
    turn = await world.send(putri, turn, Press(5))  # tidak dapat menilai
    assert turn.session.cursor == REVIEW
    await world.send(putri, turn, Submit())
    [response] = world.factory.state.peer.responses.values()  # replaced, not added
    assert response.scores["kolaboratif"] is None
    assert response.keep_doing == "Selalu membagi tugas dengan adil"


async def test_the_menu_says_what_is_waiting_until_it_is_sent(upward):
    world = upward
    putri = await world.actor(PUTRI)
    [task] = await world.peer.tasks(putri)
    assert (task.key, task.params["count"]) == ("peer.task.give", 1)
    await world.give(PUTRI, (await world.assignments_of(PUTRI))[ANDI])
    assert await world.peer.tasks(putri) == []


async def test_someone_else_s_assignment_is_refused_and_nothing_changes(upward):
    world = upward
    andi = (await world.assignments_of(PUTRI))[ANDI]
    before = world.factory.snapshot()
    with pytest.raises(PermissionDenied) as refused:
        await world.peer.begin(await world.actor(DIMAS), andi)
    assert refused.value.reason == "not_your_assignment"
    with pytest.raises(NotFound):
        await world.peer.begin(await world.actor(DIMAS), 10**6)
    assert world.factory.snapshot() == before


async def test_feedback_after_the_deadline_is_refused_and_a_form_in_progress_ends(upward):
    world = upward
    putri = await world.actor(PUTRI)
    andi = (await world.assignments_of(PUTRI))[ANDI]
    _, turn = await world.peer.begin(putri, andi)
    turn = await world.send(putri, turn, Press(3))
    world.clock.set(AFTER_DEADLINE)
    late = await world.conversations.handle(
        putri, Press(3), session_id=turn.session.id, version=turn.session.version
    )
    assert late is not None
    assert late.questionnaire is None  # the form ended with its reason
    assert late.outcome.notices[0].key == "error.period_not_open.past_due"
    assert world.factory.state.peer.responses == {}
    with pytest.raises(PeriodNotOpen):
        await world.peer.begin(putri, andi)


async def test_a_rater_who_left_the_team_can_no_longer_answer(upward):
    world = upward
    andi = (await world.assignments_of(PUTRI))[ANDI]
    row = next(r for r in world.factory.state.employees.values() if r.nip == PUTRI)
    row.supervisor_id = next(r.id for r in world.factory.state.employees.values() if r.nip == RATIH)
    with pytest.raises(PermissionDenied) as refused:
        await world.peer.begin(await world.actor(PUTRI), andi)
    assert refused.value.reason == "no_longer_eligible"
    assert world.factory.state.peer.responses == {}


async def test_text_where_a_button_is_expected_and_an_oversized_comment_change_nothing(upward):
    world = upward
    putri = await world.actor(PUTRI)
    _, turn = await world.peer.begin(putri, (await world.assignments_of(PUTRI))[ANDI])
    with pytest.raises(InvalidAnswer) as refused:
        await world.send(putri, turn, Text("4"))
    assert refused.value.reason == "expected_button"
    for _ in range(7):
        turn = await world.send(putri, turn, Press(2))
    with pytest.raises(InvalidAnswer) as too_long:
        await world.send(putri, turn, Text("x" * 1001))
    assert (too_long.value.reason, too_long.value.params["limit"]) == ("too_long", 1000)
    assert world.factory.state.peer.responses == {}


async def _all_upward(world: PeerWorld, raters: list[str]) -> None:
    for nip in raters:
        await world.give(
            nip, (await world.assignments_of(nip))[ANDI], keep_doing=f"Baik {nip[-4:]}"
        )


async def test_with_two_responses_nothing_is_readable_before_or_after_the_deadline(upward):
    world = upward
    await _all_upward(world, [PUTRI, DIMAS])
    andi, ratih = await world.actor(ANDI), await world.actor(RATIH)
    assert (await world.peer.summary(andi, world.period_id)).summary is None
    world.clock.set(AFTER_DEADLINE)
    view = await world.peer.summary(andi, world.period_id)
    assert view.summary is not None
    hidden = view.summary.of(Relation.UPWARD)
    assert hidden is not None
    assert (hidden.responses, hidden.values, hidden.keep_doing) == (None, (), ())
    boss = await world.peer.summary(ratih, world.period_id, view.ratee.id)
    assert boss.summary == view.summary
    [stored] = world.factory.state.peer.summaries.values()
    assert "Baik" not in repr(stored.relations)  # nothing of the two responses was kept


async def test_three_responses_show_only_after_the_deadline_frozen_once(upward):
    world = upward
    await _all_upward(world, [PUTRI, DIMAS, WULAN])
    andi = await world.actor(ANDI)
    assert (await world.peer.summary(andi, world.period_id)).summary is None  # not even a count
    world.clock.set(AFTER_DEADLINE)
    view = await world.peer.summary(andi, world.period_id)
    assert view.summary is not None
    shown = view.summary.of(Relation.UPWARD)
    assert shown is not None
    assert shown.responses == 3
    assert shown.value("akuntabel").mean_display is not None
    assert sorted(shown.keep_doing) == sorted(f"Baik {n[-4:]}" for n in (PUTRI, DIMAS, WULAN))
    await world.peer.freeze_due()  # frozen once, by its first reader: the job leaves it
    again = await world.peer.summary(andi, world.period_id)
    assert again.summary == view.summary


async def test_a_late_change_after_the_freeze_is_refused_the_difference_attack(upward):
    world = upward
    await _all_upward(world, [PUTRI, DIMAS, WULAN])
    world.clock.set(AFTER_DEADLINE)
    assert await world.peer.freeze_due() >= 1
    before = world.factory.snapshot()
    with pytest.raises(PeriodNotOpen):
        await world.give(PUTRI, (await world.assignments_of(PUTRI))[ANDI], (1,) * 7)
    assert world.factory.snapshot().peer == before.peer


async def test_others_cannot_read_a_summary(upward):
    world = upward
    with pytest.raises(PermissionDenied):
        await world.peer.summary(
            await world.actor(PUTRI),
            world.period_id,
            next(r.id for r in world.factory.state.employees.values() if r.nip == ANDI),
        )


async def test_the_seal_waits_for_the_deadline_then_removes_every_rater_link(upward):
    world = upward
    await _all_upward(world, [PUTRI, DIMAS, WULAN])
    with pytest.raises(InvalidTransition):
        await world.admin.seal(OPERATOR, world.period_id)
    world.clock.set(AFTER_DEADLINE)
    assert await world.admin.seal(OPERATOR, world.period_id) == 3
    assert all(r.assignment_id is None for r in world.factory.state.peer.responses.values())
    view = await world.peer.summary(await world.actor(ANDI), world.period_id)
    assert view.summary is not None  # the responses remain for the freeze
    assert view.summary.of(Relation.UPWARD).responses == 3


async def test_the_pejabat_penilai_chooses_peers_by_number_and_they_are_told(world):
    world.factory.state.outbox.clear()
    andi = await world.actor(ANDI)
    putri_id = next(r.id for r in world.factory.state.employees.values() if r.nip == PUTRI)
    subject = NOMINATIONS.encode(NominationRef(world.period_id, putri_id, Relation.PEER))
    turn = await world.conversations.begin(andi, QUESTIONNAIRE_ID, subject)
    prompt = turn.questionnaire.steps[0].params["candidates"]
    assert "Dimas" in prompt
    assert "Siti" in prompt  # same level, another unit of the Dinas Kesehatan
    assert "Putri" not in prompt
    with pytest.raises(InvalidValue) as few:
        await world.send(andi, turn, Text("1, 2"))
    assert few.value.reason == "too_few_raters"
    turn = await world.send(andi, turn, Text("1, 2, 3"))
    turn = await world.send(andi, turn, Submit())
    assert turn.outcome.notices[0].key == "peer.nominate.done"
    raters = {
        world.factory.state.employees[a.rater_id].nip
        for a in world.factory.state.peer.assignments.values()
    }
    assert raters == {DIMAS, WULAN, SITI}
    told = {row.chat_id for row in outbox(world)}
    assert told == {TELEGRAM[DIMAS], TELEGRAM[WULAN], TELEGRAM[SITI]}


async def test_only_the_pejabat_penilai_chooses_raters(world):
    putri_id = next(r.id for r in world.factory.state.employees.values() if r.nip == PUTRI)
    subject = NOMINATIONS.encode(NominationRef(world.period_id, putri_id, Relation.PEER))
    with pytest.raises(PermissionDenied):
        await world.conversations.begin(await world.actor(DIMAS), QUESTIONNAIRE_ID, subject)


async def test_a_summary_frozen_meanwhile_by_another_process_is_the_one_returned(
    upward, monkeypatch
):
    world = upward
    await _all_upward(world, [PUTRI, DIMAS, WULAN])
    world.clock.set(AFTER_DEADLINE)
    first = await world.peer.freeze_one(world.period_id, ANDI)
    assert first is not None
    original = FakeFrozenSummaryRepository.get
    calls: list[str] = []

    async def blind_once(self, period_id, nip):  # another process froze it after this read
        calls.append(nip)
        return None if len(calls) == 1 else await original(self, period_id, nip)

    monkeypatch.setattr(FakeFrozenSummaryRepository, "get", blind_once)
    assert await world.peer.freeze_one(world.period_id, ANDI) == first
