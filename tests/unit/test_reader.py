"""Reading packages and single table files: encodings, delimiters, workbooks, zips, report layouts."""

import unicodedata
import zipfile
from datetime import date, datetime

import pandas as pd
import pytest

from core.ingest.reader import read_package, read_table_file, sniff_delimiter
from core.model.dataset import Dataset
from tests.fixtures.packages import (
    TEAMS,
    VILLAGES,
    write_csv,
    write_package,
    write_xlsx,
    zip_folder,
)

pytestmark = pytest.mark.usefixtures("units_stub")


def codes(errors):
    return [p.code for p in errors]


def test_valid_minimal_package_reads_into_a_dataset_with_canonical_dtypes(tmp_path):
    dataset, problems = read_package(write_package(tmp_path / "pkg"))
    assert isinstance(dataset, Dataset) and [p for p in problems if p.is_error] == []
    villages = dataset.villages
    assert list(villages["commune_code"]) == ["03166", "03166", "03156"]
    assert list(villages["district_code"]) == ["103", "103", "103"]
    assert pd.api.types.is_string_dtype(villages["village_id"])
    assert str(villages["population"].dtype) == "Int64"
    assert villages["population"].tolist() == [540, 401, 1154]
    assert villages["eligible_citizens"].isna().tolist() == [False, False, True]  # blank = not reported
    assert villages["ethnic_minority_share"].tolist()[:2] == pytest.approx([0.92, 0.985])
    assert villages["lat"].dtype == "float64"
    assert dataset.teams["established"].dtype == "datetime64[ns]"
    assert dataset.teams["established"].iloc[0] == pd.Timestamp("2023-03-15")
    assert dataset.activities["kind"].tolist() == ["door_to_door", "meeting"]
    assert dataset.targets.empty and list(dataset.targets.columns) == ["indicator", "area_code", "period_end", "target"]
    assert dataset.meta.as_of == date(2025, 3, 31) and dataset.meta.synthetic is True
    assert dataset.boundaries is None


def test_optional_columns_absent_become_all_missing_columns_of_the_right_dtype(tmp_path):
    dataset, _ = read_package(write_package(tmp_path / "pkg"))
    assert dataset.villages["smartphone_share"].isna().all() and dataset.villages["smartphone_share"].dtype == "float64"
    assert str(dataset.villages["eid_level2_baseline"].dtype) == "Int64"


def test_extra_columns_are_kept_as_text_and_extra_meta_keys_kept(tmp_path):
    rows = [r + [x] for r, x in zip(VILLAGES, ["Ghi chú", "đường đất", "", "xa"], strict=True)]
    folder = write_package(tmp_path / "pkg", tables={"villages": rows}, meta={"contact_office": "Sở KH&CN"})
    dataset, _ = read_package(folder)
    assert dataset.villages["Ghi chú"].tolist()[0] == "đường đất"
    assert dataset.villages.columns[-1] == "Ghi chú"
    assert dataset.meta.extra["contact_office"] == "Sở KH&CN"


def test_rows_keep_their_source_order(tmp_path):
    rows = [VILLAGES[0], VILLAGES[3], VILLAGES[1], VILLAGES[2]]
    dataset, _ = read_package(write_package(tmp_path / "pkg", tables={"villages": rows}))
    assert dataset.villages["village_id"].tolist() == ["NT01", "CC01", "CC02"]


@pytest.mark.parametrize(
    "encoding, delimiter",
    [
        ("utf-8-sig", ","),
        ("utf-8", ";"),
        ("utf-16", "\t"),
        ("cp1258", ","),
        ("cp1258", ";"),
    ],
)
def test_csv_in_any_windows_encoding_and_delimiter_reads_the_same(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "villages.csv", VILLAGES, encoding, delimiter)
    frame, problems = read_table_file(path)
    assert problems == []
    assert frame["village_name"].tolist() == ["Bản Chà Cang", "Bản Nậm Pồ", "Bản Nậm Tin"]
    assert all(unicodedata.is_normalized("NFC", v) for v in frame["village_name"])


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    data = "\t".join(VILLAGES[0]) + "\r\n" + "\t".join(VILLAGES[1]) + "\r\n"
    assert sniff_delimiter(data.encode("utf-16").decode("utf-16")) == "\t"


def test_whole_package_in_cp1258_reads(tmp_path):
    dataset, problems = read_package(write_package(tmp_path / "pkg", encoding="cp1258"))
    assert dataset is not None, problems
    assert dataset.teams["team_name"].iloc[0] == "Tổ CNSCĐ xã Chà Cang"


def test_vietnamese_nfd_headers_in_any_case_are_recognised(tmp_path):
    header = [
        "Mã thôn/bản",
        "TÊN THÔN/BẢN",
        "mã xã",
        "Số công dân đủ điều kiện",
        "Số dân",
        "Tỷ lệ DTTS (%)",
        "Điện lưới",
        "Sóng di động",
    ]
    rows = [
        [unicodedata.normalize("NFD", h) for h in header],
        ["CC01", "Bản Chà Cang", "3166", "380", "540", "92,0", "Có", "Yếu"],
    ]
    frame, problems = read_table_file(write_csv(tmp_path / "thon.csv", rows))
    assert problems == []
    assert frame.loc[0, "commune_code"] == "03166"
    assert frame.loc[0, "ethnic_minority_share"] == pytest.approx(0.92)
    assert (frame.loc[0, "grid_electricity"], frame.loc[0, "mobile_signal"]) == ("yes", "weak")


def test_xlsx_with_numeric_codes_real_dates_text_dates_and_nfd_header(tmp_path):
    rows = [
        [
            "team_id",
            unicodedata.normalize("NFD", "Tên tổ"),
            "Loại",
            "Cấp",
            "Mã địa bàn",
            "Số thành viên",
            "Ngày thành lập",
        ],
        ["T01", "Tổ CNSCĐ xã Chà Cang", "Tổ CNSCĐ", "Xã", 3166, 6, datetime(2023, 3, 15)],
        ["T02", "Đội TNTN huyện", "Đội TNTN", "Huyện", 103, 12.0, "01/04/2023"],
        ["T03", "Đội tỉnh", "Đội xung kích", "Tỉnh", 11, 5, 45016],
    ]
    frame, problems = read_table_file(write_xlsx(tmp_path / "to_doi.xlsx", rows))
    assert problems == []
    assert frame["base_code"].tolist() == ["03166", "103", "11"]
    assert frame["level"].tolist() == ["commune", "district", "province"]
    assert frame["members"].tolist() == [6, 12, 5]
    assert frame["established"].tolist() == [pd.Timestamp(d) for d in ("2023-03-15", "2023-04-01", "2023-03-31")]


def test_xlsx_village_codes_stored_as_numbers_get_their_zeros_back(tmp_path):
    rows = [["Mã thôn", "Tên thôn", "Mã xã", "Mã huyện"], ["CC01", "Bản Chà Cang", 3166, 103.0]]
    frame, _ = read_table_file(write_xlsx(tmp_path / "villages.xlsx", rows))
    assert (frame.loc[0, "commune_code"], frame.loc[0, "district_code"]) == ("03166", "103")


def test_district_report_with_title_block_numbering_row_totals_and_signature_is_read(tmp_path):
    above = [["UBND HUYỆN MƯỜNG NHÉ"], ["BÁO CÁO DANH SÁCH THÔN, BẢN"], []]
    rows = [
        ["STT", "Mã thôn", "Tên thôn/bản", "Mã xã", "Số dân"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "CC01", "Bản Chà Cang", 3166, "1.154"],
        [None, None, "Xã Nậm Tin", None, None],
        [2, "NT01", "Bản Nậm Tin", 3156, 640],
        ["Tổng cộng", None, None, None, "1.794"],
        [None, "NGƯỜI LẬP BIỂU", None, "THỦ TRƯỞNG ĐƠN VỊ", None],
    ]
    frame, problems = read_table_file(write_xlsx(tmp_path / "bao_cao.xlsx", rows, above=above))
    assert problems == []
    assert frame["village_id"].tolist() == ["CC01", "NT01"]
    assert frame["population"].tolist() == [1154, 640]
    assert frame["STT"].tolist() == ["1", "2"]


def test_merged_commune_code_cells_fill_every_village_row(tmp_path):
    rows = [["Mã thôn", "Tên thôn", "Mã xã"], ["CC01", "Bản Chà Cang", "03166"], ["CC02", "Bản Nậm Pồ", None]]
    frame, problems = read_table_file(write_xlsx(tmp_path / "villages.xlsx", rows, merges=("C2:C3",)))
    assert problems == []
    assert frame["commune_code"].tolist() == ["03166", "03166"]


def test_single_file_table_is_recognised_from_its_headers(tmp_path):
    rows = [["Ngày", "Mã tổ", "Mã thôn", "Hình thức"], ["01/03/2025", "T01", "CC01", "Tập huấn"]]
    frame, problems = read_table_file(write_csv(tmp_path / "bao-cao-thang-3.csv", rows))
    assert problems == [] and "kind" in frame.columns and frame.loc[0, "kind"] == "training"
    pairs, _ = read_table_file(write_csv(tmp_path / "phan-cong.csv", [["Mã tổ", "Mã thôn"], ["T01", "CC01"]]))
    assert list(pairs.columns) == ["team_id", "village_id"]


def test_unrecognisable_single_file_is_reported(tmp_path):
    frame, problems = read_table_file(write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]]))
    assert frame is None and codes(problems) == ["unknown_table"]


@pytest.mark.parametrize("top", [None, "dien-bien-2025"])
def test_zip_package_reads_with_files_at_root_or_in_one_top_folder(tmp_path, top):
    folder = write_package(tmp_path / "pkg", xlsx=("teams",))
    dataset, problems = read_package(zip_folder(folder, tmp_path / "pkg.zip", top))
    assert dataset is not None, problems
    assert dataset.teams["base_code"].tolist() == ["03166", "103"]


def test_file_names_are_matched_regardless_of_case(tmp_path):
    folder = write_package(tmp_path / "pkg")
    (folder / "villages.csv").rename(folder / "Villages.CSV")
    dataset, problems = read_package(folder)
    assert dataset is not None, problems


def test_missing_required_file_and_package_toml_are_errors(tmp_path):
    folder = write_package(tmp_path / "pkg", tables={"teams": None})
    (folder / "package.toml").unlink()
    dataset, problems = read_package(folder)
    assert dataset is None
    assert {p.code for p in problems} >= {"missing_file"}
    assert {dict(p.params)["file"] for p in problems if p.code == "missing_file"} == {"package.toml", "teams"}


def test_incomplete_or_invalid_package_toml_is_reported_by_key(tmp_path):
    folder = write_package(tmp_path / "pkg", meta={"admin_system": "1990"})
    _, problems = read_package(folder)
    assert [(p.file, p.column, p.code) for p in problems] == [("package.toml", "admin_system", "bad_meta_value")]
    (folder / "package.toml").write_text('name = "x"\nprovince_code = 11\n', encoding="utf-8")
    _, problems = read_package(folder)
    assert sorted(p.column for p in problems) == ["admin_system", "as_of", "province_name"]


def test_missing_path_is_reported_not_raised(tmp_path):
    dataset, problems = read_package(tmp_path / "nowhere")
    assert dataset is None and codes(problems) == ["package_not_found"]


def test_corrupt_workbook_is_reported_not_raised(tmp_path):
    (tmp_path / "villages.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    frame, problems = read_table_file(tmp_path / "villages.xlsx")
    assert frame is None and codes(problems) == ["unreadable_file"]


def test_boundaries_geojson_in_another_crs_is_reprojected_to_wgs84(tmp_path):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box

    folder = write_package(tmp_path / "pkg")
    wgs = gpd.GeoDataFrame(
        {"level": ["commune"], "code": ["3166"], "name": ["Xã Chà Cang"], "parent_code": ["103"]},
        geometry=[box(102.75, 21.92, 102.82, 21.98)],
        crs="EPSG:4326",
    )
    wgs.to_crs(32648).to_file(folder / "boundaries.geojson", driver="GeoJSON")
    dataset, problems = read_package(folder)
    assert dataset is not None, problems
    b = dataset.boundaries
    assert b.crs.to_epsg() == 4326
    assert b["code"].tolist() == ["03166"] and b["approximate"].tolist() == [False]
    assert b.total_bounds == pytest.approx([102.75, 21.92, 102.82, 21.98], abs=1e-6)


def test_zip_member_names_are_not_allowed_to_escape_the_temp_folder(tmp_path):
    folder = write_package(tmp_path / "pkg")
    archive = zip_folder(folder, tmp_path / "pkg.zip")
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("../evil.txt", "x")
    dataset, _ = read_package(archive)
    assert dataset is not None and not (tmp_path / "evil.txt").exists()


def test_teams_table_base_codes_are_padded_by_level(tmp_path):
    rows = [list(TEAMS[0]), ["T01", "Tổ xã", "Tổ CNSCĐ", "Thôn", "3166", "6", "4", ""]]
    frame, problems = read_table_file(write_csv(tmp_path / "teams.csv", rows))
    assert problems == [] and frame.loc[0, "base_code"] == "03166" and frame.loc[0, "level"] == "village"
