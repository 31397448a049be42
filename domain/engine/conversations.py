"""Running questionnaires for people: start or resume a flow, apply one input, persist.

Every input is one transaction: the session is read (locked on PostgreSQL), advanced by the pure
engine, the flow's hook applies any effect of the new state (registering, storing a submitted
self-assessment, queueing a notification), and the new session is written with an optimistic
version check, all committed together. A refused input rolls everything back and the person sees
the same question again with the reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from domain.actors import Actor
from domain.clock import Clock
from domain.engine.ports import EngineUnitOfWork
from domain.engine.questionnaire import (
    Answers,
    Input,
    Questionnaire,
    Session,
    advance,
    cancel,
    start,
)
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.messages import Notice
from domain.unit_of_work import UnitOfWorkFactory

RESUMED = "engine.resumed"  # shown when a flow is opened again and continues where it was
CANCELLED = "engine.cancelled"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a flow's hook decided. ``rejected`` keeps the session as it was (the flow refused
    the answer but still commits its own bookkeeping, e.g. a failed registration attempt)."""

    notices: tuple[Notice, ...] = ()
    rejected: bool = False
    show_menu: bool = False
    forget: bool = False  # delete the finished session (e.g. a citizen's survey: no trace left)
    # Work to do once this input's transaction has committed, in transactions of its own; its
    # notices follow these. (A citizen's response must not share a transaction with the
    # daily-limit mark and the deleted session that name the person: docs/skm.md.)
    after_commit: Callable[[], Awaitable[tuple[Notice, ...]]] | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """The result of one input: the questionnaire and the session to show, what the flow said,
    and the domain error if the input was refused (the session is then unchanged)."""

    questionnaire: Questionnaire | None  # None only for a session that has ended
    session: Session
    outcome: Outcome = Outcome()
    error: DomainError | None = None


# A flow's unit of work: the one its area's ports name (``Flow[AppraisalUnitOfWork]``). A flow
# that needs less runs wherever more is given, so ``Conversations`` holds flows of every area.
U_contra = TypeVar("U_contra", contravariant=True)
# The unit of work ``Conversations`` opens: the engine's repositories and whatever the flows need.
# Covariant: callers only run inputs and never hand a unit of work in.
U_co = TypeVar("U_co", bound=EngineUnitOfWork, covariant=True)


class Flow(Protocol[U_contra]):
    """One guided flow: how to build its questionnaire and what its answers cause.

    Flows subclass this protocol explicitly to inherit the default :meth:`prefill`.
    """

    questionnaire_id: str

    async def questionnaire(self, uow: U_contra, subject: str, actor: Actor) -> Questionnaire:
        """Build the questionnaire for ``subject`` (raise if the actor may not run it)."""
        ...

    async def on_change(
        self, uow: U_contra, actor: Actor, before: Session, after: Session, now: datetime
    ) -> Outcome:
        """React to an accepted input (``after.status`` tells whether it was submitted)."""
        ...

    async def prefill(self, uow: U_contra, subject: str, actor: Actor) -> Answers | None:
        """Answers to start from (an earlier submission being edited), or ``None``."""
        return None

    async def can_start(self, uow: U_contra, subject: str, actor: Actor) -> None:
        """Raise a domain error if ``actor`` may not start or resume this flow now."""
        return


class Conversations(Generic[U_co]):
    """Starts, resumes and advances sessions of every registered flow."""

    def __init__(
        self, uow: UnitOfWorkFactory[U_co], clock: Clock, flows: Mapping[str, Flow[U_co]]
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._flows = dict(flows)

    async def begin(
        self, actor: Actor, questionnaire_id: str, subject: str, *, restart: bool = False
    ) -> Turn:
        """Open the flow for ``subject``, resuming the person's active session if there is one."""
        if actor.is_operator:  # a conversation is a person's, in their chat
            raise PermissionDenied("chat_only")
        async with self._uow() as uow:
            flow = self._flows[questionnaire_id]
            await flow.can_start(uow, subject, actor)
            questionnaire = await flow.questionnaire(uow, subject, actor)
            session = await uow.sessions.find_active(actor.telegram_id, questionnaire_id, subject)
            if session is not None and not restart:
                await uow.sessions.touch(session.id or 0)  # typed text goes here now
                await uow.commit()
                return Turn(questionnaire, session, Outcome((Notice(RESUMED),)))
            if session is not None:
                await uow.sessions.save(cancel(session), expected_version=session.version)
            prefill = await flow.prefill(uow, subject, actor)
            fresh = start(
                questionnaire, owner_id=actor.telegram_id, subject=subject, prefill=prefill
            )
            session = await uow.sessions.add(fresh)
            await uow.commit()
            return Turn(questionnaire, session)

    async def handle(
        self,
        actor: Actor,
        event: Input,
        *,
        session_id: int | None = None,
        version: int | None = None,
    ) -> Turn | None:
        """Apply ``event`` to the session a button names, or (typed input) to the person's
        latest active session. ``None`` when typed input finds no active session."""
        async with self._uow() as uow:
            session = await self._load(uow, actor, session_id)
            if session is None:
                return None
            flow = self._flows[session.questionnaire_id]
            try:
                if session.is_active:  # the rules for taking part hold on every input
                    await flow.can_start(uow, session.subject, actor)
                questionnaire = await flow.questionnaire(uow, session.subject, actor)
            except DomainError as refused:
                # The flow no longer admits this person (a new supervisor, a closed period,
                # someone else already acted): the form can only end. Cancel it and say why.
                ended = await _cancel(uow, flow, actor, session, self._clock.now())
                await uow.commit()
                notices = (Notice(refused.message_key, refused.params), Notice(CANCELLED))
                return Turn(None, ended, Outcome(notices))
            try:
                after = advance(questionnaire, session, event, expected_version=version)
                outcome = await flow.on_change(uow, actor, session, after, self._clock.now())
            except DomainError as error:
                return Turn(questionnaire, session, error=error)
            if outcome.rejected:
                await uow.commit()
                return Turn(questionnaire, session, outcome)
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
        return Turn(questionnaire, after, outcome)

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
            return Turn(await flow.questionnaire(uow, session.subject, actor), session)

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


async def _cancel(uow: U, flow: Flow[U], actor: Actor, session: Session, now: datetime) -> Session:
    """End ``session`` without submitting, whatever the flow now thinks of the person.

    The same hook as the Cancel button runs (a flow may forget the session: a citizen's
    survey leaves no row naming who started it); a refusal by the flow does not stop a
    cancel, since cancelling needs no question.
    """
    cancelled = cancel(session)
    try:
        outcome = await flow.on_change(uow, actor, session, cancelled, now)
    except DomainError:
        outcome = Outcome()
    if outcome.forget:
        await uow.sessions.delete(session.id or 0, expected_version=session.version)
    else:
        await uow.sessions.save(cancelled, expected_version=session.version)
    return cancelled
