"""The committed demo package: deterministic, calibrated to DOMAIN.md, honest about being synthetic."""

from __future__ import annotations

import filecmp
import tomllib

import pandas as pd
import pytest

from core.config import DEMO_PACKAGE
from core.ingest.demo import CALIBRATION, write_demo_package


@pytest.fixture(scope="module")
def tables():
    read = lambda name: pd.read_csv(DEMO_PACKAGE / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    return {name: read(name) for name in ("villages", "teams", "team_villages", "activities", "targets")}


def test_generating_twice_gives_the_committed_bytes(tmp_path):
    first = write_demo_package(tmp_path / "a")
    second = write_demo_package(tmp_path / "b")
    for name in sorted(p.name for p in DEMO_PACKAGE.iterdir()):
        assert filecmp.cmp(first / name, second / name, shallow=False), name
        assert filecmp.cmp(first / name, DEMO_PACKAGE / name, shallow=False), f"{name} differs from the committed one"


def test_package_says_it_is_synthetic():
    meta = tomllib.loads((DEMO_PACKAGE / "package.toml").read_text(encoding="utf-8"))
    assert meta["synthetic"] is True
    assert meta["province_code"] == "11" and meta["admin_system"] == "legacy"


def test_real_units_ten_districts_and_129_communes_with_official_codes(tables):
    villages = tables["villages"]
    assert villages["district_code"].nunique() == 10
    assert villages["commune_code"].nunique() == 129
    assert villages["commune_code"].str.fullmatch(r"\d{5}").all()
    assert "103" in set(villages["district_code"])  # Nậm Pồ
    assert 1300 <= len(villages) <= 1700


def test_nam_po_has_about_20_villages_without_power_and_more_than_10_without_signal(tables):
    nam_po = tables["villages"][tables["villages"]["district_code"] == "103"]
    assert 17 <= (nam_po["grid_electricity"] == "no").sum() <= 20
    assert (nam_po["mobile_signal"] == "none").sum() > 10


def test_city_is_better_connected_than_remote_districts(tables):
    v = tables["villages"]
    share = (v["mobile_signal"].isin(["none", "weak"])).groupby(v["district_code"]).mean()
    assert share["094"] < share["103"] and share["094"] < share["096"]


def test_team_counts_and_members_match_the_province_report(tables):
    teams = tables["teams"].assign(members=lambda d: d["members"].astype(int))
    g = teams.groupby(["team_type", "level"])["members"].agg(["size", "sum"])
    assert tuple(g.loc[("community_tech", "commune")]) == (129, 159)
    assert tuple(g.loc[("youth_volunteer", "district")]) == (152, 1169)
    assert tuple(g.loc[("youth_volunteer", "province")]) == (6, 39)


def test_outcome_totals_match_published_figures(tables):
    acts = tables["activities"]
    signatures = pd.to_numeric(acts["digital_signatures"].replace("", None)).sum()
    smart = pd.to_numeric(acts["smart_app_accounts"].replace("", None)).sum()
    assert signatures == CALIBRATION["digital_signatures"] == 6130
    assert smart > 3000
    assert (acts["digital_signatures"] == "").any(), "some rows must be 'not reported', not 0"


def test_activities_span_2023_to_the_package_date(tables):
    dates = pd.to_datetime(tables["activities"]["date"])
    assert dates.min() >= pd.Timestamp("2023-01-01")
    assert dates.max() <= pd.Timestamp("2025-06-30")


def test_some_villages_are_covered_by_no_team(tables):
    covered = set(tables["team_villages"]["village_id"])
    uncovered = set(tables["villages"]["village_id"]) - covered
    assert 0 < len(uncovered) < len(tables["villages"]) * 0.3


def test_boundaries_hold_province_districts_and_approximate_communes():
    import geopandas as gpd

    b = gpd.read_file(DEMO_PACKAGE / "boundaries.geojson")
    counts = b["level"].value_counts()
    assert counts["province"] == 1 and counts["district"] == 10 and counts["commune"] == 129
    assert b[b["level"] == "commune"]["approximate"].all()
    assert b.geometry.is_valid.all()
    assert (DEMO_PACKAGE / "BOUNDARIES_SOURCE.md").read_text(encoding="utf-8").count("CC BY 3.0 IGO") >= 1
