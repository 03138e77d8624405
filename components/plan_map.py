"""The deployment plan on a map: planned villages sized by nights, straight lines from each team's base."""

from __future__ import annotations

import folium
import pandas as pd
import shapely
from streamlit_folium import st_folium

from components.context import data_version
from components.map_view import light_boundaries
from core.dataset import Dataset
from core.map_logic import view_for_bounds
from core.plan_map import plan_points, plan_trips
from core.planner import PlanResult
from geo import layers
from geo.assets import ensure_leaflet_assets

_TRIP_STYLE = {"color": "#0b5394", "weight": 1.2, "opacity": 0.55}
_POINT_STYLES = [{"radius": r, "fillColor": "#d55e00", "fillOpacity": 0.85, "color": "#000000", "weight": 1}
                 for r in (4, 6, 8, 10)]


def _size_class(nights: pd.Series) -> list[int]:
    return pd.cut(nights, [0, 2, 5, 10, 10_000], labels=False, include_lowest=True).astype(int).tolist()


def plan_map(result: PlanResult, dataset: Dataset, view: Dataset, ranked: pd.DataFrame, lang: str) -> None:
    ensure_leaflet_assets()
    bounds = light_boundaries(data_version(), dataset)
    points = plan_points(result.rows, ranked, view.teams, lang)
    trips = plan_trips(result.rows, dataset, ranked)
    box = (points["lon"].min(), points["lat"].min(), points["lon"].max(), points["lat"].max())
    center, zoom = view_for_bounds(tuple(float(x) for x in box), height_px=460)
    fmap = layers.base_map(bounds, lang, center, zoom, credit=dataset.boundary_credit())
    group = folium.FeatureGroup(name="plan")
    lines = shapely.linestrings([[[a, b], [c, d]] for a, b, c, d in
                                 zip(trips["base_lon"], trips["base_lat"], trips["lon"], trips["lat"])])
    layers.CompactGeoJson(layers.polygon_features(shapely.set_precision(lines, 1e-5), [{"s": 0}] * len(trips)),
                          [_TRIP_STYLE], "trips", interactive=False).add_to(group)
    props = [{"k": "p", "s": s, "tip": tip} for s, tip in zip(_size_class(points["nights"]), points["tip"])]
    layers.CompactGeoJson(layers.point_features(points["lat"], points["lon"], props), _POINT_STYLES,
                          "planned").add_to(group)
    st_folium(fmap, key="dx_plan_map", height=460, use_container_width=True, center=center, zoom=zoom,
              feature_group_to_add=[group], returned_objects=[])
