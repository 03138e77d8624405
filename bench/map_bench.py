"""Map build time and HTML payload: our layers vs the naive one-CircleMarker-per-village folium map.

`run("province")` measures the demo province; `run("national")` a generated country of 80,000 villages in
10,000 communes (where the whole-country view draws one dot per commune). Both patterns are measured in the
same run on the same data. Figures only: nothing here passes or fails on time.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from core.analysis.map_logic import commune_indicators, unit_names, view_for_bounds
from core.model.dataset import Dataset, PackageMeta
from core.model.filters import Filter
from geo.simplify import simplify_boundaries
from presentation import layers
from presentation.assets import LEAFLET_DIR
from presentation.map_tips import aggregate_by_commune, village_rows

MAX_VILLAGE_POINTS = 20_000  # same threshold as the page


def _prepare(dataset: Dataset, flt: Filter = Filter(), lang: str = "vi"):
    """What both patterns need first: the village rows with their tooltips, the commune shading values."""
    view = flt.apply(dataset) if not flt.is_whole_province else dataset
    return village_rows(view, lang, flt.gaps), commune_indicators(dataset.villages, dataset.team_villages)


def _ours(dataset: Dataset, light: gpd.GeoDataFrame, prepared, lang: str = "vi") -> str:
    rows, shading = prepared
    if len(rows) > MAX_VILLAGE_POINTS:
        rows = aggregate_by_commune(rows, unit_names(dataset), lang)
    center, zoom = view_for_bounds(tuple(light.total_bounds))
    groups = [
        layers.commune_layer(light[light["level"] == "commune"], shading, "no_signal", unit_names(dataset), lang),
        layers.district_outline_layer(light),
        layers.village_gap_layer(rows),
    ]
    return layers.render_html(layers.base_map(light, lang, center, zoom, credit=dataset.boundary_credit()), groups)


def _naive(dataset: Dataset, prepared) -> str:
    """The usual tutorial map: CDN folium, raw boundaries, one CircleMarker (with tooltip) per village."""
    rows, _shading = prepared
    m = folium.Map(location=[float(rows["lat"].mean()), float(rows["lon"].mean())], zoom_start=8)
    folium.GeoJson(dataset.boundaries[["level", "code", "name", "geometry"]]).add_to(m)
    colours = rows["gap"].map(layers.GAP_COLOURS)
    for lat, lon, colour, tip in zip(rows["lat"], rows["lon"], colours, rows["tip"]):
        folium.CircleMarker([lat, lon], radius=4, color=colour, fill=True, tooltip=tip).add_to(m)
    return m.get_root().render()


def _measure(fn, *args, repeat: int = 1) -> tuple[str, dict]:
    """Best of `repeat` runs (after one warm-up run when repeating), and the payload size."""
    if repeat > 1:
        fn(*args)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        page = fn(*args)
        best = min(best, time.perf_counter() - start)
    return page, {"build_s": round(best, 3), "html_bytes": len(page.encode())}


def _first_paint(page: str) -> float | None:
    """Seconds from navigation until the canvas layers are drawn, in headless Chromium (None if unavailable)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        html_file = Path(tmp) / "map.html"
        html_file.write_text(page.replace("/app/static/leaflet", LEAFLET_DIR.as_uri()), encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            tab = browser.new_page(viewport={"width": 1200, "height": 800})
            tab.route("http*://**/*", lambda route: route.abort())  # offline, as in the app
            start = time.perf_counter()
            tab.goto(html_file.as_uri(), wait_until="load", timeout=60_000)
            tab.wait_for_function("() => !!document.querySelector('.leaflet-overlay-pane canvas')", timeout=60_000)
            tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            elapsed = time.perf_counter() - start
            browser.close()
    return round(elapsed, 3)


def _compare(dataset: Dataset, light: gpd.GeoDataFrame, paint: bool) -> dict:
    start = time.perf_counter()
    prepared = _prepare(dataset)
    prepare_s = round(time.perf_counter() - start, 3)
    repeat = 3 if len(dataset.villages) < 20_000 else 1  # the naive national map takes ~30 s a run
    ours_page, ours = _measure(_ours, dataset, light, prepared, repeat=repeat)
    _naive_page, naive = _measure(_naive, dataset, prepared, repeat=repeat)
    if paint:
        ours["first_paint_s"] = _first_paint(ours_page)
    return {
        "villages": int(len(dataset.villages)),
        "communes": int(len(dataset.communes())),
        "prepare_rows_and_tooltips_s_shared": prepare_s,
        "ours": ours,
        "naive_circle_markers": naive,
        "build_speedup": round(naive["build_s"] / max(ours["build_s"], 1e-9), 1),
        "payload_ratio": round(naive["html_bytes"] / ours["html_bytes"], 1),
    }


def run(scale: str = "province") -> dict:
    """Figures as a JSON-ready dict; `build_s` is map building + HTML rendering from the same prepared rows."""
    if scale == "national":
        dataset = national_dataset()
    else:
        from core.config import DEMO_PACKAGE
        from core.ingest.reader import read_package

        dataset, _problems = read_package(DEMO_PACKAGE)
    start = time.perf_counter()
    light = simplify_boundaries(dataset.boundaries)
    simplify_s = round(time.perf_counter() - start, 3)
    out = {"scale": scale, "boundary_simplify_s_once": simplify_s, **_compare(dataset, light, paint=True)}
    if scale == "national":
        district = dataset.districts()["code"].iloc[len(dataset.districts()) // 2]
        flt = Filter(district=district)
        start = time.perf_counter()
        page = _ours(dataset, light, _prepare(dataset, flt))
        out["ours_one_district"] = {
            "prepare_and_build_s": round(time.perf_counter() - start, 3),
            "html_bytes": len(page.encode()),
            "villages": int(page.count('"k":"v"')),
            "first_paint_s": _first_paint(page),
        }
        out["note"] = (
            "whole-country view: one dot per commune plus the commune choropleth; single villages "
            "are drawn once a district or commune is chosen"
        )
    return out


def national_dataset(villages: int = 80_000, grid: int = 100, seed: int = 7) -> Dataset:
    """A generated Vietnam-sized package: `grid`² communes in 4×4-commune districts and 20×20 provinces."""
    rng = np.random.default_rng(seed)
    x0, y0, dx, dy = 102.2, 8.6, 7.2 / grid, 14.6 / grid
    i, j = np.meshgrid(np.arange(grid), np.arange(grid), indexing="ij")
    i, j = i.ravel(), j.ravel()
    commune = np.char.zfill((i * grid + j).astype(str), 5)
    district = np.char.zfill(((i // 4) * (grid // 4) + j // 4).astype(str), 3)
    province = np.char.zfill(((i // 20) * (grid // 20) + j // 20).astype(str), 2)
    boxes = shapely.segmentize(shapely.box(x0 + i * dx, y0 + j * dy, x0 + (i + 1) * dx, y0 + (j + 1) * dy), dx / 8)
    frames = [
        gpd.GeoDataFrame(
            {
                "level": "commune",
                "code": commune,
                "name": np.char.add("Xã ", commune),
                "parent_code": district,
                "approximate": True,
            },
            geometry=boxes,
            crs=4326,
        )
    ]
    for level, codes, parents in (("district", district, province), ("province", province, None)):
        cells = (
            gpd.GeoDataFrame(
                {"code": codes, "parent": parents if parents is not None else ""}, geometry=boxes, crs=4326
            )
            .dissolve("code", aggfunc="first")
            .reset_index()
        )
        frames.append(
            gpd.GeoDataFrame(
                {
                    "level": level,
                    "code": cells["code"],
                    "name": (("Huyện " if level == "district" else "Tỉnh ") + cells["code"]),
                    "parent_code": cells["parent"],
                    "approximate": False,
                },
                geometry=cells.geometry.values,
                crs=4326,
            )
        )
    boundaries = pd.concat(frames, ignore_index=True)
    centroids = boundaries.geometry.representative_point()
    units = pd.DataFrame(
        {
            "level": boundaries["level"],
            "code": boundaries["code"],
            "name": boundaries["name"],
            "parent_code": boundaries["parent_code"],
            "lat": centroids.y,
            "lon": centroids.x,
            "centroid_quality": "derived",
        }
    )
    pick = rng.integers(0, grid * grid, villages)
    v = pd.DataFrame(
        {
            "village_id": [f"V{n:06d}" for n in range(villages)],
            "village_name": [f"Thôn {n}" for n in range(villages)],
            "commune_code": commune[pick],
            "district_code": district[pick],
            "lat": y0 + (j[pick] + rng.random(villages)) * dy,
            "lon": x0 + (i[pick] + rng.random(villages)) * dx,
            "households": pd.array(rng.integers(30, 300, villages), dtype="Int64"),
            "population": pd.array(rng.integers(100, 1500, villages), dtype="Int64"),
            "grid_electricity": rng.choice(["yes", "partial", "no"], villages, p=[0.9, 0.06, 0.04]),
            "mobile_signal": rng.choice(["4g", "3g", "weak", "none"], villages, p=[0.7, 0.15, 0.1, 0.05]),
            "smartphone_share": rng.random(villages),
            "owner_sim_share": rng.random(villages),
        }
    )
    v["eligible_citizens"] = (v["population"] * 0.7).round().astype("Int64")
    v["eid_level2_baseline"] = (v["eligible_citizens"] * rng.random(villages)).round().astype("Int64")
    teams = pd.DataFrame(
        {
            "team_id": [f"T{c}" for c in commune],
            "team_name": np.char.add("Tổ CNSCĐ ", commune),
            "team_type": "community_tech",
            "level": "commune",
            "base_code": commune,
            "members": pd.array(rng.integers(2, 10, grid * grid), dtype="Int64"),
        }
    )
    covered = v.sample(frac=0.85, random_state=seed)
    team_villages = pd.DataFrame({"team_id": "T" + covered["commune_code"], "village_id": covered["village_id"]})
    meta = PackageMeta(
        name="national bench",
        province_code="00",
        province_name="Việt Nam (bench)",
        admin_system="legacy",
        as_of=date(2025, 6, 30),
        synthetic=True,
    )
    empty = pd.DataFrame()
    crosswalk = pd.DataFrame(columns=["legacy_commune_code", "commune_code_2025", "commune_name_2025"])
    dataset = Dataset(
        meta=meta,
        units=units,
        villages=v,
        teams=teams,
        team_villages=team_villages,
        activities=pd.DataFrame(columns=["date", "team_id", "village_id"]),
        targets=empty,
        crosswalk=crosswalk,
        boundaries=gpd.GeoDataFrame(boundaries, crs=4326),
    )
    return replace(dataset)
