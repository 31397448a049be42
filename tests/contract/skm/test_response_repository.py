"""The SKM responses' contract (``SkmResponseRepository``), on the fakes, SQLite and PostgreSQL.
What reports read from the responses is tested with the queries (``tests/integration/queries/``).
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from domain.skm.survey import Channel, SkmResponse


async def test_responses_are_added_with_new_ids_in_order(demo, clock):
    async with demo(readonly=True) as uow:
        ktp = await uow.org.service_by_code("KTP-EL")
    response = SkmResponse(
        ktp.id, ktp.unit_id, clock.now(), date(2026, 8, 1), Channel.PAPER, {"U1": 4}
    )
    async with demo() as uow:
        assert await uow.skm_responses.add([]) == []
        [one] = await uow.skm_responses.add([response])
        many = await uow.skm_responses.add([response] * 3)
        await uow.commit()
    assert len({one, *many}) == 4
    assert [one, *many] == sorted([one, *many])


async def test_a_paper_file_is_remembered_by_its_sha256(factory, clock):
    first, later = clock.now(), clock.now() + timedelta(days=1)
    async with factory() as uow:
        assert await uow.skm_responses.paper_import_at("a" * 64) is None
        await uow.skm_responses.record_paper_import("a" * 64, rows=3, at=first)
        await uow.commit()
    async with factory() as uow:
        assert await uow.skm_responses.paper_import_at("a" * 64) == first
        await uow.skm_responses.record_paper_import("a" * 64, rows=3, at=later)  # forced again
        assert await uow.skm_responses.paper_import_at("a" * 64) == later
        assert await uow.skm_responses.paper_import_at("b" * 64) is None


async def test_a_pending_response_comes_back_whole_and_is_taken_once(demo, clock):
    """Issue 8: a submitted response kept between the mark's transaction and the one that
    stores it (``domain.skm.survey_flow``)."""
    async with demo(readonly=True) as uow:
        ktp = await uow.org.service_by_code("KTP-EL")
    response = SkmResponse(
        ktp.id,
        ktp.unit_id,
        clock.now(),
        date(2026, 11, 27),
        Channel.TELEGRAM,
        {"U1": 4, "U9": 2},
        {"gender": "P"},
        "Ruang tunggu panas",
        "0812",
    )
    forward_at = clock.now() + timedelta(hours=6)
    async with demo() as uow:
        first = await uow.skm_responses.add_pending(response, forward_at=forward_at)
        second = await uow.skm_responses.add_pending(response, forward_at=clock.now())
        await uow.commit()
    async with demo(readonly=True) as uow:
        assert await uow.skm_responses.pending_ids() == [first, second]

    async def take(pending_id):
        async with demo() as uow:
            taken = await uow.skm_responses.take_pending(pending_id)
            await uow.commit()
            return taken

    taken = await asyncio.gather(take(first), take(first))
    assert sorted(t is None for t in taken) == [False, True]  # of two takers, one gets it
    [got] = [t for t in taken if t is not None]
    assert (got.id, got.response, got.forward_at) == (first, response, forward_at)
    async with demo(readonly=True) as uow:
        assert await uow.skm_responses.pending_ids() == [second]
