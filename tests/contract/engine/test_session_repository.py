"""The sessions' contract (``SessionRepository``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest

from domain.engine.questionnaire import Option, Questionnaire, SessionStatus, Step, StepKind, start
from domain.errors import StaleInput

FEEDBACK = Questionnaire(
    "feedback",
    "feedback.title",
    (
        Step(
            "score",
            StepKind.SCALE,
            "feedback.score",
            options=tuple(Option(str(i), f"score.{i}") for i in range(1, 5)),
        ),
        Step("note", StepKind.TEXT, "feedback.note", required=False),
    ),
)


async def add(factory, owner_id: int = 1, subject: str = "s", questionnaire=FEEDBACK):
    async with factory() as uow:
        session = await uow.sessions.add(start(questionnaire, owner_id=owner_id, subject=subject))
        await uow.commit()
    return session


async def test_a_session_is_added_with_an_id_and_read_back_as_it_was(factory):
    added = await add(factory)
    assert added.id is not None
    async with factory(readonly=True) as uow:
        assert await uow.sessions.get(added.id) == added
        assert await uow.sessions.get(added.id + 1000) is None
    answered = replace(added, cursor="note", answers={"score": "3"}, version=1, editing=True)
    async with factory() as uow:
        await uow.sessions.save(answered, expected_version=0)
        await uow.commit()
    async with factory(readonly=True) as uow:
        assert await uow.sessions.get(added.id) == answered


async def test_saving_a_session_over_a_newer_version_is_stale(factory):
    async with factory() as uow:
        session = await uow.sessions.add(start(FEEDBACK, owner_id=1, subject="s"))
        moved = replace(session, cursor="note", version=1)
        await uow.sessions.save(moved, expected_version=0)
        with pytest.raises(StaleInput):
            await uow.sessions.save(moved, expected_version=0)
        with pytest.raises(StaleInput):
            await uow.sessions.delete(moved.id or 0, expected_version=0)
        with pytest.raises(StaleInput):
            await uow.sessions.save(start(FEEDBACK, owner_id=1, subject="s"), expected_version=0)
        await uow.sessions.delete(moved.id or 0, expected_version=1)
        assert await uow.sessions.get(moved.id or 0) is None
        with pytest.raises(StaleInput):
            await uow.sessions.delete(moved.id or 0, expected_version=1)  # already gone


async def test_typed_text_goes_to_the_active_session_touched_last(factory, clock):
    first = await add(factory, subject="a")
    clock.advance(minutes=1)
    second = await add(factory, subject="b")
    await add(factory, owner_id=2, subject="c")  # someone else's
    async with factory() as uow:
        assert (await uow.sessions.latest_active(1)).id == second.id
        clock.advance(minutes=1)
        await uow.sessions.touch(first.id)
        await uow.sessions.touch(first.id + 1000)  # a missing session: nothing happens
        assert (await uow.sessions.latest_active(1, for_update=True)).id == first.id
        await uow.sessions.save(
            replace(first, status=SessionStatus.SUBMITTED, version=1), expected_version=0
        )
        assert (await uow.sessions.latest_active(1)).id == second.id  # only active ones
        assert await uow.sessions.latest_active(3) is None


async def test_of_sessions_touched_at_the_same_moment_the_newer_is_the_latest(factory):
    await add(factory, subject="a")
    newer = await add(factory, subject="b")
    async with factory(readonly=True) as uow:
        assert (await uow.sessions.latest_active(1)).id == newer.id


async def test_an_active_session_is_found_by_questionnaire_and_subject_oldest_first(factory):
    first = await add(factory, subject="unit:7")
    await add(factory, subject="unit:8")
    twin = await add(factory, subject="unit:7")  # opened again on a second device
    async with factory() as uow:
        assert (await uow.sessions.find_active(1, "feedback", "unit:7")).id == first.id
        assert await uow.sessions.find_active(1, "other", "unit:7") is None
        assert await uow.sessions.find_active(2, "feedback", "unit:7") is None
        await uow.sessions.save(
            replace(first, status=SessionStatus.CANCELLED, version=1), expected_version=0
        )
        assert (await uow.sessions.find_active(1, "feedback", "unit:7")).id == twin.id


async def test_sessions_of_a_questionnaire_untouched_since_a_moment_are_forgotten(factory, clock):
    old = await add(factory, owner_id=1)
    finished = await add(factory, owner_id=2)
    async with factory() as uow:
        await uow.sessions.save(
            replace(finished, status=SessionStatus.SUBMITTED, version=1), expected_version=0
        )
        await uow.commit()
    other = await add(factory, owner_id=3, questionnaire=replace(FEEDBACK, id="other"))
    clock.advance(hours=2)
    recent = await add(factory, owner_id=4)
    async with factory() as uow:
        before = clock.now() - timedelta(hours=1)
        assert await uow.sessions.forget_abandoned("feedback", before=before) == 2
        await uow.commit()
    async with factory(readonly=True) as uow:
        assert [
            await uow.sessions.get(s.id) is not None for s in (old, finished, other, recent)
        ] == [
            False,
            False,
            True,
            True,
        ]


@pytest.mark.parametrize("read", ["get", "latest_active"])
async def test_a_session_read_for_update_waits_for_the_writer_holding_it(factory, read):
    session = await add(factory)
    saved, release = asyncio.Event(), asyncio.Event()

    async def locked(uow):
        if read == "get":
            return await uow.sessions.get(session.id, for_update=True)
        return await uow.sessions.latest_active(session.owner_id, for_update=True)

    async def first() -> None:
        async with factory() as uow:
            mine = await locked(uow)
            await uow.sessions.save(replace(mine, cursor="note", version=1), expected_version=0)
            saved.set()
            await release.wait()  # still uncommitted while the second one asks
            await uow.commit()

    async def second() -> int:
        async with factory() as uow:
            theirs = await locked(uow)
            await uow.sessions.save(
                replace(theirs, version=theirs.version + 1), expected_version=theirs.version
            )
            await uow.commit()
            return theirs.version

    one = asyncio.create_task(first())
    await saved.wait()
    two = asyncio.create_task(second())
    await asyncio.sleep(0.3)
    assert not two.done()  # waiting for the first writer
    release.set()
    await one
    assert await two == 1  # it saw the first one's commit, so its own save is not stale
