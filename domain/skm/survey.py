"""The citizen's side of the SKM: the questionnaire, the respondent profile, one response, and
the keyed hash that limits responses without remembering who gave them.

The questionnaire asks the nine unsur in the standard questionnaire's order U1…U9 with the
regulation's wording and answer labels (PermenPANRB 14/2017, reference/DOMAIN.md §1.3); answers are
keyed by unsur code, never by position. The respondent profile follows the sample form's block
(jenis kelamin, pendidikan, pekerjaan) plus the usia band implementations add; every profile
question may be skipped.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo

from domain.engine.questionnaire import Answered, Answers, Option, Questionnaire, Step, StepKind
from domain.engine.subjects import Subjects
from domain.errors import InvalidValue
from domain.skm.ikm import SCORES, UNSUR, UNSUR_CODES, validate_score

QUESTIONNAIRE_ID: Final = "skm"
DEEP_LINK_PREFIX: Final = "skm_"
SUGGESTION_LIMIT: Final = 1000
CONTACT_LIMIT: Final = 200


class Channel(StrEnum):
    """How a response reached us: the bot, or a paper form typed in and imported."""

    TELEGRAM = "telegram"
    PAPER = "paper"


@dataclass(frozen=True, slots=True)
class ProfileField:
    """One question of the respondent profile: its key, the coded values, their text keys."""

    key: str
    values: tuple[str, ...]

    def label_key(self, value: str) -> str:
        return f"skm.profile.{self.key}.{value}"

    @property
    def prompt_key(self) -> str:
        return f"skm.profile.{self.key}.prompt"

    @property
    def name_key(self) -> str:
        return f"skm.profile.{self.key}.name"

    def check(self, value: str) -> str:
        """The coded value (any case), or :class:`InvalidValue` listing the allowed ones."""
        for allowed in self.values:
            if value.strip().casefold() == allowed.casefold():
                return allowed
        raise InvalidValue("not_allowed", field=self.key, value=value, allowed=self.values)


# The sample form's profile block (DOMAIN.md §1.3): L/P; SD…S3 (DIPLOMA added: D1–D4 holders
# otherwise have no box); PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA. Usia is in bands.
GENDER: Final = ProfileField("gender", ("L", "P"))
AGE: Final = ProfileField("age", ("lt20", "20-29", "30-39", "40-49", "50-59", "60+"))
EDUCATION: Final = ProfileField("education", ("SD", "SMP", "SMA", "DIPLOMA", "S1", "S2", "S3"))
OCCUPATION: Final = ProfileField(
    "occupation", ("PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "LAINNYA")
)
PROFILE: Final = (GENDER, AGE, EDUCATION, OCCUPATION)
MIN_AGE: Final = 10
MAX_AGE: Final = 120


def age_band(age: int) -> str:
    """The band of an age in whole years (a paper form may carry the number)."""
    if not MIN_AGE <= age <= MAX_AGE:
        raise InvalidValue("out_of_range", field="age", min=MIN_AGE, max=MAX_AGE)
    if age < 20:
        return "lt20"
    if age >= 60:
        return "60+"
    decade = age // 10 * 10
    return f"{decade}-{decade + 9}"


@dataclass(frozen=True, slots=True)
class SkmResponse:
    """One respondent's answers to one service's survey. It never holds who they are."""

    service_id: int
    unit_id: int
    submitted_at: datetime
    local_date: date
    channel: Channel
    scores: Mapping[str, int]
    profile: Mapping[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    contact: str | None = None

    def __post_init__(self) -> None:
        if self.submitted_at.tzinfo is None:
            raise InvalidValue("naive_datetime", field="submitted_at")
        scores = {code: validate_score(code, value) for code, value in self.scores.items()}
        object.__setattr__(self, "scores", MappingProxyType(scores))
        fields = {f.key: f for f in PROFILE}
        profile = {}
        for key, value in self.profile.items():
            if key not in fields:
                raise InvalidValue("unknown_profile_field", field=key)
            profile[key] = fields[key].check(value)
        object.__setattr__(self, "profile", MappingProxyType(profile))


@dataclass(frozen=True, slots=True)
class PendingResponse:
    """A submitted response between the transaction that took the daily-limit mark and the one
    that stores it (``domain.skm.survey_flow``); ``forward_at``: when its saran reaches the
    admins. It names no one."""

    id: int
    response: SkmResponse
    forward_at: datetime


def next_digest(now: datetime, timezone: str, hour: int) -> datetime:
    """The next ``hour``:00 at the unit after ``now`` (UTC): when forwarded saran are sent, all
    of the day's together, so their arrival does not say whom the counter just served."""
    if not 0 <= hour <= 23:
        raise InvalidValue("out_of_range", field="digest_hour", min=0, max=23)
    local = now.astimezone(ZoneInfo(timezone))
    due = datetime.combine(local.date(), time(hour), tzinfo=local.tzinfo)
    if due <= local:
        due = datetime.combine(local.date() + timedelta(days=1), time(hour), tzinfo=local.tzinfo)
    return due.astimezone(UTC)


def respondent_mark(secret: str, telegram_id: int, service_code: str, day: date) -> str:
    """HMAC-SHA256 of who × which service × which day, keyed with the server secret.

    Only this is stored to enforce the daily limit. With the date inside, the marks of one
    person on two days share nothing, so responses cannot be linked across days; without the
    secret, the mark cannot be recomputed from a Telegram id.
    """
    message = f"{telegram_id}:{service_code}:{day.isoformat()}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class ServiceRef:
    """What a survey session is about: the rated service, by its code."""

    code: str


SURVEYS: Final = Subjects(ServiceRef, "service:{code}")


def subject_for(service_code: str) -> str:
    return SURVEYS.encode(ServiceRef(service_code))


def _unsur_step(number: int) -> Step:
    unsur = UNSUR[number]
    options = tuple(Option(str(score), unsur.option_key(score)) for score in SCORES)
    return Step(unsur.code, StepKind.SCALE, unsur.question_key, options, label=unsur.name_key)


def _profile_step(profile: ProfileField) -> Step:
    options = tuple(Option(value, profile.label_key(value)) for value in profile.values)
    return Step(
        profile.key,
        StepKind.CHOICE,
        profile.prompt_key,
        options,
        required=False,
        label=profile.name_key,
        section="skm.survey.section.profile",
    )


def survey_questionnaire(service_name: str, unit_name: str) -> Questionnaire:
    """U1…U9 (required, ascending 1→4), the profile (each skippable), saran, then a contact
    only for someone who left a saran (so an admin can answer them, if they wish)."""
    steps = [_unsur_step(number) for number in range(len(UNSUR))]
    steps += [_profile_step(profile) for profile in PROFILE]
    steps.append(
        Step(
            "suggestion",
            StepKind.TEXT,
            "skm.survey.suggestion",
            required=False,
            label="skm.survey.suggestion.label",
            max_length=SUGGESTION_LIMIT,
        )
    )
    steps.append(
        Step(
            "contact",
            StepKind.TEXT,
            "skm.survey.contact",
            required=False,
            label="skm.survey.contact.label",
            max_length=CONTACT_LIMIT,
            condition=Answered("suggestion"),
        )
    )
    params = {"service": service_name, "unit": unit_name}
    return Questionnaire(QUESTIONNAIRE_ID, "skm.survey.title", tuple(steps), params=params)


def response_from_answers(
    answers: Answers,
    *,
    service_id: int,
    unit_id: int,
    submitted_at: datetime,
    day: date,
) -> SkmResponse:
    """A submitted chat survey as a response; answers are read by unsur code."""
    scores = {code: int(answers[code] or 0) for code in UNSUR_CODES if answers.get(code)}
    profile = {p.key: value for p in PROFILE if (value := answers.get(p.key))}
    return SkmResponse(
        service_id=service_id,
        unit_id=unit_id,
        submitted_at=submitted_at,
        local_date=day,
        channel=Channel.TELEGRAM,
        scores=scores,
        profile=profile,
        suggestion=answers.get("suggestion") or None,
        contact=answers.get("contact") or None,
    )
