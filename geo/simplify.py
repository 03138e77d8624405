"""Boundaries made light enough to send to a browser: simplified in metres, coordinates rounded."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.areas import METRIC_CRS

DECIMALS = 5  # 5 decimals ≈ 1 m: enough for a map, and a much smaller payload


def round_coordinates(geoms, decimals: int = DECIMALS):
    """The geometries with every coordinate rounded to `decimals` (works on arrays of geometries)."""
    return shapely.transform(geoms, lambda coords: np.round(coords, decimals))


def simplify_boundaries(
    gdf: gpd.GeoDataFrame, tolerance_m: float = 100.0, metric_crs: str = METRIC_CRS
) -> gpd.GeoDataFrame:
    """A new GeoDataFrame (EPSG:4326): each level simplified to ≈`tolerance_m` metres, coordinates rounded.

    Shared borders stay shared: each level is simplified as one coverage when GEOS allows it, so
    neighbouring communes neither overlap nor open gaps. The input is left untouched.
    """
    if gdf is None or gdf.empty:
        return gdf
    metric = gdf.to_crs(metric_crs)
    geoms = np.array(metric.geometry.values, dtype=object)
    for level in metric["level"].unique():
        idx = np.flatnonzero((metric["level"] == level).to_numpy())
        geoms[idx] = _simplify_level(geoms[idx], tolerance_m)
    out = gpd.GeoDataFrame(metric.drop(columns="geometry"), geometry=list(geoms), crs=metric_crs).to_crs(4326)
    fixed = shapely.make_valid(round_coordinates(np.array(out.geometry.values, dtype=object)))
    return out.set_geometry(list(fixed), crs=4326)


def _simplify_level(geoms: np.ndarray, tolerance_m: float) -> np.ndarray:
    try:
        return np.asarray(shapely.coverage_simplify(geoms, tolerance_m), dtype=object)
    except Exception:  # noqa: BLE001 — not a valid coverage (overlaps): simplify one by one
        return np.asarray(shapely.simplify(geoms, tolerance_m, preserve_topology=True), dtype=object)
