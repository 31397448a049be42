"""The exceptions the domain raises, in one documented hierarchy.

Every error carries structured fields, never prose: the Telegram adapter and the CLI turn
``error.message_key`` plus ``error.params`` into a sentence in the user's language. A domain error
always means "refused, nothing changed"; the caller's unit of work rolls back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar


class DomainError(Exception):
    """Base class: a rule refused an operation. Nothing was changed."""

    key: ClassVar[str] = "error.generic"

    def __init__(self, reason: str | None = None, **params: object) -> None:
        self.reason = reason
        self.params: dict[str, object] = dict(params)
        super().__init__(self.message_key, self.params)

    @property
    def message_key(self) -> str:
        """The text key that explains this error, e.g. ``error.invalid_answer.out_of_range``."""
        return f"{self.key}.{self.reason}" if self.reason else self.key


class InvalidAnswer(DomainError):
    """The input does not answer the current question (wrong kind, out of range, too long).

    Reasons: ``expected_button``, ``expected_text``, ``expected_number``, ``expected_file``,
    ``unknown_option``, ``out_of_range`` (min, max), ``too_long`` (limit), ``too_short`` (min),
    ``required``, ``not_skippable``, ``no_previous``, ``not_at_review``, ``unknown_step``,
    ``pattern``.
    """

    key = "error.invalid_answer"


class StaleInput(DomainError):
    """A button from an older message, or a second press of the same button."""

    key = "error.stale"


class SessionFinished(DomainError):
    """The conversation was already submitted or cancelled; its buttons do nothing."""

    key = "error.session_finished"


class NotFound(DomainError):
    """Something referred to by code or id does not exist. Params: ``kind``, ``ref``."""

    key = "error.not_found"


class PermissionDenied(DomainError):
    """The actor may not do this (not the owner of a session, not the pejabat penilai, ...)."""

    key = "error.permission_denied"


class InvalidTransition(DomainError):
    """A status change the rules do not allow. Params: ``current``, ``target``."""

    key = "error.invalid_transition"


class PeriodNotOpen(DomainError):
    """The appraisal period is not open for this action (closed, draft, or past its due date)."""

    key = "error.period_not_open"


class InvalidNip(DomainError):
    """An NIP (or NI PPPK) that is not structurally valid. Reasons name the failed rule."""

    key = "error.invalid_nip"


class RegistrationRefused(DomainError):
    """A registration code was refused. Reasons: ``unknown``, ``used``, ``expired``,
    ``locked`` (params ``until``), ``already_bound`` (params ``nip``, ``name``)."""

    key = "error.registration"


class RateLimited(DomainError):
    """The same respondent tried again too soon (e.g. a second SKM response the same day)."""

    key = "error.rate_limited"


class InvalidValue(DomainError):
    """A value given to a command or a form is out of its allowed domain. Params: ``field``."""

    key = "error.invalid_value"


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one line of an imported file (line 1 is the header)."""

    line: int
    field: str
    reason: str
    params: Mapping[str, object] | None = None


class ImportRejected(DomainError):
    """An import found bad rows; nothing was imported. ``errors`` lists every one of them."""

    key = "error.import_rejected"

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__(None, count=len(self.errors))
