"""Area queries: PostGIS in SQL (GiST indexes) against pandas/shapely on the dataset the app already holds.

Three questions a map view asks, at province scale (the demo, ~1,500 villages) and national scale (the generated
country of bench/map_bench.py, 80,000 villages in 10,000 communes):
- `bbox`: the villages in the visible rectangle (a sixteenth of the area);
- `commune`, `district`: the villages inside one commune's / one district's boundary polygon;
and, for a process that holds nothing yet (a command, a report), `cold_commune`: read the whole version from the
store then filter, against asking the store for that commune's villages only.

Both paths run in the same run on the same data; every figure is the best of several runs, in milliseconds, with
`ratio` = pandas time / SQL time (above 1: SQL is faster). Figures only: nothing passes or fails.

    .venv/bin/python -m bench.postgis_bench [--scale province|national|both] [--db postgresql://…]

Without --db a throwaway PostgreSQL server is started (Debian postgresql + postgis, as the tests use).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely

from core.model.dataset import Dataset
from core.storage import postgis, store


def _best_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    fn()  # warm-up: caches, query plans, prepared geometries
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 3), result


def _compare(name: str, pandas_fn, sql_fn, repeat: int) -> dict:
    pandas_ms, expected = _best_ms(pandas_fn, repeat)
    sql_ms, got = _best_ms(sql_fn, repeat)
    assert list(expected) == list(got), f"{name}: the two paths disagree"
    return {
        "villages_found": len(got),
        "pandas_ms": pandas_ms,
        "sql_ms": sql_ms,
        "ratio_pandas_over_sql": round(pandas_ms / sql_ms, 2) if sql_ms else None,
    }


def _largest(bounds, level: str):
    part = bounds[bounds["level"] == level]
    return part.loc[part.geometry.area.idxmax()]


def run_one(dataset: Dataset, url: str, repeat: int) -> dict:
    started = time.perf_counter()
    version = store.commit(dataset, url=url)
    commit_s = round(time.perf_counter() - started, 2)
    villages, bounds = dataset.villages, dataset.boundaries
    x = villages["lon"].to_numpy(dtype=float)
    y = villages["lat"].to_numpy(dtype=float)
    minx, miny, maxx, maxy = bounds.total_bounds
    cx, cy, w, h = (minx + maxx) / 2, (miny + maxy) / 2, (maxx - minx) / 4, (maxy - miny) / 4
    box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    commune, district = _largest(bounds, "commune"), _largest(bounds, "district")
    eng = store.engine(url)

    def sql(fn, *args):
        def call():
            with eng.connect() as conn:
                return fn(conn, *args)

        return call

    def within(geom):
        shapely.prepare(geom)
        return lambda: np.flatnonzero(shapely.intersects_xy(geom, x, y)).tolist()

    figures = {
        "villages": len(villages),
        "boundaries": len(bounds),
        "commit_s": commit_s,
        "bbox": _compare(
            "bbox",
            lambda: np.flatnonzero((x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])).tolist(),
            sql(postgis.villages_in_bbox, version, box),
            repeat,
        ),
        "commune": _compare(
            "commune", within(commune.geometry), sql(postgis.villages_within, version, version, commune["code"]), repeat
        ),
        "district": _compare(
            "district",
            within(district.geometry),
            sql(postgis.villages_within, version, version, district["code"]),
            repeat,
        ),
    }

    def cold_pandas():
        loaded = store.load_dataset(version, url)
        geom = loaded.boundaries.set_index("code").geometry[commune["code"]]
        lx, ly = loaded.villages["lon"].to_numpy(dtype=float), loaded.villages["lat"].to_numpy(dtype=float)
        return np.flatnonzero(shapely.intersects_xy(geom, lx, ly)).tolist()

    figures["cold_commune"] = _compare(
        "cold_commune",
        cold_pandas,
        sql(postgis.villages_within, version, version, commune["code"]),
        max(1, repeat // 5),
    )
    return figures


def _server_url(db: str | None):
    if db:
        return db, None
    from tests.pg import PostgresServer  # the tests' throwaway server: initdb in a temporary folder

    server = PostgresServer().start()
    return server.new_database, server


def run(scale: str = "both", db: str | None = None, repeat: int = 20) -> dict:
    from bench.map_bench import national_dataset
    from core.config import DEMO_PACKAGE
    from core.ingest.reader import read_package

    new_url, server = _server_url(db)
    try:
        out: dict[str, Any] = {}
        for name in ("province", "national") if scale == "both" else (scale,):
            if name == "province":
                dataset, _problems = read_package(DEMO_PACKAGE)
            else:
                dataset = national_dataset()
            url = new_url() if callable(new_url) else new_url
            with store.engine(url).connect() as conn:
                if not postgis.extension_installed(conn) and not postgis.extension_available(conn):
                    return {"error": "PostGIS is not available on this server"}
            out[name] = run_one(dataset, url, repeat if name == "province" else max(3, repeat // 4))
        return out
    finally:
        if server is not None:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["province", "national", "both"], default="both")
    parser.add_argument("--db", help="an empty PostgreSQL database with PostGIS (default: a throwaway server)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(run(args.scale, args.db, args.repeat), indent=2))


if __name__ == "__main__":
    main()
