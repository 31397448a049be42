"""The peer and upward feedback form, built on the conversation engine, and its answers.

For each BerAKHLAK value (reference §2.9), shown with its three panduan perilaku, the rater
picks a level of the behavioural scale (a BARS scale as in the Kemenkes concept, reference
§2.8): 1 Kontraproduktif, 2 Reaktif/minim inisiatif, 3 Sesuai standar, 4 Proaktif tanpa diminta,
5 Role model, or "Tidak dapat menilai". Then two optional texts (what to keep doing, what to
improve; at most 1000 characters each), then the engine's review.

The value steps are CHOICE steps, not SCALE steps: the engine wants a scale's option values to
be ascending integers (the UI contract "score buttons first, ascending"), and "Tidak dapat
menilai" is no score; giving it a number (0 or 6) would make it one to every later reader. A
CHOICE step renders the same buttons: the five scores ascending, then "Tidak dapat menilai".

Upward feedback (a subordinate on their pejabat penilai) uses the same values and scale; where
a panduan reads differently for a leader, the leader's wording (``LEADER_WORDED``) is shown. That
wording is this product's, not the regulation's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK, BERAKHLAK_CODES, BerakhlakValue
from domain.engine.questionnaire import Answers, Option, Questionnaire, Step, StepKind
from domain.errors import InvalidValue, NotFound
from domain.messages import Notice
from domain.peer.raters import Relation

QUESTIONNAIRE_ID: Final = "peer_feedback"
SUBJECT_PREFIX: Final = "peer"
SCORES: Final = (1, 2, 3, 4, 5)
NOT_RATED: Final = "na"  # Tidak dapat menilai
COMMENT_MAX_LENGTH: Final = 1000
KEEP_DOING: Final = "keep_doing"
IMPROVE: Final = "improve"
WHO_SEES_WHAT: Final = "peer.form.who_sees_what"

SCALE_OPTIONS: Final = (
    *(Option(str(score), f"peer.scale.{score}") for score in SCORES),
    Option(NOT_RATED, "peer.scale.na"),
)

# (value code, panduan number) whose leader wording differs: serving through the team, using
# authority over subordinates, developing them, the team climate, leading change, inclusion.
LEADER_WORDED: Final = frozenset(
    {
        ("berorientasi_pelayanan", 3),
        ("akuntabel", 3),
        ("kompeten", 2),
        ("harmonis", 3),
        ("adaptif", 3),
        ("kolaboratif", 1),
    }
)


def feedback_subject(period_id: int, assignment_id: int) -> str:
    """The engine session's subject: ``peer:<period>:<assignment>``; it names no person."""
    return f"{SUBJECT_PREFIX}:{period_id}:{assignment_id}"


def parse_feedback_subject(subject: str) -> tuple[int, int]:
    """``peer:<period>:<assignment>`` -> (period id, assignment id)."""
    prefix, _, rest = subject.partition(":")
    period, _, assignment = rest.partition(":")
    if prefix == SUBJECT_PREFIX and period.isdigit() and assignment.isdigit():
        return int(period), int(assignment)
    raise NotFound("peer_assignment", ref=subject)


def who_sees_what(*, min_raters: int, deadline: datetime) -> Notice:
    """Shown before the first question (issue 11): the person and their pejabat penilai see
    only averages and comments, only from ``min_raters`` raters, only after ``deadline``; nobody
    ever sees who wrote what."""
    return Notice(WHO_SEES_WHAT, {"min_raters": min_raters, "deadline": deadline})


def step_key(value: BerakhlakValue) -> str:
    return f"ber.{value.code}"


def panduan_keys(value: BerakhlakValue, relation: Relation) -> tuple[str, str, str]:
    """The three panduan perilaku as shown to a rater in ``relation``."""
    standard = value.panduan_keys
    if relation is not Relation.UPWARD:
        return standard
    leader = tuple(
        f"peer.leader.{value.code}.panduan.{n}" if (value.code, n) in LEADER_WORDED else key
        for n, key in enumerate(standard, start=1)
    )
    return leader[0], leader[1], leader[2]


def value_prompt_key(value: BerakhlakValue, relation: Relation) -> str:
    """The prompt of a value: its name, meaning and ``panduan_keys``, composed in the texts."""
    return f"peer.form.{relation.value}.{value.code}"


def feedback_form(*, ratee_name: str, relation: Relation, period_name: str) -> Questionnaire:
    """The form for one assignment; the same inputs always give the same steps (resume)."""
    params = {"name": ratee_name}
    steps = [
        Step(
            step_key(value),
            StepKind.CHOICE,
            value_prompt_key(value, relation),
            SCALE_OPTIONS,
            params={**params, "number": str(number), "total": str(len(BERAKHLAK))},
            section="peer.form.section",
            label=value.name_key,
        )
        for number, value in enumerate(BERAKHLAK, start=1)
    ]
    steps += [
        _comment(KEEP_DOING, f"peer.form.{relation.value}.keep_doing", params),
        _comment(IMPROVE, f"peer.form.{relation.value}.improve", params),
    ]
    title = f"peer.form.title.{relation.value}"
    return Questionnaire(
        QUESTIONNAIRE_ID, title, tuple(steps), params={**params, "period": period_name}
    )


def _comment(key: str, prompt: str, params: Mapping[str, str]) -> Step:
    return Step(
        key,
        StepKind.TEXT,
        prompt,
        required=False,
        params=params,
        label=f"peer.label.{key}",
        max_length=COMMENT_MAX_LENGTH,
    )


def _no_scores() -> Mapping[str, int | None]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class PeerResponse:
    """One submitted feedback, without its rater: responses never say who wrote them.

    ``scores`` holds every BerAKHLAK code: a level 1-5, or ``None`` for "Tidak dapat menilai".
    A response that rates nothing and says nothing is refused: it would count towards the
    threshold without adding a view.
    """

    period_id: int
    ratee_nip: str
    relation: Relation
    scores: Mapping[str, int | None] = field(default_factory=_no_scores)
    keep_doing: str | None = None
    improve: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "relation", Relation(self.relation))
        object.__setattr__(self, "scores", MappingProxyType(_checked_scores(self.scores)))
        object.__setattr__(self, "keep_doing", _comment_text(self.keep_doing, KEEP_DOING))
        object.__setattr__(self, "improve", _comment_text(self.improve, IMPROVE))
        rated = any(score is not None for score in self.scores.values())
        if not (rated or self.keep_doing or self.improve):
            raise InvalidValue("empty_response", field="scores")


def _checked_scores(scores: Mapping[str, int | None]) -> dict[str, int | None]:
    for key in scores:
        if key not in BERAKHLAK_CODES:
            raise InvalidValue("unknown_key", field="scores", key=key)
    clean: dict[str, int | None] = {}
    for value in BERAKHLAK:
        if value.code not in scores:
            raise InvalidValue("required", field=value.code)
        score = scores[value.code]
        if score is not None and (isinstance(score, bool) or score not in SCORES):
            raise InvalidValue("out_of_range", field=value.code)
        clean[value.code] = score
    return clean


def _comment_text(text: str | None, field_name: str) -> str | None:
    clean = (text or "").strip()
    if len(clean) > COMMENT_MAX_LENGTH:
        raise InvalidValue("too_long", field=field_name, limit=COMMENT_MAX_LENGTH)
    return clean or None


def response_from_answers(
    answers: Answers, *, period_id: int, ratee_nip: str, relation: Relation
) -> PeerResponse:
    """A submitted session's answers as a :class:`PeerResponse` (stored by value, never by
    position)."""
    scores: dict[str, int | None] = {}
    for value in BERAKHLAK:
        answer = answers.get(step_key(value))
        if answer is None:
            raise InvalidValue("required", field=value.code)
        scores[value.code] = None if answer == NOT_RATED else _score(answer, value.code)
    return PeerResponse(
        period_id,
        ratee_nip,
        relation,
        scores,
        keep_doing=answers.get(KEEP_DOING),
        improve=answers.get(IMPROVE),
    )


def _score(answer: str, code: str) -> int:
    if not (answer.isascii() and answer.isdigit()):
        raise InvalidValue("out_of_range", field=code)
    return int(answer)


def answers_of(response: PeerResponse) -> dict[str, str | None]:
    """The answers a response came from, to edit it from the review until the deadline."""
    answers: dict[str, str | None] = {
        step_key(value): _answer(response.scores[value.code]) for value in BERAKHLAK
    }
    answers[KEEP_DOING] = response.keep_doing
    answers[IMPROVE] = response.improve
    return answers


def _answer(score: int | None) -> str:
    return NOT_RATED if score is None else str(score)
