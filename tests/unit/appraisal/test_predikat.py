"""The predikat kinerja matrix of PermenPANRB 6/2022 (reference §2.5), cell by cell."""

from __future__ import annotations

import pytest

from domain.appraisal.predikat import Predikat, Rating, predikat_kinerja

ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


def test_hasil_di_atas_and_perilaku_di_atas_is_sangat_baik():
    assert predikat_kinerja(ATAS, ATAS) is Predikat.SANGAT_BAIK


def test_hasil_di_atas_and_perilaku_sesuai_is_baik():
    assert predikat_kinerja(ATAS, SESUAI) is Predikat.BAIK


def test_hasil_di_atas_and_perilaku_di_bawah_is_kurang_misconduct():
    # The cell the arithmetic shortcut in the reference's warning gets wrong (Butuh Perbaikan).
    assert predikat_kinerja(ATAS, BAWAH) is Predikat.KURANG


def test_hasil_sesuai_and_perilaku_di_atas_is_baik():
    assert predikat_kinerja(SESUAI, ATAS) is Predikat.BAIK


def test_hasil_sesuai_and_perilaku_sesuai_is_baik():
    assert predikat_kinerja(SESUAI, SESUAI) is Predikat.BAIK


def test_hasil_sesuai_and_perilaku_di_bawah_is_kurang_misconduct():
    # Also wrong in the arithmetic shortcut.
    assert predikat_kinerja(SESUAI, BAWAH) is Predikat.KURANG


def test_hasil_di_bawah_and_perilaku_di_atas_is_butuh_perbaikan():
    assert predikat_kinerja(BAWAH, ATAS) is Predikat.BUTUH_PERBAIKAN


def test_hasil_di_bawah_and_perilaku_sesuai_is_butuh_perbaikan():
    assert predikat_kinerja(BAWAH, SESUAI) is Predikat.BUTUH_PERBAIKAN


def test_hasil_di_bawah_and_perilaku_di_bawah_is_sangat_kurang():
    assert predikat_kinerja(BAWAH, BAWAH) is Predikat.SANGAT_KURANG


def test_sangat_baik_needs_both_ratings_di_atas():
    sangat_baik = [
        (hasil, perilaku)
        for hasil in Rating
        for perilaku in Rating
        if predikat_kinerja(hasil, perilaku) is Predikat.SANGAT_BAIK
    ]
    assert sangat_baik == [(ATAS, ATAS)]


@pytest.mark.parametrize("hasil", list(Rating))
def test_perilaku_di_bawah_never_gives_better_than_kurang(hasil):
    assert predikat_kinerja(hasil, BAWAH) in {Predikat.KURANG, Predikat.SANGAT_KURANG}


def test_ratings_given_as_stored_text_values_are_accepted():
    assert predikat_kinerja(Rating("di_atas"), Rating("di_bawah")) is Predikat.KURANG


def test_rating_and_predikat_text_keys_follow_the_appraisal_namespace():
    assert Rating.SESUAI.text_key == "appraisal.rating.sesuai"
    assert Predikat.KURANG.text_key == "appraisal.predikat.kurang"
