"""XLSX, CSV, GeoJSON and KML exports, each read back with a real reader."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from core.analysis.scoring import Weights
from core.exports.columns import PRIORITY_COLUMNS, headers
from core.exports.context import build_input
from core.exports.csv import to_csv
from core.exports.geojson import to_geojson
from core.exports.kml import KML_NS, to_kml
from core.exports.xlsx import to_xlsx
from core.ingest.reader import read_package
from core.model.filters import Filter
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from tests.fixtures.packages import VILLAGES, write_package

EVIL = '=HYPERLINK("http://evil.example","klik")'
K = {"kml": KML_NS}


@pytest.fixture
def small(tmp_path: Path, units_stub):  # noqa: F811
    """Five villages in district 103 (Điện Biên), two with names a spreadsheet would run as formulas."""
    rows = [list(r) for r in VILLAGES]
    rows.append(["NT02", EVIL, "03156", "103", "21.9301", "102.7702", "50", "200", "150", "0.1", "no", "none"])
    rows.append(["NT03", "+1", "03156", "103", "21.9402", "102.7603", "40", "180", "120", "0.2", "yes", "4g"])
    dataset, problems = read_package(write_package(tmp_path / "pkg", tables={"villages": rows}))
    assert dataset is not None, problems
    return dataset


def _input(dataset, lang="vi", flt=Filter(), **kw):
    return build_input(flt.apply(dataset), flt, Weights.preset(), lang, **kw)


def _sheet_rows(data: bytes, index: int = 0) -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return list(wb.worksheets[index].iter_rows(values_only=True))


def test_xlsx_lists_villages_in_priority_order_with_vietnamese_headers(small):
    inp = _input(small)
    data = to_xlsx(inp)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Hạng", "Mã thôn, bản", "Thôn, bản")
    assert list(rows[0]) == headers(PRIORITY_COLUMNS, "vi")
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, 5]
    assert [r[1] for r in rows[1:]] == list(inp.ranked["village_id"])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(PRIORITY_COLUMNS))}6"
    assert all(ws.column_dimensions[c].width >= 7 for c in ("A", "C", "R"))


def test_xlsx_keeps_codes_as_text_and_numbers_as_numbers(small):
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(_input(small)))).worksheets[0]
    head = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(head, ws[2])}
    assert row["Mã xã"].value in ("03166", "03156") and row["Mã xã"].data_type == "s"
    assert row["Mã huyện"].value == "103" and row["Mã huyện"].data_type == "s"
    assert isinstance(row["Điểm ưu tiên"].value, float) and row["Điểm ưu tiên"].data_type == "n"
    assert isinstance(row["Hạng"].value, int)
    assert isinstance(row["Vĩ độ"].value, float) and 21 < row["Vĩ độ"].value < 23


def test_xlsx_neutralises_formula_like_names_and_writes_them_as_text(small):
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(_input(small)))).worksheets[0]
    names = {ws.cell(r, 2).value: ws.cell(r, 3) for r in range(2, ws.max_row + 1)}
    assert names["NT02"].value == "'" + EVIL and names["NT02"].data_type == "s"
    assert names["NT03"].value == "'+1" and names["NT03"].data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_xlsx_headers_are_english_with_lang_en(small):
    rows = _sheet_rows(to_xlsx(_input(small, "en")))
    assert rows[0][:3] == ("Rank", "Village ID", "Village")
    assert "Priority score" in rows[0] and "Recommended intervention" in rows[0]


def test_xlsx_about_sheet_says_filter_weights_date_source_and_demo(small):
    inp = _input(small, flt=Filter(district="103"))
    about = dict((r[0], r[1]) for r in _sheet_rows(to_xlsx(inp), 1))
    assert "Dữ liệu minh họa / demo data" in about
    assert about["Phạm vi (bộ lọc)"] == "Mường Nhé"
    assert about["Tham số đường dẫn"] == "district=103"
    assert about["Số liệu đến ngày"] == "31/03/2025"
    assert about["Nguồn số liệu"] == "tests"
    assert about["Trọng số: Sóng di động"] == 2


def test_xlsx_has_the_plan_as_third_sheet_only_when_there_is_one(small):
    inp = _input(small)
    assert len(openpyxl.load_workbook(io.BytesIO(to_xlsx(inp))).worksheets) == 2
    plan = make_plan(inp.view, inp.ranked, PlanSettings(time_limit=2))
    assert not plan.rows.empty
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(_input(small, plan=plan))))
    assert wb.sheetnames == ["Thôn bản ưu tiên", "Thông tin", "Kế hoạch"]
    rows = list(wb.worksheets[2].iter_rows(values_only=True))
    assert rows[0][:2] == ("Mã tổ, đội", "Tổ, đội")
    assert len(rows) - 1 == len(plan.rows)
    assert sum(r[rows[0].index("Số đêm")] for r in rows[1:]) == plan.rows["nights"].sum()


def test_csv_is_utf8_with_bom_and_has_the_same_columns_as_the_xlsx(small):
    inp = _input(small)
    data = to_csv(inp)
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    xlsx_rows = _sheet_rows(to_xlsx(inp))
    assert list(frame.columns) == list(xlsx_rows[0])
    assert list(frame["Mã thôn, bản"]) == [r[1] for r in xlsx_rows[1:]]
    assert set(frame["Mã xã"]) == {"03166", "03156"}
    assert "Bản Nậm Pồ" in set(frame["Thôn, bản"])
    assert set(frame["Thôn, bản"]) >= {"'" + EVIL, "'+1"}
    assert float(frame["Điểm ưu tiên"].iloc[0]) == pytest.approx(xlsx_rows[1][7])


def test_csv_in_english(small):
    frame = pd.read_csv(io.BytesIO(to_csv(_input(small, "en"))), encoding="utf-8-sig", dtype=str)
    assert list(frame.columns[:3]) == ["Rank", "Village ID", "Village"]


def test_geojson_reads_in_geopandas_with_name_rank_score_gaps_intervention(small):
    inp = _input(small)
    frame = gpd.read_file(io.BytesIO(to_geojson(inp)))
    assert frame.crs.to_epsg() == 4326
    assert list(frame["rank"]) == [1, 2, 3, 4, 5]
    assert list(frame["village_id"]) == list(inp.ranked["village_id"])
    assert {"name", "rank", "score", "gaps", "intervention"} <= set(frame.columns)
    first = frame.iloc[0]
    assert first["name"] == inp.ranked["village_name"].iloc[0]
    row = frame.set_index("village_id").loc["CC02"]
    assert row.geometry.x == pytest.approx(102.7901) and row.geometry.y == pytest.approx(21.9612)
    assert "Không có sóng di động" in row["gaps"]
    assert "Đến tận nơi" in row["intervention"]


def test_kml_has_one_placemark_per_village_with_coordinates_and_fields(small):
    inp = _input(small, "en")
    root = ET.fromstring(to_kml(inp))
    marks = root.findall(".//kml:Placemark", K)
    assert len(marks) == 5
    names = [m.find("kml:name", K).text for m in marks]
    assert names[0] == f"1. {inp.ranked['village_name'].iloc[0]}"
    data = {m.find("kml:ExtendedData/kml:Data[@name='village_id']/kml:value", K).text: m for m in marks}
    lon, lat, _ = data["CC02"].find("kml:Point/kml:coordinates", K).text.split(",")
    assert (float(lon), float(lat)) == (102.7901, 21.9612)
    fields = {d.get("name"): d.find("kml:value", K).text for d in data["CC02"].findall(".//kml:Data", K)}
    assert fields["gaps"].startswith("No mobile signal") and fields["intervention"].startswith("Offline")
    assert float(fields["score"]) > 0 and fields["rank"].isdigit()
    assert data["NT02"].find("kml:name", K).text.endswith(EVIL)  # plain XML text, escaped by the writer


def test_exports_of_a_filtered_view_contain_only_that_area(demo_dataset):
    flt = Filter(district="096")
    inp = build_input(flt.apply(demo_dataset), flt, Weights.preset(), "vi")
    expected = set(demo_dataset.villages.loc[demo_dataset.villages["district_code"] == "096", "village_id"])
    rows = _sheet_rows(to_xlsx(inp))[1:]
    assert {r[1] for r in rows} == expected and {r[5] for r in rows} == {"096"}
    csv_frame = pd.read_csv(io.BytesIO(to_csv(inp)), encoding="utf-8-sig", dtype=str)
    assert set(csv_frame["Mã huyện"]) == {"096"} and len(csv_frame) == len(expected)
    assert set(gpd.read_file(io.BytesIO(to_geojson(inp)))["village_id"]) == expected
    marks = ET.fromstring(to_kml(inp)).findall(".//kml:Placemark", K)
    assert len(marks) == len(expected)


def test_top_n_keeps_the_first_villages_in_every_format(demo_dataset):
    flt = Filter(commune="03158")
    view = flt.apply(demo_dataset)
    inp = build_input(view, flt, Weights.preset(), "vi", ranked=ranked_villages(view, Weights.preset()), top=3)
    ids = list(inp.ranked["village_id"].head(3))
    assert [r[1] for r in _sheet_rows(to_xlsx(inp))[1:]] == ids
    assert list(pd.read_csv(io.BytesIO(to_csv(inp)), encoding="utf-8-sig", dtype=str)["Mã thôn, bản"]) == ids
    assert list(gpd.read_file(io.BytesIO(to_geojson(inp)))["village_id"]) == ids


def test_a_2025_package_exports_no_empty_district_columns(demo_dataset):
    from dataclasses import replace

    from core.analysis.scoring import Weights
    from core.exports.context import build_input
    from core.exports.csv import to_csv
    from core.model.filters import Filter

    ds = replace(demo_dataset, meta=replace(demo_dataset.meta, admin_system="2025"))
    inp = build_input(ds, Filter(), Weights.preset(), "vi", top=3)
    header = to_csv(inp).decode("utf-8-sig").splitlines()[0]
    assert "Huyện" not in header and "Mã huyện" not in header
    legacy = to_csv(build_input(demo_dataset, Filter(), Weights.preset(), "vi", top=3)).decode("utf-8-sig")
    assert "Huyện" in legacy.splitlines()[0]
