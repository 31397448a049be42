"""The conversation engine: every guided flow is a questionnaire run by one pure state machine.

A :class:`Questionnaire` is data: ordered :class:`Step` s, each with a kind (scale, choice, text,
number, file, confirm), options, validation and an optional condition (skip logic). A
:class:`Session` is where one person stands in one questionnaire: the current step, the answers so
far and a status. :func:`advance` takes a session and one :data:`Input` and returns the next
session, or raises :class:`~domain.errors.InvalidAnswer` / :class:`~domain.errors.StaleInput` /
:class:`~domain.errors.SessionFinished` and leaves everything as it was.

The engine supports back, skip (optional steps), review before submit, editing any answer from the
review, cancel, and resume: the session is plain data that the storage layer writes in the same
transaction as the answer, so a restart continues exactly where the person was.

Answers are stored by step key as strings (``None`` means "skipped"); never by position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from domain.errors import InvalidAnswer, SessionFinished, StaleInput

REVIEW: Final = "__review__"
DONE: Final = "__done__"

Answers = Mapping[str, str | None]
Condition = Callable[[Answers], bool]

DEFAULT_TEXT_LIMIT: Final = 1000
_NUMBER = re.compile(r"^[+-]?\d{1,15}([.,]\d{1,6})?$")


class StepKind(StrEnum):
    SCALE = "scale"
    CHOICE = "choice"
    TEXT = "text"
    NUMBER = "number"
    FILE = "file"
    CONFIRM = "confirm"


BUTTON_KINDS: Final = frozenset({StepKind.SCALE, StepKind.CHOICE, StepKind.CONFIRM})
CONFIRM_YES: Final = "yes"
CONFIRM_NO: Final = "no"


@dataclass(frozen=True, slots=True)
class Option:
    """One answer button: the stored ``value`` and the text key of its label."""

    value: str
    label: str


CONFIRM_OPTIONS: Final = (Option(CONFIRM_YES, "engine.yes"), Option(CONFIRM_NO, "engine.no"))


@dataclass(frozen=True, slots=True)
class When:
    """Skip logic as data: the step applies when the answer to ``key`` is one of ``values``."""

    key: str
    values: frozenset[str]

    def __call__(self, answers: Answers) -> bool:
        return answers.get(self.key) in self.values


@dataclass(frozen=True, slots=True)
class Answered:
    """Skip logic: the step applies when ``key`` was answered (not skipped, not empty)."""

    key: str

    def __call__(self, answers: Answers) -> bool:
        return bool(answers.get(self.key))


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Step:
    """One question. ``prompt`` and ``hint`` are text keys; ``params`` fill their placeholders."""

    key: str
    kind: StepKind
    prompt: str
    options: tuple[Option, ...] = ()
    required: bool = True
    params: Mapping[str, str] = field(default_factory=dict)
    hint: str | None = None
    section: str | None = None
    label: str | None = None  # short name on the review page; the prompt if None
    condition: Condition | None = None
    min_length: int = 1
    max_length: int = DEFAULT_TEXT_LIMIT
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole: bool = False  # a NUMBER step that accepts whole numbers only
    pattern: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))
        if self.kind is StepKind.CONFIRM and not self.options:
            object.__setattr__(self, "options", CONFIRM_OPTIONS)
        if self.kind in BUTTON_KINDS and not self.options:
            raise ValueError(f"step {self.key!r}: a {self.kind} step needs options")
        if self.kind not in BUTTON_KINDS and self.options:
            raise ValueError(f"step {self.key!r}: a {self.kind} step takes no options")
        if self.kind is StepKind.SCALE:
            _check_ascending_scale(self)

    def applies(self, answers: Answers) -> bool:
        return self.condition is None or self.condition(answers)

    def option(self, value: str) -> Option:
        for option in self.options:
            if option.value == value:
                return option
        raise InvalidAnswer("unknown_option")


def _check_ascending_scale(step: Step) -> None:
    # UI contract: score buttons come first, in ascending score order.
    try:
        scores = [int(option.value) for option in step.options]
    except ValueError:
        raise ValueError(f"step {step.key!r}: scale option values must be integers") from None
    if scores != sorted(set(scores)):
        raise ValueError(f"step {step.key!r}: scale options must ascend without repeats")


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """A guided flow as data. ``review`` adds a review-before-submit page after the last step."""

    id: str
    title: str
    steps: tuple[Step, ...]
    review: bool = True
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))
        keys = [step.key for step in self.steps]
        if not keys:
            raise ValueError(f"questionnaire {self.id!r} has no steps")
        if len(set(keys)) != len(keys) or REVIEW in keys or DONE in keys:
            raise ValueError(f"questionnaire {self.id!r}: step keys must be unique")

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise InvalidAnswer("unknown_step", step=key)

    def index(self, key: str) -> int:
        return next(i for i, step in enumerate(self.steps) if step.key == key)

    def applicable(self, answers: Answers) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.applies(answers))


class SessionStatus(StrEnum):
    ACTIVE = "active"
    SUBMITTED = "submitted"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Session:
    """Where one person stands in one questionnaire. Plain data; stored after every answer.

    ``version`` grows with every accepted input; buttons carry it, so a button from an older
    message (or a second press) is recognised as stale. ``editing`` is set while the person
    changes one answer from the review page.
    """

    questionnaire_id: str
    subject: str
    owner_id: int
    cursor: str
    answers: Mapping[str, str | None] = field(default_factory=dict)
    status: SessionStatus = SessionStatus.ACTIVE
    version: int = 0
    editing: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))

    @property
    def is_active(self) -> bool:
        return self.status is SessionStatus.ACTIVE

    @property
    def at_review(self) -> bool:
        return self.cursor == REVIEW


# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choose:
    """A button press that picks the option with ``value`` on the current step."""

    value: str


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Upload:
    """A photo or document; only its Telegram file id is kept."""

    kind: str
    file_id: str


@dataclass(frozen=True, slots=True)
class Back:
    pass


@dataclass(frozen=True, slots=True)
class Skip:
    pass


@dataclass(frozen=True, slots=True)
class Cancel:
    pass


@dataclass(frozen=True, slots=True)
class Submit:
    pass


@dataclass(frozen=True, slots=True)
class Edit:
    """From the review page: go to step ``key`` to change its answer."""

    key: str


@dataclass(frozen=True, slots=True)
class Press:
    """A button press naming option ``index`` of the current step (buttons carry indexes, not
    values, to stay within Telegram's 64 bytes; the session version pins the step)."""

    index: int


@dataclass(frozen=True, slots=True)
class EditAt:
    """From the review page: edit step number ``index`` of the questionnaire."""

    index: int


Input = Choose | Text | Upload | Back | Skip | Cancel | Submit | Edit | Press | EditAt


# --- the state machine ------------------------------------------------------------------------


def start(
    questionnaire: Questionnaire,
    *,
    owner_id: int,
    subject: str,
    prefill: Answers | None = None,
) -> Session:
    """A new session. With ``prefill`` (an earlier submission being edited) it opens at review."""
    answers = dict(prefill or {})
    missing = _first_missing(questionnaire, answers) if prefill else None
    if prefill and missing is None and questionnaire.review:
        cursor = REVIEW
    elif missing is not None:
        # An earlier submission with gaps (e.g. a new SKP item): fill them, then the review.
        session = Session(questionnaire.id, subject, owner_id, missing, answers)
        return replace(session, editing=questionnaire.review)
    else:
        cursor = _first_applicable(questionnaire, answers)
    return Session(questionnaire.id, subject, owner_id, cursor, answers)


def advance(
    questionnaire: Questionnaire,
    session: Session,
    event: Input,
    *,
    expected_version: int | None = None,
) -> Session:
    """Apply one input. Pure: returns the next session or raises; ``session`` is never changed.

    ``expected_version`` is the version a button was made for; a mismatch means a stale button.
    """
    if not session.is_active:
        raise SessionFinished()
    if expected_version is not None and expected_version != session.version:
        raise StaleInput()
    if isinstance(event, Cancel):
        return cancel(session)
    event = _resolve_indexes(questionnaire, session, event)
    if session.cursor == REVIEW:
        return _advance_at_review(questionnaire, session, event)
    return _advance_at_step(questionnaire, session, questionnaire.step(session.cursor), event)


def _resolve_indexes(q: Questionnaire, session: Session, event: Input) -> Input:
    if isinstance(event, Press):
        if session.cursor == REVIEW:
            raise InvalidAnswer("expected_button")
        options = q.step(session.cursor).options
        if not 0 <= event.index < len(options):
            raise InvalidAnswer("unknown_option")
        return Choose(options[event.index].value)
    if isinstance(event, EditAt):
        if not 0 <= event.index < len(q.steps):
            raise InvalidAnswer("unknown_step", step=str(event.index))
        return Edit(q.steps[event.index].key)
    return event


def shown_again(session: Session) -> Session:
    """The same question or page, shown again in a new message (after input it cannot use, a
    refusal, a resume or a restart): the version moves on, so the buttons of every earlier
    message are stale and only the latest question message takes presses."""
    if not session.is_active:
        raise SessionFinished()
    return _bump(session)


def cancel(session: Session) -> Session:
    """End the session without submitting; its answers are discarded."""
    if not session.is_active:
        raise SessionFinished()
    return _bump(session, status=SessionStatus.CANCELLED, cursor=DONE, editing=False, answers={})


def _advance_at_step(q: Questionnaire, session: Session, step: Step, event: Input) -> Session:
    if isinstance(event, Back):
        return _go_back(q, session, step)
    if isinstance(event, Skip):
        if step.required:
            raise InvalidAnswer("not_skippable")
        return _answered(q, session, step, None)
    if isinstance(event, Submit | Edit):
        raise InvalidAnswer("not_at_review")
    return _answered(q, session, step, parse_answer(step, event))


def _advance_at_review(q: Questionnaire, session: Session, event: Input) -> Session:
    if isinstance(event, Submit):
        missing = _first_missing(q, session.answers)
        if missing is not None:
            return _bump(session, cursor=missing, editing=True)
        answers = {s.key: session.answers.get(s.key) for s in q.applicable(session.answers)}
        return _bump(session, answers=answers, status=SessionStatus.SUBMITTED, cursor=DONE)
    if isinstance(event, Edit):
        step = q.step(event.key)
        if not step.applies(session.answers):
            raise InvalidAnswer("unknown_step", step=event.key)
        return _bump(session, cursor=step.key, editing=True)
    if isinstance(event, Back):
        applicable = q.applicable(session.answers)
        if not applicable:
            raise InvalidAnswer("no_previous")
        return _bump(session, cursor=applicable[-1].key, editing=False)
    if isinstance(event, Skip):
        raise InvalidAnswer("not_skippable")
    raise InvalidAnswer("expected_button")


def _go_back(q: Questionnaire, session: Session, step: Step) -> Session:
    if session.editing:
        return _bump(session, cursor=REVIEW, editing=False)
    earlier = [s for s in q.steps[: q.index(step.key)] if s.applies(session.answers)]
    if not earlier:
        raise InvalidAnswer("no_previous")
    return _bump(session, cursor=earlier[-1].key)


def _answered(q: Questionnaire, session: Session, step: Step, value: str | None) -> Session:
    answers = {**session.answers, step.key: value}
    if session.editing:
        missing = _first_missing(q, answers)
        cursor = missing if missing is not None else REVIEW
        return _bump(session, answers=answers, cursor=cursor, editing=missing is not None)
    following = [s for s in q.steps[q.index(step.key) + 1 :] if s.applies(answers)]
    if following:
        return _bump(session, answers=answers, cursor=following[0].key)
    if q.review:
        return _bump(session, answers=answers, cursor=REVIEW)
    answers = {s.key: answers.get(s.key) for s in q.applicable(answers)}
    return _bump(session, answers=answers, cursor=DONE, status=SessionStatus.SUBMITTED)


def _bump(session: Session, **changes: object) -> Session:
    return replace(session, version=session.version + 1, **changes)  # type: ignore[arg-type]


def _first_applicable(q: Questionnaire, answers: Answers) -> str:
    applicable = q.applicable(answers)
    return applicable[0].key if applicable else REVIEW


def _first_missing(q: Questionnaire, answers: Answers) -> str | None:
    """The first applicable step that was neither answered nor skipped (conditions may have
    made new steps applicable after an edit)."""
    for step in q.applicable(answers):
        if step.key not in answers or (step.required and answers[step.key] is None):
            return step.key
    return None


# --- answers ----------------------------------------------------------------------------------


def parse_answer(step: Step, event: Input) -> str:
    """Validate ``event`` as an answer to ``step`` and return the value to store."""
    if step.kind in BUTTON_KINDS:
        if not isinstance(event, Choose):
            raise InvalidAnswer("expected_button")
        return step.option(event.value).value
    if step.kind is StepKind.FILE:
        if not isinstance(event, Upload):
            raise InvalidAnswer("expected_file")
        return encode_file(event.kind, event.file_id)
    if not isinstance(event, Text):
        raise (
            _not_a_number(step) if step.kind is StepKind.NUMBER else InvalidAnswer("expected_text")
        )
    if step.kind is StepKind.NUMBER:
        return _parse_number(step, event.text)
    return _parse_text(step, event.text)


def _parse_text(step: Step, raw: str) -> str:
    text = raw.strip()
    if len(text) > step.max_length:
        raise InvalidAnswer("too_long", limit=step.max_length, length=len(text))
    if len(text) < step.min_length:
        raise InvalidAnswer("too_short", min=step.min_length)
    if step.pattern is not None and not re.fullmatch(step.pattern, text):
        raise InvalidAnswer("pattern", step=step.key)
    return text


def parse_number(raw: str) -> Decimal:
    """A number as people type it here: ``12``, ``12,5`` (Indonesian) or ``12.5``."""
    text = raw.strip().replace(" ", "")
    if not _NUMBER.match(text):
        raise InvalidAnswer("expected_number")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InvalidAnswer("expected_number") from None


def _parse_number(step: Step, raw: str) -> str:
    try:
        value = parse_number(raw)
    except InvalidAnswer:
        raise _not_a_number(step) from None
    if step.whole and value != value.to_integral():
        raise InvalidAnswer("whole_number")
    low, high = step.min_value, step.max_value
    if low is not None and high is not None and not low <= value <= high:
        raise InvalidAnswer("out_of_range", min=low, max=high)
    if low is not None and value < low:
        raise InvalidAnswer("below_min", min=low)
    if high is not None and value > high:
        raise InvalidAnswer("above_max", max=high)
    # Whole numbers as digits ("100", never Decimal's "1E+2"); fractions as typed.
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value)


def _not_a_number(step: Step) -> InvalidAnswer:
    """The refusal of an answer that is no number: its example must fit ("12,5" is no count)."""
    if step.whole:
        return InvalidAnswer("whole_number")
    return InvalidAnswer("expected_number")


def encode_file(kind: str, file_id: str) -> str:
    return f"{kind}:{file_id}"


def decode_file(value: str) -> tuple[str, str]:
    kind, _, file_id = value.partition(":")
    return kind, file_id


# --- what to show -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    """Show ``step``; ``number`` counts from 1 among the steps that currently apply."""

    step: Step
    number: int
    total: int
    current: str | None
    answered: bool
    can_go_back: bool


@dataclass(frozen=True, slots=True)
class Review:
    items: tuple[tuple[Step, str | None], ...]


@dataclass(frozen=True, slots=True)
class Finished:
    status: SessionStatus


View = Question | Review | Finished


def view(questionnaire: Questionnaire, session: Session) -> View:
    """What the person should see now."""
    if not session.is_active:
        return Finished(session.status)
    applicable = questionnaire.applicable(session.answers)
    if session.cursor == REVIEW:
        return Review(tuple((s, session.answers.get(s.key)) for s in applicable))
    step = questionnaire.step(session.cursor)
    keys = [s.key for s in applicable]
    number = keys.index(step.key) + 1 if step.key in keys else len(keys)
    return Question(
        step=step,
        number=number,
        total=len(keys),
        current=session.answers.get(step.key),
        answered=step.key in session.answers,
        can_go_back=session.editing or number > 1,
    )
