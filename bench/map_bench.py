"""Map build time, payload and first paint: the Map page's component vs the naive one-CircleMarker-per-village
folium map.

The component's data comes in two kinds: the files sent once per data version (outlines, village lookup:
`once_bytes`) and what each run sends (`per_run_bytes`). `first_paint_s` loads the component page itself
(`static/dxmap/`) in headless Chromium with those files and one run's message, until the canvases are drawn.
`run("province")` measures the demo province; `run("national")` a generated country of 80,000 villages in
10,000 communes (where the whole-country view draws one dot per commune). Both patterns are measured in the
same run on the same data. Figures only: nothing here passes or fails on time. The page in a real browser,
with Streamlit, is `bench/map_browser_bench.py`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
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
from presentation import layers, map_payload
from presentation.assets import LEAFLET_DIR, MAP_COMPONENT_DIR
from presentation.map_tips import village_rows

MAX_VILLAGE_POINTS = 20_000  # same threshold as the page


def _prepare(dataset: Dataset, flt: Filter = Filter(), lang: str = "vi"):
    """What both patterns need first: the village rows with their tooltips, the commune shading values."""
    view = flt.apply(dataset) if not flt.is_whole_province else dataset
    return village_rows(view, lang, flt.gaps), commune_indicators(dataset.villages, dataset.team_villages)


def _ours(dataset: Dataset, light: gpd.GeoDataFrame, prepared, lang: str = "vi", flt: Filter = Filter()) -> dict:
    """The component's files (once per data version) and one run's message, as text."""
    _rows, shading = prepared
    view = flt.apply(dataset) if not flt.is_whole_province else dataset
    geo = map_payload.geo_json(light, unit_names(dataset), dataset.villages, lang)
    villages = map_payload.villages_json(dataset, unit_names(dataset), lang)
    points = map_payload.points(view, dataset, flt.gaps, "gaps", lang, MAX_VILLAGE_POINTS)
    communes = map_payload.communes_of(light)
    code = flt.commune or flt.district
    area = light[light["code"] == code] if code else light
    spec = map_payload.spec(
        geo={"key": "geo", "url": "geo.json"},
        villages={"key": "villages", "url": "villages.json"},
        points=points,
        communes=map_payload.commune_classes(communes, shading, "no_signal", lang),
        area=tuple(area.total_bounds),
        home=view_for_bounds(tuple(light.total_bounds)),
        height=620,
        lang=lang,
        credit=dataset.boundary_credit(),
        selected=code,
        colours={"classes": layers.CLASS_COLOURS, "no_data": layers.NO_DATA_COLOUR, "osm_url": layers.OSM_URL},
    )
    return {"geo": geo, "villages": villages, "spec": json.dumps(spec, ensure_ascii=False, separators=(",", ":"))}


def _ours_size(page: dict) -> int:
    return sum(len(text.encode()) for text in page.values())


def _naive(dataset: Dataset, prepared) -> str:
    """The usual tutorial map: CDN folium, raw boundaries, one CircleMarker (with tooltip) per village."""
    rows, _shading = prepared
    m = folium.Map(location=[float(rows["lat"].mean()), float(rows["lon"].mean())], zoom_start=8)
    folium.GeoJson(dataset.boundaries[["level", "code", "name", "geometry"]]).add_to(m)
    colours = rows["gap"].map(layers.GAP_COLOURS)
    for lat, lon, colour, tip in zip(rows["lat"], rows["lon"], colours, rows["tip"]):
        folium.CircleMarker([lat, lon], radius=4, color=colour, fill=True, tooltip=tip).add_to(m)
    return m.get_root().render()


def _measure(fn, *args, repeat: int = 1, size=lambda page: len(page.encode())) -> tuple[object, dict]:
    """Best of `repeat` runs (after one warm-up run when repeating), and the payload size."""
    if repeat > 1:
        fn(*args)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        page = fn(*args)
        best = min(best, time.perf_counter() - start)
    return page, {"build_s": round(best, 3), "bytes": size(page)}


def _first_paint(page: dict) -> float | None:
    """Seconds from navigation until the component has drawn (outlines, shading and points), in headless
    Chromium, with the data files fetched from disk (None if Chromium is unavailable)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(LEAFLET_DIR, root / "app" / "static" / "leaflet")
        (root / "app" / "static" / "dxmap").mkdir(parents=True)
        shutil.copy(MAP_COMPONENT_DIR / "map.js", root / "app" / "static" / "dxmap" / "map.js")
        (root / "geo.json").write_text(page["geo"], encoding="utf-8")
        (root / "villages.json").write_text(page["villages"], encoding="utf-8")
        index = (MAP_COMPONENT_DIR / "index.html").read_text(encoding="utf-8")
        # the run's message arrives as soon as the component says it is ready, as Streamlit sends it
        hook = (
            "<script>window.addEventListener('message', e => { if (e.data && e.data.type === "
            "'streamlit:componentReady') window.postMessage({type: 'streamlit:render', args: {spec: "
            + page["spec"].replace("</", "<\\/")
            + "}}, '*'); });</script>"
        )
        (root / "index.html").write_text(index.replace("<body>", "<body>" + hook), encoding="utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                tab = browser.new_page(viewport={"width": 1200, "height": 800})
                start = time.perf_counter()
                tab.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", timeout=60_000)
                tab.wait_for_function("() => window.dxMap && window.dxMap.ready", timeout=120_000)
                tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                elapsed = time.perf_counter() - start
                browser.close()
        finally:
            server.shutdown()
    return round(elapsed, 3)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _compare(dataset: Dataset, light: gpd.GeoDataFrame, paint: bool) -> dict:
    start = time.perf_counter()
    prepared = _prepare(dataset)
    prepare_s = round(time.perf_counter() - start, 3)
    repeat = 3 if len(dataset.villages) < 20_000 else 1  # the naive national map takes ~30 s a run
    ours_page, ours = _measure(_ours, dataset, light, prepared, repeat=repeat, size=_ours_size)
    ours["once_bytes"] = len(ours_page["geo"].encode()) + len(ours_page["villages"].encode())
    ours["per_run_bytes"] = len(ours_page["spec"].encode())
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
        "payload_ratio": round(naive["bytes"] / ours["bytes"], 1),
        "per_run_payload_ratio": round(naive["bytes"] / ours["per_run_bytes"], 1),
    }


def run(scale: str = "province") -> dict:
    """Figures as a JSON-ready dict; `build_s` is building the map's data from the same prepared rows."""
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
        page = _ours(dataset, light, _prepare(dataset, flt), flt=flt)
        out["ours_one_district"] = {
            "per_run_build_s": round(time.perf_counter() - start, 3),
            "per_run_bytes": len(page["spec"].encode()),
            "villages": int(sum(ch != "-" for ch in json.loads(page["spec"])["points"]["styles_of"])),
            "first_paint_s": _first_paint(page),
        }
        out["targets"] = {"first_paint_s": 2.0}
        out["note"] = (
            "whole-country view: one dot per commune plus the commune outlines and shading; single villages "
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
