"""The default recommendation catalogue and an admin's CSV."""

from __future__ import annotations

import pytest

from domain.appraisal.berakhlak import BERAKHLAK_CODES
from domain.errors import ImportRejected
from domain.org.csvimport import read_csv
from domain.peer.catalogue import DEFAULT_CATALOGUE, TITLE_MAX_LENGTH, parse_catalogue
from domain.peer.development import Recommendation, RecommendationKind

HEADER = "value_code,kind,title_id,title_en\n"


def test_the_default_catalogue_has_a_training_an_activity_and_mentoring_for_every_value():
    for code in BERAKHLAK_CODES:
        items = DEFAULT_CATALOGUE.for_value(code)
        assert sorted(item.kind for item in items) == sorted(RecommendationKind)
        for item in items:
            assert item.title_id
            assert item.title_en
            assert item.title_id != item.title_en
            assert len(item.title_id) <= TITLE_MAX_LENGTH


def test_a_recommendation_is_titled_in_the_readers_language():
    item = DEFAULT_CATALOGUE.for_value("berorientasi_pelayanan")[0]
    assert item.title("id") == "Pelatihan Pelayanan Prima"
    assert item.title("en").startswith("Service excellence")


def test_an_admins_catalogue_replaces_the_default():
    text = HEADER + (
        "kompeten,pelatihan,Diklat teknis  analis,Technical course for analysts\n"
        "loyal,ACTIVITY,Upacara bendera,Flag ceremony\n"
    )
    assert parse_catalogue(read_csv(text)).items == (
        Recommendation(
            "kompeten",
            RecommendationKind.PELATIHAN,
            "Diklat teknis analis",
            "Technical course for analysts",
        ),
        Recommendation("loyal", RecommendationKind.KEGIATAN, "Upacara bendera", "Flag ceremony"),
    )


def test_every_bad_row_is_reported_and_nothing_is_imported():
    text = HEADER + (
        "jujur,pelatihan,A,B\n"  # 2: unknown value
        "kompeten,kursus,A,B\n"  # 3: unknown kind
        "kompeten,pelatihan,,B\n"  # 4: no title
        f"kompeten,pelatihan,{'x' * 201},B\n"  # 5: too long
        "kompeten,mentoring,Sama,B\n"  # 6
        "kompeten,kegiatan,SAMA,C\n"  # 7: same value and title as line 6
        "kompeten,,A,\n"  # 8: no kind, no English title
    )
    with pytest.raises(ImportRejected) as rejected:
        parse_catalogue(read_csv(text))
    assert [(e.line, e.field, e.reason) for e in rejected.value.errors] == [
        (2, "value_code", "unknown_option"),
        (3, "kind", "unknown_option"),
        (4, "title_id", "required"),
        (5, "title_id", "too_long"),
        (7, "title_id", "duplicate"),
        (8, "kind", "required"),
        (8, "title_en", "required"),
    ]


def test_an_empty_catalogue_is_refused():
    with pytest.raises(ImportRejected) as rejected:
        parse_catalogue(read_csv(HEADER))
    assert [e.reason for e in rejected.value.errors] == ["empty"]
