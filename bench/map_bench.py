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

from bench.targets import target
from core.analysis.map_logic import commune_indicators, unit_names, view_for_bounds
from core.model.dataset import Dataset, PackageMeta
from core.model.filters import Filter
from geo.simplify import simplify_boundaries
from presentation import layers, map_payload
from presentation.assets import LEAFLET_CSS, LEAFLET_DIR, LEAFLET_JS, MAP_COMPONENT_DIR
from presentation.map_tips import village_rows

MAX_VILLAGE_POINTS = 20_000  # same threshold as the page


def _prepare(dataset: Dataset, flt: Filter = Filter(), lang: str = "vi"):
    """What both patterns need first: the village rows with their tooltips, the commune shading values."""
    view = flt.apply(dataset) if not flt.is_whole_province else dataset
    return village_rows(view, lang, flt.gaps), commune_indicators(dataset, dataset.team_villages)


def _ours_once(dataset: Dataset, light: gpd.GeoDataFrame, lang: str = "vi") -> dict:
    """The component's two files, built once per data version and language."""
    return {
        "geo": map_payload.geo_json(light, unit_names(dataset), dataset.villages, lang),
        "villages": map_payload.villages_json(dataset, unit_names(dataset), lang),
    }


def _ours_run(dataset: Dataset, light: gpd.GeoDataFrame, shading, lang: str = "vi", flt: Filter = Filter()) -> str:
    """One run's message (what each filter change sends)."""
    view = flt.apply(dataset) if not flt.is_whole_province else dataset
    points = map_payload.points(view, dataset, flt.gaps, "gaps", lang, MAX_VILLAGE_POINTS)
    code = flt.commune or flt.district
    area = light[light["code"] == code] if code else light
    spec = map_payload.spec(
        geo={"key": "geo", "url": "geo.json"},
        villages={"key": "villages", "url": "villages.json"},
        points=points,
        communes=map_payload.commune_classes(map_payload.communes_of(light), shading, "no_signal", lang),
        area=tuple(area.total_bounds),
        home=view_for_bounds(tuple(light.total_bounds)),
        height=620,
        lang=lang,
        credit=dataset.boundary_credit(),
        selected=code,
        colours={"classes": layers.CLASS_COLOURS, "no_data": layers.NO_DATA_COLOUR, "osm_url": layers.OSM_URL},
    )
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def _ours(dataset: Dataset, light: gpd.GeoDataFrame, prepared, lang: str = "vi", flt: Filter = Filter()) -> dict:
    """The component's files (once per data version) and one run's message, as text."""
    return {**_ours_once(dataset, light, lang), "spec": _ours_run(dataset, light, prepared[1], lang, flt)}


def _ours_size(page: dict) -> int:
    return sum(len(text.encode()) for text in page.values())


def _naive(dataset: Dataset, prepared, offline: bool = False) -> str:
    """The usual tutorial map: CDN folium, raw boundaries, one CircleMarker (with tooltip) per village
    (`offline`: with the app's own Leaflet instead of the CDN links, to time it in a browser here)."""
    rows, _shading = prepared
    m = folium.Map(location=[float(rows["lat"].mean()), float(rows["lon"].mean())], zoom_start=8)
    if offline:
        m = folium.Map(location=[float(rows["lat"].mean()), float(rows["lon"].mean())], zoom_start=8, tiles=None)
        m.default_js, m.default_css = list(LEAFLET_JS), list(LEAFLET_CSS)
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


def _first_paint(page: dict | str, repeat: int = 3) -> float | None:
    """Seconds from navigation start (the page's own clock) until the map is drawn and two frames have passed,
    in headless Chromium, median of `repeat` loads over local HTTP (None if Chromium is unavailable).

    `page` is either the component's files and one run's message (dict: drawn = the component says so after
    the run's parts) or a whole folium HTML page (str: drawn = its load event, as its scripts are inline)."""
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
        if isinstance(page, str):
            (root / "index.html").write_text(page, encoding="utf-8")
            ready = "() => !!window.L && document.readyState === 'complete'"  # its scripts are inline
        else:
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
            ready = "() => window.dxMap && window.dxMap.ready"
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        times = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                for _ in range(repeat):
                    context = browser.new_context(viewport={"width": 1200, "height": 800})
                    context.route("http*://**/*", _local_only)  # offline, as in the app
                    # the page's own clock, read in the page: ms since its navigation started, two frames after
                    # it is drawn (so no round trip to this process is counted)
                    context.add_init_script(
                        "(() => { const ready = " + ready + "; const check = () => { if (ready()) "
                        "requestAnimationFrame(() => requestAnimationFrame(() => { window.__drawnAt = "
                        "performance.now(); })); else requestAnimationFrame(check); }; requestAnimationFrame(check);"
                        " })();"
                    )
                    tab = context.new_page()
                    tab.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", timeout=120_000)
                    tab.wait_for_function("() => window.__drawnAt", timeout=120_000)
                    times.append(tab.evaluate("() => window.__drawnAt") / 1000)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
    return round(sorted(times)[len(times) // 2], 3)


def _local_only(route) -> None:
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


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
    _spec, per_run = _measure(_ours_run, dataset, light, prepared[1], repeat=repeat)
    ours["per_run_build_s"] = per_run["build_s"]
    _naive_page, naive = _measure(_naive, dataset, prepared, repeat=repeat)
    if paint:
        ours["first_paint_s"] = _first_paint(ours_page)
        if len(dataset.villages) < 20_000:  # the naive national page takes minutes to build and to draw
            naive["first_paint_s"] = _first_paint(_naive(dataset, prepared, offline=True))
    return {
        "villages": int(len(dataset.villages)),
        "communes": int(len(dataset.communes())),
        "prepare_rows_and_tooltips_s_shared": prepare_s,
        "ours": ours,
        "naive_circle_markers": naive,
        "build_speedup": round(naive["build_s"] / max(ours["build_s"], 1e-9), 1),
        "payload_ratio": round(naive["bytes"] / ours["bytes"], 1),
        "per_run_payload_ratio": round(naive["bytes"] / ours["per_run_bytes"], 1),
        **(
            {"first_paint_vs_naive": round(ours["first_paint_s"] / naive["first_paint_s"], 2)}
            if naive.get("first_paint_s") and ours.get("first_paint_s")
            else {}
        ),
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
        shading = commune_indicators(dataset, dataset.team_villages)
        once = _ours_once(dataset, light)
        start = time.perf_counter()
        spec = _ours_run(dataset, light, shading, flt=flt)
        run_s = round(time.perf_counter() - start, 3)
        out["ours_one_district"] = {
            "per_run_build_s": run_s,
            "per_run_bytes": len(spec.encode()),
            "villages": int(sum(ch != "-" for ch in json.loads(spec)["points"]["styles_of"])),
            "first_paint_s_with_the_files_fetched": _first_paint({**once, "spec": spec}),
        }
        out["targets"] = [
            target("national map, whole country, first paint (s)", out["ours"].get("first_paint_s"), 2.0, "s"),
            target(
                "national map, one district, first paint (s)",
                out["ours_one_district"]["first_paint_s_with_the_files_fetched"],
                2.0,
                "s",
            ),
        ]
        out["note"] = (
            "whole-country view: one dot per commune plus the commune outlines and shading; single villages "
            "are drawn once a district or commune is chosen"
        )
    return out


bench = run  # `make bench`: both scales


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
