"""Callback data: every action's codec writes and reads back the same typed value, stays within
Telegram's 64 bytes at its longest, and refuses anything this bot did not make."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.callbacks import (
    MAX_BYTES,
    MAX_ID,
    ActionCodec,
    BadCallback,
    Codecs,
    NoCodec,
    QuestionButton,
    decode_question,
)
from bot.router import Router
from bot.routes import ROUTES
from domain.actions import Action, ActionField, ShowMenu, UnreadableAction
from domain.appraisal.actions import ShowDistribution, ShowResults, ShowSubordinate
from domain.skm.actions import RecordPopulation, ShowReport
from domain.skm.report_model import ScopeKind
from domain.skm.report_period import ReportSpan

CODECS = [route.codec for route in ROUTES.actions]
ALL = Router(ROUTES).codecs


def _longest(spec: ActionField) -> object:
    if spec.kind is int:
        return MAX_ID
    if spec.kind is str:
        return "U" * 32  # a unit code at its longest
    if spec.kind is date:
        return date(9999, 12, 31)
    return max(spec.kind, key=lambda member: len(member.value))


def _values(spec: ActionField) -> st.SearchStrategy[Any]:
    kinds: dict[type[Any], st.SearchStrategy[Any]] = {
        int: st.integers(0, MAX_ID),
        str: st.from_regex(r"[A-Za-z0-9_-]{1,32}", fullmatch=True),
        date: st.dates(),
    }
    found = kinds[spec.kind] if spec.kind in kinds else st.sampled_from(list(spec.kind))
    return st.none() | found if spec.optional else found


@pytest.mark.parametrize("codec", CODECS, ids=lambda c: c.prefix)
def test_the_longest_data_of_every_codec_fits_in_telegram_s_64_bytes(codec: ActionCodec[Any]):
    longest = codec.action(**{spec.name: _longest(spec) for spec in codec.fields})
    data = codec.encode(longest)
    assert len(data.encode()) == codec.max_bytes <= MAX_BYTES
    assert ALL.decode(data) == longest


@pytest.mark.parametrize("codec", CODECS, ids=lambda c: c.prefix)
@given(data=st.data())
def test_every_codec_reads_back_exactly_what_it_wrote(codec: ActionCodec[Any], data) -> None:
    action = codec.action(**{s.name: data.draw(_values(s), label=s.name) for s in codec.fields})
    assert ALL.decode(ALL.encode(action)) == action


@pytest.mark.parametrize(
    ("action", "data"),
    [
        (ShowMenu(), "menu.1"),
        (ShowSubordinate(3, 17), "subordinate.1:3:17"),
        (ShowResults(), "results.1:"),
        (ShowDistribution(4, "DISDUKCAPIL-IDP"), "distribution.1:4:DISDUKCAPIL-IDP"),
        (ShowDistribution(None, "BKPSDM"), "distribution.1::BKPSDM"),
        (ShowReport(ScopeKind.UNIT, 12, ReportSpan.QUARTER), "report.1:unit:12:quarter"),
        (
            RecordPopulation(ScopeKind.SERVICE, 9, date(2026, 1, 1), date(2026, 6, 30)),
            "population.1:service:9:20260101:20260630",
        ),
    ],
)
def test_callback_data_is_readable(action: Action, data: str) -> None:
    assert ALL.encode(action) == data
    assert ALL.decode(data) == action


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "m1:sub:3:17",  # the format before typed actions: unknown, answered as such
        "subordinate.2:3:17",  # a version this bot does not know
        "subordinate.1:3",
        "subordinate.1:3:17:9",
        "subordinate.1:-3:17",
        "subordinate.1:03:17",
        "subordinate.1:3:",
        f"subordinate.1:{MAX_ID + 1}:17",
        "subordinate.1:3:1e3",
        "menu.1:",
        "report.1:planet:12:quarter",
        "report.1:unit:12:",
        "rtl.1:unit:12:20261301:20261231",
        "rtl.1:unit:12:2026-1-1:20261231",
        "distribution.1:4:DIS DUK",
        "distribution.1:4:" + "U" * 33,
        "q1:zz:1:a0",  # a question's button is not an action
        "subordinate.1:" + "9" * 70,
    ],
)
def test_decoding_refuses_anything_this_bot_did_not_make(data: str | None) -> None:
    with pytest.raises(BadCallback):
        ALL.decode(data)


@pytest.mark.parametrize(
    "action",
    [
        ShowSubordinate(3, MAX_ID + 1),
        ShowSubordinate(-1, 17),
        ShowDistribution(4, "DIS:DUK"),
        ShowDistribution(4, "U" * 33),
        ShowDistribution(4, ""),
    ],
)
def test_encoding_refuses_what_a_button_cannot_carry(action: Action) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message names the field
        ALL.encode(action)


def test_an_action_without_a_codec_cannot_be_a_button() -> None:
    with pytest.raises(NoCodec):
        ALL.encode(UnreadableAction("{'$action': 'appraisal/gone'}"))


class Colour(StrEnum):
    RED = "red"


@dataclass(frozen=True, slots=True)
class Wide(Action):
    name: ClassVar[str] = "test/wide"
    first: str
    second: str


def test_codecs_refuse_a_prefix_or_an_action_twice_and_data_that_could_grow_too_long() -> None:
    with pytest.raises(ValueError, match="prefix"):
        Codecs([ActionCodec("menu.1", ShowMenu), ActionCodec("menu.1", ShowResults)])
    with pytest.raises(ValueError, match="two codecs for ShowMenu"):
        Codecs([ActionCodec("menu.1", ShowMenu), ActionCodec("home.1", ShowMenu)])
    with pytest.raises(ValueError, match="up to 72 bytes"):
        Codecs([ActionCodec("wide.1", Wide)])
    with pytest.raises(ValueError, match=r"<name>\.<version>"):
        ActionCodec("Menu", ShowMenu)


def test_question_buttons_keep_their_format() -> None:
    button = QuestionButton(1295, 46655, "a", 3)
    assert button.encode() == "q1:zz:zzz:a3"
    assert decode_question("q1:zz:zzz:a3") == button
    assert decode_question("q1:0:1:r") == QuestionButton(0, 1, "r")
    with pytest.raises(BadCallback):
        decode_question("subordinate.1:3:17")


def test_the_longest_question_button_fits() -> None:
    longest = QuestionButton(36**12 - 1, 36**8 - 1, "e", 999)
    assert len(longest.encode()) <= MAX_BYTES
    assert decode_question(longest.encode()) == longest
