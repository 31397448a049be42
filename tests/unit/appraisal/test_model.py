"""The appraisal of one employee, BerAKHLAK, the SKP import and the pola distribusi check."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.appraisal import texts
from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.distribution import (
    DEFAULT_DISTRIBUTION_RULES,
    DistributionRules,
    OrganisationPredikat,
    check_distribution,
)
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem, SkpKind, parse_skp
from domain.errors import (
    ImportRejected,
    InvalidTransition,
    InvalidValue,
    PeriodNotOpen,
    PermissionDenied,
    RowError,
)

WIB = ZoneInfo("Asia/Jakarta")
EMPLOYEE = "199608182022041001"
SUPERVISOR = "198001012005011002"  # pejabat penilai kinerja
ATASAN = "197005052000031003"  # atasan pejabat penilai kinerja
STRANGER = "198502022010012004"
T0 = datetime(2027, 4, 1, 9, 0, tzinfo=WIB)

RATINGS = {"12": Rating.SESUAI, "berakhlak:akuntabel": Rating.DI_ATAS}
REALISATIONS = {"12": "Dua dokumen laporan selesai"}
REASON = "Capaian RHK utama saya sudah sesuai target."


def fresh() -> Appraisal:
    return Appraisal(period_id=1, employee_nip=EMPLOYEE)


def submitted() -> Appraisal:
    return fresh().submit_self_assessment(
        by_nip=EMPLOYEE, ratings=RATINGS, realisations=REALISATIONS, now=T0
    )


def assessed(
    base: Appraisal | None = None,
    hasil: Rating = Rating.SESUAI,
    perilaku: Rating = Rating.DI_BAWAH,
    at: datetime = T0 + timedelta(days=2),
) -> Appraisal:
    return (base or submitted()).assess(
        hasil=hasil,
        perilaku=perilaku,
        feedback="Tingkatkan kerja sama tim.",
        by_nip=SUPERVISOR,
        supervisor_nip=SUPERVISOR,
        now=at,
    )


def objected(base: Appraisal | None = None) -> Appraisal:
    return (base or assessed()).object(
        by_nip=EMPLOYEE, reason=REASON, now=T0 + timedelta(days=3), deadline=T0 + timedelta(days=7)
    )


def decide(appraisal: Appraisal, **overrides: Any) -> Appraisal:
    arguments: dict[str, Any] = {
        "by_nip": ATASAN,
        "atasan_nip": ATASAN,
        "keep": True,
        "reason": "Bukti dukung tidak menunjukkan kerja sama.",
        "now": T0 + timedelta(days=10),
    }
    arguments.update(overrides)
    return appraisal.decide(**arguments)


# --- self-assessment --------------------------------------------------------------------------


def test_a_new_appraisal_has_not_started_and_has_no_history():
    appraisal = fresh()
    assert appraisal.status is AppraisalStatus.NOT_STARTED
    assert appraisal.audit == ()
    assert appraisal.predikat is None


def test_the_employee_begins_a_self_assessment():
    started = fresh().begin_self_assessment(by_nip=EMPLOYEE, now=T0)
    assert started.status is AppraisalStatus.IN_PROGRESS
    assert [entry.action for entry in started.audit] == ["self_assessment_started"]


def test_beginning_again_while_in_progress_changes_nothing():
    started = fresh().begin_self_assessment(by_nip=EMPLOYEE, now=T0)
    assert started.begin_self_assessment(by_nip=EMPLOYEE, now=T0) is started


def test_beginning_after_submitting_is_refused():
    with pytest.raises(InvalidTransition) as error:
        submitted().begin_self_assessment(by_nip=EMPLOYEE, now=T0)
    assert error.value.params == {"current": "submitted", "target": "in_progress"}


def test_nobody_else_may_begin_or_submit_an_employees_self_assessment():
    with pytest.raises(PermissionDenied) as begin:
        fresh().begin_self_assessment(by_nip=SUPERVISOR, now=T0)
    assert begin.value.reason == "not_owner"
    with pytest.raises(PermissionDenied):
        fresh().submit_self_assessment(by_nip=SUPERVISOR, ratings=RATINGS, realisations={}, now=T0)


def test_submitting_records_the_self_ratings_and_realisations_as_masukan():
    appraisal = submitted()
    assert appraisal.status is AppraisalStatus.SUBMITTED
    assert dict(appraisal.self_ratings) == RATINGS
    assert dict(appraisal.realisations) == REALISATIONS
    assert appraisal.hasil is None  # the official rating stays the pejabat penilai's
    assert appraisal.audit[-1].action == "self_assessment_submitted"
    assert appraisal.audit[-1].actor == EMPLOYEE


def test_a_submitted_self_assessment_may_be_replaced_until_it_is_assessed():
    again = submitted().submit_self_assessment(
        by_nip=EMPLOYEE, ratings={"12": Rating.DI_ATAS}, realisations={}, now=T0
    )
    assert dict(again.self_ratings) == {"12": Rating.DI_ATAS}
    assert again.audit[-1].action == "self_assessment_resubmitted"
    with pytest.raises(InvalidTransition):
        assessed().submit_self_assessment(by_nip=EMPLOYEE, ratings=RATINGS, realisations={}, now=T0)


def test_a_self_assessment_without_ratings_is_refused():
    with pytest.raises(InvalidValue) as error:
        fresh().submit_self_assessment(by_nip=EMPLOYEE, ratings={}, realisations={}, now=T0)
    assert error.value.params["field"] == "self_ratings"


@pytest.mark.parametrize("key", ["berakhlak:jujur", "berakhlak:", "rhk-1", "", "berakhlak"])
def test_self_ratings_are_keyed_by_an_skp_item_id_or_a_berakhlak_value(key):
    with pytest.raises(InvalidValue) as error:
        fresh().submit_self_assessment(
            by_nip=EMPLOYEE, ratings={key: Rating.SESUAI}, realisations={}, now=T0
        )
    assert error.value.reason == "unknown_key"


def test_every_berakhlak_value_can_be_self_rated():
    ratings = {value.rating_key: Rating.SESUAI for value in BERAKHLAK}
    appraisal = fresh().submit_self_assessment(
        by_nip=EMPLOYEE, ratings=ratings, realisations={}, now=T0
    )
    assert len(appraisal.self_ratings) == 7


def test_realisations_belong_to_skp_items_and_have_a_length_limit():
    with pytest.raises(InvalidValue) as wrong_key:
        fresh().submit_self_assessment(
            by_nip=EMPLOYEE,
            ratings=RATINGS,
            realisations={"berakhlak:loyal": "teks"},
            now=T0,
        )
    assert wrong_key.value.params["field"] == "realisations"
    with pytest.raises(InvalidValue) as too_long:
        fresh().submit_self_assessment(
            by_nip=EMPLOYEE, ratings=RATINGS, realisations={"12": "x" * 1001}, now=T0
        )
    assert too_long.value.reason == "too_long"


def test_a_naive_timestamp_is_a_programming_error():
    with pytest.raises(ValueError, match="timezone-aware"):
        fresh().begin_self_assessment(by_nip=EMPLOYEE, now=datetime(2027, 4, 1))


# --- supervisor assessment --------------------------------------------------------------------


def test_the_pejabat_penilai_assesses_and_the_predikat_follows_the_matrix():
    appraisal = assessed(hasil=Rating.SESUAI, perilaku=Rating.DI_BAWAH)
    assert appraisal.status is AppraisalStatus.ASSESSED
    assert (appraisal.hasil, appraisal.perilaku) == (Rating.SESUAI, Rating.DI_BAWAH)
    assert appraisal.predikat is Predikat.KURANG
    assert appraisal.assessed_by == SUPERVISOR
    assert appraisal.assessed_at == T0 + timedelta(days=2)
    assert appraisal.feedback == "Tingkatkan kerja sama tim."


def test_only_the_employees_pejabat_penilai_may_assess():
    with pytest.raises(PermissionDenied) as error:
        submitted().assess(
            hasil=Rating.DI_ATAS,
            perilaku=Rating.DI_ATAS,
            feedback=None,
            by_nip=STRANGER,
            supervisor_nip=SUPERVISOR,
            now=T0,
        )
    assert error.value.reason == "not_pejabat_penilai"


def test_an_employee_cannot_assess_themself_even_if_recorded_as_their_own_supervisor():
    with pytest.raises(PermissionDenied) as error:
        submitted().assess(
            hasil=Rating.DI_ATAS,
            perilaku=Rating.DI_ATAS,
            feedback=None,
            by_nip=EMPLOYEE,
            supervisor_nip=EMPLOYEE,
            now=T0,
        )
    assert error.value.reason == "own_appraisal"


@pytest.mark.parametrize(
    "base",
    [fresh(), fresh().begin_self_assessment(by_nip=EMPLOYEE, now=T0)],
    ids=["not_started", "in_progress"],
)
def test_the_pejabat_penilai_may_assess_without_a_self_assessment(base):
    appraisal = assessed(base)
    assert appraisal.status is AppraisalStatus.ASSESSED
    assert appraisal.audit[-1].details["self_assessment"] == "missing"


def test_the_pejabat_penilai_may_correct_an_assessment_before_the_employee_responds():
    corrected = assessed(
        assessed(), hasil=Rating.DI_ATAS, perilaku=Rating.DI_ATAS, at=T0 + timedelta(days=4)
    )
    assert corrected.predikat is Predikat.SANGAT_BAIK
    assert corrected.assessed_at == T0 + timedelta(days=4)
    assert corrected.audit[-1].action == "reassessed"


@pytest.mark.parametrize(
    "responded",
    [
        assessed().acknowledge(by_nip=EMPLOYEE, now=T0 + timedelta(days=3)),
        objected(),
    ],
    ids=["acknowledged", "objected"],
)
def test_an_assessment_cannot_be_changed_after_the_employee_responded(responded):
    with pytest.raises(InvalidTransition) as error:
        assessed(responded)
    assert error.value.params["target"] == "assessed"


def test_blank_feedback_is_stored_as_none_and_overlong_feedback_is_refused():
    blank = submitted().assess(
        hasil=Rating.SESUAI,
        perilaku=Rating.SESUAI,
        feedback="   ",
        by_nip=SUPERVISOR,
        supervisor_nip=SUPERVISOR,
        now=T0,
    )
    assert blank.feedback is None
    with pytest.raises(InvalidValue) as error:
        submitted().assess(
            hasil=Rating.SESUAI,
            perilaku=Rating.SESUAI,
            feedback="x" * 2001,
            by_nip=SUPERVISOR,
            supervisor_nip=SUPERVISOR,
            now=T0,
        )
    assert error.value.params["field"] == "feedback"


# --- acknowledgement and objection ------------------------------------------------------------


def test_the_employee_acknowledges_an_assessment():
    appraisal = assessed().acknowledge(by_nip=EMPLOYEE, now=T0 + timedelta(days=3))
    assert appraisal.status is AppraisalStatus.ACKNOWLEDGED
    assert appraisal.acknowledged_at == T0 + timedelta(days=3)


def test_only_the_employee_may_acknowledge_and_only_an_assessed_appraisal():
    with pytest.raises(PermissionDenied):
        assessed().acknowledge(by_nip=SUPERVISOR, now=T0)
    with pytest.raises(InvalidTransition):
        submitted().acknowledge(by_nip=EMPLOYEE, now=T0)


def test_the_employee_objects_within_the_window():
    appraisal = objected()
    assert appraisal.status is AppraisalStatus.OBJECTED
    assert appraisal.objection is not None
    assert appraisal.objection.reason == REASON
    assert appraisal.objection.filed_at == T0 + timedelta(days=3)


def test_acknowledging_does_not_waive_the_right_to_object():
    acknowledged = assessed().acknowledge(by_nip=EMPLOYEE, now=T0 + timedelta(days=3))
    assert objected(acknowledged).status is AppraisalStatus.OBJECTED


def test_an_objection_at_the_last_instant_of_the_window_is_accepted_and_one_later_refused():
    period = AppraisalPeriod(
        id=1,
        name="Triwulan I 2027",
        kind=PeriodKind.QUARTERLY,
        start=date(2027, 1, 1),
        end=date(2027, 3, 31),
        self_due=date(2027, 4, 5),
        peer_due=date(2027, 4, 5),
        review_due=date(2027, 4, 15),
        status=PeriodStatus.OPEN,
    )
    appraisal = assessed()
    assert appraisal.assessed_at is not None
    deadline = period.objection_deadline(appraisal.assessed_at, WIB)
    assert deadline == datetime(2027, 4, 8, 23, 59, 59, 999999, tzinfo=WIB)
    on_time = appraisal.object(by_nip=EMPLOYEE, reason=REASON, now=deadline, deadline=deadline)
    assert on_time.status is AppraisalStatus.OBJECTED
    with pytest.raises(PeriodNotOpen) as error:
        appraisal.object(
            by_nip=EMPLOYEE,
            reason=REASON,
            now=deadline + timedelta(microseconds=1),
            deadline=deadline,
        )
    assert error.value.reason == "objection_window_closed"


@pytest.mark.parametrize(
    ("reason", "accepted"),
    [("x" * 9, False), ("x" * 10, True), ("x" * 1000, True), ("x" * 1001, False), ("  ", False)],
    ids=["9", "10", "1000", "1001", "blank"],
)
def test_an_objection_reason_has_10_to_1000_characters(reason, accepted):
    def file() -> Appraisal:
        return assessed().object(
            by_nip=EMPLOYEE, reason=reason, now=T0 + timedelta(days=3), deadline=T0 + timedelta(7)
        )

    if accepted:
        assert file().objection is not None
    else:
        with pytest.raises(InvalidValue) as error:
            file()
        assert error.value.params["field"] == "reason"


def test_only_the_employee_may_object_once_and_only_after_assessment():
    deadline = T0 + timedelta(days=7)
    with pytest.raises(PermissionDenied):
        assessed().object(by_nip=SUPERVISOR, reason=REASON, now=T0, deadline=deadline)
    with pytest.raises(InvalidTransition):
        submitted().object(by_nip=EMPLOYEE, reason=REASON, now=T0, deadline=deadline)
    with pytest.raises(InvalidTransition):
        objected().object(by_nip=EMPLOYEE, reason=REASON, now=T0, deadline=deadline)


# --- the atasan's final decision --------------------------------------------------------------


def test_the_atasan_keeps_the_ratings_and_the_appraisal_is_decided():
    decided = decide(objected(), keep=True)
    assert decided.status is AppraisalStatus.DECIDED
    assert decided.predikat is Predikat.KURANG
    assert decided.decision is not None
    assert decided.decision.keep
    assert decided.decision.by_nip == ATASAN


def test_the_atasan_changes_the_ratings_and_the_predikat_is_recomputed():
    decided = decide(objected(), keep=False, new_hasil=Rating.SESUAI, new_perilaku=Rating.SESUAI)
    assert (decided.hasil, decided.perilaku) == (Rating.SESUAI, Rating.SESUAI)
    assert decided.predikat is Predikat.BAIK
    details = decided.audit[-1].details
    assert details["previous_predikat"] == "kurang"
    assert details["predikat"] == "baik"
    assert details["keep"] == "no"


@pytest.mark.parametrize("decider", [SUPERVISOR, STRANGER])
def test_only_the_atasan_pejabat_penilai_may_decide(decider):
    with pytest.raises(PermissionDenied) as error:
        decide(objected(), by_nip=decider)
    assert error.value.reason == "not_atasan_pejabat_penilai"


def test_the_employee_cannot_decide_their_own_objection():
    with pytest.raises(PermissionDenied) as error:
        decide(objected(), by_nip=EMPLOYEE, atasan_nip=EMPLOYEE)
    assert error.value.reason == "own_appraisal"


def test_a_decision_must_be_consistent_with_keep():
    with pytest.raises(InvalidValue) as extra:
        decide(objected(), keep=True, new_hasil=Rating.DI_ATAS)
    assert extra.value.reason == "unexpected"
    with pytest.raises(InvalidValue) as missing:
        decide(objected(), keep=False, new_hasil=Rating.DI_ATAS)
    assert missing.value.params["field"] == "new_perilaku"
    with pytest.raises(InvalidValue) as same:
        decide(objected(), keep=False, new_hasil=Rating.SESUAI, new_perilaku=Rating.DI_BAWAH)
    assert same.value.reason == "unchanged"


def test_a_decision_needs_a_reason_of_at_least_10_characters():
    with pytest.raises(InvalidValue) as error:
        decide(objected(), reason="Tetap.")
    assert error.value.params["field"] == "reason"


@pytest.mark.parametrize(
    "appraisal",
    [fresh(), submitted(), assessed(), assessed().acknowledge(by_nip=EMPLOYEE, now=T0)],
    ids=["not_started", "submitted", "assessed", "acknowledged"],
)
def test_only_an_objected_appraisal_can_be_decided(appraisal):
    with pytest.raises(InvalidTransition) as error:
        decide(appraisal)
    assert error.value.params["target"] == "decided"


def test_a_decided_appraisal_never_changes_again():
    decided = decide(objected())
    deadline = T0 + timedelta(days=30)
    attempts = [
        lambda: decide(decided),
        lambda: decided.object(by_nip=EMPLOYEE, reason=REASON, now=T0, deadline=deadline),
        lambda: decided.acknowledge(by_nip=EMPLOYEE, now=T0),
        lambda: assessed(decided),
        lambda: decided.submit_self_assessment(
            by_nip=EMPLOYEE, ratings=RATINGS, realisations={}, now=T0
        ),
        lambda: decided.begin_self_assessment(by_nip=EMPLOYEE, now=T0),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidTransition) as error:
            attempt()
        assert error.value.params["current"] == "decided"


def test_the_audit_trail_records_every_step_with_actor_and_time():
    decided = decide(objected(assessed(fresh().begin_self_assessment(by_nip=EMPLOYEE, now=T0))))
    trail = [(entry.action, entry.actor, entry.at) for entry in decided.audit]
    assert trail == [
        ("self_assessment_started", EMPLOYEE, T0),
        ("assessed", SUPERVISOR, T0 + timedelta(days=2)),
        ("objected", EMPLOYEE, T0 + timedelta(days=3)),
        ("objection_decided", ATASAN, T0 + timedelta(days=10)),
    ]
    assert decided.audit[1].details["predikat"] == "kurang"
    assert decided.audit[2].details["reason"] == REASON


def test_an_operation_leaves_the_original_aggregate_unchanged():
    before = submitted()
    assessed(before)
    assert before.status is AppraisalStatus.SUBMITTED
    assert len(before.audit) == 1


# --- BerAKHLAK ---------------------------------------------------------------------------------


def test_berakhlak_has_the_seven_values_in_the_order_of_the_acronym():
    assert [value.code for value in BERAKHLAK] == [
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ]


def test_each_berakhlak_value_has_a_name_a_meaning_and_three_panduan():
    loyal = BERAKHLAK[4]
    assert loyal.name_key == "berakhlak.loyal.name"
    assert loyal.meaning_key == "berakhlak.loyal.meaning"
    assert loyal.panduan_keys == (
        "berakhlak.loyal.panduan.1",
        "berakhlak.loyal.panduan.2",
        "berakhlak.loyal.panduan.3",
    )
    assert loyal.rating_key == "berakhlak:loyal"


def test_the_panduan_perilaku_read_as_printed_in_skp_forms():
    assert texts.ID["berakhlak.berorientasi_pelayanan.panduan.2"] == (
        "Ramah, cekatan, solutif, dan dapat diandalkan"
    )
    assert texts.ID["berakhlak.kolaboratif.panduan.3"] == (
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"
    )


def domain_text_keys() -> set[str]:
    keys = {item.text_key for enum in (Rating, Predikat, AppraisalStatus) for item in enum}
    keys |= {item.text_key for enum in (OrganisationPredikat, SkpKind) for item in enum}
    keys |= {item.text_key for enum in (PeriodKind, PeriodStatus) for item in enum}
    for value in BERAKHLAK:
        keys |= {value.name_key, value.meaning_key, *value.panduan_keys}
    for org in OrganisationPredikat:
        keys |= {limit.text_key for limit in DEFAULT_DISTRIBUTION_RULES.limits_for(org)}
    return keys


def test_every_text_key_the_domain_names_exists_in_both_languages_and_no_other():
    assert set(texts.ID) == domain_text_keys()
    assert set(texts.EN) == domain_text_keys()


# --- pola distribusi ---------------------------------------------------------------------------

SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)


def broken(counts: Mapping[Predikat, int], org: OrganisationPredikat) -> list[str]:
    return [warning.rule for warning in check_distribution(counts, org)]


@pytest.mark.parametrize("org", list(OrganisationPredikat))
def test_an_empty_unit_gets_no_warnings(org):
    assert check_distribution({}, org) == []
    assert check_distribution({SB: 0, B: 0}, org) == []


def test_istimewa_allows_up_to_70_percent_sangat_baik():
    assert broken({SB: 7, B: 2, SK: 1}, OrganisationPredikat.ISTIMEWA) == []
    assert broken({SB: 8, B: 2}, OrganisationPredikat.ISTIMEWA) == ["istimewa.sangat_baik_max"]


def test_baik_allows_up_to_70_percent_baik_and_needs_butuh_perbaikan_or_kurang():
    assert broken({SB: 1, B: 7, BP: 2}, OrganisationPredikat.BAIK) == []
    assert broken({B: 7, K: 1, SK: 2}, OrganisationPredikat.BAIK) == []
    assert broken({B: 8, SB: 2}, OrganisationPredikat.BAIK) == [
        "baik.baik_max",
        "baik.needs_butuh_perbaikan_or_kurang",
    ]
    assert broken({B: 5, SB: 5}, OrganisationPredikat.BAIK) == [
        "baik.needs_butuh_perbaikan_or_kurang"
    ]


def test_butuh_perbaikan_needs_60_percent_butuh_perbaikan_and_at_most_10_percent_sangat_baik():
    assert broken({BP: 6, SB: 1, B: 2, SK: 1}, OrganisationPredikat.BUTUH_PERBAIKAN) == []
    assert broken({BP: 5, SB: 2, B: 3}, OrganisationPredikat.BUTUH_PERBAIKAN) == [
        "butuh_perbaikan.butuh_perbaikan_min",
        "butuh_perbaikan.sangat_baik_max",
    ]


def test_kurang_needs_60_percent_kurang_10_percent_butuh_perbaikan_at_most_10_sangat_baik():
    assert broken({K: 6, BP: 1, SB: 1, B: 2}, OrganisationPredikat.KURANG) == []
    assert broken({K: 5, SB: 2, SK: 3}, OrganisationPredikat.KURANG) == [
        "kurang.kurang_min",
        "kurang.butuh_perbaikan_min",
        "kurang.sangat_baik_max",
    ]


def test_sangat_kurang_needs_60_percent_sangat_kurang_10_kurang_or_bp_and_no_sangat_baik():
    assert broken({SK: 6, K: 1, B: 3}, OrganisationPredikat.SANGAT_KURANG) == []
    # "Kurang/Misconduct and/or Butuh Perbaikan": 5% + 5% together make the 10%.
    assert broken({SK: 12, K: 1, BP: 1, B: 6}, OrganisationPredikat.SANGAT_KURANG) == []
    assert broken({SK: 5, SB: 1, B: 4}, OrganisationPredikat.SANGAT_KURANG) == [
        "sangat_kurang.sangat_kurang_min",
        "sangat_kurang.kurang_or_butuh_perbaikan_min",
        "sangat_kurang.sangat_baik_max",
    ]


def test_a_warning_names_the_actual_and_allowed_percentages():
    (warning,) = check_distribution({SB: 8, B: 3}, OrganisationPredikat.ISTIMEWA)
    assert warning.text_key == "appraisal.distribution.istimewa.sangat_baik_max"
    assert warning.allowed_percent == 70
    assert warning.actual_percent == Decimal("72.8")  # 72.72...% rounded up, away from 70
    assert warning.params == {"actual": Decimal("72.8"), "allowed": 70, "count": 8, "total": 11}
    assert warning.organisation is OrganisationPredikat.ISTIMEWA


def test_the_shown_percentage_never_seems_to_satisfy_the_broken_limit():
    (over,) = check_distribution({SB: 7001, B: 2999}, OrganisationPredikat.ISTIMEWA)
    assert over.actual_percent == Decimal("70.1")
    under = check_distribution({BP: 5999, B: 4001}, OrganisationPredikat.BUTUH_PERBAIKAN)
    assert under[0].actual_percent == Decimal("59.9")


def test_exactly_at_the_limit_is_not_a_warning():
    assert broken({SB: 70, B: 30}, OrganisationPredikat.ISTIMEWA) == []
    assert broken({BP: 60, B: 40}, OrganisationPredikat.BUTUH_PERBAIKAN) == []


def test_the_percentages_are_configurable():
    strict = DistributionRules(istimewa_sangat_baik_max=50)
    counts = {SB: 6, B: 4}
    assert check_distribution(counts, OrganisationPredikat.ISTIMEWA) == []
    assert [w.rule for w in check_distribution(counts, OrganisationPredikat.ISTIMEWA, strict)] == [
        "istimewa.sangat_baik_max"
    ]
    lenient = DistributionRules(baik_needs_butuh_perbaikan_or_kurang=False)
    assert check_distribution({B: 5, SB: 5}, OrganisationPredikat.BAIK, lenient) == []


def test_a_percentage_outside_0_to_100_is_refused():
    with pytest.raises(InvalidValue) as error:
        DistributionRules(kurang_kurang_min=101)
    assert error.value.params["field"] == "kurang_kurang_min"


def test_negative_counts_are_refused():
    with pytest.raises(InvalidValue):
        check_distribution({SB: -1, B: 3}, OrganisationPredikat.ISTIMEWA)


# --- SKP import --------------------------------------------------------------------------------

HEADER = ("nip", "year", "kind", "rhk", "indicator", "target")
KNOWN = frozenset({EMPLOYEE, SUPERVISOR})
BOUNDS = (2026, 2028)


@dataclass
class FakeTable:
    header: Sequence[str]
    rows: list[Mapping[str, str]]

    def __iter__(self) -> Iterator[tuple[int, Mapping[str, str]]]:
        return iter(enumerate(self.rows, start=2))


def row(**overrides: str) -> dict[str, str]:
    values = {
        "nip": EMPLOYEE,
        "year": "2027",
        "kind": "utama",
        "rhk": "Tersusunnya laporan kinerja",
        "indicator": "Jumlah laporan yang tersusun",
        "target": "4 Dokumen",
    }
    values.update(overrides)
    return values


def rejected(table: FakeTable) -> list[RowError]:
    with pytest.raises(ImportRejected) as error:
        parse_skp(table, known_nips=KNOWN, year_bounds=BOUNDS)
    assert error.value.params["count"] == len(error.value.errors)
    return list(error.value.errors)


def test_valid_skp_rows_become_items():
    table = FakeTable(
        HEADER,
        [row(), row(nip=SUPERVISOR, kind="Tambahan", rhk="Terlaksananya sosialisasi")],
    )
    items = parse_skp(table, known_nips=KNOWN, year_bounds=BOUNDS)
    assert items == [
        SkpItem(
            None,
            EMPLOYEE,
            2027,
            SkpKind.UTAMA,
            "Tersusunnya laporan kinerja",
            "Jumlah laporan yang tersusun",
            "4 Dokumen",
        ),
        SkpItem(
            None,
            SUPERVISOR,
            2027,
            SkpKind.TAMBAHAN,
            "Terlaksananya sosialisasi",
            "Jumlah laporan yang tersusun",
            "4 Dokumen",
        ),
    ]


def test_printed_nips_and_header_case_and_spaces_are_tolerated():
    table = FakeTable(
        ["NIP", " Year ", "Kind", "RHK", "Indicator", "Target", "catatan"],
        [
            {
                "NIP": "19960818 202204 1 001",
                " Year ": " 2027 ",
                "Kind": "UTAMA",
                "RHK": " Tersusunnya laporan ",
                "Indicator": "Jumlah laporan",
                "Target": "4 Dokumen",
                "catatan": "diabaikan",
            }
        ],
    )
    (item,) = parse_skp(table, known_nips=KNOWN, year_bounds=BOUNDS)
    assert item.employee_nip == EMPLOYEE
    assert item.rhk == "Tersusunnya laporan"


def test_missing_columns_are_reported_on_the_header_line():
    errors = rejected(FakeTable(("nip", "year", "rhk"), [row()]))
    assert [(e.line, e.field, e.reason) for e in errors] == [
        (1, "kind", "missing_column"),
        (1, "indicator", "missing_column"),
        (1, "target", "missing_column"),
    ]


def test_every_error_of_every_row_is_collected_with_its_line():
    table = FakeTable(
        HEADER,
        [
            row(),
            row(nip="12345", year="20x7", kind="pokok"),
            row(nip="199001012015011009", year="2030", rhk="", target="x" * 121),
            row(indicator="y" * 501, rhk="z" * 501),
            row(nip="", year="", kind=""),
        ],
    )
    found = {(e.line, e.field, e.reason) for e in rejected(table)}
    assert found == {
        (3, "nip", "format"),
        (3, "year", "not_a_number"),
        (3, "kind", "unknown_option"),
        (4, "nip", "unknown_nip"),
        (4, "year", "out_of_range"),
        (4, "rhk", "required"),
        (4, "target", "too_long"),
        (5, "rhk", "too_long"),
        (5, "indicator", "too_long"),
        (6, "nip", "required"),
        (6, "year", "required"),
        (6, "kind", "required"),
    }


def test_text_limits_are_500_500_and_120_characters():
    table = FakeTable(HEADER, [row(rhk="r" * 500, indicator="i" * 500, target="t" * 120)])
    assert parse_skp(table, known_nips=KNOWN, year_bounds=BOUNDS)


def test_year_bounds_are_inclusive():
    table = FakeTable(HEADER, [row(year="2026"), row(year="2028", rhk="Lain")])
    assert [item.year for item in parse_skp(table, known_nips=KNOWN, year_bounds=BOUNDS)] == [
        2026,
        2028,
    ]


def test_a_duplicate_rhk_and_indicator_for_the_same_employee_and_year_is_an_error():
    table = FakeTable(
        HEADER,
        [
            row(),
            row(year="2028"),  # another year: fine
            row(nip=SUPERVISOR),  # another employee: fine
            row(rhk="tersusunnya  LAPORAN kinerja", target="5 Dokumen"),
        ],
    )
    (error,) = rejected(table)
    assert (error.line, error.field, error.reason) == (5, "rhk", "duplicate")
    assert error.params == {"first_line": 2}


def test_a_file_with_a_header_only_imports_nothing():
    assert parse_skp(FakeTable(HEADER, []), known_nips=KNOWN, year_bounds=BOUNDS) == []
