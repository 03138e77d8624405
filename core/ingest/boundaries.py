"""Admin boundary files: GeoJSON, GeoPackage or zipped shapefile, in any CRS, to canonical EPSG:4326 polygons.

Shared by the package reader and the importer: columns matched by name (level/code/name/parent_code, or the
Vietnamese `cap`/`ma`/`ten`), reprojected (VN-2000 included), invalid geometries repaired or reported, and a
file that lands outside Vietnam refused (a wrong or missing CRS).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from core.ingest.parsing import cell_text, fold, is_blank, parse_code, parse_enum, parse_text
from core.ingest.validation import WARNING, Problem, has_errors, problem, safe_detail
from core.model.schema import CODE_WIDTH, TABLES, TEXT_DTYPE

BOUNDARY_ALIASES = {
    "level": ("level", "cap"),
    "code": ("code", "ma"),
    "name": ("name", "ten"),
    "parent_code": ("parent_code", "ma cap tren", "parent"),
    "approximate": ("approximate",),
}


VIETNAM_BOUNDS = (101.5, 8.0, 110.0, 23.6)  # lon/lat box with margin: a polygon outside means a wrong CRS


def read_boundary_file(path: Path) -> tuple[Any, list[Problem]]:
    """Admin polygons from GeoJSON, GeoPackage or a zipped shapefile in any CRS (VN-2000 included), as
    EPSG:4326; invalid geometries repaired (warned per feature) or, when unrepairable, reported as errors.
    Rows are feature numbers (1 = first feature)."""
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a problem, not a crash
        return None, [problem(path.name, None, "", "", "unreadable_boundaries", detail=safe_detail(exc))]
    if gdf.empty:  # an empty FeatureCollection, or a bare geometry without properties
        return None, [problem(path.name, None, "", "", "boundaries_empty")]
    renames = {c: canon for c in gdf.columns for canon, keys in BOUNDARY_ALIASES.items() if fold(c) in keys}
    gdf = gdf.rename(columns=renames)
    missing = [c for c in ("level", "code", "name") if c not in gdf.columns]
    if missing:
        return None, [
            problem(path.name, None, c, "", "missing_column", column=c, aliases=", ".join(BOUNDARY_ALIASES[c]))
            for c in missing
        ]
    if gdf.crs is None:
        return None, [problem(path.name, None, "", "", "boundaries_no_crs")]
    if gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    gdf, problems = _repair(gdf, path.name)
    if has_errors(problems):
        return None, problems
    minx, miny, maxx, maxy = gdf.total_bounds
    lo_x, lo_y, hi_x, hi_y = VIETNAM_BOUNDS
    if not (lo_x <= minx and maxx <= hi_x and lo_y <= miny and maxy <= hi_y):
        box = f"{minx:.3f}, {miny:.3f} – {maxx:.3f}, {maxy:.3f}"
        return None, problems + [
            problem(path.name, None, "geometry", box, "boundaries_outside_vietnam", crs=str(gdf.crs))
        ]
    return boundary_columns(gdf.reset_index(drop=True)), problems


def _repair(gdf: Any, file: str) -> tuple[Any, list[Problem]]:
    import numpy as np
    import shapely

    geoms = gdf.geometry.to_numpy()
    problems: list[Problem] = []
    fixed = list(geoms)
    finite = shapely.get_coordinates(geoms, include_z=False) if len(geoms) else None
    bad_rows = set()
    if finite is not None and not np.isfinite(finite).all():
        bad_rows = {
            i for i, g in enumerate(geoms) if g is not None and not np.isfinite(shapely.get_coordinates(g)).all()
        }
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            problems.append(problem(file, i + 1, "geometry", "", "geometry_empty"))
            continue
        if i in bad_rows:
            problems.append(problem(file, i + 1, "geometry", "", "geometry_bad_coordinates"))
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(problem(file, i + 1, "geometry", geom.geom_type, "geometry_not_area", kind=geom.geom_type))
            continue
        if geom.is_valid:
            continue
        reason = shapely.is_valid_reason(geom)
        repaired = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        if repaired.is_empty or repaired.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(problem(file, i + 1, "geometry", reason, "geometry_unrepairable"))
        else:
            fixed[i] = repaired
            problems.append(problem(file, i + 1, "geometry", reason, "geometry_repaired", WARNING))
    return gdf.set_geometry(fixed, crs=gdf.crs), problems


def boundary_columns(gdf: Any) -> Any:
    levels = gdf["level"].map(lambda v: parse_enum(v, TABLES["teams"].column("level").enum_words)[0] or v)
    codes = [
        (parse_code(c, CODE_WIDTH.get(lvl))[0] or cell_text(c)) if not is_blank(c) else None
        for c, lvl in zip(gdf["code"], levels, strict=True)
    ]
    parent = gdf["parent_code"] if "parent_code" in gdf.columns else pd.Series([None] * len(gdf))
    parents = [_parent_code(p, lvl) for p, lvl in zip(parent, levels, strict=True)]
    approximate = gdf["approximate"].fillna(False).astype(bool) if "approximate" in gdf.columns else False
    return gdf.assign(
        level=pd.Series(levels, index=gdf.index, dtype=TEXT_DTYPE),
        code=pd.Series(codes, index=gdf.index, dtype=TEXT_DTYPE),
        name=gdf["name"].map(lambda v: parse_text(v)[0]).astype(TEXT_DTYPE),
        parent_code=pd.Series(parents, index=gdf.index, dtype=TEXT_DTYPE),
        approximate=approximate,
    )


def _parent_code(value: Any, level: str) -> str | None:
    if value is None or is_blank(value):
        return None
    text = cell_text(value)
    text = text.split(".")[0] if re.fullmatch(r"\d+\.0+", text) else text
    if not text.isdigit() or level not in ("commune", "district"):
        return text
    # a commune's parent is a district (legacy, 3 digits) or the province (2025, 2 digits)
    return text.zfill(2 if len(text) <= 2 or level == "district" else 3)
