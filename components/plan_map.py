"""The deployment plan on a map: planned villages sized by nights, team bases, straight lines from each
team's base, and a legend of the sizes and symbols under the map."""

from __future__ import annotations

import html

import folium
import pandas as pd
import shapely
import streamlit as st
from streamlit_folium import st_folium

from components.map_view import light_boundaries
from core import palette
from core.i18n import t
from core.model.dataset import Dataset
from core.planning.planner import PlanResult
from presentation import layers
from presentation.assets import ensure_leaflet_assets
from presentation.plan_map import RADII, night_legend, plan_bases, plan_points, plan_trips
from services.maps import view_for_bounds

_VILLAGE_COLOUR, _BASE_COLOUR, _TRIP_COLOUR = palette.VERMILLION, palette.TEAM_BASE, palette.BLUE
_TRIP_STYLE = {"color": _TRIP_COLOUR, "weight": 1, "opacity": 0.35}
# translucent fill with a white rim: overlapping circles stay countable
_POINT_STYLES = [
    {"radius": r, "fillColor": _VILLAGE_COLOUR, "fillOpacity": 0.6, "color": "#ffffff", "weight": 1.2} for r in RADII
]
# team bases: dark blue, a thick white ring, drawn on top, never mistaken for a village
_BASE_STYLE = [{"radius": 6, "fillColor": _BASE_COLOUR, "fillOpacity": 1.0, "color": "#ffffff", "weight": 2.5}]
_HEIGHT = 540
_CSS = """<style>
.dx-plan-legend {display:flex; flex-wrap:wrap; align-items:center; gap:0.3rem 1.1rem; font-size:0.9rem;
                 margin:-0.4rem 0 0.8rem 0;}
.dx-plan-legend span {display:inline-flex; align-items:center; gap:0.35rem; white-space:nowrap;}
.dx-plan-legend i {display:inline-block; border-radius:50%;}
</style>"""


def plan_map(result: PlanResult, dataset: Dataset, view: Dataset, ranked: pd.DataFrame, lang: str) -> None:
    ensure_leaflet_assets()
    bounds = light_boundaries(dataset)
    points = plan_points(result.rows, ranked, view.teams, lang)
    bases = plan_bases(result.rows, dataset, lang)
    trips = plan_trips(result.rows, dataset, ranked)
    box = (points["lon"].min(), points["lat"].min(), points["lon"].max(), points["lat"].max())
    center, zoom = view_for_bounds(tuple(float(x) for x in box), height_px=_HEIGHT)
    fmap = layers.base_map(bounds, lang, center, zoom, credit=dataset.boundary_credit())
    group = folium.FeatureGroup(name="plan")
    lines = shapely.linestrings(
        [[[a, b], [c, d]] for a, b, c, d in zip(trips["base_lon"], trips["base_lat"], trips["lon"], trips["lat"])]
    )
    layers.CompactGeoJson(
        layers.polygon_features(shapely.set_precision(lines, 1e-5), [{"s": 0}] * len(trips)),
        [_TRIP_STYLE],
        "trips",
        interactive=False,
    ).add_to(group)
    props = [{"k": "p", "s": s, "tip": tip} for s, tip in zip(points["size"], points["tip"])]
    layers.CompactGeoJson(layers.point_features(points["lat"], points["lon"], props), _POINT_STYLES, "planned").add_to(
        group
    )
    base_props = [{"k": "b", "s": 0, "tip": tip} for tip in bases["tip"]]
    layers.CompactGeoJson(layers.point_features(bases["lat"], bases["lon"], base_props), _BASE_STYLE, "bases").add_to(
        group
    )
    st_folium(
        fmap,
        key="dx_plan_map",
        height=_HEIGHT,
        use_container_width=True,
        center=center,
        zoom=zoom,
        feature_group_to_add=[group],
        returned_objects=[],
    )
    plan_legend(lang)


def plan_legend(lang: str) -> None:
    """Circle sizes by nights, the team base symbol and the trip line, in one line under the map."""

    def circle(radius: int, colour: str, ring: str, label: str) -> str:
        size = 2 * radius
        return (
            f'<span><i style="width:{size}px;height:{size}px;background:{colour};border:{ring}"></i>'
            f"{html.escape(label)}</span>"
        )

    parts = [f"<b>{html.escape(t('plan_legend_nights', lang))}</b>"]
    parts += [
        circle(r, _VILLAGE_COLOUR + "99", f"1px solid {palette.VERMILLION}", label) for r, label in night_legend(lang)
    ]
    parts.append(
        circle(
            7,
            _BASE_COLOUR,
            f"2px solid #ffffff; box-shadow:0 0 0 1px {palette.TEAM_BASE}",
            t("map_legend_team_base", lang),
        )
    )
    parts.append(
        f'<span><i style="width:22px;height:0;border-top:2px solid {_TRIP_COLOUR};border-radius:0"></i>'
        f"{html.escape(t('plan_legend_trip', lang))}</span>"
    )
    st.markdown(
        _CSS + f'<div class="dx-plan-legend" data-testid="dx-plan-legend">{"".join(parts)}</div>',
        unsafe_allow_html=True,
    )
