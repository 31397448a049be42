"""Running questionnaires for people: start or resume a flow, apply one input, persist.

Every input is one transaction: the session is read (locked on PostgreSQL), advanced by the pure
engine, the flow's hook applies any effect of the new state (registering, storing a submitted
self-assessment, queueing a notification), and the new session is written with an optimistic
version check, all committed together. A refused input rolls everything back and the person sees
the same question again with the reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Generic, TypeVar

from domain.actors import Actor
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.ports import EngineUnitOfWork
from domain.engine.questionnaire import (
    Input,
    Questionnaire,
    Session,
    SessionStatus,
    advance,
    cancel,
    shown_again,
    start,
)
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.messages import Notice
from domain.unit_of_work import UnitOfWorkFactory

RESUMED = "engine.resumed"  # shown when a flow is opened again and continues where it was
CANCELLED = "engine.cancelled"


@dataclass(frozen=True, slots=True)
class Turn:
    """The result of one input: the questionnaire and the session to show, what the flow said,
    and the domain error if the input was refused (the session is then unchanged)."""

    questionnaire: Questionnaire | None  # None only for a session that has ended
    session: Session
    outcome: Outcome = field(default_factory=Outcome)
    error: DomainError | None = None
    actor: Actor | None = None  # who gave the input, as identified in its transaction


# The unit of work ``Conversations`` opens: the engine's repositories and whatever the flows need.
# Covariant: callers only run inputs and never hand a unit of work in.
U_co = TypeVar("U_co", bound=EngineUnitOfWork, covariant=True)
# Who a Telegram account is, read through the input's own unit of work (domain.org.directory's
# ``actor_of``), so that identifying the sender costs no transaction of its own.
Identify = Callable[[Any, int], Awaitable[Actor]]


class Conversations(Generic[U_co]):
    """Starts, resumes and advances sessions of every registered flow."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[U_co],
        clock: Clock,
        flows: Mapping[str, Flow[U_co, Any]],
        identify: Identify | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._flows = dict(flows)
        self._identify = identify

    async def begin(
        self, actor: Actor, questionnaire_id: str, subject: str, *, restart: bool = False
    ) -> Turn:
        """Open the flow for ``subject``, resuming the person's active session if there is one."""
        if actor.is_operator:  # a conversation is a person's, in their chat
            raise PermissionDenied("chat_only")
        flow = self._flows[questionnaire_id]
        about = flow.subjects.parse(subject)
        async with self._uow() as uow:
            await flow.can_start(uow, about, actor)
            questionnaire = await flow.questionnaire(uow, about, actor)
            session = await uow.sessions.find_active(actor.telegram_id, questionnaire_id, subject)
            if session is not None and not restart:
                # Shown again in a new message (and typed text goes here now): the buttons of
                # the earlier messages go stale.
                resumed = shown_again(session)
                await uow.sessions.save(resumed, expected_version=session.version)
                await uow.commit()
                return Turn(questionnaire, resumed, Outcome((Notice(RESUMED),)))
            if session is not None:
                await uow.sessions.save(cancel(session), expected_version=session.version)
            prefill = await flow.prefill(uow, about, actor)
            fresh = start(
                questionnaire, owner_id=actor.telegram_id, subject=subject, prefill=prefill
            )
            session = await uow.sessions.add(fresh)
            await uow.commit()
            return Turn(questionnaire, session)

    async def handle(
        self,
        actor: Actor | int,
        event: Input,
        *,
        session_id: int | None = None,
        version: int | None = None,
    ) -> Turn | None:
        """Apply ``event`` to the session a button names, or (typed input) to the person's
        latest active session. ``None`` when typed input finds no active session.

        ``actor`` may be only a Telegram id: the person is then identified in the input's own
        transaction (the turn says who they are)."""
        async with self._uow() as uow:
            if isinstance(actor, int):
                assert self._identify is not None, "Conversations built without identify"
                actor = await self._identify(uow, actor)
            session = await self._load(uow, actor, session_id)
            if session is None:
                return None
            flow = self._flows[session.questionnaire_id]
            try:
                about = flow.subjects.parse(session.subject)
                if session.is_active:  # the rules for taking part hold on every input
                    await flow.can_start(uow, about, actor)
                questionnaire = await flow.questionnaire(uow, about, actor)
            except DomainError as refused:
                # The flow no longer admits this person (a new supervisor, a closed period,
                # someone else already acted): the form can only end. Cancel it and say why.
                ended = await _cancel(uow, flow, actor, session, self._clock.now())
                await uow.commit()
                notices = (Notice(refused.message_key, refused.params), Notice(CANCELLED))
                return Turn(None, ended, Outcome(notices), actor=actor)
            try:
                after = advance(questionnaire, session, event, expected_version=version)
                change = Change(actor, about, session, after, self._clock.now())
                outcome = await _react(flow, uow, change)
            except DomainError as error:
                return Turn(questionnaire, session, error=error, actor=actor)
            if outcome.ends:  # the flow ended the form: cancelled, its notices then "cancelled"
                ended = await _cancel(uow, flow, actor, session, self._clock.now())
                await uow.commit()
                told = (*outcome.notices, Notice(CANCELLED))
                return Turn(None, ended, replace(outcome, notices=told), actor=actor)
            if outcome.rejected:
                await uow.commit()
                return Turn(questionnaire, session, outcome, actor=actor)
            if not after.is_active:
                after = replace(after, answers={})  # finished: the flow has taken what it needs
            if outcome.forget and not after.is_active:
                await uow.sessions.delete(session.id or 0, expected_version=session.version)
            else:
                await uow.sessions.save(after, expected_version=session.version)
            await uow.commit()
        if outcome.after_commit is not None:  # outside the block: its own transactions
            later = await outcome.after_commit()
            outcome = replace(outcome, notices=(*outcome.notices, *later), after_commit=None)
        return Turn(questionnaire, after, outcome, actor=actor)

    async def cancel_latest(self, actor: Actor) -> Turn | None:
        """``/batal``: cancel the form the person is filling in, if any; its answers go."""
        async with self._uow() as uow:
            session = await uow.sessions.latest_active(actor.telegram_id, for_update=True)
            if session is None:
                return None
            flow = self._flows[session.questionnaire_id]
            cancelled = await _cancel(uow, flow, actor, session, self._clock.now())
            await uow.commit()
            return Turn(None, cancelled)

    async def current(self, actor: Actor, session_id: int | None = None) -> Turn | None:
        """The person's active session as it stands (to show it again)."""
        async with self._uow(readonly=True) as uow:
            session = await self._load(uow, actor, session_id, lock=False)
            if session is None:
                return None
            flow = self._flows[session.questionnaire_id]
            about = flow.subjects.parse(session.subject)
            return Turn(await flow.questionnaire(uow, about, actor), session)

    async def show_again(self, actor: Actor, session_id: int | None = None) -> Turn | None:
        """The person's active session (the latest, or the one a button names), to show again
        in a new message: its version moves on, so only that message's buttons take presses.
        ``None`` when there is no active session to show."""
        async with self._uow() as uow:
            session = await self._load(uow, actor, session_id)
            if session is None or not session.is_active:
                return None
            flow = self._flows[session.questionnaire_id]
            about = flow.subjects.parse(session.subject)
            questionnaire = await flow.questionnaire(uow, about, actor)
            shown = shown_again(session)
            await uow.sessions.save(shown, expected_version=session.version)
            await uow.commit()
            return Turn(questionnaire, shown)

    async def _load(
        self, uow: EngineUnitOfWork, actor: Actor, session_id: int | None, *, lock: bool = True
    ) -> Session | None:
        if session_id is None:
            return await uow.sessions.latest_active(actor.telegram_id, for_update=lock)
        session = await uow.sessions.get(session_id, for_update=lock)
        if session is None or session.questionnaire_id not in self._flows:
            raise NotFound("session", ref=session_id)
        if session.owner_id != actor.telegram_id:
            raise PermissionDenied("not_your_session")
        return session


U = TypeVar("U", bound=EngineUnitOfWork)
S = TypeVar("S")


async def _react(flow: Flow[U, S], uow: U, change: Change[S]) -> Outcome:
    """The hook the session's new status names: submitted, cancelled, or still going."""
    if change.after.status is SessionStatus.SUBMITTED:
        return await flow.on_submit(uow, change)
    if change.after.status is SessionStatus.CANCELLED:
        return await flow.on_cancel(uow, change)
    return await flow.on_answer(uow, change)


async def _cancel(
    uow: U, flow: Flow[U, Any], actor: Actor, session: Session, now: datetime
) -> Session:
    """End ``session`` without submitting, whatever the flow now thinks of the person.

    The same hook as the Cancel button runs (a flow may forget the session: a citizen's
    survey leaves no row naming who started it); a refusal by the flow (or a subject it no
    longer reads) does not stop a cancel, since cancelling needs no question.
    """
    cancelled = cancel(session)
    try:
        change = Change(actor, flow.subjects.parse(session.subject), session, cancelled, now)
        outcome = await flow.on_cancel(uow, change)
    except DomainError:
        outcome = Outcome()
    if outcome.forget:
        await uow.sessions.delete(session.id or 0, expected_version=session.version)
    else:
        await uow.sessions.save(cancelled, expected_version=session.version)
    return cancelled
