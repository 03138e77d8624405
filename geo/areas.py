"""Approximate commune areas from commune points, nested in district polygons.

No open commune polygons exist for most provinces, so commune areas are Voronoi cells of the commune
points, cut along the district borders. Pieces of a cell that fall in another district go to that
district's nearest commune, except when the commune's own point lies in that other district: then the
district border is outdated (e.g. communes moved to a city after the polygons were drawn) and the commune
keeps its piece, so its district grows. Every resulting polygon is approximate.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Point
from shapely.ops import unary_union

METRIC_CRS = "EPSG:32648"  # UTM 48N covers northern and central Vietnam; good enough for ~100 m work
_SPREAD_M = 1500.0


def spread_shared_points(points: pd.DataFrame) -> pd.DataFrame:
    """Move communes sharing one identical point onto a small ring around it (deterministic, by code)."""
    out = points.copy()
    for (_lat, _lon), group in out.groupby(["lat", "lon"], sort=False):
        if len(group) < 2:
            continue
        for i, idx in enumerate(sorted(group.index, key=lambda ix: out.at[ix, "code"])):
            angle = 2 * math.pi * i / len(group)
            dlat = _SPREAD_M * math.cos(angle) / 111_320
            dlon = _SPREAD_M * math.sin(angle) / (111_320 * math.cos(math.radians(_lat)))
            out.at[idx, "lat"] = _lat + dlat
            out.at[idx, "lon"] = _lon + dlon
    return out


def approximate_commune_areas(districts: gpd.GeoDataFrame, communes: pd.DataFrame) -> gpd.GeoDataFrame:
    """Commune polygons (EPSG:4326) for `communes` (`code`, `name`, `parent_code`, `lat`, `lon`).

    `districts` has `code` and polygon geometry. Returns `code`, `name`, `parent_code`, geometry.
    """
    pts = spread_shared_points(communes.reset_index(drop=True))
    geo_pts = _snapped(gpd.GeoSeries(gpd.points_from_xy(pts["lon"], pts["lat"]), crs="EPSG:4326").to_crs(METRIC_CRS))
    dist = districts.to_crs(METRIC_CRS).set_index("code")
    dist = dist.set_geometry(_snapped(dist.geometry))
    province = unary_union(list(dist.geometry))
    cells = _voronoi_cells(list(geo_pts), province)
    parents = pts["parent_code"].tolist()
    pieces: dict[int, list] = {i: [] for i in range(len(pts))}
    for i, cell in enumerate(cells):
        for dcode, dgeom in dist.geometry.items():
            piece = cell.intersection(dgeom)
            if piece.is_empty or piece.area < 1.0:
                continue
            owner = i
            if dcode != parents[i] and not dgeom.contains(geo_pts[i]):
                owner = _nearest_in_district(geo_pts, parents, dcode, piece, i)
            pieces[owner].append(piece)
    geoms = [shapely.make_valid(unary_union(p)) if p else Point(geo_pts[i]).buffer(500) for i, p in pieces.items()]
    out = gpd.GeoDataFrame(pts[["code", "name", "parent_code"]].copy(), geometry=geoms, crs=METRIC_CRS).to_crs(
        "EPSG:4326"
    )
    return out.set_geometry(_snapped(out.geometry, WGS84_DECIMALS))


# Coordinates are rounded before they decide anything (cells, pieces, owners, and later which random point
# falls inside a commune): projections and intersections may differ in their last bits between CPUs, and
# rounded values do not. 1 cm in metres, 1e-7 degree (≈1 cm) in WGS84.
METRIC_DECIMALS = 2
WGS84_DECIMALS = 7


def _snapped(geoms: gpd.GeoSeries, decimals: int = METRIC_DECIMALS) -> gpd.GeoSeries:
    """`geoms` with every coordinate rounded to `decimals`."""
    rounded = shapely.transform(np.asarray(geoms.values, dtype=object), lambda xy: np.round(xy, decimals))
    return gpd.GeoSeries(rounded, index=geoms.index, crs=geoms.crs)


def _voronoi_cells(points: list, extent) -> list:
    """One Voronoi cell per point (in order), clipped to `extent`."""
    regions = shapely.voronoi_polygons(MultiPoint(points), extend_to=extent.envelope.buffer(10_000))
    cells = []
    for p in points:
        cell = next((r for r in regions.geoms if r.contains(p)), None)
        if cell is None:  # a point exactly on a cell edge: take the nearest cell
            cell = min(regions.geoms, key=lambda r: r.distance(p))
        cells.append(cell.intersection(extent))
    return cells


def _nearest_in_district(geo_pts, parents: list[str], dcode: str, piece, fallback: int) -> int:
    candidates = [j for j, parent in enumerate(parents) if parent == dcode]
    if not candidates:
        return fallback
    centre = piece.representative_point()
    return min(candidates, key=lambda j: geo_pts[j].distance(centre))


def districts_from_communes(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """District polygons as the union of their communes (used after approximate areas moved borders)."""
    parts = communes[["parent_code", "geometry"]].to_crs(METRIC_CRS)
    merged = parts.dissolve(by="parent_code").reset_index().rename(columns={"parent_code": "code"})
    merged["geometry"] = merged.geometry.apply(shapely.make_valid)
    return merged.to_crs("EPSG:4326")


def random_points_in(polygon, n: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """`n` uniformly random (lat, lon) points inside a WGS84 polygon (rejection sampling)."""
    minx, miny, maxx, maxy = polygon.bounds
    prepared = shapely.prepared.prep(polygon) if hasattr(shapely, "prepared") else polygon
    out: list[tuple[float, float]] = []
    while len(out) < n:
        xs = rng.uniform(minx, maxx, size=max(8, 4 * (n - len(out))))
        ys = rng.uniform(miny, maxy, size=xs.size)
        for x, y in zip(xs, ys):
            if len(out) < n and prepared.contains(Point(x, y)):
                out.append((float(y), float(x)))
    return out


def derived_boundaries(
    units: pd.DataFrame, villages: pd.DataFrame, province_code: str, admin_system: str = "legacy"
) -> gpd.GeoDataFrame | None:
    """Approximate admin polygons for a package without boundaries (EPSG:4326, `approximate` = True).

    Communes are the Voronoi cells of their points (the catalogue's centroid, else the mean of the
    commune's villages), clipped to the points' convex hull widened by the typical distance between
    neighbouring communes; districts (legacy system only) are the union of their communes, the province
    the union of all. Columns: `level`, `code`, `name`, `parent_code`, `approximate`, geometry. None when
    fewer than one commune has a point.
    """
    communes = units[units["level"] == "commune"][["code", "name", "parent_code", "lat", "lon"]]
    communes = communes.drop_duplicates("code").set_index("code")
    located = villages.dropna(subset=["lat", "lon"])
    village_centres = located.groupby("commune_code")[["lat", "lon"]].mean()
    missing = village_centres.index.difference(communes.index)
    district_of = (
        (
            villages.dropna(subset=["district_code"])
            .drop_duplicates("commune_code")
            .set_index("commune_code")["district_code"]
        )
        if "district_code" in villages
        else pd.Series()
    )
    extra = pd.DataFrame(
        {
            "name": list(missing),
            "parent_code": [district_of.get(c, province_code) for c in missing],
            "lat": village_centres.loc[missing, "lat"],
            "lon": village_centres.loc[missing, "lon"],
        },
        index=missing,
    )
    points = pd.concat([communes, extra]) if len(extra) else communes
    points = points.astype({"lat": float, "lon": float})
    points[["lat", "lon"]] = points[["lat", "lon"]].fillna(village_centres.reindex(points.index))
    points = points.dropna(subset=["lat", "lon"]).rename_axis("code").reset_index()
    if points.empty:
        return None
    pts = spread_shared_points(points)
    metric = gpd.GeoSeries(gpd.points_from_xy(pts["lon"], pts["lat"]), crs="EPSG:4326").to_crs(METRIC_CRS)
    village_pts = gpd.GeoSeries(
        gpd.points_from_xy(located["lon"].astype(float), located["lat"].astype(float)), crs="EPSG:4326"
    ).to_crs(METRIC_CRS)
    spacing = _neighbour_spacing(list(metric))
    extent = MultiPoint([*metric, *village_pts]).convex_hull.buffer(spacing)
    cells = _voronoi_cells(list(metric), extent) if len(metric) > 1 else [extent]
    out = gpd.GeoDataFrame(
        pts[["code", "name", "parent_code"]].assign(level="commune"), geometry=list(cells), crs=METRIC_CRS
    )
    frames = [out]
    district_names = dict(
        zip(units.loc[units["level"] == "district", "code"], units.loc[units["level"] == "district", "name"])
    )
    if admin_system != "2025":
        in_district = out[out["parent_code"].isin(district_names)]
        if len(in_district):
            districts = in_district.dissolve(by="parent_code").reset_index()[["parent_code", "geometry"]]
            frames.append(
                gpd.GeoDataFrame(
                    {
                        "code": districts["parent_code"],
                        "level": "district",
                        "name": districts["parent_code"].map(district_names),
                        "parent_code": province_code,
                    },
                    geometry=districts.geometry,
                    crs=METRIC_CRS,
                )
            )
    province_name = units.loc[units["level"] == "province", "name"]
    frames.append(
        gpd.GeoDataFrame(
            {
                "code": [province_code],
                "level": ["province"],
                "name": [province_name.iloc[0] if len(province_name) else province_code],
                "parent_code": [None],
            },
            geometry=[unary_union(list(out.geometry))],
            crs=METRIC_CRS,
        )
    )
    result = pd.concat(frames, ignore_index=True)
    result["geometry"] = result.geometry.apply(shapely.make_valid)
    result["approximate"] = True
    order = result["level"].map({"province": 0, "district": 1, "commune": 2})
    result = result.assign(_o=order).sort_values(["_o", "code"], kind="stable").drop(columns="_o")
    return (
        gpd.GeoDataFrame(
            result[["level", "code", "name", "parent_code", "approximate", "geometry"]],
            geometry="geometry",
            crs=METRIC_CRS,
        )
        .to_crs("EPSG:4326")
        .reset_index(drop=True)
    )


def _neighbour_spacing(points: list, floor_m: float = 2_000.0) -> float:
    """Median distance from each point to its nearest neighbour (at least `floor_m`)."""
    if len(points) < 2:
        return 5 * floor_m
    from scipy.spatial import cKDTree

    xy = np.array([(p.x, p.y) for p in points])
    distances, _ = cKDTree(xy).query(xy, k=2)
    return max(float(np.median(distances[:, 1])), floor_m)
