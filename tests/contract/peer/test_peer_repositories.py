"""The peer area's contract (``domain/peer/ports.py``) on the fakes, SQLite and PostgreSQL, with
the demo organisation: assignments, responses without raters, the seal, frozen summaries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.appraisal.berakhlak import BERAKHLAK_CODES
from domain.errors import InvalidTransition, NotFound
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.forms import PeerResponse
from domain.peer.raters import AssignmentSource, PeerAssignment, Relation
from tests.support.appraisals import AGUS, BUDI, DEWI, HENDRA, NUR, RATNA, YUSUF, add_period
from tests.support.appraisals import november as november_period

FROZEN_AT = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def scores(score: int | None = 4, **overrides: int | None) -> dict[str, int | None]:
    return {code: overrides.get(code, score) for code in sorted(BERAKHLAK_CODES)}


async def assign(factory, *assignments: PeerAssignment) -> list[PeerAssignment]:
    async with factory() as tx:
        await tx.peer_assignments.lock(assignments[0].period_id)
        added = await tx.peer_assignments.add(assignments)
        await tx.commit()
    return added


@pytest.fixture
async def period(demo) -> int:
    return await add_period(demo, november_period())


async def test_assignments_come_back_with_ids_by_period_ratee_and_rater(demo, period):
    added = await assign(
        demo,
        PeerAssignment(period, BUDI, NUR, Relation.PEER),
        PeerAssignment(period, RATNA, NUR, Relation.PEER, AssignmentSource.NOMINATED),
        PeerAssignment(period, NUR, HENDRA, Relation.UPWARD, AssignmentSource.IMPORTED),
    )
    assert all(a.id is not None for a in added)
    async with demo(readonly=True) as tx:
        everything = await tx.peer_assignments.for_period(period)
        assert everything == added  # ordered by id, every field as given
        assert await tx.peer_assignments.for_period(period, ratee_nips=[HENDRA]) == added[2:]
        assert await tx.peer_assignments.of_rater(period, NUR) == added[2:]
        assert await tx.peer_assignments.get(added[1].id) == added[1]
        assert await tx.peer_assignments.get(10**9) is None
        assert await tx.peer_assignments.submitted(period) == {a.id: False for a in added}
        assert await tx.peer_assignments.for_period(period + 1000) == []
    async with demo() as tx:
        assert await tx.peer_assignments.get(added[1].id, for_update=True) == added[1]


async def test_a_pair_is_assigned_once_per_period(demo, period):
    await assign(demo, PeerAssignment(period, BUDI, NUR, Relation.PEER))
    async with demo() as tx:
        with pytest.raises(InvalidTransition) as refused:
            await tx.peer_assignments.add([PeerAssignment(period, BUDI, NUR, Relation.UPWARD)])
        assert refused.value.reason == "already_assigned"
    async with demo() as tx:
        twice = [PeerAssignment(period, RATNA, NUR, Relation.PEER)] * 2
        with pytest.raises(InvalidTransition):
            await tx.peer_assignments.add(twice)
    async with demo(readonly=True) as tx:
        assert len(await tx.peer_assignments.for_period(period)) == 1


async def test_an_unknown_nip_is_not_assigned(demo, period):
    async with demo() as tx:
        with pytest.raises(NotFound):
            await tx.peer_assignments.add(
                [PeerAssignment(period, "199999999999999999", NUR, Relation.PEER)]
            )


async def test_a_response_is_submitted_edited_and_read_without_its_rater(demo, period):
    first, second = await assign(
        demo,
        PeerAssignment(period, BUDI, NUR, Relation.PEER),
        PeerAssignment(period, RATNA, NUR, Relation.PEER),
    )
    answer = PeerResponse(period, NUR, Relation.PEER, scores(4, loyal=None), keep_doing="Rapi")
    edited = PeerResponse(period, NUR, Relation.PEER, scores(2), improve="Tepat waktu")
    async with demo() as tx:
        assert await tx.peer_responses.of_assignment(first.id) is None
        await tx.peer_responses.submit(first.id, answer)
        await tx.commit()
    async with demo() as tx:
        assert await tx.peer_responses.of_assignment(first.id) == answer
        await tx.peer_responses.submit(first.id, edited)  # replaces, never adds
        await tx.commit()
    async with demo(readonly=True) as tx:
        assert await tx.peer_responses.of_assignment(first.id) == edited
        assert await tx.peer_responses.of_assignment(second.id) is None
        assert await tx.peer_responses.for_ratee(period, NUR) == [edited]
        assert await tx.peer_responses.for_ratee(period, BUDI) == []
        assert await tx.peer_assignments.submitted(period) == {first.id: True, second.id: False}


async def test_withdrawing_an_assignment_takes_its_response_with_it(demo, period):
    first, second = await assign(
        demo,
        PeerAssignment(period, BUDI, NUR, Relation.PEER),
        PeerAssignment(period, RATNA, NUR, Relation.PEER),
    )
    async with demo() as tx:
        await tx.peer_responses.submit(first.id, PeerResponse(period, NUR, Relation.PEER, scores()))
        await tx.peer_responses.submit(
            second.id, PeerResponse(period, NUR, Relation.PEER, scores(3))
        )
        await tx.commit()
    async with demo() as tx:
        await tx.peer_assignments.withdraw([first.id])
        await tx.peer_assignments.withdraw([])
        await tx.commit()
    async with demo(readonly=True) as tx:
        assert await tx.peer_assignments.for_period(period) == [second]
        assert await tx.peer_responses.for_ratee(period, NUR) == [
            PeerResponse(period, NUR, Relation.PEER, scores(3))
        ]


async def test_the_seal_removes_every_link_from_a_response_to_its_rater(demo, period):
    other = await add_period(demo, november_period())
    done = await assign(
        demo,
        PeerAssignment(period, BUDI, NUR, Relation.PEER),
        PeerAssignment(period, RATNA, NUR, Relation.PEER),
        PeerAssignment(period, YUSUF, NUR, Relation.PEER),
    )
    kept = await assign(demo, PeerAssignment(other, BUDI, NUR, Relation.PEER))
    async with demo() as tx:
        for a, score in zip(done, (2, 3, 4), strict=True):
            await tx.peer_responses.submit(
                a.id, PeerResponse(period, NUR, a.relation, scores(score))
            )
        await tx.peer_responses.submit(
            kept[0].id, PeerResponse(other, NUR, Relation.PEER, scores())
        )
        await tx.commit()
    async with demo() as tx:
        assert await tx.peer_responses.seal(period) == 3
        await tx.commit()
    async with demo() as tx:
        for a in done:
            assert await tx.peer_responses.of_assignment(a.id) is None
        assert await tx.peer_responses.of_assignment(kept[0].id) is not None  # other period
        found = await tx.peer_responses.for_ratee(period, NUR)
        assert sorted(r.scores["loyal"] for r in found) == [2, 3, 4]  # kept for a re-freeze
        assert await tx.peer_responses.seal(period) == 0
        assert set((await tx.peer_assignments.submitted(period)).values()) == {True}


def summary(period: int, nip: str = NUR) -> FrozenSummary:
    values = tuple(
        ValueSummary(code, 3, 11) if code != "loyal" else ValueSummary(code)
        for code in sorted(BERAKHLAK_CODES)
    )
    peers = RelationSummary(Relation.PEER, 4, values, ("Rapi", "Ramah"), ("Tepat waktu",))
    return FrozenSummary(
        period,
        nip,
        FROZEN_AT,
        3,
        2**255 + 12345,  # an HMAC-SHA256 seed is a 256-bit number
        {Relation.PEER: peers, Relation.UPWARD: RelationSummary(Relation.UPWARD)},
    )


async def test_a_summary_is_frozen_once_and_read_back_exactly(demo, period):
    await assign(
        demo,
        PeerAssignment(period, BUDI, NUR, Relation.PEER),
        PeerAssignment(period, NUR, HENDRA, Relation.UPWARD),
        PeerAssignment(period, DEWI, YUSUF, Relation.PEER),
    )
    async with demo() as tx:
        assert await tx.peer_summaries.unfrozen_ratees(period) == sorted([NUR, HENDRA, YUSUF])
        assert await tx.peer_summaries.get(period, NUR) is None
        await tx.peer_summaries.add(summary(period))
        await tx.peer_summaries.add(summary(period, HENDRA))
        await tx.commit()
    async with demo() as tx:
        with pytest.raises(InvalidTransition) as refused:
            await tx.peer_summaries.add(summary(period))
        assert refused.value.reason == "already_frozen"
    async with demo(readonly=True) as tx:
        assert await tx.peer_summaries.get(period, NUR) == summary(period)
        assert await tx.peer_summaries.for_period(period) == {
            NUR: summary(period),
            HENDRA: summary(period, HENDRA),
        }
        assert await tx.peer_summaries.for_period(period, [HENDRA, AGUS]) == {
            HENDRA: summary(period, HENDRA)
        }
        assert await tx.peer_summaries.unfrozen_ratees(period) == [YUSUF]
