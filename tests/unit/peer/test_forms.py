"""The feedback form on the engine, its subject, and its answers as a PeerResponse."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.appraisal.berakhlak import BERAKHLAK, BERAKHLAK_CODES
from domain.engine.questionnaire import (
    REVIEW,
    Press,
    SessionStatus,
    Skip,
    StepKind,
    Submit,
    Text,
    advance,
    start,
)
from domain.errors import InvalidAnswer, InvalidValue, NotFound
from domain.peer.forms import (
    COMMENT_MAX_LENGTH,
    IMPROVE,
    KEEP_DOING,
    LEADER_WORDED,
    NOT_RATED,
    WHO_SEES_WHAT,
    PeerResponse,
    answers_of,
    feedback_form,
    feedback_subject,
    panduan_keys,
    parse_feedback_subject,
    response_from_answers,
    value_prompt_key,
    who_sees_what,
)
from domain.peer.raters import Relation

FORM = feedback_form(ratee_name="Budi", relation=Relation.PEER, period_name="Triwulan I 2026")
NA_INDEX = 5


def _fill(presses, keep=None, improve=None):
    session = start(FORM, owner_id=7, subject=feedback_subject(1, 9))
    for index in presses:
        session = advance(FORM, session, Press(index))
    for text in (keep, improve):
        session = advance(FORM, session, Skip() if text is None else Text(text))
    assert session.cursor == REVIEW
    return advance(FORM, session, Submit())


def test_each_value_offers_the_five_levels_ascending_then_tidak_dapat_menilai():
    for step in FORM.steps[: len(BERAKHLAK)]:
        values = [option.value for option in step.options]
        assert values == ["1", "2", "3", "4", "5", NOT_RATED]
        assert step.kind is StepKind.CHOICE
        assert step.required


def test_the_form_asks_the_seven_values_in_order_then_two_optional_texts():
    keys = [step.key for step in FORM.steps]
    assert keys == [f"ber.{value.code}" for value in BERAKHLAK] + [KEEP_DOING, IMPROVE]
    texts = FORM.steps[-2:]
    assert [(s.required, s.max_length) for s in texts] == [(False, COMMENT_MAX_LENGTH)] * 2


def test_a_filled_form_becomes_a_response_without_its_rater():
    session = _fill([4, 3, 2, NA_INDEX, 0, 1, 4], keep="Selalu membantu", improve=None)
    assert session.status is SessionStatus.SUBMITTED
    response = response_from_answers(
        session.answers, period_id=1, ratee_nip="x", relation=Relation.PEER
    )
    assert dict(response.scores) == {
        "berorientasi_pelayanan": 5,
        "akuntabel": 4,
        "kompeten": 3,
        "harmonis": None,
        "loyal": 1,
        "adaptif": 2,
        "kolaboratif": 5,
    }
    assert (response.keep_doing, response.improve) == ("Selalu membantu", None)
    assert not {"rater", "rater_nip", "owner_id"} & set(PeerResponse.__slots__)


def test_a_comment_over_1000_characters_is_refused_and_the_question_stays():
    session = start(FORM, owner_id=7, subject=feedback_subject(1, 9))
    for _ in BERAKHLAK:
        session = advance(FORM, session, Press(2))
    with pytest.raises(InvalidAnswer) as refused:
        advance(FORM, session, Text("x" * (COMMENT_MAX_LENGTH + 1)))
    assert refused.value.reason == "too_long"
    assert advance(FORM, session, Text("x" * COMMENT_MAX_LENGTH)).cursor == IMPROVE


def test_typed_text_where_a_level_is_expected_is_refused():
    session = start(FORM, owner_id=7, subject=feedback_subject(1, 9))
    with pytest.raises(InvalidAnswer) as refused:
        advance(FORM, session, Text("4"))
    assert refused.value.reason == "expected_button"


def test_an_earlier_response_reopens_at_the_review_with_its_answers():
    response = PeerResponse(1, "x", Relation.PEER, dict.fromkeys(BERAKHLAK_CODES, 3), "a", None)
    session = start(FORM, owner_id=7, subject=feedback_subject(1, 9), prefill=answers_of(response))
    assert session.cursor == REVIEW
    again = advance(FORM, session, Submit())
    assert (
        response_from_answers(again.answers, period_id=1, ratee_nip="x", relation=Relation.PEER)
        == response
    )


def test_a_response_that_rates_nothing_and_says_nothing_is_refused():
    with pytest.raises(InvalidValue) as refused:
        PeerResponse(1, "x", Relation.PEER, dict.fromkeys(BERAKHLAK_CODES))
    assert refused.value.reason == "empty_response"
    only_comment = PeerResponse(1, "x", Relation.PEER, dict.fromkeys(BERAKHLAK_CODES), "  ", "b")
    assert (only_comment.keep_doing, only_comment.improve) == (None, "b")


@pytest.mark.parametrize(
    ("scores", "reason"),
    [
        ({**dict.fromkeys(BERAKHLAK_CODES, 3), "jujur": 3}, "unknown_key"),
        ({**dict.fromkeys(BERAKHLAK_CODES, 3), "loyal": 6}, "out_of_range"),
        ({**dict.fromkeys(BERAKHLAK_CODES, 3), "loyal": 0}, "out_of_range"),
        ({**dict.fromkeys(BERAKHLAK_CODES, 3), "loyal": True}, "out_of_range"),
        ({code: 3 for code in BERAKHLAK_CODES if code != "loyal"}, "required"),
    ],
)
def test_a_response_with_a_score_outside_the_scale_is_refused(scores, reason):
    with pytest.raises(InvalidValue) as refused:
        PeerResponse(1, "x", Relation.PEER, scores)
    assert refused.value.reason == reason


def test_stored_answers_that_are_not_levels_are_refused():
    answers = {f"ber.{code}": "3" for code in BERAKHLAK_CODES} | {"ber.loyal": "tiga"}
    with pytest.raises(InvalidValue):
        response_from_answers(answers, period_id=1, ratee_nip="x", relation=Relation.PEER)


def test_the_subject_names_the_period_and_the_assignment_only():
    assert feedback_subject(3, 41) == "peer:3:41"
    assert parse_feedback_subject("peer:3:41") == (3, 41)


@pytest.mark.parametrize("subject", ["peer:3", "peer:x:1", "skm:3:4", "peer:3:4:5", ""])
def test_a_malformed_subject_is_not_found(subject):
    with pytest.raises(NotFound):
        parse_feedback_subject(subject)


def test_upward_feedback_shows_the_leader_wording_where_it_differs():
    for value in BERAKHLAK:
        peer, upward = panduan_keys(value, Relation.PEER), panduan_keys(value, Relation.UPWARD)
        assert peer == value.panduan_keys
        for n, (standard, leader) in enumerate(zip(peer, upward, strict=True), start=1):
            differs = (value.code, n) in LEADER_WORDED
            assert (standard != leader) is differs
            assert leader.startswith("peer.leader.") is differs


def test_upward_and_peer_forms_have_their_own_prompts_and_titles():
    upward = feedback_form(ratee_name="Ani", relation=Relation.UPWARD, period_name="TW I")
    assert upward.title == "peer.form.title.upward"
    assert upward.steps[0].prompt == value_prompt_key(BERAKHLAK[0], Relation.UPWARD)
    assert FORM.steps[0].prompt == "peer.form.peer.berorientasi_pelayanan"


def test_the_who_sees_what_notice_names_the_threshold_and_the_deadline():
    deadline = datetime(2026, 4, 10, 16, 59, tzinfo=UTC)
    notice = who_sees_what(min_raters=3, deadline=deadline)
    assert (notice.key, dict(notice.params)) == (
        WHO_SEES_WHAT,
        {"min_raters": 3, "deadline": deadline},
    )
