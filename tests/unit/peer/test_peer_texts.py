"""Every text the peer questionnaires and vocabularies name exists in both languages and can
be filled from what the domain passes."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import UTC, datetime

import pytest

from bot.i18n import CATALOGS, LANGUAGES, placeholders, t
from domain.appraisal.berakhlak import BERAKHLAK
from domain.engine.questionnaire import Questionnaire
from domain.peer.aggregate import NOT_ENOUGH_RATERS
from domain.peer.assignment import Shortfall, ShortfallReason
from domain.peer.coaching import SUPPORTED_POINTS, coaching_feedback_form
from domain.peer.forms import (
    LEADER_WORDED,
    feedback_form,
    panduan_keys,
    value_prompt_key,
    who_sees_what,
)
from domain.peer.raters import Relation

FORMS = [
    *(feedback_form(ratee_name="Budi", relation=r, period_name="TW I") for r in Relation),
    *(coaching_feedback_form(coach_name="Sari", topic="SOP", points=p) for p in SUPPORTED_POINTS),
]


def _uses(form: Questionnaire):
    """(key, params available when it is rendered) for every text a form shows."""
    yield form.title, set(form.params)
    for step in form.steps:
        for key in (step.prompt, step.hint, step.section, step.label):
            if key:
                yield key, set(step.params)
        for option in step.options:
            yield option.label, set(step.params)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"{f.id}:{f.title}:{len(f.steps[0].options)}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_of_a_form_exists_and_can_be_filled(form, lang):
    for key, params in _uses(form):
        assert key in CATALOGS[lang], key
        assert placeholders(CATALOGS[lang][key]) <= params, key


def test_the_leader_wording_exists_exactly_where_the_domain_says_it_differs():
    leader_keys = {k for k in CATALOGS["id"] if k.startswith("peer.leader.")}
    expected = {f"peer.leader.{code}.panduan.{n}" for code, n in LEADER_WORDED}
    assert leader_keys == expected
    for value in BERAKHLAK:
        for relation in Relation:
            assert all(key in CATALOGS["id"] for key in panduan_keys(value, relation))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_value_prompt_shows_the_panduan_of_its_relation(lang):
    for value in BERAKHLAK:
        for relation in Relation:
            prompt = t(lang, value_prompt_key(value, relation), name="Budi")
            for key in panduan_keys(value, relation):
                assert CATALOGS[lang][key] in prompt
            assert CATALOGS[lang][value.name_key] in prompt


def test_upward_prompts_use_the_leader_wording_and_peer_prompts_do_not():
    kompeten = next(v for v in BERAKHLAK if v.code == "kompeten")
    peer = t("id", value_prompt_key(kompeten, Relation.PEER), name="x")
    upward = t("id", value_prompt_key(kompeten, Relation.UPWARD), name="x")
    assert "Membantu orang lain belajar" in peer
    assert "Membantu orang lain belajar" not in upward
    assert "Membimbing bawahan" in upward


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_who_sees_what_notice_is_filled_from_its_params(lang):
    notice = who_sees_what(min_raters=3, deadline=datetime(2026, 4, 10, 16, tzinfo=UTC))
    assert placeholders(CATALOGS[lang][notice.key]) == set(notice.params)
    assert re.search(r"\b3\b", t(lang, notice.key, **notice.params))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shortfall_texts_use_only_the_shortfalls_fields(lang):
    available = {f.name for f in fields(Shortfall)}
    for reason in ShortfallReason:
        assert placeholders(CATALOGS[lang][reason.text_key]) <= available


def test_not_enough_raters_has_a_text():
    assert t("id", NOT_ENOUGH_RATERS) == "belum cukup penilai"
