"""The contract of a guided flow: what a new flow states, and what the engine does with it.

A flow states its questionnaire, its preconditions, and what happens on submit (and, where
needed, on cancel and on each accepted answer). The engine (:mod:`domain.engine.conversations`)
parses the session's subject with the flow's codec, checks the preconditions, advances the
session, and calls the one hook the session's new status names, in the input's transaction::

    class FeedbackFlow(Flow[FeedbackUnitOfWork, UnitRef]):
        questionnaire_id = "feedback"
        subjects = Subjects(UnitRef, "unit:{unit}")

        async def questionnaire(self, uow, subject, actor):
            return FEEDBACK

        async def can_start(self, uow, subject, actor):
            require_member(actor)

        async def on_submit(self, uow, change):
            await uow.feedback.add(change.subject.unit, change.answers["note"], change.now)
            return Outcome((Notice("feedback.thanks"),))
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from domain.actors import Actor
from domain.engine.questionnaire import Answers, Questionnaire, Session
from domain.engine.subjects import Subjects
from domain.messages import Notice


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a flow's hook decided. ``rejected`` keeps the session as it was (the flow refused
    the answer but still commits its own bookkeeping, e.g. a failed registration attempt)."""

    notices: tuple[Notice, ...] = ()
    rejected: bool = False
    show_menu: bool = False
    forget: bool = False  # delete the finished session (e.g. a citizen's survey: no trace left)
    ends: bool = False  # the flow ends the form (a registration lockout): cancelled, as told
    # Work to do once this input's transaction has committed, in transactions of its own; its
    # notices follow these. (A citizen's response must not share a transaction with the
    # daily-limit mark and the deleted session that name the person: docs/skm.md.)
    after_commit: Callable[[], Awaitable[tuple[Notice, ...]]] | None = None


S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Change(Generic[S]):
    """One accepted input, as a flow's hooks see it: who, about what, the session before and
    after the input, and when."""

    actor: Actor
    subject: S
    before: Session
    after: Session
    now: datetime

    @property
    def answers(self) -> Answers:
        return self.after.answers


# A flow's unit of work: the one its area's ports name (``Flow[AppraisalUnitOfWork, CaseRef]``).
# A flow that needs less runs wherever more is given, so ``Conversations`` holds flows of every
# area.
U_contra = TypeVar("U_contra", contravariant=True)


class Flow(ABC, Generic[U_contra, S]):
    """One guided flow over subjects of type ``S`` (see the module for an example)."""

    questionnaire_id: str
    subjects: Subjects[S]  # how the session names its subject

    @abstractmethod
    async def questionnaire(self, uow: U_contra, subject: S, actor: Actor) -> Questionnaire:
        """The questions for ``subject`` (raise a domain error if ``actor`` may not run it)."""

    async def can_start(self, uow: U_contra, subject: S, actor: Actor) -> None:
        """The preconditions: raise a domain error if ``actor`` may not start or go on with
        this flow now. Checked when it is begun or resumed and before every input."""
        return

    async def prefill(self, uow: U_contra, subject: S, actor: Actor) -> Answers | None:
        """Answers to start from (an earlier submission being edited), or ``None``."""
        return None

    @abstractmethod
    async def on_submit(self, uow: U_contra, change: Change[S]) -> Outcome:
        """The form was submitted: apply it (store, audit, notify) in the input's transaction."""

    async def on_cancel(self, uow: U_contra, change: Change[S]) -> Outcome:
        """The form was cancelled (``/batal`` too; a refusal here does not stop it)."""
        return Outcome()

    async def on_answer(self, uow: U_contra, change: Change[S]) -> Outcome:
        """An answer was accepted and the form goes on (or went back, or was edited)."""
        return Outcome()
