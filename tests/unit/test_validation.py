"""What a province is told when its files are wrong: which file, which Excel row, which column, why."""

import pandas as pd
import pytest

from core.i18n import catalogue
from core.ingest.reader import read_package, read_table_file
from core.ingest.validation import Problem, format_problems, problems_table
from core.locale.problems import STRINGS
from tests.fixtures.packages import (
    ACTIVITIES,
    TEAM_VILLAGES,
    TEAMS,
    VILLAGES,
    replace_cell,
    write_csv,
    write_package,
    write_xlsx,
)

pytestmark = pytest.mark.usefixtures("units_stub")


def errors_of(folder):
    dataset, problems = read_package(folder)
    errors = [p for p in problems if p.is_error]
    assert dataset is None if errors else dataset is not None
    return errors


def where(problems):
    return [(p.file, p.row, p.column, p.value, p.code) for p in problems]


def test_swapped_lat_lon_is_an_error_on_the_excel_row_not_silently_fixed(tmp_path):
    rows = replace_cell(replace_cell(VILLAGES, 2, "lat", "102.7901"), 2, "lon", "21.9612")
    errors = errors_of(write_package(tmp_path / "pkg", tables={"villages": rows}))
    assert where(errors) == [("villages.csv", 3, "lat / lon", "102.7901 / 21.9612", "latlon_swapped")]
    assert "lat/lon seem swapped" in errors[0].message("en")
    assert "lat/lon seem swapped" in errors[0].message("vi")


def test_swapped_lat_lon_row_counts_title_rows_above_the_header_in_a_workbook(tmp_path):
    above = [["UBND HUYỆN MƯỜNG NHÉ"], ["BÁO CÁO DANH SÁCH THÔN, BẢN"]]
    rows = [
        ["Mã thôn", "Tên thôn", "Mã xã", "Vĩ độ", "Kinh độ"],
        ["CC01", "Bản Chà Cang", 3166, 21.95, 102.78],
        ["CC02", "Bản Nậm Pồ", 3166, 102.79, 21.96],
    ]
    frame, problems = read_table_file(write_xlsx(tmp_path / "villages.xlsx", rows, above=above))
    assert frame is None
    assert where(problems) == [("villages.xlsx", 5, "Vĩ độ / Kinh độ", "102.79 / 21.96", "latlon_swapped")]


def test_point_outside_vietnam_is_an_error(tmp_path):
    rows = replace_cell(VILLAGES, 1, "lat", "48.85")
    assert [p.code for p in errors_of(write_package(tmp_path / "pkg", tables={"villages": rows}))] == [
        "outside_vietnam"
    ]


def test_only_one_coordinate_is_a_warning_not_an_error(tmp_path):
    dataset, problems = read_package(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 1, "lon", "")})
    )
    assert dataset is not None and [(p.code, p.severity) for p in problems] == [("coordinate_incomplete", "warning")]


def test_unparseable_values_are_reported_with_file_row_column_and_value_as_written(tmp_path):
    rows = replace_cell(replace_cell(VILLAGES, 1, "population", "khoảng 500"), 3, "ethnic_minority_share", "128,6%")
    errors = errors_of(write_package(tmp_path / "pkg", tables={"villages": rows}))
    assert where(errors) == [
        ("villages.csv", 2, "population", "khoảng 500", "not_integer"),
        ("villages.csv", 4, "ethnic_minority_share", "128,6%", "share_out_of_range"),
    ]


def test_column_is_named_as_the_file_heads_it(tmp_path):
    rows = [["Mã thôn", "Tên thôn", "Mã xã", "Số dân"], ["CC01", "Bản Chà Cang", "03166", "-5"]]
    _, problems = read_table_file(write_csv(tmp_path / "villages.csv", rows))
    assert where(problems) == [("villages.csv", 2, "Số dân", "-5", "negative_value")]


def test_missing_required_column_is_reported_once_with_accepted_headers(tmp_path):
    rows = [r[:2] + r[3:] for r in VILLAGES]  # no commune_code column
    errors = errors_of(write_package(tmp_path / "pkg", tables={"villages": rows}))
    assert [(p.row, p.column, p.code) for p in errors] == [(None, "commune_code", "missing_column")]
    assert "Mã xã" in errors[0].message("vi")


def test_blank_required_cell_is_an_error(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 2, "village_name", "")})
    )
    assert where(errors) == [("villages.csv", 3, "village_name", "", "required_missing")]


def test_duplicate_village_id_points_at_the_first_occurrence(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 3, "village_id", "CC01")})
    )
    in_villages = [(p.row, p.code, dict(p.params)) for p in errors if p.file == "villages.csv"]
    assert in_villages == [(4, "duplicate_id", {"first_row": 2})]
    assert "2" in errors[0].message("vi")


def test_unknown_enum_value_says_which_values_are_allowed(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 1, "mobile_signal", "6G")})
    )
    assert [p.code for p in errors] == ["unknown_enum"]
    for lang in ("vi", "en"):
        assert "Không có sóng (none)" in errors[0].message(lang) and "4G (4g)" in errors[0].message(lang)


def test_eligible_citizens_above_population_is_an_error(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 1, "eligible_citizens", "600")})
    )
    assert where(errors) == [("villages.csv", 2, "eligible_citizens", "600", "exceeds_population")]


def test_team_parts_above_members_are_errors(tmp_path):
    errors = errors_of(write_package(tmp_path / "pkg", tables={"teams": replace_cell(TEAMS, 1, "youth_members", "7")}))
    assert where(errors) == [("teams.csv", 2, "youth_members", "7", "exceeds_members")]


def test_unknown_team_in_coverage_and_activities_is_reported(tmp_path):
    pairs = replace_cell(TEAM_VILLAGES, 2, "team_id", "T99")
    acts = replace_cell(ACTIVITIES, 1, "team_id", "T98")
    errors = errors_of(write_package(tmp_path / "pkg", tables={"team_villages": pairs, "activities": acts}))
    assert where(errors) == [
        ("team_villages.csv", 3, "team_id", "T99", "unknown_team"),
        ("activities.csv", 2, "team_id", "T98", "unknown_team"),
    ]


def test_unknown_village_in_coverage_is_reported(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"team_villages": replace_cell(TEAM_VILLAGES, 1, "village_id", "XX01")})
    )
    assert where(errors) == [("team_villages.csv", 2, "village_id", "XX01", "unknown_village")]


def test_commune_code_not_in_the_province_is_an_error(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 1, "commune_code", "99999")})
    )
    assert where(errors) == [("villages.csv", 2, "commune_code", "99999", "unknown_commune")]


def test_district_code_must_be_the_communes_parent(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 1, "district_code", "094")})
    )
    assert where(errors) == [("villages.csv", 2, "district_code", "094", "district_mismatch")]
    assert "103" in errors[0].message("en")


def test_team_base_code_must_be_a_known_unit(tmp_path):
    errors = errors_of(write_package(tmp_path / "pkg", tables={"teams": replace_cell(TEAMS, 2, "base_code", "999")}))
    assert where(errors) == [("teams.csv", 3, "base_code", "999", "unknown_base_code")]


def test_activity_dates_after_today_in_vietnam_or_before_2000_are_errors(tmp_path):
    from datetime import timedelta

    from core.ingest.validation import province_today

    tomorrow = province_today() + timedelta(days=1)
    acts = replace_cell(replace_cell(ACTIVITIES, 1, "date", f"{tomorrow:%d/%m/%Y}"), 2, "date", "01/01/1999")
    errors = errors_of(write_package(tmp_path / "pkg", tables={"activities": acts}))
    assert [(p.row, p.code) for p in errors] == [(2, "date_in_future"), (3, "date_too_early")]
    assert f"{province_today():%d/%m/%Y}" in errors[0].message("vi") and "sau hôm nay" in errors[0].message("vi")


def test_an_activity_dated_after_the_packages_as_of_is_accepted(tmp_path):
    acts = replace_cell(ACTIVITIES, 1, "date", "15/11/2025")  # the package is as of 31/03/2025
    assert errors_of(write_package(tmp_path / "pkg", tables={"activities": acts})) == []


def test_today_is_the_date_in_vietnam_not_on_the_servers_clock():
    from datetime import UTC, date, datetime

    from core.ingest.validation import province_today

    assert province_today(datetime(2025, 11, 30, 17, 0, tzinfo=UTC)) == date(2025, 12, 1)  # 00:00 in Hà Nội
    assert province_today(datetime(2025, 11, 30, 16, 59, tzinfo=UTC)) == date(2025, 11, 30)


def test_impossible_date_is_an_error(tmp_path):
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"activities": replace_cell(ACTIVITIES, 1, "date", "31/02/2025")})
    )
    assert where(errors) == [("activities.csv", 2, "date", "31/02/2025", "bad_date")]


def test_column_of_12_digit_citizen_ids_is_refused_even_as_an_extra_column(tmp_path):
    rows = [r + [x] for r, x in zip(VILLAGES, ["Trưởng bản CCCD", "011085001234", "011090004321", ""], strict=True)]
    errors = errors_of(write_package(tmp_path / "pkg", tables={"villages": rows}))
    assert [(p.row, p.column, p.code) for p in errors] == [(2, "Trưởng bản CCCD", "personal_citizen_id")]
    assert "011085001234" not in errors[0].value  # the report must not repeat the personal number
    assert "12" in errors[0].message("vi") and "citizen ID" in errors[0].message("en")


def test_column_of_phone_numbers_is_refused(tmp_path):
    rows = [r + [x] for r, x in zip(TEAMS, ["SĐT tổ trưởng", "0912 345 678", "+84.987.654.321"], strict=True)]
    errors = errors_of(write_package(tmp_path / "pkg", tables={"teams": rows}))
    assert [(p.row, p.column, p.code) for p in errors] == [(2, "SĐT tổ trưởng", "personal_phone")]
    assert "điện thoại" in errors[0].message("vi") and "phone" in errors[0].message("en")


def test_a_column_with_one_stray_number_among_text_is_not_personal_data(tmp_path):
    rows = [
        r + [x] for r, x in zip(VILLAGES, ["Ghi chú", "đường đất", "0912345678 (UBND xã)", "xa trung tâm"], strict=True)
    ]
    assert errors_of(write_package(tmp_path / "pkg", tables={"villages": rows})) == []


def test_short_numbers_cell_after_cell_are_not_personal_data_and_ids_among_blanks_still_are(tmp_path):
    """The column is first searched whole (its cells joined): nine digits must still come from one cell."""
    short = [r + [x] for r, x in zip(VILLAGES, ["Số hộ nghèo", "1234", "5678", "9012"], strict=True)]
    assert errors_of(write_package(tmp_path / "short", tables={"villages": short})) == []
    rows = [VILLAGES[0] + ["CCCD"]] + [r + [""] for r in VILLAGES[1:]] * 3  # many blank cells, then the ids
    rows += [[f"{r[0][:-1]}{i}", *r[1:], v] for i, (r, v) in enumerate(zip(VILLAGES[1:], ["011085001234"] * 3))]
    problems = [p for p in errors_of(write_package(tmp_path / "ids", tables={"villages": rows}))]
    assert "personal_citizen_id" in [p.code for p in problems]


def test_a_file_with_errors_yields_no_dataset_and_a_clean_one_yields_warnings_only(tmp_path):
    dataset, problems = read_package(write_package(tmp_path / "ok"))
    assert dataset is not None and all(not p.is_error for p in problems)
    dataset, problems = read_package(
        write_package(tmp_path / "bad", tables={"teams": replace_cell(TEAMS, 1, "level", "Bộ")})
    )
    assert dataset is None and problems


def test_reference_checks_use_the_real_admin_units_of_the_province(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real catalogue (vietnamadminunits), not the stub
    errors = errors_of(
        write_package(tmp_path / "pkg", tables={"villages": replace_cell(VILLAGES, 1, "commune_code", "03124")})
    )
    assert [p.code for p in errors] == ["district_mismatch"]  # 03124 is in Điện Biên Phủ city (094)


def test_every_problem_code_has_both_languages_and_the_catalogue_loads():
    assert all(set(texts) == {"vi", "en"} and all(texts.values()) for texts in STRINGS.values())
    assert set(STRINGS) <= set(catalogue())


def test_messages_exist_in_both_languages_for_every_code_the_checks_emit(tmp_path):
    villages = replace_cell(replace_cell(VILLAGES, 1, "lat", "x"), 2, "grid_electricity", "?")
    _, problems = read_package(write_package(tmp_path / "pkg", tables={"villages": villages, "teams": None}))
    for p in problems:
        assert p.message("vi") != p.message("en")


def test_problems_table_has_localized_headers_and_excel_rows():
    problems = [
        Problem("villages.csv", 3, "Vĩ độ / Kinh độ", "102.79 / 21.96", "latlon_swapped"),
        Problem("package.toml", None, "province_code", "99", "unknown_province", severity="warning"),
    ]
    vi = problems_table(problems, "vi")
    assert list(vi.columns) == ["Tệp", "Dòng", "Cột", "Giá trị", "Lý do"]
    assert list(problems_table(problems, "en").columns) == ["File", "Row", "Column", "Value", "Reason"]
    assert vi["Dòng"].iloc[0] == 3 and pd.isna(vi["Dòng"].iloc[1])
    assert vi["Lý do"].iloc[1].startswith("Cảnh báo")


def test_format_problems_is_an_aligned_plain_text_table():
    problems = [
        Problem("villages.csv", 3, "lat / lon", "102.79 / 21.96", "latlon_swapped"),
        Problem("teams.csv", 12, "team_id", "T01", "duplicate_id", (("first_row", 2),)),
    ]
    lines = format_problems(problems, "en").splitlines()
    assert lines[0].split() == ["File", "Row", "Column", "Value", "Reason"]
    assert lines[2].index("3") == lines[3].index("12") == lines[0].index("Row")
    assert format_problems([], "vi") == "Không phát hiện lỗi nào."


def test_2025_package_accepts_new_commune_codes_and_flags_legacy_ones_with_their_new_code(tmp_path):
    villages = [
        ["village_id", "village_name", "commune_code"],
        ["NT01", "Bản Nậm Tin", "03156"],
        ["MT01", "Tổ dân phố 1", "03124"],
    ]
    teams = [TEAMS[0][:5], ["T01", "Tổ CNSCĐ xã Nậm Tin", "community_tech", "commune", "03156"]]
    tables = {"villages": villages, "teams": teams, "team_villages": [["team_id", "village_id"]], "activities": None}
    errors = errors_of(write_package(tmp_path / "pkg", meta={"admin_system": "2025"}, tables=tables))
    assert where(errors) == [("villages.csv", 3, "commune_code", "03124", "legacy_commune_code")]
    assert "03334" in errors[0].message("vi")


def test_format_problems_keeps_the_whole_reason_and_clips_long_values():
    long_value = "x" * 200
    problem = Problem("villages.csv", 2, "village_name", long_value, "latlon_swapped")
    text = format_problems([problem], "en")
    assert problem.message("en") in text and long_value not in text
