"""The whole-country package (a two-province slice of it) and the whole-country plan, split by province.

The full package (34 provinces, ~80,000 villages) is generated on demand and measured by
`bench/plan_bench.py`; here a slice of Điện Biên (11) and Lai Châu (12) is generated, read, validated and
planned the way the full one is.
"""

from __future__ import annotations

import json
import tomllib

import pandas as pd
import pytest

from cli.main import main
from core.analysis.scoring import Weights
from core.ingest.demo import write_national_package
from core.ingest.reader import read_package
from core.model.admin_units import NATIONAL_CODE, load_national_units
from core.model.filters import Filter, district_codes, has_districts
from core.planning.deployment import PlanSettings, forget_plans, make_plan, plan_fingerprint, ranked_villages
from core.planning.national import plan_country
from core.planning.planner import team_capacities
from core.planning.travel import eligible_pairs

SLICE = ["11", "12"]


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return write_national_package(tmp_path_factory.mktemp("national") / "pkg", provinces=SLICE)


@pytest.fixture(scope="module")
def country(package):
    dataset, problems = read_package(package)
    assert dataset is not None, [p.message("en") for p in problems]
    assert not problems, [p.message("en") for p in problems]  # not even a warning
    return dataset


def test_the_catalogue_has_34_provinces_and_3321_communes_of_july_2025():
    units, crosswalk = load_national_units()
    assert (units["level"] == "province").sum() == 1 and units.iloc[0]["code"] == NATIONAL_CODE
    provinces = units[units["level"] == "district"]
    assert len(provinces) == 34 and provinces["code"].str.fullmatch(r"\d\d").all()
    assert {"Tỉnh Điện Biên", "Thành phố Hồ Chí Minh", "Thành phố Huế"} <= set(provinces["name"])
    communes = units[units["level"] == "commune"]
    assert len(communes) == 3321 and communes["code"].is_unique
    assert set(communes["parent_code"]) == set(provinces["code"])
    assert communes[["lat", "lon"]].notna().all().all()
    assert crosswalk.empty


def test_the_package_says_it_is_synthetic_and_credits_the_units(package, country):
    meta = tomllib.loads((package / "package.toml").read_text(encoding="utf-8"))
    assert meta["synthetic"] is True and meta["province_code"] == "00" and meta["admin_system"] == "2025"
    assert country.meta.synthetic and country.meta.province_name == "Việt Nam"
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "vietnamadminunits" in readme and "MIT" in readme and "synthetic" in readme.lower()
    assert "MIT License" in (package / "ADMIN_UNITS_LICENSE.txt").read_text(encoding="utf-8")
    assert not (package / "boundaries.geojson").exists()


def test_villages_and_teams_are_shaped_like_the_country(country):
    v, teams = country.villages, country.teams
    communes = country.communes().set_index("code")
    assert set(v["commune_code"].map(communes["parent_code"])) == set(SLICE)
    per_commune = v.groupby("commune_code").size()
    assert per_commune.between(5, 35).all() and 20 <= per_commune.mean() <= 28  # ~80,000 for 3,321 communes
    assert v["village_id"].is_unique and (v["eligible_citizens"] <= v["population"]).all()
    assert (v["eid_level2_baseline"] <= v["eligible_citizens"]).all()
    # the mountain provinces of the slice have villages without grid power or signal, the wards have none
    assert (v["grid_electricity"] == "no").any() and (v["mobile_signal"] == "none").any()
    wards = v["commune_code"].map(communes["name"]).str.startswith("Phường")
    assert (v.loc[wards, "grid_electricity"] == "yes").all()
    counts = teams.groupby(["team_type", "level"]).size().to_dict()
    n_communes = v["commune_code"].nunique()
    assert counts[("community_tech", "commune")] == n_communes
    assert counts[("youth_volunteer", "province")] == 6 * len(SLICE)
    assert 4 <= len(teams) / n_communes <= 5  # ~15,000 teams for 3,321 communes
    assert pd.to_numeric(teams["capacity_per_night"]).between(20, 40).all()
    assert len(country.activities) > 0 and country.activities["date"].min() >= pd.Timestamp("2025-07-01")


def test_generating_twice_gives_the_same_bytes(tmp_path):
    a = write_national_package(tmp_path / "a", provinces=["12"])
    b = write_national_package(tmp_path / "b", provinces=["12"])
    for name in ("villages.csv", "teams.csv", "team_villages.csv", "activities.csv", "targets.csv", "package.toml"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_validate_command_accepts_it(package, capsys):
    assert main(["validate", str(package), "--lang", "en"]) == 0
    assert "Valid" in capsys.readouterr().out


def test_demo_data_refuses_an_unknown_province(tmp_path, capsys):
    assert main(["demo-data", "--national", "--provinces", "99", "-o", str(tmp_path / "x"), "--lang", "en"]) == 1
    assert "99" in capsys.readouterr().err and not (tmp_path / "x").exists()


def test_the_picker_lists_the_34_provinces_and_a_province_is_a_filter(country):
    assert has_districts(country)
    codes = district_codes(country)
    assert len(codes) == 34 and {"11", "12", "79"} <= codes
    flt, notices = Filter.from_query_params({"district": "12"}, country)
    assert not notices and flt.district == "12"
    view = flt.apply(country)
    communes = country.communes().set_index("code")["parent_code"]
    assert len(view.villages) and (view.villages["commune_code"].map(communes) == "12").all()
    assert set(view.teams[view.teams["level"] == "province"]["base_code"]) == {"12"}
    assert flt.describe(country, "vi") == "Tỉnh Lai Châu"


def test_country_plan_is_the_provinces_plans_side_by_side(country):
    forget_plans()
    settings = PlanSettings()
    side_by_side = plan_country(country, Weights.preset(), settings, workers=2)
    assert [p.code for p in side_by_side.provinces] == SLICE
    one_by_one = plan_country(country, Weights.preset(), settings, workers=1)
    summary = side_by_side.summary()
    assert summary["objective"] == pytest.approx(one_by_one.summary()["objective"])
    assert summary["worst_gap"] <= 0.01 and summary["workers"] == 2
    assert set(summary["per_province"]) == set(SLICE) and summary["total_seconds"] > 0
    rows = side_by_side.rows
    communes = country.communes().set_index("code")["parent_code"]
    village_province = country.villages.set_index("village_id")["commune_code"].map(communes)
    assert (rows["village_id"].map(village_province) == rows["province_code"]).all()  # no plan crosses a border
    teams = team_capacities(country.teams).set_index("team_id")
    used = rows.groupby("team_id")["nights"].sum()
    assert (used <= teams.loc[used.index, "nights"]).all()
    for p in side_by_side.provinces:  # each province's plan is the plan its own page would make
        view = Filter(district=p.code).apply(country)
        alone = make_plan(view, ranked_villages(view, Weights.preset()), settings)
        assert p.result.objective == pytest.approx(alone.objective)
        pairs = eligible_pairs(view, settings.max_travel_minutes)
        allowed = set(zip(pairs["team_id"], pairs["village_id"]))
        assert set(zip(p.result.rows["team_id"], p.result.rows["village_id"])) <= allowed


def test_plan_command_national_scale(package, tmp_path, capsys):
    out = tmp_path / "plan.csv"
    assert main(["plan", "--scale", "national", "--package", str(package), "-o", str(out), "--workers", "2"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["provinces"] == 2 and figures["worst_gap"] <= 0.01
    assert set(figures["per_province"]) == set(SLICE)
    assert all(p["seconds"] > 0 for p in figures["per_province"].values())
    rows = pd.read_csv(out, dtype={"province_code": str})
    assert set(rows["province_code"]) == set(SLICE) and rows["nights"].sum() > 0
    assert len(rows) == figures["plan_rows"]


def test_plan_command_national_scale_needs_a_whole_country_package(tmp_path, capsys):
    from core.config import DEMO_PACKAGE

    args = ["plan", "--scale", "national", "--package", str(DEMO_PACKAGE), "-o", str(tmp_path / "p.csv")]
    assert main([*args, "--lang", "en"]) == 1
    assert "whole-country package" in capsys.readouterr().err
    assert not (tmp_path / "p.csv").exists()


def test_a_plan_is_remembered_for_the_same_inputs_only(country):
    forget_plans()
    view = Filter(district="12").apply(country)
    ranked = ranked_villages(view, Weights.preset())
    settings = PlanSettings()
    first = make_plan(view, ranked, settings)
    first.rows.loc[:, "nights"] = 0  # a caller changing its copy changes nothing remembered
    again = make_plan(view, ranked, settings)
    assert again.rows["nights"].min() >= 1 and again.objective == first.objective
    key = plan_fingerprint(view, ranked, settings)
    assert key == plan_fingerprint(view, ranked.copy(), settings)
    assert key != plan_fingerprint(view, ranked, PlanSettings(nights=3))
    other = ranked_villages(view, Weights.preset("reach_most"))
    assert key != plan_fingerprint(view, other, settings)
