"""Bimbingan kinerja and the employee's feedback on it (Format B.1.8).

PermenPANRB 6/2022, stage 2 (pelaksanaan, pemantauan dan pembinaan kinerja): the pimpinan
coaches the employee (*bimbingan kinerja*) at any time; afterwards the **employee** fills in
Format B.1.8 "Umpan Balik Pelaksanaan Bimbingan Kinerja", nine statements (reference §2.8), and
the pejabat penilai sees the answers. This feedback is not anonymous: it is addressed to the
coach by design, and both appear on the employee's record for the period.

The statements' answer scale was not retrieved with the format ([UNCONFIRMED], reference §2.8
lists the statements only). We use a 4-point agreement scale by default (Sangat tidak setuju,
Tidak setuju, Setuju, Sangat setuju), like the SKM's 4-point scale (PermenPANRB 14/2017): no
neutral middle, so every answer says whether the session worked. ``points=5`` adds the middle
"Ragu-ragu" for an instansi whose format has it (``AGREEMENT_POINTS``, configurable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Final

from domain.appraisal.periods import AppraisalPeriod, PeriodStatus
from domain.engine.questionnaire import Answers, Option, Questionnaire, Step, StepKind
from domain.errors import InvalidValue, NotFound, PeriodNotOpen, PermissionDenied
from domain.localtime import local_date
from domain.peer.raters import Colleague

TOPIC_LENGTH: Final = (3, 200)
FOLLOW_UP_LENGTH: Final = (3, 1000)
QUESTIONNAIRE_ID: Final = "coaching_feedback"
SUBJECT_PREFIX: Final = "coaching"
STATEMENT_COUNT: Final = 9  # Format B.1.8
AGREEMENT_POINTS: Final = 4  # UNCONFIRMED scale; see the module docstring
SUPPORTED_POINTS: Final = (4, 5)


@dataclass(frozen=True, slots=True)
class CoachingRecord:
    """One bimbingan kinerja the pejabat penilai (``coach_nip``) held with an employee."""

    period_id: int
    employee_nip: str
    coach_nip: str
    held_on: date
    topic: str
    follow_up: str  # the agreed follow-up (aksi tindak lanjut)
    recorded_at: datetime
    id: int | None = None


def record_coaching(
    *,
    period: AppraisalPeriod,
    employee: Colleague,
    by_nip: str,
    held_on: date,
    topic: str,
    follow_up: str,
    now: datetime,
    tz: str | tzinfo,
) -> CoachingRecord:
    """A checked record: by the employee's pejabat penilai, in an open period, on a day of the
    period that is not in the future (in the unit's timezone)."""
    if by_nip != employee.supervisor_nip:
        raise PermissionDenied("not_pejabat_penilai")
    if period.status is PeriodStatus.DRAFT:
        raise PeriodNotOpen("draft", period=period.name)
    if period.status is PeriodStatus.CLOSED:
        raise PeriodNotOpen("closed", period=period.name)
    latest = min(period.end, local_date(now, tz))
    if not period.start <= held_on <= latest:
        raise InvalidValue("date_out_of_range", field="held_on", min=period.start, max=latest)
    if period.id is None:
        raise ValueError("the period must be stored before coaching is recorded")
    return CoachingRecord(
        period.id,
        employee.nip,
        by_nip,
        held_on,
        _text(topic, "topic", TOPIC_LENGTH, one_line=True),
        _text(follow_up, "follow_up", FOLLOW_UP_LENGTH),
        now,
    )


def _text(raw: str, field_name: str, length: tuple[int, int], *, one_line: bool = False) -> str:
    text = " ".join(raw.split()) if one_line else raw.strip()
    shortest, longest = length
    if not text:
        raise InvalidValue("required", field=field_name)
    if len(text) < shortest:
        raise InvalidValue("too_short", field=field_name, min=shortest)
    if len(text) > longest:
        raise InvalidValue("too_long", field=field_name, limit=longest)
    return text


def coaching_subject(period_id: int, record_id: int) -> str:
    return f"{SUBJECT_PREFIX}:{period_id}:{record_id}"


def parse_coaching_subject(subject: str) -> tuple[int, int]:
    """``coaching:<period>:<record>`` -> (period id, record id)."""
    prefix, _, rest = subject.partition(":")
    period, _, record = rest.partition(":")
    if prefix == SUBJECT_PREFIX and period.isdigit() and record.isdigit():
        return int(period), int(record)
    raise NotFound("coaching", ref=subject)


def agreement_options(points: int = AGREEMENT_POINTS) -> tuple[Option, ...]:
    """The agreement scale, disagreement first (the engine's ascending score buttons)."""
    if points not in SUPPORTED_POINTS:
        raise InvalidValue("unknown_option", field="points", allowed=SUPPORTED_POINTS)
    return tuple(Option(str(n), f"peer.coaching.agree.{points}.{n}") for n in range(1, points + 1))


def statement_key(number: int) -> str:
    return f"peer.coaching.statement.{number}"


def coaching_feedback_form(
    *, coach_name: str, topic: str, points: int = AGREEMENT_POINTS
) -> Questionnaire:
    """Format B.1.8: the nine statements, each on the agreement scale, then review."""
    options = agreement_options(points)
    steps = tuple(
        Step(
            f"s{number}",
            StepKind.SCALE,
            statement_key(number),
            options,
            params={"number": str(number), "total": str(STATEMENT_COUNT)},
            label=f"peer.coaching.label.{number}",
        )
        for number in range(1, STATEMENT_COUNT + 1)
    )
    params = {"coach": coach_name, "topic": topic}
    return Questionnaire(QUESTIONNAIRE_ID, "peer.coaching.title", steps, params=params)


@dataclass(frozen=True, slots=True)
class CoachingFeedback:
    """The employee's answers to the nine statements, 1 (disagree) .. ``points``."""

    record_id: int
    points: int
    answers: tuple[int, ...]

    def __post_init__(self) -> None:
        agreement_options(self.points)
        if len(self.answers) != STATEMENT_COUNT:
            raise InvalidValue("required", field="answers")
        if any(isinstance(a, bool) or not 1 <= a <= self.points for a in self.answers):
            raise InvalidValue("out_of_range", field="answers")


def feedback_from_answers(
    answers: Answers, *, record_id: int, points: int = AGREEMENT_POINTS
) -> CoachingFeedback:
    values = [answers.get(f"s{number}") for number in range(1, STATEMENT_COUNT + 1)]
    if any(value is None or not value.isdigit() for value in values):
        raise InvalidValue("required", field="answers")
    return CoachingFeedback(record_id, points, tuple(int(v or 0) for v in values))


def require_coached_employee(record: CoachingRecord, by_nip: str) -> None:
    """Only the coached employee answers Format B.1.8 about their session."""
    if by_nip != record.employee_nip:
        raise PermissionDenied("not_coached_employee")


def require_may_read_coaching(record: CoachingRecord, viewer_nip: str) -> None:
    """The employee and their coach read the record and its feedback (issue 11)."""
    if viewer_nip not in (record.employee_nip, record.coach_nip):
        raise PermissionDenied("not_coached_employee_or_coach")
