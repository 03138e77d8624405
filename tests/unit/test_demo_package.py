"""The committed demo package: deterministic, calibrated to DOMAIN.md, honest about being synthetic."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tomllib

import numpy as np
import pandas as pd
import pytest

from core.config import DEMO_PACKAGE, ROOT
from core.ingest.demo import CALIBRATION, _coverage, _key, _ranked, write_demo_package


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


# --- the same bytes on any CPU ---------------------------------------------------------------------------

GENERATE = """
import sys
from pathlib import Path
from core.ingest.demo import write_demo_package
write_demo_package(Path(sys.argv[1]))
"""


def test_numpy_on_other_cpu_paths_gives_the_committed_bytes(tmp_path):
    """numpy picks SIMD code by CPU (AVX-512 here, AVX2 on many AMD EPYC): with every such path turned off,
    as on a CPU without them, the generator must still write the committed package."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    found = [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(found)}
    subprocess.run([sys.executable, "-c", GENERATE, str(tmp_path / "pkg")], env=env, cwd=ROOT, check=True)
    for name in ("villages.csv", "team_villages.csv", "activities.csv", "teams.csv", "boundaries.geojson"):
        assert filecmp.cmp(tmp_path / "pkg" / name, DEMO_PACKAGE / name, shallow=False), name


def test_ranking_ignores_last_bit_differences_and_breaks_ties_by_id():
    values = np.array([0.5, 0.25, 0.5, 0.75, 0.25])
    ids = np.array(["b", "e", "a", "c", "d"])
    nudged = values + np.array([1e-12, -1e-12, -1e-12, 3e-13, 2e-12])
    expected = ["c", "a", "b", "d", "e"]
    assert list(ids[_ranked(_key(values), ids)]) == expected
    assert list(ids[_ranked(_key(nudged), ids)]) == expected
    shuffled = [4, 2, 0, 3, 1]
    assert list(ids[shuffled][_ranked(_key(nudged[shuffled]), ids[shuffled])]) == expected


def test_team_coverage_ignores_last_bit_differences_in_remoteness(tables):
    villages = tables["villages"].astype({"lat": float, "lon": float})
    commune_remote = {c: (i % 7) / 7 for i, c in enumerate(sorted(villages["commune_code"].unique()))}
    villages["_remote"] = villages["commune_code"].map(commune_remote)  # one value for every village of a commune
    teams = tables["teams"]
    nudge = np.random.default_rng(1).uniform(-1e-12, 1e-12, len(villages))
    plain = _coverage(villages, teams, np.random.default_rng(7))
    nudged = _coverage(villages.assign(_remote=villages["_remote"] + nudge), teams, np.random.default_rng(7))
    pd.testing.assert_frame_equal(plain, nudged)


def test_commune_areas_ignore_last_bit_differences_in_their_inputs():
    import geopandas as gpd
    import shapely

    from core.ingest.demo import PROVINCE_CODE, SOURCE_DIR
    from core.model.admin_units import load_admin_units
    from geo.areas import approximate_commune_areas

    units, _ = load_admin_units(PROVINCE_CODE)
    points = units[units["level"] == "commune"]
    districts = gpd.read_file(SOURCE_DIR / "dien_bien_districts.geojson").rename(columns={"gso_code": "code"})
    districts = districts[["code", "geometry"]]
    nudged_points = points.assign(lat=points["lat"] + 3e-13, lon=points["lon"] - 2e-13)
    nudged_districts = districts.set_geometry(shapely.transform(districts.geometry.values, lambda xy: xy + 1e-12))
    plain = approximate_commune_areas(districts, points)
    nudged = approximate_commune_areas(nudged_districts, nudged_points)
    assert list(plain.geometry.to_wkb()) == list(nudged.geometry.to_wkb())
