"""Running questionnaires for people (``Conversations``) on the in-memory fakes. (The fakes' own
promises — a real transaction, the optimistic version check, the outbox's dedupe — are held to
their SQL twins in ``tests/contract/``.)"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from domain.actors import Actor
from domain.audit import AuditEntry
from domain.engine.conversations import Conversations
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import (
    DONE,
    REVIEW,
    Answers,
    Choose,
    Option,
    Press,
    Questionnaire,
    Session,
    SessionStatus,
    Skip,
    Step,
    StepKind,
    Submit,
    Text,
)
from domain.engine.subjects import Subjects
from domain.errors import (
    DomainError,
    InvalidAnswer,
    InvalidValue,
    NotFound,
    PermissionDenied,
    SessionFinished,
    StaleInput,
)
from domain.messages import Notice
from tests.support.clock import FixedClock
from tests.support.fakes.unit_of_work import FakeUnitOfWork, FakeUnitOfWorkFactory

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
ME = Actor(100, "id")
SOMEONE_ELSE = Actor(200, "id")


@dataclass(frozen=True, slots=True)
class UnitRef:
    unit: int


class ScriptedFlow(Flow[FakeUnitOfWork, UnitRef]):
    """A flow that writes an audit row on every change and does what the test tells it."""

    questionnaire_id = "feedback"
    subjects = Subjects(UnitRef, "unit:{unit}")

    def __init__(self) -> None:
        self.changes: list[tuple[Session, Session]] = []
        self.fail_with: DomainError | None = None
        self.outcome = Outcome()
        self.prefilled: Answers | None = None

    async def questionnaire(
        self, uow: FakeUnitOfWork, subject: UnitRef, actor: Actor
    ) -> Questionnaire:
        return FEEDBACK

    async def on_answer(self, uow: FakeUnitOfWork, change: Change[UnitRef]) -> Outcome:
        return await self._changed(uow, change)

    async def on_submit(self, uow: FakeUnitOfWork, change: Change[UnitRef]) -> Outcome:
        return await self._changed(uow, change)

    async def on_cancel(self, uow: FakeUnitOfWork, change: Change[UnitRef]) -> Outcome:
        return await self._changed(uow, change)

    async def _changed(self, uow: FakeUnitOfWork, change: Change[UnitRef]) -> Outcome:
        self.changes.append((change.before, change.after))
        entry = f"session:{change.after.id}"
        await uow.audit.record(
            AuditEntry(change.now, str(change.actor.telegram_id), "flow.change", entry)
        )
        if self.fail_with is not None:
            raise self.fail_with
        return self.outcome

    async def prefill(self, uow: FakeUnitOfWork, subject: UnitRef, actor: Actor) -> Answers | None:
        return self.prefilled


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    return FakeUnitOfWorkFactory(clock)


@pytest.fixture
def flow() -> ScriptedFlow:
    return ScriptedFlow()


@pytest.fixture
def conversations(
    fake: FakeUnitOfWorkFactory, clock: FixedClock, flow: ScriptedFlow
) -> Conversations:
    return Conversations(fake, clock, {"feedback": flow})


def stored(fake: FakeUnitOfWorkFactory, session_id: int | None) -> Session:
    assert session_id is not None
    row = fake.state.sessions[session_id]
    return Session(
        row.questionnaire_id,
        row.subject,
        row.owner_id,
        row.cursor,
        row.answers,
        SessionStatus(row.status),
        row.version,
        row.editing,
        row.id,
    )


# --- begin ----------------------------------------------------------------------------------


async def test_begin_starts_a_stored_session_at_the_first_step(conversations, fake):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    assert turn.questionnaire is FEEDBACK
    assert (turn.session.cursor, turn.session.version, turn.session.owner_id) == ("score", 0, 100)
    assert turn.session.id is not None
    assert stored(fake, turn.session.id) == turn.session
    assert fake.commits == 1


async def test_begin_resumes_the_active_session_rather_than_starting_another(conversations, fake):
    first = await conversations.begin(ME, "feedback", "unit:7")
    await conversations.handle(ME, Choose("3"), session_id=first.session.id, version=0)
    again = await conversations.begin(ME, "feedback", "unit:7")
    assert again.session.id == first.session.id
    assert (again.session.cursor, again.session.answers) == ("note", {"score": "3"})
    assert len(fake.state.sessions) == 1


async def test_begin_for_another_subject_or_person_starts_a_separate_session(conversations, fake):
    mine = await conversations.begin(ME, "feedback", "unit:7")
    other_subject = await conversations.begin(ME, "feedback", "unit:8")
    other_person = await conversations.begin(SOMEONE_ELSE, "feedback", "unit:7")
    assert len({mine.session.id, other_subject.session.id, other_person.session.id}) == 3


async def test_begin_with_restart_cancels_the_old_session_and_starts_afresh(conversations, fake):
    first = await conversations.begin(ME, "feedback", "unit:7")
    await conversations.handle(ME, Choose("3"), session_id=first.session.id)
    fresh = await conversations.begin(ME, "feedback", "unit:7", restart=True)
    assert fresh.session.id != first.session.id
    assert (fresh.session.cursor, fresh.session.answers) == ("score", {})
    old = stored(fake, first.session.id)
    assert (old.status, old.answers) == (SessionStatus.CANCELLED, {})


async def test_begin_with_a_complete_prefill_opens_at_the_review(conversations, flow):
    flow.prefilled = {"score": "2", "note": None}
    turn = await conversations.begin(ME, "feedback", "unit:7")
    assert turn.session.cursor == REVIEW
    assert turn.session.answers == {"score": "2", "note": None}


# --- handle ---------------------------------------------------------------------------------


async def test_an_accepted_input_is_stored_with_the_next_version_in_one_commit(
    conversations, fake, flow
):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    commits = fake.commits
    after = await conversations.handle(ME, Press(3), session_id=turn.session.id, version=0)
    assert after is not None
    assert after.error is None
    assert (after.session.cursor, after.session.answers, after.session.version) == (
        "note",
        {"score": "4"},
        1,
    )
    assert stored(fake, turn.session.id) == after.session
    assert fake.commits == commits + 1
    assert [(b.version, a.version) for b, a in flow.changes] == [(0, 1)]
    assert [row.action for row in fake.state.audit] == ["flow.change"]


async def test_a_button_of_another_persons_session_is_denied(conversations, fake):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    before = fake.snapshot()
    with pytest.raises(PermissionDenied) as denied:
        await conversations.handle(SOMEONE_ELSE, Press(0), session_id=turn.session.id, version=0)
    assert denied.value.reason == "not_your_session"
    assert fake.state == before


async def test_an_unknown_session_id_is_not_found(conversations, fake):
    with pytest.raises(NotFound) as missing:
        await conversations.handle(ME, Press(0), session_id=999, version=0)
    assert (missing.value.reason, missing.value.params) == ("session", {"ref": 999})
    assert fake.commits == 0


async def test_a_session_of_a_flow_this_service_does_not_run_is_not_found(conversations, fake):
    async with fake() as uow:
        other = await uow.sessions.add(Session("survey", "x", ME.telegram_id, "score"))
        await uow.commit()
    with pytest.raises(NotFound):
        await conversations.handle(ME, Press(0), session_id=other.id)


async def test_a_refused_answer_returns_the_error_and_writes_nothing(conversations, fake, flow):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    before, commits = fake.snapshot(), fake.commits
    refused = await conversations.handle(ME, Text("tiga"), session_id=turn.session.id)
    assert refused is not None
    assert isinstance(refused.error, InvalidAnswer)
    assert refused.error.reason == "expected_button"
    assert refused.session == turn.session
    assert (fake.state, fake.commits) == (before, commits)
    assert flow.changes == []


async def test_a_stale_button_is_refused_and_writes_nothing(conversations, fake):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    await conversations.handle(ME, Press(0), session_id=turn.session.id, version=0)
    before = fake.snapshot()
    again = await conversations.handle(ME, Press(0), session_id=turn.session.id, version=0)
    assert again is not None
    assert isinstance(again.error, StaleInput)
    assert again.session.version == 1
    assert fake.state == before


async def test_a_flows_rejection_commits_its_bookkeeping_but_keeps_the_session(
    conversations, fake, flow
):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    flow.outcome = Outcome((Notice("flow.refused", {"why": "test"}),), rejected=True)
    rejected = await conversations.handle(ME, Press(1), session_id=turn.session.id, version=0)
    assert rejected is not None
    assert rejected.error is None
    assert rejected.outcome.notices == (Notice("flow.refused", {"why": "test"}),)
    assert rejected.session == turn.session
    assert stored(fake, turn.session.id) == turn.session
    assert [row.action for row in fake.state.audit] == ["flow.change"]


async def test_a_domain_error_inside_the_flow_rolls_back_everything(conversations, fake, flow):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    before, commits = fake.snapshot(), fake.commits
    flow.fail_with = PermissionDenied("not_allowed")
    refused = await conversations.handle(ME, Press(1), session_id=turn.session.id, version=0)
    assert refused is not None
    assert refused.error is flow.fail_with
    assert refused.session == turn.session
    assert len(flow.changes) == 1  # the flow ran and wrote its audit row ...
    assert fake.state == before  # ... which was rolled back with the session
    assert fake.state.audit == []
    assert fake.commits == commits


async def test_a_finished_session_is_stored_without_its_answers(conversations, fake, flow):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    session_id = turn.session.id
    for event in (Press(2), Skip(), Submit()):
        await conversations.handle(ME, event, session_id=session_id)
    submitted = flow.changes[-1][1]
    assert submitted.status is SessionStatus.SUBMITTED
    assert submitted.answers == {"score": "3", "note": None}  # the flow saw them
    row = stored(fake, session_id)
    assert (row.status, row.cursor, row.answers) == (SessionStatus.SUBMITTED, DONE, {})


async def test_a_flow_may_ask_to_forget_a_finished_session(conversations, fake, flow):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    await conversations.handle(ME, Press(2), session_id=turn.session.id)
    await conversations.handle(ME, Skip(), session_id=turn.session.id)
    flow.outcome = Outcome(forget=True)
    done = await conversations.handle(ME, Submit(), session_id=turn.session.id)
    assert done is not None
    assert done.session.status is SessionStatus.SUBMITTED
    assert fake.state.sessions == {}


async def test_forget_keeps_a_session_that_is_still_active(conversations, fake, flow):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    flow.outcome = Outcome(forget=True)
    await conversations.handle(ME, Press(2), session_id=turn.session.id)
    assert stored(fake, turn.session.id).answers == {"score": "3"}


async def test_a_button_on_a_finished_session_reports_that_it_is_finished(conversations):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    await conversations.cancel_latest(ME)
    pressed = await conversations.handle(ME, Press(0), session_id=turn.session.id, version=1)
    assert pressed is not None
    assert isinstance(pressed.error, SessionFinished)


async def test_typed_input_goes_to_the_latest_active_session(conversations, fake, clock):
    older = await conversations.begin(ME, "feedback", "unit:7")
    clock.advance(minutes=1)
    newer = await conversations.begin(ME, "feedback", "unit:8")
    clock.advance(minutes=1)
    await conversations.handle(ME, Press(0), session_id=older.session.id)
    clock.advance(minutes=1)
    typed = await conversations.handle(ME, Text("lambat"))
    assert typed is not None
    assert typed.session.id == older.session.id
    assert typed.session.answers == {"score": "1", "note": "lambat"}
    assert stored(fake, newer.session.id).answers == {}


async def test_typed_input_without_an_active_session_finds_nothing(conversations, fake):
    assert await conversations.handle(ME, Text("halo")) is None
    await conversations.begin(SOMEONE_ELSE, "feedback", "unit:7")
    assert await conversations.handle(ME, Text("halo")) is None


async def test_cancel_latest_cancels_the_form_being_filled_in(conversations, fake, clock):
    older = await conversations.begin(ME, "feedback", "unit:7")
    clock.advance(minutes=1)
    newer = await conversations.begin(ME, "feedback", "unit:8")
    await conversations.handle(ME, Press(0), session_id=newer.session.id)
    cancelled = await conversations.cancel_latest(ME)
    assert cancelled is not None
    assert cancelled.session.id == newer.session.id
    assert (cancelled.session.status, cancelled.session.answers) == ("cancelled", {})
    assert stored(fake, newer.session.id).status is SessionStatus.CANCELLED
    assert stored(fake, older.session.id).is_active


async def test_cancel_latest_without_an_active_session_does_nothing(conversations, fake):
    assert await conversations.cancel_latest(ME) is None
    assert fake.commits == 0


async def test_current_shows_the_session_as_it_stands_without_writing(conversations, fake):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    commits = fake.commits
    current = await conversations.current(ME)
    assert current is not None
    assert current.session == turn.session
    by_id = await conversations.current(ME, turn.session.id)
    assert by_id is not None
    assert by_id.session == turn.session
    assert await conversations.current(SOMEONE_ELSE) is None
    assert fake.commits == commits


async def test_two_presses_of_the_same_button_at_once_apply_only_once(conversations, fake):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    first, second = await asyncio.gather(
        conversations.handle(ME, Press(0), session_id=turn.session.id, version=0),
        conversations.handle(ME, Press(1), session_id=turn.session.id, version=0),
    )
    assert first is not None
    assert second is not None
    assert first.error is None
    assert isinstance(second.error, StaleInput)
    assert stored(fake, turn.session.id).answers == {"score": "1"}


# --- resuming and flows that stop admitting the person --------------------------------------


async def test_resuming_a_form_makes_it_the_one_typed_text_goes_to(conversations, clock):
    first = await conversations.begin(ME, "feedback", "unit:1")
    await conversations.handle(ME, Choose("2"), session_id=first.session.id, version=0)
    clock.advance(minutes=1)
    second = await conversations.begin(ME, "feedback", "unit:2")  # newer: typed text goes here
    clock.advance(minutes=1)
    resumed = await conversations.begin(ME, "feedback", "unit:1")  # back to the first form
    assert resumed.outcome.notices[0].key == "engine.resumed"
    turn = await conversations.handle(ME, Text("meant for the first form"))
    assert turn is not None
    assert turn.session.id == first.session.id
    assert turn.session.answers["note"] == "meant for the first form"
    assert second.session.id != first.session.id


class RefusingFlow(ScriptedFlow):
    """A flow that no longer admits the person (their supervisor changed, a period closed)."""

    refuse = False

    async def questionnaire(
        self, uow: FakeUnitOfWork, subject: UnitRef, actor: Actor
    ) -> Questionnaire:
        if self.refuse:
            raise PermissionDenied("not_pejabat_penilai")
        return FEEDBACK


async def test_a_form_the_flow_stopped_admitting_can_still_be_cancelled(fake, clock):
    flow = RefusingFlow()
    conversations = Conversations(fake, clock, {"feedback": flow})
    begun = await conversations.begin(ME, "feedback", "unit:7")
    flow.refuse = True

    cancelled = await conversations.cancel_latest(ME)

    assert cancelled is not None
    assert cancelled.session.status is SessionStatus.CANCELLED
    assert stored(fake, begun.session.id).status is SessionStatus.CANCELLED


async def test_typing_into_a_form_the_flow_stopped_admitting_ends_it_with_the_reason(fake, clock):
    flow = RefusingFlow()
    conversations = Conversations(fake, clock, {"feedback": flow})
    begun = await conversations.begin(ME, "feedback", "unit:7")
    flow.refuse = True

    turn = await conversations.handle(ME, Text("anything"))

    assert turn is not None
    assert turn.session.status is SessionStatus.CANCELLED
    keys = [notice.key for notice in turn.outcome.notices]
    assert keys == ["error.permission_denied.not_pejabat_penilai", "engine.cancelled"]
    assert await conversations.handle(ME, Text("more")) is None  # no form catches text now
    assert stored(fake, begun.session.id).status is SessionStatus.CANCELLED


# --- the flow contract ------------------------------------------------------------------------


class OnlySubmit(Flow[FakeUnitOfWork, UnitRef]):
    """The least a flow states: its questions and what a submission does."""

    questionnaire_id = "feedback"
    subjects = Subjects(UnitRef, "unit:{unit}")

    def __init__(self) -> None:
        self.submitted: list[tuple[UnitRef, dict[str, str | None]]] = []

    async def questionnaire(
        self, uow: FakeUnitOfWork, subject: UnitRef, actor: Actor
    ) -> Questionnaire:
        return FEEDBACK

    async def on_submit(self, uow: FakeUnitOfWork, change: Change[UnitRef]) -> Outcome:
        self.submitted.append((change.subject, dict(change.answers)))
        return Outcome((Notice("feedback.thanks", {"unit": change.subject.unit}),))


async def test_a_flow_gets_its_typed_subject_and_only_the_hook_its_new_status_names(fake, clock):
    flow = OnlySubmit()
    conversations = Conversations(fake, clock, {"feedback": flow})
    turn = await conversations.begin(ME, "feedback", "unit:7")
    for event in (Press(1), Skip()):
        turn = await conversations.handle(ME, event, session_id=turn.session.id) or turn
        assert flow.submitted == []  # answers: the default hook, nothing happens
    done = await conversations.handle(ME, Submit(), session_id=turn.session.id)

    assert done is not None
    assert done.session.status is SessionStatus.SUBMITTED
    assert flow.submitted == [(UnitRef(7), {"score": "2", "note": None})]
    assert done.outcome.notices == (Notice("feedback.thanks", {"unit": 7}),)


async def test_cancelling_calls_on_cancel_and_answers_call_on_answer(conversations, flow):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    answered = await conversations.handle(ME, Press(0), session_id=turn.session.id)
    assert answered is not None
    cancelled = await conversations.cancel_latest(ME)
    assert cancelled is not None
    assert [after.status for _, after in flow.changes] == [
        SessionStatus.ACTIVE,
        SessionStatus.CANCELLED,
    ]


async def test_a_subject_the_flow_cannot_read_is_refused_before_a_session_exists(
    conversations, fake
):
    with pytest.raises(InvalidValue) as refused:
        await conversations.begin(ME, "feedback", "unit:seven")
    assert refused.value.reason == "bad_subject"
    assert fake.state.sessions == {}


async def test_the_operator_has_no_conversations(conversations, fake):
    with pytest.raises(PermissionDenied) as refused:
        await conversations.begin(Actor.operator(), "feedback", "unit:7")
    assert refused.value.reason == "chat_only"
    assert fake.state.sessions == {}


async def test_a_question_shown_again_makes_the_buttons_of_earlier_messages_stale(conversations):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    again = await conversations.show_again(ME)
    assert again is not None
    assert again.session.cursor == turn.session.cursor
    assert again.session.version == turn.session.version + 1
    old = await conversations.handle(
        ME, Press(0), session_id=turn.session.id, version=turn.session.version
    )
    assert old is not None
    assert isinstance(old.error, StaleInput)
    latest = await conversations.handle(
        ME, Press(0), session_id=turn.session.id, version=again.session.version
    )
    assert latest is not None
    assert latest.error is None


async def test_resuming_a_form_shows_it_again_with_a_new_version(conversations):
    turn = await conversations.begin(ME, "feedback", "unit:7")
    resumed = await conversations.begin(ME, "feedback", "unit:7")
    assert resumed.session.version == turn.session.version + 1
    assert await conversations.show_again(SOMEONE_ELSE) is None
