"""The conversation engine: every step kind, back, skip, review, edit, cancel, versions, views.

Plus a stateful property test that throws random inputs at a questionnaire with every step kind
and a condition, and checks the engine's invariants after each one.
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from domain.engine.questionnaire import (
    CONFIRM_NO,
    CONFIRM_YES,
    DONE,
    REVIEW,
    Answered,
    Answers,
    Back,
    Cancel,
    Choose,
    Edit,
    EditAt,
    Finished,
    Input,
    Option,
    Press,
    Question,
    Questionnaire,
    Review,
    Session,
    SessionStatus,
    Skip,
    Step,
    StepKind,
    Submit,
    Text,
    Upload,
    When,
    advance,
    cancel,
    decode_file,
    encode_file,
    parse_answer,
    parse_number,
    start,
    view,
)
from domain.errors import InvalidAnswer, SessionFinished, StaleInput

OWNER = 7


def options(*values: str) -> tuple[Option, ...]:
    return tuple(Option(value, f"option.{value}") for value in values)


SCORE = Step("score", StepKind.SCALE, "q.score", options=options("1", "2", "3", "4"))
MODE = Step("mode", StepKind.CHOICE, "q.mode", options=options("online", "counter"))
REASON = Step(
    "reason",
    StepKind.TEXT,
    "q.reason",
    max_length=20,
    condition=When("mode", frozenset({"counter"})),
)
AMOUNT = Step(
    "amount",
    StepKind.NUMBER,
    "q.amount",
    required=False,
    min_value=Decimal(0),
    max_value=Decimal(100),
)
PHOTO = Step("photo", StepKind.FILE, "q.photo", required=False)
AGREE = Step("agree", StepKind.CONFIRM, "q.agree")

SURVEY = Questionnaire("survey", "survey.title", (SCORE, MODE, REASON, AMOUNT, PHOTO, AGREE))
QUICK = Questionnaire("quick", "quick.title", (SCORE, MODE, REASON, AGREE), review=False)

# The answers that walk SURVEY to its review without the conditional step.
ONLINE_PATH: tuple[Input, ...] = (
    Choose("3"),
    Choose("online"),
    Text("42"),
    Upload("photo", "F1"),
    Choose(CONFIRM_YES),
)
ONLINE_ANSWERS = {
    "score": "3",
    "mode": "online",
    "amount": "42",
    "photo": "photo:F1",
    "agree": "yes",
}


def begin(questionnaire: Questionnaire = SURVEY, prefill: Answers | None = None) -> Session:
    return start(questionnaire, owner_id=OWNER, subject="subject", prefill=prefill)


def run(session: Session, *events: Input, questionnaire: Questionnaire = SURVEY) -> Session:
    for event in events:
        session = advance(questionnaire, session, event)
    return session


def at(cursor: str, answers: Answers) -> Session:
    return Session(SURVEY.id, "subject", OWNER, cursor, answers)


def refusal(session: Session, event: Input, questionnaire: Questionnaire = SURVEY) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as caught:
        advance(questionnaire, session, event)
    return caught.value


def single(step: Step) -> Questionnaire:
    """A one-step questionnaire; the step's condition is dropped so that it applies."""
    return Questionnaire("single", "single.title", (replace(step, condition=None),))


def snapshot(session: Session) -> tuple[object, ...]:
    """Every field of ``session``, with its answers copied out of the read-only mapping."""
    values = [getattr(session, f.name) for f in fields(session) if f.name != "answers"]
    return (*values, dict(session.answers))


# --- every step kind accepts its own input -------------------------------------------------


@pytest.mark.parametrize(
    ("step", "event", "stored"),
    [
        (SCORE, Choose("4"), "4"),
        (SCORE, Press(0), "1"),
        (SCORE, Press(3), "4"),
        (MODE, Choose("counter"), "counter"),
        (MODE, Press(1), "counter"),
        (AGREE, Choose(CONFIRM_NO), "no"),
        (AGREE, Press(0), "yes"),
        (AGREE, Press(1), "no"),
        (REASON, Text("  antre lama  "), "antre lama"),
        (AMOUNT, Text("12,5"), "12.5"),
        (PHOTO, Upload("photo", "AgADBAAD"), "photo:AgADBAAD"),
        (PHOTO, Upload("document", "BQACAgIA"), "document:BQACAgIA"),
    ],
    ids=lambda value: repr(value) if not isinstance(value, Step) else value.key,
)
def test_each_step_kind_stores_its_own_kind_of_answer(step: Step, event: Input, stored: str):
    questionnaire = single(step)
    session = advance(questionnaire, begin(questionnaire), event)
    assert session.answers == {step.key: stored}
    assert session.cursor == REVIEW


def test_a_confirm_step_offers_yes_and_no_unless_given_other_options():
    assert [o.value for o in AGREE.options] == [CONFIRM_YES, CONFIRM_NO]
    custom = Step("ok", StepKind.CONFIRM, "q.ok", options=options("sure"))
    assert [o.value for o in custom.options] == ["sure"]


# --- and refuses every other kind, with the reason the person will read ---------------------


@pytest.mark.parametrize(
    ("step", "event", "reason"),
    [
        (SCORE, Text("3"), "expected_button"),
        (SCORE, Upload("photo", "F"), "expected_button"),
        (SCORE, Choose("5"), "unknown_option"),
        (SCORE, Choose("online"), "unknown_option"),
        (SCORE, Press(4), "unknown_option"),
        (SCORE, Press(-1), "unknown_option"),
        (MODE, Text("online"), "expected_button"),
        (MODE, Upload("document", "F"), "expected_button"),
        (MODE, Choose("Online"), "unknown_option"),
        (AGREE, Text("yes"), "expected_button"),
        (AGREE, Choose("maybe"), "unknown_option"),
        (AGREE, Press(2), "unknown_option"),
        (REASON, Choose("counter"), "expected_text"),
        (REASON, Upload("photo", "F"), "expected_text"),
        (REASON, Press(0), "unknown_option"),
        (AMOUNT, Choose("12"), "expected_number"),
        (AMOUNT, Upload("photo", "F"), "expected_number"),
        (AMOUNT, Text("dua belas"), "expected_number"),
        (PHOTO, Text("here is my photo"), "expected_file"),
        (PHOTO, Choose("photo"), "expected_file"),
        (PHOTO, Press(0), "unknown_option"),
    ],
    ids=lambda value: repr(value) if not isinstance(value, Step) else value.key,
)
def test_a_step_refuses_input_of_the_wrong_kind(step: Step, event: Input, reason: str):
    questionnaire = single(step)
    session = begin(questionnaire)
    assert refusal(session, event, questionnaire).reason == reason


@pytest.mark.parametrize("event", [Submit(), Edit("score"), EditAt(0)], ids=repr)
def test_submit_and_edit_are_refused_before_the_review(event: Input):
    assert refusal(begin(), event).reason == "not_at_review"


@pytest.mark.parametrize(
    "event",
    [Text("3"), Choose("3"), Upload("photo", "F"), Press(0)],
    ids=repr,
)
def test_the_review_page_refuses_answers(event: Input):
    review = run(begin(), *ONLINE_PATH)
    assert refusal(review, event).reason == "expected_button"


def test_the_review_page_refuses_skip():
    review = run(begin(), *ONLINE_PATH)
    assert refusal(review, Skip()).reason == "not_skippable"


def test_an_invalid_answer_error_names_its_text_key():
    error = refusal(begin(), Text("3"))
    assert error.message_key == "error.invalid_answer.expected_button"


# --- text -----------------------------------------------------------------------------------


def test_text_is_trimmed_before_its_length_is_checked():
    questionnaire = single(REASON)
    padded = "   " + "x" * 20 + "   "
    assert advance(questionnaire, begin(questionnaire), Text(padded)).answers == {
        "reason": "x" * 20
    }


def test_text_longer_than_the_limit_is_refused_with_the_limit_and_length():
    questionnaire = single(REASON)
    error = refusal(begin(questionnaire), Text("x" * 21), questionnaire)
    assert error.reason == "too_long"
    assert error.params == {"limit": 20, "length": 21}


@pytest.mark.parametrize("raw", ["", "   ", "\n\t "])
def test_empty_text_is_refused_as_too_short(raw: str):
    questionnaire = single(REASON)
    error = refusal(begin(questionnaire), Text(raw), questionnaire)
    assert (error.reason, error.params) == ("too_short", {"min": 1})


def test_text_shorter_than_a_custom_minimum_is_refused_with_the_minimum():
    questionnaire = single(Step("why", StepKind.TEXT, "q.why", min_length=5))
    error = refusal(begin(questionnaire), Text(" abcd "), questionnaire)
    assert (error.reason, error.params) == ("too_short", {"min": 5})
    assert advance(questionnaire, begin(questionnaire), Text("abcde")).answers["why"] == "abcde"


def test_the_default_text_limit_is_a_thousand_characters():
    questionnaire = single(Step("note", StepKind.TEXT, "q.note"))
    assert advance(questionnaire, begin(questionnaire), Text("é" * 1000)).answers["note"]
    assert refusal(begin(questionnaire), Text("é" * 1001), questionnaire).params["limit"] == 1000


def test_text_must_match_the_whole_pattern():
    questionnaire = single(Step("nik", StepKind.TEXT, "q.nik", pattern=r"\d{4}"))
    assert advance(questionnaire, begin(questionnaire), Text(" 1234 ")).answers["nik"] == "1234"
    for wrong in ("12345", "123", "a1234", "1234a"):
        error = refusal(begin(questionnaire), Text(wrong), questionnaire)
        assert (error.reason, error.params) == ("pattern", {"step": "nik"})


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("12", Decimal(12)),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("-3", Decimal(-3)),
        ("+4", Decimal(4)),
        ("  8 ", Decimal(8)),
        ("1 000", Decimal(1000)),
        ("0,000001", Decimal("0.000001")),
        ("999999999999999", Decimal(999999999999999)),
    ],
)
def test_numbers_are_read_as_people_type_them_here(raw: str, value: Decimal):
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    "raw",
    [
        "1.2.3",
        "1,2,3",
        "abc",
        "1e5",
        "1E5",
        "",
        " ",
        "12,",
        ",5",
        ".5",
        "1_000",
        "NaN",
        "Infinity",
        "0x10",
        "--3",
        "1234567890123456",  # 16 digits: nobody's score or target is that large
        "10" * 100,
        "1.1234567",  # 7 decimals
    ],
)
def test_anything_else_is_not_a_number(raw: str):
    with pytest.raises(InvalidAnswer) as caught:
        parse_number(raw)
    assert caught.value.reason == "expected_number"


@pytest.mark.parametrize("event", [Text("dua"), Text("2,5"), Choose("2"), Upload("photo", "F")])
def test_a_whole_number_step_asks_for_a_whole_number_whatever_came(event: Input):
    # Its reason's example must fit: "expected_number" would suggest typing 12,5.
    step = Step("days", StepKind.NUMBER, "q.days", whole=True, min_value=Decimal(1))
    with pytest.raises(InvalidAnswer) as caught:
        parse_answer(step, event)
    assert caught.value.reason == "whole_number"


@pytest.mark.parametrize("raw", ["0", "100", "99,99", "0,000001"])
def test_a_number_on_the_bounds_of_its_range_is_accepted(raw: str):
    questionnaire = single(AMOUNT)
    stored = advance(questionnaire, begin(questionnaire), Text(raw)).answers["amount"]
    assert stored is not None
    assert Decimal(stored) == parse_number(raw)


@pytest.mark.parametrize("raw", ["-1", "100,01", "-0,5", "101"])
def test_a_number_outside_its_range_is_refused_with_the_range(raw: str):
    questionnaire = single(AMOUNT)
    error = refusal(begin(questionnaire), Text(raw), questionnaire)
    assert (error.reason, error.params) == ("out_of_range", {"min": 0, "max": 100})


def test_a_range_may_be_open_on_one_side():
    questionnaire = single(Step("n", StepKind.NUMBER, "q.n", min_value=Decimal(1)))
    assert advance(questionnaire, begin(questionnaire), Text("5001")).answers["n"] == "5001"
    error = refusal(begin(questionnaire), Text("0"), questionnaire)
    assert (error.reason, error.params) == ("below_min", {"min": 1})
    at_most = single(Step("n", StepKind.NUMBER, "q.n", max_value=Decimal(10)))
    error = refusal(begin(at_most), Text("11"), at_most)
    assert (error.reason, error.params) == ("above_max", {"max": 10})


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("12", "12"), ("12.0", "12"), ("12,5", "12.5"), ("7", "7"), ("+5", "5"), ("-3", "-3")],
)
def test_a_whole_number_is_stored_without_decimals(raw: str, stored: str):
    assert parse_answer(Step("n", StepKind.NUMBER, "q.n"), Text(raw)) == stored


@pytest.mark.parametrize(("raw", "stored"), [("100", "100"), ("1 000", "1000"), ("20", "20")])
def test_a_round_number_is_stored_as_the_person_typed_it(raw: str, stored: str):
    assert parse_answer(Step("n", StepKind.NUMBER, "q.n"), Text(raw)) == stored


# --- files ----------------------------------------------------------------------------------


def test_a_file_answer_keeps_only_its_kind_and_telegram_file_id():
    assert encode_file("photo", "AgAD:x") == "photo:AgAD:x"
    assert decode_file(encode_file("photo", "AgAD:x")) == ("photo", "AgAD:x")
    assert decode_file(encode_file("document", "BQAC")) == ("document", "BQAC")


# --- the questionnaire as data refuses contradictions ----------------------------------------


@pytest.mark.parametrize(
    "values",
    [("1", "3", "2"), ("5", "4", "3", "2", "1"), ("1", "1", "2"), ("1", "2", "x"), ("a", "b")],
)
def test_a_scale_whose_values_are_not_ascending_integers_is_refused(values: tuple[str, ...]):
    with pytest.raises(ValueError, match="scale"):
        Step("s", StepKind.SCALE, "q.s", options=options(*values))


def test_a_scale_may_skip_values_and_start_below_one():
    assert Step("s", StepKind.SCALE, "q.s", options=options("-1", "0", "2", "10")).options


@pytest.mark.parametrize("kind", [StepKind.SCALE, StepKind.CHOICE])
def test_a_button_step_needs_options(kind: StepKind):
    with pytest.raises(ValueError, match="needs options"):
        Step("s", kind, "q.s")


@pytest.mark.parametrize("kind", [StepKind.TEXT, StepKind.NUMBER, StepKind.FILE])
def test_a_typed_step_takes_no_options(kind: StepKind):
    with pytest.raises(ValueError, match="takes no options"):
        Step("s", kind, "q.s", options=options("1"))


@pytest.mark.parametrize(
    "keys",
    [(), ("a", "a"), ("a", REVIEW), (DONE,)],
)
def test_a_questionnaire_needs_steps_with_unique_unreserved_keys(keys: tuple[str, ...]):
    steps = tuple(Step(key, StepKind.TEXT, "q") for key in keys)
    with pytest.raises(ValueError, match="questionnaire"):
        Questionnaire("q", "t", steps)


def test_an_unknown_step_key_is_an_invalid_answer():
    with pytest.raises(InvalidAnswer) as caught:
        SURVEY.step("nope")
    assert (caught.value.reason, caught.value.params) == ("unknown_step", {"step": "nope"})


# --- moving forward -------------------------------------------------------------------------


def test_a_new_session_is_active_at_the_first_step_with_no_answers():
    session = begin()
    assert (session.cursor, session.status, session.version) == ("score", "active", 0)
    assert session.answers == {}
    assert not session.editing
    assert session.id is None


def test_answering_the_last_step_opens_the_review():
    session = run(begin(), *ONLINE_PATH)
    assert session.at_review
    assert session.is_active
    assert session.answers == ONLINE_ANSWERS


def test_a_step_whose_condition_does_not_hold_is_passed_over():
    assert run(begin(), Choose("3"), Choose("online")).cursor == "amount"
    assert run(begin(), Choose("3"), Choose("counter")).cursor == "reason"


def test_skip_stores_none_for_an_optional_step_and_moves_on():
    session = run(begin(), Choose("3"), Choose("online"), Skip())
    assert session.cursor == "photo"
    assert session.answers["amount"] is None


@pytest.mark.parametrize("cursor", ["score", "mode", "agree"])
def test_skip_is_refused_on_a_required_step(cursor: str):
    session = at(cursor, {"score": "1", "mode": "online", "amount": None, "photo": None})
    assert refusal(session, Skip()).reason == "not_skippable"


def test_a_conditional_text_step_is_required_when_it_applies():
    session = run(begin(), Choose("3"), Choose("counter"))
    assert refusal(session, Skip()).reason == "not_skippable"


def test_every_accepted_input_increases_the_version_by_exactly_one():
    events: tuple[Input, ...] = (
        *ONLINE_PATH,
        Back(),
        Back(),
        Skip(),
        Choose("no"),
        Edit("mode"),
        Choose("counter"),
        Text("lama"),
        EditAt(0),
        Back(),
        Submit(),
    )
    session = begin()
    for event in events:
        after = advance(SURVEY, session, event)
        assert after.version == session.version + 1
        session = after
    assert session.status is SessionStatus.SUBMITTED


def test_advance_never_changes_the_session_it_was_given():
    session = run(begin(), Choose("3"))
    before = snapshot(session)
    advance(SURVEY, session, Choose("online"))
    with pytest.raises(InvalidAnswer):
        advance(SURVEY, session, Text("x"))
    assert snapshot(session) == before


def test_session_answers_cannot_be_changed_in_place():
    session = run(begin(), Choose("3"))
    with pytest.raises(TypeError):
        session.answers["score"] = "4"  # type: ignore[index]


# --- back -----------------------------------------------------------------------------------


def test_back_returns_to_the_previous_step_and_keeps_the_answers():
    session = run(begin(), Choose("3"), Choose("online"), Back())
    assert session.cursor == "mode"
    assert session.answers == {"score": "3", "mode": "online"}


def test_back_passes_over_steps_whose_condition_does_not_hold():
    session = run(begin(), Choose("3"), Choose("online"), Skip(), Back(), Back())
    assert session.cursor == "mode"


def test_back_returns_to_a_conditional_step_that_applies():
    session = run(begin(), Choose("3"), Choose("counter"), Text("antre"), Back())
    assert session.cursor == "reason"


def test_back_at_the_first_step_is_refused():
    assert refusal(begin(), Back()).reason == "no_previous"


def test_back_at_the_first_applicable_step_is_refused_even_after_a_passed_over_step():
    intro = Step("intro", StepKind.TEXT, "q.intro", condition=When("go", frozenset({"x"})))
    go = Step("go", StepKind.CHOICE, "q.go", options=options("x", "y"))
    questionnaire = Questionnaire("q", "t", (intro, go))
    session = begin(questionnaire)
    assert session.cursor == "go"
    assert refusal(session, Back(), questionnaire).reason == "no_previous"


def test_back_from_a_review_with_no_applicable_step_is_refused_as_no_previous():
    hidden = Step("hidden", StepKind.TEXT, "q.hidden", condition=When("x", frozenset({"y"})))
    questionnaire = Questionnaire("q", "t", (hidden,))
    session = begin(questionnaire)
    assert session.at_review
    assert refusal(session, Back(), questionnaire).reason == "no_previous"


def test_back_from_the_review_goes_to_the_last_applicable_step():
    session = run(begin(), *ONLINE_PATH, Back())
    assert session.cursor == "agree"
    assert not session.editing
    assert session.answers == ONLINE_ANSWERS


def test_after_back_from_the_review_answering_again_returns_to_the_review():
    session = run(begin(), *ONLINE_PATH, Back(), Choose("no"))
    assert session.at_review
    assert session.answers["agree"] == "no"


def test_back_while_editing_returns_to_the_review_with_the_answer_unchanged():
    session = run(begin(), *ONLINE_PATH, Edit("score"), Back())
    assert session.at_review
    assert not session.editing
    assert session.answers == ONLINE_ANSWERS


# --- review, edit, submit -------------------------------------------------------------------


def test_edit_from_the_review_and_answering_returns_to_the_review():
    session = run(begin(), *ONLINE_PATH, Edit("score"))
    assert (session.cursor, session.editing) == ("score", True)
    session = advance(SURVEY, session, Choose("1"))
    assert session.at_review
    assert not session.editing
    assert session.answers == {**ONLINE_ANSWERS, "score": "1"}


def test_edit_may_skip_an_optional_answer_and_return_to_the_review():
    session = run(begin(), *ONLINE_PATH, Edit("photo"), Skip())
    assert session.at_review
    assert session.answers["photo"] is None


def test_an_edit_that_makes_a_conditional_step_apply_asks_it_before_the_review():
    session = run(begin(), *ONLINE_PATH, Edit("mode"), Choose("counter"))
    assert (session.cursor, session.editing) == ("reason", True)
    session = advance(SURVEY, session, Text("antre lama"))
    assert session.at_review
    assert not session.editing


def test_back_from_a_newly_applicable_step_returns_to_the_review_and_submit_asks_again():
    session = run(begin(), *ONLINE_PATH, Edit("mode"), Choose("counter"), Back())
    assert session.at_review
    session = advance(SURVEY, session, Submit())
    assert (session.cursor, session.editing, session.status) == ("reason", True, "active")


def test_answers_to_steps_that_stop_applying_are_dropped_at_submit():
    session = run(begin(), Choose("3"), Choose("counter"), Text("antre"))
    session = run(session, Skip(), Skip(), Choose("yes"), Edit("mode"), Choose("online"))
    assert session.at_review
    assert "reason" in session.answers  # kept while the person may still change their mind
    submitted = advance(SURVEY, session, Submit())
    assert submitted.status is SessionStatus.SUBMITTED
    assert submitted.cursor == DONE
    assert "reason" not in submitted.answers
    assert submitted.answers == {
        "score": "3",
        "mode": "online",
        "amount": None,
        "photo": None,
        "agree": "yes",
    }


def test_the_review_lists_only_the_steps_that_apply_in_order():
    session = run(begin(), Choose("3"), Choose("counter"), Text("antre"), Skip(), Skip())
    session = run(session, Choose("yes"), Edit("mode"), Choose("online"))
    shown = view(SURVEY, session)
    assert isinstance(shown, Review)
    assert [(step.key, value) for step, value in shown.items] == [
        ("score", "3"),
        ("mode", "online"),
        ("amount", None),
        ("photo", None),
        ("agree", "yes"),
    ]


def test_submit_with_a_missing_required_answer_goes_to_that_step():
    session = at(REVIEW, {"score": "2", "mode": "online", "amount": None, "photo": None})
    after = advance(SURVEY, session, Submit())
    assert (after.cursor, after.editing, after.status) == ("agree", True, "active")
    after = advance(SURVEY, after, Choose("yes"))
    assert after.at_review
    assert advance(SURVEY, after, Submit()).status is SessionStatus.SUBMITTED


def test_submit_with_a_required_answer_stored_as_none_goes_to_that_step():
    answers = {"score": None, "mode": "online", "amount": None, "photo": None, "agree": "yes"}
    assert advance(SURVEY, at(REVIEW, answers), Submit()).cursor == "score"


def test_submit_with_an_optional_step_never_reached_goes_to_that_step():
    answers = {"score": "2", "mode": "online", "agree": "yes"}
    assert advance(SURVEY, at(REVIEW, answers), Submit()).cursor == "amount"


def test_edit_of_a_step_that_does_not_apply_is_refused():
    session = run(begin(), *ONLINE_PATH)
    error = refusal(session, Edit("reason"))
    assert (error.reason, error.params) == ("unknown_step", {"step": "reason"})


def test_edit_of_an_unknown_step_is_refused():
    assert refusal(run(begin(), *ONLINE_PATH), Edit("nope")).reason == "unknown_step"


# --- button indexes -------------------------------------------------------------------------


@pytest.mark.parametrize(("index", "key"), [(0, "score"), (1, "mode"), (5, "agree")])
def test_edit_at_resolves_the_step_number(index: int, key: str):
    session = advance(SURVEY, run(begin(), *ONLINE_PATH), EditAt(index))
    assert (session.cursor, session.editing) == (key, True)


@pytest.mark.parametrize("index", [-1, 6, 99])
def test_edit_at_a_step_number_out_of_range_is_refused(index: int):
    error = refusal(run(begin(), *ONLINE_PATH), EditAt(index))
    assert (error.reason, error.params) == ("unknown_step", {"step": str(index)})


def test_edit_at_a_step_that_does_not_apply_is_refused():
    assert refusal(run(begin(), *ONLINE_PATH), EditAt(2)).reason == "unknown_step"


@pytest.mark.parametrize("index", [-1, 4, 1000])
def test_press_out_of_range_is_refused_as_an_unknown_option(index: int):
    assert refusal(begin(), Press(index)).reason == "unknown_option"


# --- cancel and finished sessions -----------------------------------------------------------


CANCEL_POINTS = {
    "first step": (),
    "middle": (Choose("3"), Choose("counter")),
    "review": ONLINE_PATH,
    "editing": (*ONLINE_PATH, Edit("mode")),
}


@pytest.mark.parametrize("path", CANCEL_POINTS.values(), ids=CANCEL_POINTS.keys())
def test_cancel_ends_the_session_and_discards_its_answers_from_anywhere(path: tuple[Input, ...]):
    session = run(begin(), *path)
    cancelled = advance(SURVEY, session, Cancel())
    assert (cancelled.status, cancelled.cursor, cancelled.editing) == ("cancelled", DONE, False)
    assert cancelled.answers == {}
    assert cancelled.version == session.version + 1
    assert cancel(session) == cancelled


FINISHED = {
    "submitted": run(begin(), *ONLINE_PATH, Submit()),
    "cancelled": run(begin(), Choose("3"), Cancel()),
}
EVERY_INPUT: list[Input] = [
    Choose("3"),
    Press(0),
    Text("x"),
    Upload("photo", "F"),
    Back(),
    Skip(),
    Cancel(),
    Submit(),
    Edit("score"),
    EditAt(0),
]


@pytest.mark.parametrize("status", FINISHED)
@pytest.mark.parametrize("event", EVERY_INPUT, ids=repr)
def test_a_finished_session_refuses_every_input(status: str, event: Input):
    session = FINISHED[status]
    with pytest.raises(SessionFinished):
        advance(SURVEY, session, event)
    with pytest.raises(SessionFinished):
        advance(SURVEY, session, event, expected_version=session.version)


@pytest.mark.parametrize("status", FINISHED)
def test_cancelling_a_finished_session_is_refused(status: str):
    with pytest.raises(SessionFinished):
        cancel(FINISHED[status])


def test_submitting_keeps_the_answers_and_finishes_the_session():
    session = FINISHED["submitted"]
    assert (session.status, session.cursor, session.is_active) == ("submitted", DONE, False)
    assert session.answers == ONLINE_ANSWERS


# --- stale buttons --------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [-1, 1, -5])
@pytest.mark.parametrize("event", EVERY_INPUT, ids=repr)
def test_a_button_made_for_another_version_is_stale(offset: int, event: Input):
    session = run(begin(), Choose("3"))
    with pytest.raises(StaleInput):
        advance(SURVEY, session, event, expected_version=session.version + offset)


def test_a_button_made_for_the_current_version_is_accepted():
    session = run(begin(), Choose("3"))
    after = advance(SURVEY, session, Press(0), expected_version=session.version)
    assert after.answers["mode"] == "online"


def test_pressing_the_same_button_twice_is_stale_the_second_time():
    session = begin()
    after = advance(SURVEY, session, Press(2), expected_version=session.version)
    with pytest.raises(StaleInput):
        advance(SURVEY, after, Press(2), expected_version=session.version)


# --- questionnaires without a review ---------------------------------------------------------


def test_a_questionnaire_without_review_submits_after_the_last_step():
    session = run(begin(QUICK), Choose("2"), Choose("online"), questionnaire=QUICK)
    assert session.cursor == "agree"
    session = advance(QUICK, session, Choose("yes"))
    assert (session.status, session.cursor) == ("submitted", DONE)
    assert session.answers == {"score": "2", "mode": "online", "agree": "yes"}


def test_a_questionnaire_without_review_drops_answers_that_stopped_applying():
    session = run(
        begin(QUICK),
        Choose("2"),
        Choose("counter"),
        Text("antre"),
        Back(),
        Back(),
        Choose("online"),
        Choose("no"),
        questionnaire=QUICK,
    )
    assert session.status is SessionStatus.SUBMITTED
    assert session.answers == {"score": "2", "mode": "online", "agree": "no"}


def test_a_questionnaire_without_review_refuses_submit_on_a_step():
    assert refusal(begin(QUICK), Submit(), QUICK).reason == "not_at_review"


# --- start and prefill ----------------------------------------------------------------------


def test_start_with_a_complete_prefill_opens_at_the_review():
    session = begin(prefill=ONLINE_ANSWERS)
    assert session.at_review
    assert session.answers == ONLINE_ANSWERS
    assert advance(SURVEY, session, Submit()).answers == ONLINE_ANSWERS


def test_start_with_a_prefill_without_review_opens_at_the_first_step():
    prefill = {"score": "2", "mode": "online", "agree": "yes"}
    assert begin(QUICK, prefill=prefill).cursor == "score"


def test_start_with_an_incomplete_prefill_opens_at_the_first_missing_step():
    prefill = {"score": "2", "mode": "online", "amount": "5", "photo": None}
    assert begin(prefill=prefill).cursor == "agree"


def test_start_with_an_empty_prefill_opens_at_the_first_step():
    assert begin(prefill={}).cursor == "score"


def test_start_opens_at_the_first_step_that_applies():
    intro = Step("intro", StepKind.TEXT, "q.intro", condition=When("later", frozenset({"x"})))
    later = Step("later", StepKind.TEXT, "q.later")
    assert begin(Questionnaire("q", "t", (intro, later))).cursor == "later"


# --- conditions -----------------------------------------------------------------------------


def test_when_applies_only_for_the_listed_answers():
    condition = When("mode", frozenset({"counter", "both"}))
    assert condition({"mode": "counter"})
    assert condition({"mode": "both"})
    assert not condition({"mode": "online"})
    assert not condition({"mode": None})
    assert not condition({})


def test_answered_applies_only_when_the_step_was_answered_with_something():
    condition = Answered("note")
    assert condition({"note": "x"})
    assert not condition({"note": None})
    assert not condition({"note": ""})
    assert not condition({})


def test_a_step_after_an_optional_one_can_depend_on_it_being_answered():
    note = Step("note", StepKind.TEXT, "q.note", required=False)
    why = Step("why", StepKind.TEXT, "q.why", condition=Answered("note"))
    questionnaire = Questionnaire("q", "t", (note, why))
    assert advance(questionnaire, begin(questionnaire), Skip()).at_review
    assert advance(questionnaire, begin(questionnaire), Text("hi")).cursor == "why"


# --- what to show ---------------------------------------------------------------------------


def test_a_question_is_numbered_among_the_steps_that_apply():
    first = view(SURVEY, begin())
    assert isinstance(first, Question)
    assert (first.step, first.number, first.total) == (SCORE, 1, 5)
    assert not first.can_go_back
    assert (first.answered, first.current) == (False, None)

    counter = view(SURVEY, run(begin(), Choose("3"), Choose("counter")))
    assert isinstance(counter, Question)
    assert (counter.step, counter.number, counter.total) == (REASON, 3, 6)
    assert counter.can_go_back

    online = view(SURVEY, run(begin(), Choose("3"), Choose("online")))
    assert isinstance(online, Question)
    assert (online.step, online.number, online.total) == (AMOUNT, 3, 5)


def test_a_question_shows_the_current_answer_when_coming_back():
    shown = view(SURVEY, run(begin(), Choose("3"), Back()))
    assert isinstance(shown, Question)
    assert (shown.answered, shown.current) == (True, "3")


def test_a_skipped_question_counts_as_answered_with_no_value():
    shown = view(SURVEY, run(begin(), Choose("3"), Choose("online"), Skip(), Back()))
    assert isinstance(shown, Question)
    assert (shown.step, shown.answered, shown.current) == (AMOUNT, True, None)


def test_the_first_question_can_go_back_while_editing():
    shown = view(SURVEY, run(begin(), *ONLINE_PATH, Edit("score")))
    assert isinstance(shown, Question)
    assert (shown.number, shown.can_go_back) == (1, True)


def test_a_finished_session_shows_its_status():
    assert view(SURVEY, FINISHED["submitted"]) == Finished(SessionStatus.SUBMITTED)
    assert view(SURVEY, FINISHED["cancelled"]) == Finished(SessionStatus.CANCELLED)


# --- properties -----------------------------------------------------------------------------


MIXED = SURVEY
KEYS = [step.key for step in MIXED.steps]

texts = st.sampled_from(
    ["", "  ", "ok", "antre lama", "x" * 25, "12", "12,5", "-3", "150", "abc", "1.2.3", "1e5"]
) | st.text(max_size=30)
inputs: st.SearchStrategy[Input] = st.one_of(
    st.builds(Choose, st.sampled_from(["1", "3", "4", "9", "online", "counter", "yes", "no", "x"])),
    st.builds(Text, texts),
    st.builds(Upload, st.sampled_from(["photo", "document"]), st.sampled_from(["F1", "F2"])),
    st.just(Back()),
    st.just(Skip()),
    st.just(Submit()),
    st.builds(Edit, st.sampled_from([*KEYS, "nope"])),
    st.builds(Press, st.integers(-1, 5)),
    st.builds(EditAt, st.integers(-1, len(KEYS))),
    st.just(Cancel()),
)


AT_REVIEW: list[Input] = [Submit(), Submit(), Back(), EditAt(1)]


def sensible_input(step: Step) -> st.SearchStrategy[Input]:
    if step.kind in (StepKind.SCALE, StepKind.CHOICE, StepKind.CONFIRM):
        return st.builds(Press, st.integers(0, len(step.options) - 1))
    if step.kind is StepKind.FILE:
        return st.sampled_from([Upload("photo", "F1"), Skip()])
    if step.kind is StepKind.NUMBER:
        return st.sampled_from([Text("42"), Text("7,5"), Skip()])
    return st.sampled_from([Text("antre lama"), Text("ok")])


class EngineMachine(RuleBasedStateMachine):
    """Random inputs, with and without a version; the engine's invariants hold after each."""

    questionnaire = MIXED

    def __init__(self) -> None:
        super().__init__()
        self.session = start(self.questionnaire, owner_id=OWNER, subject="s")

    @rule(event=inputs, offset=st.sampled_from([None, None, None, 0, -1, 1]))
    def send(self, event: Input, offset: int | None) -> None:
        before = self.session
        taken = snapshot(before)
        expected = None if offset is None else before.version + offset
        if not before.is_active or offset not in (None, 0):
            refused = StaleInput if before.is_active else SessionFinished
            with pytest.raises(refused):
                advance(self.questionnaire, before, event, expected_version=expected)
            assert snapshot(before) == taken
            return
        try:
            after = advance(self.questionnaire, before, event, expected_version=expected)
        except InvalidAnswer:
            assert snapshot(before) == taken
            return
        assert snapshot(before) == taken
        assert after.version == before.version + 1
        self.session = after

    @precondition(lambda self: self.session.is_active)
    @rule(data=st.data())
    def answer_sensibly(self, data: st.DataObject) -> None:
        """Mostly what a person would send, so that runs reach the review and submit."""
        before = self.session
        event: Input
        if before.at_review:
            event = data.draw(st.sampled_from(AT_REVIEW))
        else:
            event = data.draw(sensible_input(self.questionnaire.step(before.cursor)))
        try:
            after = advance(self.questionnaire, before, event, expected_version=before.version)
        except InvalidAnswer:
            return
        assert after.version == before.version + 1
        self.session = after

    @precondition(lambda self: not self.session.is_active)
    @rule()
    def start_again(self) -> None:
        self.session = start(self.questionnaire, owner_id=OWNER, subject="s")

    @invariant()
    def the_cursor_is_the_review_done_or_a_step_that_applies(self) -> None:
        session = self.session
        applicable = {step.key for step in self.questionnaire.applicable(session.answers)}
        if session.is_active:
            assert session.cursor == REVIEW or session.cursor in applicable
            if session.cursor == REVIEW:
                assert self.questionnaire.review
                assert not session.editing
        else:
            assert session.cursor == DONE
            assert not session.editing

    @invariant()
    def a_submitted_session_holds_exactly_the_applicable_answers(self) -> None:
        session = self.session
        if session.status is not SessionStatus.SUBMITTED:
            return
        applicable = self.questionnaire.applicable(session.answers)
        assert set(session.answers) == {step.key for step in applicable}
        for step in applicable:
            if step.required:
                assert session.answers[step.key] is not None

    @invariant()
    def a_cancelled_session_holds_no_answers(self) -> None:
        if self.session.status is SessionStatus.CANCELLED:
            assert self.session.answers == {}

    @invariant()
    def every_stored_answer_is_valid_for_its_step(self) -> None:
        for key, value in self.session.answers.items():
            step = self.questionnaire.step(key)
            if value is None:
                assert not step.required
            elif step.kind in (StepKind.SCALE, StepKind.CHOICE, StepKind.CONFIRM):
                assert value in {option.value for option in step.options}

    @invariant()
    def the_view_matches_the_cursor(self) -> None:
        shown = view(self.questionnaire, self.session)
        if not self.session.is_active:
            assert shown == Finished(self.session.status)
        elif self.session.at_review:
            assert isinstance(shown, Review)
        else:
            assert isinstance(shown, Question)
            assert shown.step.key == self.session.cursor
            assert 1 <= shown.number <= shown.total


class NoReviewMachine(EngineMachine):
    questionnaire = Questionnaire("mixed-quick", "t", MIXED.steps, review=False)


MACHINE_SETTINGS = settings(max_examples=50, stateful_step_count=25, deadline=None, database=None)
TestEngineInvariants = EngineMachine.TestCase
TestEngineInvariants.settings = MACHINE_SETTINGS
TestEngineWithoutReviewInvariants = NoReviewMachine.TestCase
TestEngineWithoutReviewInvariants.settings = MACHINE_SETTINGS
