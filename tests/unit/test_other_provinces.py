"""Packages from other provinces, built here the way their officials would send them (not the demo's files).

(a) Sơn La (legacy, 14): villages and activities as XLSX with Vietnamese NFD headers, codes typed as
    numbers, Excel and `dd/mm/yyyy` dates, blank outcomes, village- and province-level shock teams; no
    boundaries, targets or capacity columns.
(b) Đồng Nai in the 2025 system: it absorbed Bình Phước (legacy 70), villages carry 2025 commune codes and
    no district column.
(c) Lai Châu as a zip whose files sit in a subfolder, `villages.xlsx` exported by another tool (title row,
    header in row 3, extra columns, a totals row), no eligible citizens, no activities, no team members.

The builders live in tests/fixtures/other_provinces.py (tests/e2e/test_other_province_browser.py serves one).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from core.analysis.scoring import Weights
from core.ingest.reader import read_package
from core.model.admin_units import load_admin_units_2025
from core.model.filters import Filter, village_district
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from tests.fixtures.other_provinces import BUILDERS, DONG_NAI_COMMUNES, SON_LA_COMMUNES


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
    from core.analysis.kpis import summary

    figures = summary(datasets["lai_chau"])
    assert figures["eid_level2_share"] is None and figures["eligible_citizens"] is None
    assert figures["members"] == 0 and figures["teams_by_type_level"]["community_tech/commune"]["members"] == 0


def test_indicators_and_teams_without_activities(datasets):
    from core.analysis import indicators as ind

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
    from core.planning.travel import eligible_pairs

    ds = datasets["dong_nai"]  # legacy Thị xã Phước Long (688) is now in Phường Phước Long (25217) and others
    pairs = eligible_pairs(ds, max_minutes=10_000)
    villages = set(pairs.loc[pairs["team_id"] == "TN-688", "village_id"])
    assert villages == set(ds.villages.loc[ds.villages["commune_code"] == "25217", "village_id"])


def test_2025_indicators_group_by_commune(datasets):
    from core.analysis import indicators as ind

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
