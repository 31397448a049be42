"""The organisation model and the admin's CSV imports (units, employees, public services)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ImportRejected, InvalidValue, RowError
from domain.org.csvimport import (
    MAX_DATA_ROWS,
    MAX_LINE_CHARS,
    CsvTable,
    parse_employees,
    parse_services,
    parse_units,
    read_csv,
    read_csv_bytes,
)
from domain.org.nip import Nip
from domain.org.structure import (
    SUPPORTED_TIMEZONES,
    Employee,
    PositionKind,
    PublicService,
    Unit,
    effective_timezone,
    find_supervisor_cycles,
    find_unit_cycles,
    normalise_code,
    normalise_name,
    normalise_timezone,
)

TODAY = date(2026, 11, 27)
DEMO = Path(__file__).resolve().parents[3] / "bot" / "demo"

SEKDA = "196711101992031001"
KADIS = "197511021997081001"
KABID = "198004172005012003"
STAFF = "199608182022042001"
PPPK = "199105092024212001"
EMPLOYEE_HEADER = "nip,name,position,position_kind,unit_code,supervisor_nip"


def rejected(action: Callable[[], object]) -> list[RowError]:
    with pytest.raises(ImportRejected) as caught:
        action()
    assert caught.value.params["count"] == len(caught.value.errors)
    return list(caught.value.errors)


def summary(errors: list[RowError]) -> list[tuple[int, str, str]]:
    return [(error.line, error.field, error.reason) for error in errors]


def employees_csv(*rows: str) -> CsvTable:
    return read_csv("\n".join([EMPLOYEE_HEADER, *rows]) + "\n")


def parse_staff(table: CsvTable, existing_nips: Collection[str] = ()) -> list[Employee]:
    return parse_employees(
        table, today=TODAY, unit_codes=["SETDA", "dinas"], existing_nips=existing_nips
    )


# --- the organisation model ----------------------------------------------------------------------


def test_codes_are_normalised_to_upper_case():
    assert normalise_code(" disdukcapil-idp_2 ") == "DISDUKCAPIL-IDP_2"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "required"), ("   ", "required"), ("A" * 33, "too_long"), ("DIS DUK", "pattern")],
)
def test_a_code_outside_1_to_32_letters_digits_dash_and_underscore_is_refused(text, reason):
    with pytest.raises(InvalidValue) as caught:
        normalise_code(text, field="unit_code")
    assert caught.value.reason == reason
    assert caught.value.params["field"] == "unit_code"


def test_a_code_of_exactly_32_characters_is_accepted():
    assert normalise_code("a" * 32) == "A" * 32


def test_a_name_is_one_line_with_single_spaces():
    assert normalise_name("  Dinas\u00a0 Kesehatan\n ") == "Dinas Kesehatan"


def test_a_name_with_a_control_character_is_refused():
    with pytest.raises(InvalidValue) as caught:
        normalise_name("Dinas\x00Kesehatan")
    assert caught.value.reason == "unprintable"


def test_the_three_indonesian_timezones_are_supported_with_their_labels():
    assert dict(SUPPORTED_TIMEZONES) == {
        "Asia/Jakarta": "WIB",
        "Asia/Makassar": "WITA",
        "Asia/Jayapura": "WIT",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asia/Makassar", "Asia/Makassar"),
        ("asia/jayapura", "Asia/Jayapura"),
        ("WIB", "Asia/Jakarta"),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_a_timezone_is_an_iana_name_or_its_label_and_empty_means_inherit(text, expected):
    assert normalise_timezone(text) == expected


def test_a_timezone_outside_indonesia_is_refused():
    with pytest.raises(InvalidValue) as caught:
        normalise_timezone("Asia/Singapore")
    assert caught.value.reason == "unsupported_timezone"
    assert caught.value.params["allowed"] == ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def test_a_unit_normalises_its_codes_and_timezone():
    unit = Unit("dinkes-yankes", " Bidang Pelayanan Kesehatan ", "dinkes", "wita")
    assert unit == Unit("DINKES-YANKES", "Bidang Pelayanan Kesehatan", "DINKES", "Asia/Makassar")


def test_a_child_unit_inherits_the_nearest_ancestors_timezone():
    units = {
        "ROOT": Unit("ROOT", "Pemkot", None, "Asia/Jayapura"),
        "DINAS": Unit("DINAS", "Dinas", "ROOT", None),
        "SEKSI": Unit("SEKSI", "Seksi", "DINAS", None),
    }
    assert effective_timezone("SEKSI", units) == "Asia/Jayapura"
    assert effective_timezone("UNKNOWN", units) is None


def test_inheriting_a_timezone_through_a_loop_ends_without_one():
    units = {"A": Unit("A", "A", "B"), "B": Unit("B", "B", "A")}
    assert effective_timezone("A", units) is None


def test_position_kinds_are_the_five_jenis_jabatan():
    expected = ["jpt", "administrator", "pengawas", "pelaksana", "fungsional"]
    assert [kind.value for kind in PositionKind] == expected


def test_an_employee_cannot_be_their_own_supervisor():
    nip = Nip(STAFF)
    with pytest.raises(InvalidValue) as caught:
        Employee(nip, "Nur Aisyah", "Pengadministrasi", PositionKind.PELAKSANA, "setda", nip)
    assert caught.value.reason == "self_supervisor"


def test_an_employee_normalises_unit_code_and_position_kind():
    employee = Employee(Nip(STAFF), "Nur", "Staf", "pelaksana", "setda")  # type: ignore[arg-type]
    assert employee.unit_code == "SETDA"
    assert employee.position_kind is PositionKind.PELAKSANA


def test_a_public_service_is_active_unless_said_otherwise():
    assert PublicService("ktp-el", "KTP-el", "dukcapil") == PublicService(
        "KTP-EL", "KTP-el", "DUKCAPIL", active=True
    )


# --- cycle checks --------------------------------------------------------------------------------


def test_a_supervisor_chain_without_loops_has_no_cycles():
    assert find_supervisor_cycles({"staff": "kabid", "kabid": "kadis", "kadis": None}) == []


def test_a_supervisor_loop_is_reported_once_starting_at_its_first_listed_member():
    edges = {"x": "b", "a": "c", "b": "c", "c": "b"}
    assert find_supervisor_cycles(edges) == [["b", "c"]]


def test_several_unit_loops_are_each_reported_once():
    parents = {"A": "B", "B": "A", "C": "C", "D": "E", "E": "F", "F": "D", "G": None}
    assert find_unit_cycles(parents) == [["A", "B"], ["C"], ["D", "E", "F"]]


def test_an_edge_to_a_node_outside_the_mapping_ends_the_walk():
    assert find_unit_cycles({"A": "STORED", "B": "A"}) == []


def _on_a_cycle(node: str, edges: dict[str, str | None]) -> bool:
    current = edges.get(node)
    for _ in range(len(edges)):
        if current is None or current not in edges:
            return False
        if current == node:
            return True
        current = edges[current]
    return False


@given(st.dictionaries(st.sampled_from("ABCDEFGHIJ"), st.none() | st.sampled_from("ABCDEFGHIJK")))
def test_every_node_on_a_loop_is_in_exactly_one_reported_cycle(edges):
    cycles = find_unit_cycles(edges)
    members = [node for cycle in cycles for node in cycle]
    assert len(members) == len(set(members))
    assert set(members) == {node for node in edges if _on_a_cycle(node, edges)}
    for cycle in cycles:
        assert all(edges[node] == cycle[(i + 1) % len(cycle)] for i, node in enumerate(cycle))


# --- reading CSV ---------------------------------------------------------------------------------


def test_a_comma_separated_file_is_read_with_stripped_cells():
    table = read_csv("code, name ,parent_code\n PEMKOT , Pemerintah Kota ,\n")
    assert table.separator == ","
    assert table.columns == ("code", "name", "parent_code")
    assert table.rows[0].line == 2
    assert dict(table.rows[0].cells) == {
        "code": "PEMKOT",
        "name": "Pemerintah Kota",
        "parent_code": "",
    }


def test_a_semicolon_separated_file_from_excel_is_read():
    table = read_csv("code;name;parent_code\nPEMKOT;Pemerintah Kota, Sukamaju;\n")
    assert table.separator == ";"
    assert table.rows[0]["name"] == "Pemerintah Kota, Sukamaju"


def test_a_utf8_byte_order_mark_is_ignored():
    table = read_csv("\ufeffcode,name,parent_code\nA,Satu,\n")
    assert table.columns[0] == "code"


def test_bytes_with_a_bom_are_decoded():
    table = read_csv_bytes("code;name;parent_code\r\nA;Dinas Sosial;\r\n".encode("utf-8-sig"))
    assert table.rows[0]["name"] == "Dinas Sosial"


def test_bytes_that_are_not_utf8_are_refused_with_the_line_of_the_first_bad_byte():
    data = "code,name,parent_code\nA,Satu,\nB,Caf\xe9,\n".encode("latin-1")
    assert summary(rejected(lambda: read_csv_bytes(data))) == [(3, "file", "not_utf8")]


def test_blank_lines_are_skipped_but_line_numbers_stay_true():
    table = read_csv("code,name,parent_code\n\nA,Satu,\n   \n,,\nB,Dua,A\n")
    assert [(row.line, row["code"]) for row in table.rows] == [(3, "A"), (6, "B")]


def test_a_quoted_cell_spanning_lines_keeps_the_next_rows_line_number():
    table = read_csv('code,name,parent_code\nA,"Satu\nDua",\nB,Tiga,A\n')
    assert [row.line for row in table.rows] == [2, 4]


def test_windows_line_endings_are_read():
    table = read_csv("code,name,parent_code\r\nA,Satu,\r\nB,Dua,A\r\n")
    assert [row.line for row in table.rows] == [2, 3]
    assert table.rows[1]["parent_code"] == "A"


def test_column_names_are_case_insensitive_and_trailing_empty_columns_are_ignored():
    table = read_csv("Code;NAME;Parent_Code;;\nA;Satu;;;\n")
    assert table.columns == ("code", "name", "parent_code")


def test_an_empty_file_is_refused():
    assert summary(rejected(lambda: read_csv(""))) == [(1, "file", "empty")]
    assert summary(rejected(lambda: read_csv("\ufeff\n\n"))) == [(1, "file", "empty")]


def test_duplicate_and_unnamed_columns_are_refused():
    errors = rejected(lambda: read_csv("code,,name,code\nA,,B,C\n"))
    assert summary(errors) == [
        (1, "column 2", "empty_column"),
        (1, "code", "duplicate_column"),
    ]


def test_cells_beyond_the_header_are_refused_on_every_such_line():
    errors = rejected(lambda: read_csv("code,name\nA,Satu,extra\nB,Dua\nC,Tiga,,lagi\n"))
    assert summary(errors) == [(2, "row", "extra_cells"), (4, "row", "extra_cells")]
    assert errors[0].params == {"expected": 2}


def test_a_file_with_the_maximum_number_of_rows_is_read():
    text = "code,name\n" + "A,B\n" * MAX_DATA_ROWS
    assert len(read_csv(text).rows) == MAX_DATA_ROWS == 20_000


def test_a_file_with_too_many_rows_is_refused_and_states_the_limit():
    text = "code,name\n" + "A,B\n" * (MAX_DATA_ROWS + 1)
    errors = rejected(lambda: read_csv(text))
    assert summary(errors) == [(MAX_DATA_ROWS + 2, "file", "too_many_rows")]
    assert errors[0].params == {"limit": 20_000}


def test_a_line_longer_than_one_mebibyte_is_refused_and_states_the_limit():
    text = "code,name\nA,B\nC," + "x" * MAX_LINE_CHARS + "\n"
    errors = rejected(lambda: read_csv(text))
    assert summary(errors) == [(3, "file", "line_too_long")]
    assert errors[0].params == {"limit": 1024 * 1024}


def test_a_cell_too_large_for_the_csv_reader_is_refused_with_the_limit():
    errors = rejected(lambda: read_csv("code,name\nA," + "x" * 200_000 + "\n"))
    assert summary(errors) == [(2, "file", "cell_too_long")]
    assert errors[0].params == {"limit": 131_072}


def test_text_after_a_closing_quote_is_refused_as_a_stray_quote():
    errors = rejected(lambda: read_csv('code,name\nA,"Unit" A\n'))
    assert summary(errors) == [(2, "file", "stray_quote")]


# --- columns -------------------------------------------------------------------------------------


def test_every_missing_required_column_is_named_on_line_1():
    errors = rejected(lambda: parse_employees(read_csv("nip,name\n"), today=TODAY, unit_codes=()))
    assert summary(errors) == [
        (1, "position", "missing_column"),
        (1, "position_kind", "missing_column"),
        (1, "unit_code", "missing_column"),
        (1, "supervisor_nip", "missing_column"),
    ]


def test_a_misspelt_column_is_refused_rather_than_ignored():
    errors = rejected(lambda: parse_units(read_csv("code,name,parent_code,timezon\nA,B,,\n")))
    assert summary(errors) == [(1, "timezon", "unknown_column")]
    assert errors[0].params == {
        "column": "timezon",
        "allowed": ("code", "name", "parent_code", "timezone"),
    }


def test_the_header_line_is_reported_where_it_really_is():
    errors = rejected(lambda: parse_units(read_csv("\n\ncode,name\nA,B\n")))
    assert summary(errors) == [(3, "parent_code", "missing_column")]


# --- units ---------------------------------------------------------------------------------------


def test_units_are_returned_in_file_order_with_normalised_codes():
    table = read_csv("code,name,parent_code,timezone\nroot,Pemkot,,WIB\ndinas,Dinas,ROOT,\n")
    assert parse_units(table) == [
        Unit("ROOT", "Pemkot", None, "Asia/Jakarta"),
        Unit("DINAS", "Dinas", "ROOT", None),
    ]


def test_the_timezone_column_may_be_left_out():
    assert parse_units(read_csv("code,name,parent_code\nA,Satu,\n")) == [Unit("A", "Satu")]


def test_a_child_may_come_before_its_parent_in_the_file():
    units = parse_units(read_csv("code,name,parent_code\nB,Dua,A\nA,Satu,\n"))
    assert [unit.code for unit in units] == ["B", "A"]


def test_a_parent_already_stored_is_accepted_in_any_case():
    units = parse_units(
        read_csv("code,name,parent_code\nB,Dua,pemkot\n"), existing_codes=["Pemkot"]
    )
    assert units[0].parent_code == "PEMKOT"


def test_a_duplicate_unit_code_points_at_its_first_line():
    errors = rejected(lambda: parse_units(read_csv("code,name,parent_code\nA,Satu,\na,Dua,\n")))
    assert summary(errors) == [(3, "code", "duplicate")]
    assert errors[0].params == {"value": "A", "first_line": 2}


def test_an_unknown_parent_is_refused():
    errors = rejected(lambda: parse_units(read_csv("code,name,parent_code\nA,Satu,ZZ\n")))
    assert summary(errors) == [(2, "parent_code", "unknown_parent")]
    assert errors[0].params == {"value": "ZZ"}


def test_a_unit_that_is_its_own_parent_is_refused():
    errors = rejected(lambda: parse_units(read_csv("code,name,parent_code\nA,Satu,a\n")))
    assert summary(errors) == [(2, "parent_code", "self_parent")]


def test_a_parent_loop_is_reported_once_with_its_codes_and_lines():
    text = "code,name,parent_code\nROOT,Root,\nA,Satu,C\nB,Dua,A\nC,Tiga,B\n"
    errors = rejected(lambda: parse_units(read_csv(text)))
    assert summary(errors) == [(3, "parent_code", "parent_cycle")]
    assert errors[0].params == {"cycle": ("A", "C", "B"), "lines": (3, 5, 4)}


def test_an_unsupported_timezone_is_refused_with_the_allowed_ones():
    errors = rejected(lambda: parse_units(read_csv("code,name,parent_code,timezone\nA,B,,UTC\n")))
    assert summary(errors) == [(2, "timezone", "unsupported_timezone")]
    assert errors[0].params is not None
    assert errors[0].params["allowed"] == tuple(SUPPORTED_TIMEZONES)


def test_every_unit_error_is_reported_at_once_sorted_by_line():
    text = (
        "code;name;parent_code;timezone\n"
        "A;Satu;;\n"
        "bad code;Dua;A;\n"
        "\n"
        "C;;ZZ;Europe/Paris\n"
        "A;" + "n" * 121 + ";A;\n"
    )
    errors = rejected(lambda: parse_units(read_csv(text)))
    assert summary(errors) == [
        (3, "code", "pattern"),
        (5, "name", "required"),
        (5, "timezone", "unsupported_timezone"),
        (5, "parent_code", "unknown_parent"),
        (6, "name", "too_long"),
        (6, "code", "duplicate"),
        (6, "parent_code", "self_parent"),
    ]
    assert errors[4].params == {"limit": 120}


# --- employees -----------------------------------------------------------------------------------


def test_employees_are_returned_in_file_order_with_their_supervisors():
    table = employees_csv(
        f"{STAFF},Nur Aisyah,Pengadministrasi Umum,pelaksana,setda,{SEKDA}",
        f"{SEKDA},Bambang Suryanto,Sekretaris Daerah,JPT,SETDA,",
    )
    staff, sekda = parse_staff(table)
    assert staff.nip == Nip(STAFF)
    assert staff.supervisor_nip == Nip(SEKDA)
    assert staff.unit_code == "SETDA"
    assert sekda.position_kind is PositionKind.JPT
    assert sekda.supervisor_nip is None


def test_printed_nips_with_spaces_and_dots_are_accepted_in_the_file():
    table = employees_csv(
        "19671110 199203 1 001,Bambang,Sekda,jpt,SETDA,",
        "19960818.202204.2.001,Nur,Staf,pelaksana,SETDA,19671110 199203 1 001",
    )
    assert parse_staff(table)[1].supervisor_nip == Nip(SEKDA)


def test_an_ni_pppk_employee_is_imported():
    table = employees_csv(
        f"{SEKDA},Bambang,Sekda,jpt,SETDA,", f"{PPPK},Ratna,Pengelola,pelaksana,SETDA,{SEKDA}"
    )
    assert parse_staff(table)[1].nip.kind == "pppk"


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("12345", "nip.not_18_digits"),
        ("199613182022041001", "nip.birth_date"),
        ("193912311960011001", "nip.age"),
        ("199608182022131001", "nip.tmt"),
        ("199608182026121001", "nip.tmt_future"),
        ("199608182022043001", "nip.sex"),
        ("199608182022041000", "nip.sequence"),
    ],
)
def test_an_invalid_nip_is_refused_with_the_rule_it_broke(nip, reason):
    errors = rejected(lambda: parse_staff(employees_csv(f"{nip},Nur,Staf,pelaksana,SETDA,")))
    assert summary(errors) == [(2, "nip", reason)]


def test_the_nip_refusal_keeps_its_details():
    errors = rejected(lambda: parse_staff(employees_csv("199608182012041001,A,B,pelaksana,SETDA,")))
    assert errors[0].params == {"value": "201204", "earliest_year": 2013}


def test_a_nip_listed_twice_is_a_duplicate_however_it_is_written():
    table = employees_csv(
        f"{STAFF},Nur,Staf,pelaksana,SETDA,", "19960818 202204 2 001,Nur,S,jpt,SETDA,"
    )
    errors = rejected(lambda: parse_staff(table))
    assert summary(errors) == [(3, "nip", "duplicate")]
    assert errors[0].params == {"value": STAFF, "first_line": 2}


def test_an_unknown_position_kind_lists_the_allowed_ones():
    errors = rejected(lambda: parse_staff(employees_csv(f"{STAFF},Nur,Staf,eselon4,SETDA,")))
    assert summary(errors) == [(2, "position_kind", "unknown_position_kind")]
    assert errors[0].params == {
        "value": "eselon4",
        "allowed": ("jpt", "administrator", "pengawas", "pelaksana", "fungsional"),
    }


def test_an_unknown_unit_is_refused():
    errors = rejected(lambda: parse_staff(employees_csv(f"{STAFF},Nur,Staf,pelaksana,dinkes,")))
    assert summary(errors) == [(2, "unit_code", "unknown_unit")]
    assert errors[0].params == {"value": "DINKES"}


def test_an_invalid_supervisor_nip_is_refused_on_the_supervisor_column():
    table = employees_csv(f"{STAFF},Nur,Staf,pelaksana,SETDA,196711101992031000")
    assert summary(rejected(lambda: parse_staff(table))) == [(2, "supervisor_nip", "nip.sequence")]


def test_a_supervisor_neither_in_the_file_nor_stored_is_refused():
    errors = rejected(
        lambda: parse_staff(employees_csv(f"{STAFF},Nur,Staf,pelaksana,SETDA,{SEKDA}"))
    )
    assert summary(errors) == [(2, "supervisor_nip", "unknown_supervisor")]
    assert errors[0].params == {"value": SEKDA}


def test_a_supervisor_already_stored_is_accepted():
    table = employees_csv(f"{STAFF},Nur,Staf,pelaksana,SETDA,{SEKDA}")
    (staff,) = parse_staff(table, existing_nips=["19671110 199203 1 001"])
    assert staff.supervisor_nip == Nip(SEKDA)


def test_an_employee_who_supervises_themself_is_refused():
    errors = rejected(
        lambda: parse_staff(employees_csv(f"{STAFF},Nur,Staf,pelaksana,SETDA,{STAFF}"))
    )
    assert summary(errors) == [(2, "supervisor_nip", "self_supervisor")]


def test_a_supervisor_loop_is_reported_once_with_its_nips_and_lines():
    table = employees_csv(
        f"{SEKDA},Bambang,Sekda,jpt,SETDA,",
        f"{KADIS},Agus,Kadis,jpt,DINAS,{STAFF}",
        f"{KABID},Dewi,Kabid,administrator,DINAS,{KADIS}",
        f"{STAFF},Nur,Staf,pelaksana,DINAS,{KABID}",
    )
    errors = rejected(lambda: parse_staff(table))
    assert summary(errors) == [(3, "supervisor_nip", "supervisor_cycle")]
    assert errors[0].params == {"cycle": (KADIS, STAFF, KABID), "lines": (3, 5, 4)}


@pytest.mark.parametrize(
    ("cells", "field", "reason"),
    [
        ("{nip},,Staf,pelaksana,SETDA,", "name", "required"),
        ("{nip}," + "n" * 121 + ",Staf,pelaksana,SETDA,", "name", "too_long"),
        ("{nip},Nur,,pelaksana,SETDA,", "position", "required"),
        ("{nip},Nur," + "p" * 121 + ",pelaksana,SETDA,", "position", "too_long"),
    ],
)
def test_names_and_positions_must_have_1_to_120_characters(cells, field, reason):
    errors = rejected(lambda: parse_staff(employees_csv(cells.format(nip=STAFF))))
    assert summary(errors) == [(2, field, reason)]


def test_every_employee_error_is_reported_at_once_with_true_line_numbers():
    lines = [
        "\ufeff" + EMPLOYEE_HEADER.replace(",", ";"),
        f"{SEKDA};Bambang;Sekda;jpt;SETDA;",
        f"{SEKDA};Bambang lagi;Sekda;jpt;SETDA;",
        "",
        f"199608182022131001;Nur;Staf;staf;NOWHERE;{STAFF}",
        f"{KADIS};;Kadis;jpt;DINAS;{KABID}",
        ";;;;;",
        f"{KABID};Dewi;Kabid;administrator;DINAS;{KADIS}",
    ]
    text = "\n".join(lines)
    errors = rejected(lambda: parse_staff(read_csv(text)))
    assert summary(errors) == [
        (3, "nip", "duplicate"),
        (5, "nip", "nip.tmt"),
        (5, "position_kind", "unknown_position_kind"),
        (5, "unit_code", "unknown_unit"),
        (5, "supervisor_nip", "unknown_supervisor"),
        (6, "name", "required"),
        (6, "supervisor_nip", "supervisor_cycle"),
    ]


# --- public services -----------------------------------------------------------------------------


def test_services_are_read_with_their_active_flag_in_any_accepted_spelling():
    lines = [
        "code;name;unit_code;active",
        "KTP;KTP-el;dukcapil;Ya",
        "KK;Kartu Keluarga;DUKCAPIL;0",
        "AKTA;Akta;DUKCAPIL;",
        "NIB;NIB;DUKCAPIL;TRUE",
        "IUMK;IUMK;DUKCAPIL;tidak",
        "X;X;DUKCAPIL;false",
    ]
    text = "\n".join(lines)
    services = parse_services(read_csv(text), unit_codes=["DUKCAPIL"])
    assert [service.active for service in services] == [True, False, True, True, False, False]
    assert services[0] == PublicService("KTP", "KTP-el", "DUKCAPIL", active=True)


def test_the_active_column_may_be_left_out():
    services = parse_services(read_csv("code,name,unit_code\nKTP,KTP-el,A\n"), unit_codes=["a"])
    assert services == [PublicService("KTP", "KTP-el", "A")]


def test_every_service_error_is_reported_at_once():
    text = "code,name,unit_code,active\nKTP,KTP-el,A,mungkin\nktp,Lagi,B,1\n,Tanpa kode,A,1\n"
    errors = rejected(lambda: parse_services(read_csv(text), unit_codes=["A"]))
    assert summary(errors) == [
        (2, "active", "invalid_boolean"),
        (3, "unit_code", "unknown_unit"),
        (3, "code", "duplicate"),
        (4, "code", "required"),
    ]
    assert errors[0].params == {
        "value": "mungkin",
        "allowed": ("1", "true", "ya", "0", "false", "tidak"),
    }


# --- the demo organisation -----------------------------------------------------------------------


def demo(name: str) -> CsvTable:
    return read_csv_bytes((DEMO / name).read_bytes())


def parse_demo() -> tuple[list[Unit], list[Employee], list[PublicService]]:
    units = parse_units(demo("units.csv"))
    codes = [unit.code for unit in units]
    employees = parse_employees(demo("employees.csv"), today=TODAY, unit_codes=codes)
    services = parse_services(demo("services.csv"), unit_codes=codes)
    return units, employees, services


def test_the_demo_organisation_passes_its_own_import():
    units, employees, services = parse_demo()
    assert len(units) >= 10
    assert 25 <= len(employees) <= 40
    assert len(services) >= 8


def test_the_demo_city_is_on_wib_through_its_root_unit():
    units, _, _ = parse_demo()
    by_code = {unit.code: unit for unit in units}
    assert [unit.code for unit in units if unit.timezone] == ["PEMKOT"]
    assert {effective_timezone(code, by_code) for code in by_code} == {"Asia/Jakarta"}


def test_the_demo_sekretaris_daerah_is_the_only_employee_without_a_supervisor():
    _, employees, _ = parse_demo()
    tops = [employee for employee in employees if employee.supervisor_nip is None]
    assert [(top.position, top.position_kind) for top in tops] == [
        ("Sekretaris Daerah", PositionKind.JPT)
    ]


def test_the_demo_has_two_pppk_and_every_position_kind():
    _, employees, _ = parse_demo()
    assert sum(employee.nip.kind == "pppk" for employee in employees) == 2
    assert {employee.position_kind for employee in employees} == set(PositionKind)


def test_demo_supervisors_rank_above_their_staff_and_kepala_dinas_report_to_the_sekda():
    _, employees, _ = parse_demo()
    rank = {"jpt": 0, "administrator": 1, "pengawas": 2, "pelaksana": 3, "fungsional": 3}
    by_nip = {employee.nip: employee for employee in employees}
    for employee in employees:
        if employee.supervisor_nip is not None:
            boss = by_nip[employee.supervisor_nip]
            above = rank[boss.position_kind] < rank[employee.position_kind]
            assert above or boss.position == "Sekretaris Daerah", employee.name


def test_an_unclosed_quote_is_refused_rather_than_swallowing_the_rest_of_the_file():
    with pytest.raises(ImportRejected) as rejected:
        read_csv('code,name,parent_code\nA,"Unit A,\nB,Unit B,A\n')
    assert [(e.line, e.reason) for e in rejected.value.errors] == [(2, "unclosed_quote")]
