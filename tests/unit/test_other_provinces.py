"""Packages from other provinces, built here the way their officials would send them (not the demo's files).

(a) Sơn La (legacy, 14): villages and activities as XLSX with Vietnamese NFD headers, codes typed as
    numbers, Excel and `dd/mm/yyyy` dates, blank outcomes, village- and province-level shock teams; no
    boundaries, targets or capacity columns.
(b) Đồng Nai in the 2025 system: it absorbed Bình Phước (legacy 70), villages carry 2025 commune codes and
    no district column.
(c) Lai Châu as a zip whose files sit in a subfolder, `villages.xlsx` exported by another tool (title row,
    header in row 3, extra columns, a totals row), no eligible citizens, no activities, no team members.

The builders are shared with tests/e2e/test_other_province_browser.py.
"""

from __future__ import annotations

import csv
import random
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from core.admin_units import load_admin_units, load_admin_units_2025
from core.deployment import PlanSettings, make_plan, ranked_villages
from core.filters import Filter, village_district
from core.reader import read_package
from core.scoring import Weights

GRID = ["Có", "Có", "Một phần", "Không"]
SIGNAL = ["4G", "3G", "Yếu", "Không có sóng"]
SON_LA_COMMUNES = ("03721", "03724", "03727", "04225")  # Thuận Châu (119) ×3, Sốp Cộp (127)
DONG_NAI_COMMUNES = ("25195", "25217", "25270", "26068", "26248")  # the first three were in Bình Phước


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _csv(path: Path, header: list, rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _xlsx(path: Path, rows: list) -> None:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


def _toml(path: Path, **kw) -> None:
    lines = [f"{k} = {v.isoformat()}" if isinstance(v, date) else f'{k} = "{v}"' for k, v in kw.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_son_la(root: Path) -> Path:
    pkg = root / "son-la"
    pkg.mkdir(parents=True)
    rng = random.Random(14)
    units, _ = load_admin_units("14")
    communes = units[units["code"].isin(SON_LA_COMMUNES)]
    _toml(pkg / "package.toml", name="Sơn La — thử nghiệm", province_code="14", province_name="Sơn La",
          admin_system="legacy", as_of=date(2025, 6, 30))
    rows = [[nfd(h) for h in ("Mã thôn", "Tên thôn/bản", "Mã xã", "Mã huyện", "Vĩ độ", "Kinh độ", "Số hộ",
                              "Số nhân khẩu", "Số công dân đủ điều kiện", "Tỷ lệ DTTS (%)", "Điện lưới",
                              "Sóng di động", "Tỷ lệ có điện thoại thông minh", "Tỷ lệ sim chính chủ",
                              "Thời gian di chuyển (phút)", "Số đã kích hoạt mức 2")]]
    villages = []
    for _, c in communes.iterrows():
        for k in range(1, 11):
            vid = int(c["code"]) * 100 + k  # typed as a number: 372401
            villages.append((vid, c["code"]))
            pop = rng.randint(150, 900)
            rows.append([vid, nfd(f"Bản Nà {k} {c['name'].split(' ', 1)[1]}"), int(c["code"]), int(c["parent_code"]),
                         round(c["lat"] + rng.uniform(-0.03, 0.03), 5), round(c["lon"] + rng.uniform(-0.03, 0.03), 5),
                         pop // 4, pop, int(pop * 0.7), f"{rng.uniform(60, 99):.1f}".replace(".", ",") + "%",
                         nfd(rng.choice(GRID)), nfd(rng.choice(SIGNAL)), round(rng.uniform(0.2, 0.8), 2),
                         round(rng.uniform(0.3, 0.9), 2), rng.randint(5, 120), rng.randint(0, int(pop * 0.3))])
    _xlsx(pkg / "villages.xlsx", rows)
    teams = [[1401, nfd("Đội xung kích tỉnh Sơn La"), nfd("Đội xung kích"), nfd("Tỉnh"), 14, 12, 10, 4, 8,
              "15/03/2024"],
             [11901, nfd("Đội TNTN huyện Thuận Châu"), nfd("Đội TNTN"), nfd("Huyện"), 119, 9, 9, 3, 5, "2023-05-01"],
             [12701, nfd("Đội TNTN huyện Sốp Cộp"), nfd("Đội TNTN"), nfd("Huyện"), 127, 7, 7, 2, 7, ""]]
    teams += [[int(c), nfd(f"Tổ CNSCĐ xã {c}"), nfd("Tổ CNSCĐ"), nfd("Xã"), int(c), 3, 2, 1, 3, "01/10/2023"]
              for c in SON_LA_COMMUNES]
    teams += [[372401, nfd("Đội xung kích bản Nà 1"), nfd("Đội xung kích"), nfd("Thôn"), 3724, 4, 4, 1, 2, ""],
              [422501, nfd("Tổ công nghệ bản Nà 1"), nfd("Tổ CNSCĐ"), nfd("Bản"), 4225, 3, 1, 2, 3, ""]]
    _csv(pkg / "teams.csv", [nfd(h) for h in ("Mã tổ", "Tên tổ", "Loại", "Cấp", "Mã địa bàn", "Số thành viên",
                                             "Số ĐVTN", "Số hội viên phụ nữ", "Số đã tập huấn", "Ngày thành lập")],
         teams)
    links = [[int(c), vid] for vid, c in villages]
    links += [[11901 if c != "04225" else 12701, vid] for vid, c in villages if vid % 3 == 0]
    links += [[1401, 372405], [1401, 422507], [372401, 372401], [422501, 422501]]
    _csv(pkg / "team_villages.csv", ["Mã tổ", "Mã thôn"], links)
    kinds = [nfd(k) for k in ("Đến từng hộ", "Hướng dẫn tập trung", "Họp thôn/bản", "Tập huấn")]
    acts = [[nfd(h) for h in ("Ngày", "Mã tổ", "Mã thôn", "Hình thức", "Số người tham dự", "Cài đặt VNeID",
                              "Kích hoạt mức 2", "Tài khoản DVC", "Chữ ký số")]]
    for i in range(120):
        team, vid = links[rng.randrange(len(links))]
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(540))
        when = datetime(day.year, day.month, day.day) if i % 2 else day.strftime("%d/%m/%Y")
        blank = i % 5 == 0
        acts.append([when, team, vid, kinds[i % 4], rng.randint(5, 60), None if blank else rng.randint(0, 20),
                     None if blank else rng.randint(0, 15), None if i % 3 else rng.randint(0, 5), None])
    _xlsx(pkg / "activities.xlsx", acts)
    return pkg


def build_dong_nai_2025(root: Path) -> Path:
    pkg = root / "dong-nai"
    pkg.mkdir(parents=True)
    rng = random.Random(75)
    units, _ = load_admin_units_2025("75")
    communes = units[units["code"].isin(DONG_NAI_COMMUNES) & (units["level"] == "commune")]
    _toml(pkg / "package.toml", name="Đồng Nai 2025", province_code="75", province_name="Đồng Nai",
          admin_system="2025", as_of=date(2025, 9, 30))
    rows, villages = [], []
    for _, c in communes.iterrows():
        for k in range(1, 7):
            vid = f"{c['code']}-{k:02d}"
            villages.append((vid, c["code"]))
            pop = rng.randint(400, 3000)
            rows.append([vid, f"Ấp {k} {c['name'].split(' ', 1)[1]}", c["code"],
                         round(c["lat"] + rng.uniform(-.02, .02), 5), round(c["lon"] + rng.uniform(-.02, .02), 5),
                         pop // 4, pop, int(pop * 0.75),
                         round(rng.uniform(0, 0.4), 3), rng.choice(["yes", "yes", "partial", "no"]),
                         rng.choice(["4g", "4g", "3g", "weak", "none"]), round(rng.uniform(0.4, 0.95), 3),
                         round(rng.uniform(0.5, 0.95), 3), rng.randint(3, 60), rng.randint(0, pop // 3)])
    _csv(pkg / "villages.csv", ["village_id", "village_name", "commune_code", "lat", "lon", "households",
                                "population", "eligible_citizens", "ethnic_minority_share", "grid_electricity",
                                "mobile_signal", "smartphone_share", "owner_sim_share", "travel_minutes",
                                "eid_level2_baseline"], rows)
    teams = [["DN-XK", "Đội xung kích tỉnh", "shock_team", "province", "75", 20, 18],
             ["TN-688", "Đội TNTN thị xã Phước Long (cũ)", "youth_volunteer", "district", "688", 10, 10]]
    for code in communes["code"]:
        teams += [[f"CT-{code}", f"Tổ CNSCĐ {code}", "community_tech", "commune", code, 4, 2],
                  [f"TN-{code}", f"Đội TNTN {code}", "youth_volunteer", "commune", code, 8, 8]]
    _csv(pkg / "teams.csv", ["team_id", "team_name", "team_type", "level", "base_code", "members",
                             "youth_members"], teams)
    links = [[f"CT-{c}", v] for v, c in villages] + [[f"TN-{c}", v] for v, c in villages if v.endswith(("1", "2"))]
    links += [["DN-XK", villages[0][0]], ["DN-XK", villages[-1][0]]]
    _csv(pkg / "team_villages.csv", ["team_id", "village_id"], links)
    acts = []
    for i in range(80):
        team, vid = links[rng.randrange(len(links))]
        day = date(2025, 7, 1) + timedelta(days=rng.randrange(90))
        acts.append([day.isoformat(), team, vid, ["door_to_door", "session", "meeting", "training"][i % 4],
                     rng.randint(5, 50), rng.randint(0, 20), "" if i % 4 == 0 else rng.randint(0, 12)])
    _csv(pkg / "activities.csv", ["date", "team_id", "village_id", "kind", "participants", "vneid_installs",
                                  "eid_level2"], acts)
    _csv(pkg / "targets.csv", ["indicator", "area_code", "period_end", "target"],
         [["eid_level2", "75", "2025-12-31", 9000], ["eid_level2", "25217", "2025-12-31", 800]])
    return pkg


def build_lai_chau_zip(root: Path) -> Path:
    src = root / "zip-src" / "Goi du lieu Lai Chau"
    src.mkdir(parents=True)
    rng = random.Random(12)
    units, _ = load_admin_units("12")
    communes = units[units["code"].isin(["03394", "03400", "03405"])]
    _toml(src / "package.toml", name="Lai Châu", province_code="12", province_name="Lai Châu", admin_system="legacy",
          as_of=date(2025, 6, 30))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UBND TỈNH LAI CHÂU — DANH SÁCH THÔN, BẢN (xuất từ phần mềm QLDC)"])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["STT", "Mã thôn/bản", "Tên thôn/bản", "Mã xã", "Tên xã", "Mã huyện", "Vĩ độ", "Kinh độ", "Số hộ",
               "Số dân", "Điện lưới", "Sóng di động", "Ghi chú", "Người cập nhật"])
    villages, n, total = [], 0, 0
    for _, c in communes.iterrows():
        for k in range(1, 6):
            n += 1
            vid = f"LC{c['code']}{k:02d}"
            villages.append((vid, c["code"]))
            pop = rng.randint(200, 800)
            total += pop
            ws.append([n, vid, f"Bản {k}", c["code"], c["name"], c["parent_code"],
                       round(c["lat"] + rng.uniform(-.02, .02), 5), round(c["lon"] + rng.uniform(-.02, .02), 5),
                       pop // 5, pop, rng.choice(GRID), rng.choice(SIGNAL), "", "cán bộ xã"])
    ws.append(["Tổng cộng", "", "", "", "", "", "", "", "", total])
    wb.save(src / "villages.xlsx")
    _csv(src / "teams.csv", ["team_id", "team_name", "team_type", "level", "base_code"],
         [[f"CT{c}", f"Tổ CNSCĐ {c}", "community_tech", "commune", c] for _, c in villages[::5]])
    _csv(src / "team_villages.csv", ["team_id", "village_id"], [[f"CT{c}", v] for v, c in villages])
    archive = root / "lai-chau.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(src.iterdir()):
            zf.write(f, f"{src.name}/{f.name}")
    return archive


BUILDERS = {"son_la": build_son_la, "dong_nai": build_dong_nai_2025, "lai_chau": build_lai_chau_zip}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("provinces")
    return {name: build(root) for name, build in BUILDERS.items()}


@pytest.fixture(scope="module")
def datasets(packages):
    out = {}
    for name, path in packages.items():
        dataset, problems = read_package(path)
        assert dataset is not None, (name, [p.message("en") for p in problems if p.is_error])
        out[name] = dataset
    return out


# --- reading --------------------------------------------------------------------------------------------

def test_son_la_numbers_nfd_and_mixed_dates_read_as_written(datasets):
    ds = datasets["son_la"]
    v = ds.villages
    assert len(v) == 40 and set(v["commune_code"]) == set(SON_LA_COMMUNES)
    assert set(v["district_code"]) == {"119", "127"}
    assert v["village_name"].map(lambda s: unicodedata.is_normalized("NFC", s)).all()
    assert set(ds.teams["level"]) == {"province", "district", "commune", "village"}
    assert set(ds.teams.loc[ds.teams["team_id"] == "4225", "base_code"]) == {"04225"}
    acts = ds.activities
    assert len(acts) == 120 and acts["date"].notna().all()
    assert acts["eid_level2"].isna().sum() == 24  # blank stays "not reported", not 0
    assert ds.boundaries is None and ds.targets.empty and "capacity_per_night" not in ds.teams


def test_zip_with_subfolder_and_another_tools_export(datasets):
    ds = datasets["lai_chau"]
    assert len(ds.villages) == 15  # the totals row is not a village
    assert {"STT", "Tên xã", "Ghi chú", "Người cập nhật"} <= set(ds.villages.columns)
    assert ds.villages["eligible_citizens"].isna().all() and ds.activities.empty


def test_2025_merged_province_takes_communes_of_the_absorbed_province(datasets):
    ds = datasets["dong_nai"]
    communes = ds.communes()
    assert {"25217", "26068"} <= set(communes["code"])  # former Bình Phước and Đồng Nai
    assert (communes["parent_code"] == "75").all()
    assert {"25198", "26041"} & set(ds.crosswalk["legacy_commune_code"])  # both legacy provinces mapped


def test_2025_units_of_every_province_cover_their_communes():
    units, crosswalk = load_admin_units_2025("11")
    assert units.loc[units["level"] == "commune", "code"].is_unique
    assert set(crosswalk["commune_code_2025"]) <= set(units["code"])
    assert load_admin_units_2025("99")[0].empty


# --- figures with what a province did not report --------------------------------------------------------

def test_summary_without_eligible_citizens_or_members(datasets):
    from core.kpis import summary

    figures = summary(datasets["lai_chau"])
    assert figures["eid_level2_share"] is None and figures["eligible_citizens"] is None
    assert figures["members"] == 0 and figures["teams_by_type_level"]["community_tech/commune"]["members"] == 0


def test_indicators_and_teams_without_activities(datasets):
    from core import indicators as ind

    ds = datasets["lai_chau"]
    head = ind.headline(ds, "eid_level2", ds.meta.province_code)
    assert head["eligible"] is None and head["activated"] is None and head["level2_share"] is None
    teams = ind.team_productivity(ds)
    assert len(teams) == 3 and teams["last_activity"].isna().all() and not teams["active"].any()
    assert ind.effectiveness(ds).empty  # no commune has a known need
    assert ind.monthly_outcome(ds, "eid_level2").empty
    assert ind.teams_headline(teams, 0)["members"] == 0


# --- the 2025 system: communes, no districts ------------------------------------------------------------

def test_2025_package_filters_by_its_communes_not_by_districts(datasets):
    ds = datasets["dong_nai"]
    flt, notices = Filter.from_query_params({"commune": "25217", "district": "689"}, ds)
    assert flt.commune == "25217" and flt.district is None
    assert [n.reason for n in notices] == ["notice_unknown_district"]
    view = flt.apply(ds)
    assert len(view.villages) == 6 and set(view.villages["commune_code"]) == {"25217"}
    assert flt.describe(ds, "vi") == "Phường Phước Long"
    legacy, _ = Filter.from_query_params({"commune": "25198"}, ds)  # a legacy Bình Phước code in an old link
    assert legacy.commune == "25195"
    assert village_district(ds).isna().all()
    assert ranked_villages(ds, Weights.preset())["district_code"].isna().all()


def test_2025_former_district_team_works_in_the_communes_that_took_in_its_own(datasets):
    from core.travel import eligible_pairs

    ds = datasets["dong_nai"]  # legacy Thị xã Phước Long (688) is now in Phường Phước Long (25217) and others
    pairs = eligible_pairs(ds, max_minutes=10_000)
    villages = set(pairs.loc[pairs["team_id"] == "TN-688", "village_id"])
    assert villages == set(ds.villages.loc[ds.villages["commune_code"] == "25217", "village_id"])


def test_2025_indicators_group_by_commune(datasets):
    from core import indicators as ind

    ds = datasets["dong_nai"]
    progress = ind.progress_to_target(ds, level="commune")
    assert set(progress["code"]) == set(DONG_NAI_COMMUNES)
    assert progress.set_index("code").at["25217", "target"] == 800


def test_legacy_package_names_a_reused_code_by_its_legacy_commune(datasets):
    ds = datasets["son_la"]
    # 03724 is legacy Xã Phổng Lái and also the code of the 2025 commune (Bình Thuận) that absorbed it
    assert "03724" in set(ds.crosswalk["commune_code_2025"])
    assert Filter(commune="03724").describe(ds, "vi") == "Xã Phổng Lái"
    assert Filter(district="119").describe(ds, "vi") == "Huyện Thuận Châu"


# --- the plan with default capacities, village- and province-level teams ---------------------------------

def test_son_la_plan_uses_defaults_and_keeps_teams_in_their_area(datasets):
    ds = datasets["son_la"]
    ranked = ranked_villages(ds, Weights.preset())
    assert ranked["district_name"].notna().all()
    result = make_plan(ds, ranked, PlanSettings(time_limit=5))
    assert result.status == "optimal" and result.people_reached > 0
    communes = ds.villages.set_index("village_id")["commune_code"]
    bases = ds.teams.set_index("team_id")
    for team_id, village_id in zip(result.rows["team_id"], result.rows["village_id"], strict=True):
        if bases.at[team_id, "level"] in ("commune", "village"):
            assert communes[village_id] == bases.at[team_id, "base_code"]


# --- a map without a boundaries file ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["son_la", "dong_nai"])
def test_approximate_areas_when_the_package_has_no_boundaries(datasets, name):
    import shapely

    from geo.areas import derived_boundaries

    ds = datasets[name]
    areas = derived_boundaries(ds.units, ds.villages, ds.meta.province_code, ds.meta.admin_system)
    assert areas is not None and areas["approximate"].all() and areas.geometry.is_valid.all()
    communes = areas[areas["level"] == "commune"]
    assert set(ds.villages["commune_code"]) <= set(communes["code"])
    assert len(communes) == len(ds.communes())
    province = areas[areas["level"] == "province"].geometry.iloc[0]
    points = shapely.points(ds.villages["lon"].astype(float), ds.villages["lat"].astype(float))
    assert shapely.contains(province.buffer(1e-9), points).all()
    districts = areas[areas["level"] == "district"]
    assert (len(districts) == 12) if ds.meta.admin_system == "legacy" else districts.empty


def test_pages_render_for_a_package_that_reports_little(packages, monkeypatch):
    """Lai Châu: no eligible citizens, no activities, no members — every page still renders."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    monkeypatch.setenv("DXMAP_PACKAGE", str(packages["lai_chau"]))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    for page in ("views/indicators.py", "views/teams.py", "views/priorities.py", "views/map.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception, page

