"""folium layers of the Map page: one GeoJson layer per layer, canvas-drawn, offline.

Every layer is a `CompactGeoJson`: one Leaflet `L.geoJson` whose features carry only `s` (an index into the
layer's style list), `tip` (tooltip HTML, already escaped by `presentation.map_tips`) and what a click needs
(`k` = d/c/v for district/commune/village, `code` or `c` = the unit code). Styles are sent once per layer,
not once per feature. The base map (province and district outlines) does not depend on the filter, so
streamlit-folium keeps it mounted; filter-dependent layers are `FeatureGroup`s for `feature_group_to_add`.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Sequence

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from core import palette
from core.analysis.map_logic import GAP_SEVERITY, indicator_class
from core.i18n import fmt_int, t
from presentation.assets import offline_map
from presentation.map_tips import indicator_text

GAP_COLOURS = palette.GAP_COLORS  # the one colour scheme (core.palette), checked for colour-blind readers
GAP_RADIUS = {
    "no_signal": 5.5,
    "no_power": 5.5,
    "weak_signal": 4.5,
    "partial_power": 4.5,
    "low_smartphone": 3.5,
    "unowned_sim": 3.5,
    "": 2.5,
}
GAP_KEYS = (*GAP_SEVERITY, "")
CLASS_COLOURS = palette.SHADING
NO_DATA_COLOUR = palette.NO_DATA
COVERED_COLOUR, UNCOVERED_COLOUR, BASE_COLOUR = (
    palette.COVERAGE["covered"],
    palette.COVERAGE["not_covered"],
    palette.TEAM_BASE,
)
BASE_STYLE = {"radius": 7, "fillColor": BASE_COLOUR, "fillOpacity": 1.0, "color": "#ffffff", "weight": 2}
SELECTED_COLOUR = palette.SELECTED
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def _js(value) -> str:
    """`value` as JSON that is safe inside a <script>: no `</` (which would end it) nor `<!--`.

    User text never carries markup here (tooltips are escaped before), so only our own tags contain `<`.
    """
    return _script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _script_safe(json_text: str) -> str:
    return json_text.replace("</", "<\\/").replace("<!--", "<\\!--")


class CompactGeoJson(folium.map.Layer):
    """One GeoJSON FeatureCollection drawn with per-feature styles picked from a short list."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_styles = {{ this.styles_js }};
        var {{ this.get_name() }} = L.geoJson({{ this.data_js }}, {
            interactive: {{ this.interactive_js }},
            {%- if this.attribution_js %}
            attribution: {{ this.attribution_js }},
            {%- endif %}
            style: function (f) { return {{ this.get_name() }}_styles[f.properties.s]; },
            pointToLayer: function (f, ll) {
                return L.circleMarker(ll, Object.assign({interactive: {{ this.interactive_js }}},
                                                        {{ this.get_name() }}_styles[f.properties.s]));
            },
            onEachFeature: function (f, l) {
                if (f.properties.tip) { l.bindTooltip(f.properties.tip, {sticky: true, className: "dx-tip"}); }
            }
        });
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(
        self,
        features_json: str,
        styles: Sequence[dict],
        name: str,
        interactive: bool = True,
        attribution: str | None = None,
    ):
        super().__init__(name=name, overlay=True, control=False, show=True)
        self._name = "CompactGeoJson"
        self.data_js = _script_safe('{"type":"FeatureCollection","features":[' + features_json + "]}")
        self.styles_js = _js(list(styles))
        self.interactive_js = "true" if interactive else "false"
        self.attribution_js = _js(attribution) if attribution else None
        self.n_features = features_json.count('"Feature"')

    def render(self, **kwargs) -> None:
        # branca would re-parse the rendered script (with all the data) as a jinja template: add it as is.
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_RawScript(script), name=self.get_name())


class _RawScript(Element):
    """Ready JavaScript for the figure's script block, never parsed again."""

    def __init__(self, text: str):
        super().__init__("")
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


_MAP_CSS = """<style>
.leaflet-container {background: #eef2f5;}
.leaflet-control-attribution {font-size: 11px; line-height: 1.3; max-width: 70%;}
.dx-tip {font-size: 13px; line-height: 1.35;}
</style>"""


class _MetricScale(MacroElement):
    """A scale bar in metres and kilometres only (folium's `control_scale` also shows miles)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.scale({"metric": true, "imperial": false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)


class _NoScrollFocus(MacroElement):
    """Focus the map without scrolling the page.

    Leaflet focuses the map container on mousedown (for its arrow-key panning). When the map reaches below
    the fold, that focus scrolls the Streamlit page between mousedown and click, so the click lands on the
    map point that has moved under the pointer: the commune south of the one the tooltip named.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().focus = function (options) {
            HTMLElement.prototype.focus.call(this, Object.assign({}, options, {preventScroll: true}));
        };
        {% endmacro %}
    """)


class _FitArea(MacroElement):
    """Fit the map to an area (with a margin, never closer than `maxZoom`) once per area, in the browser,
    which knows the map's real size; a rerun for the same area keeps the user's pan and zoom."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (m) {
            if (m.__dxFittedTo === {{ this.key_js }}) { return; }
            m.__dxFittedTo = {{ this.key_js }};
            m.fitBounds({{ this.bounds_js }}, {{ this.options_js }});
        })({{ this._parent._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds: tuple[float, float, float, float], max_zoom: float, padding_px: int):
        super().__init__()
        self._name = "FitArea"
        minx, miny, maxx, maxy = (round(float(x), 5) for x in bounds)
        self.bounds_js = json.dumps([[miny, minx], [maxy, maxx]])
        self.key_js = json.dumps(self.bounds_js)
        # No animation: the view is final as soon as the layers are, so a quick next click hits what it shows.
        self.options_js = json.dumps({"maxZoom": max_zoom, "padding": [padding_px, padding_px], "animate": False})


class _AttributionPrefix(MacroElement):
    """Replace Leaflet's default prefix (with its flag icon and outside link) by plain text."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        {% endmacro %}
    """)


# ---- features ---------------------------------------------------------------------------------------------


def point_features(lat: np.ndarray, lon: np.ndarray, props: list[dict]) -> str:
    """Comma-joined GeoJSON Point features, coordinates rounded to 5 decimals."""
    lat = np.round(np.asarray(lat, dtype=float), 5)
    lon = np.round(np.asarray(lon, dtype=float), 5)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return ",".join(
        f'{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{x!r},{y!r}]}},"properties":{dumps(p)}}}'
        for x, y, p in zip(lon.tolist(), lat.tolist(), props)
    )


def polygon_features(geoms: Sequence, props: list[dict]) -> str:
    """Comma-joined GeoJSON features of (already simplified and rounded) geometries."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    geo = shapely.to_geojson(np.asarray(geoms, dtype=object))
    return ",".join(f'{{"type":"Feature","geometry":{g},"properties":{dumps(p)}}}' for g, p in zip(geo, props))


# ---- the base map -----------------------------------------------------------------------------------------


def base_map(
    boundaries: gpd.GeoDataFrame | None,
    lang: str,
    center: tuple[float, float],
    zoom: int,
    tiles: bool = False,
    credit: str | None = None,
) -> folium.Map:
    """The stable map: province outline, clickable districts, the boundaries' `credit`; OSM tiles if asked."""
    m = offline_map(
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    _AttributionPrefix().add_to(m)
    _MetricScale().add_to(m)
    _NoScrollFocus().add_to(m)
    m.get_root().header.add_child(folium.Element(_MAP_CSS), name="dx_map_css")
    if tiles:
        folium.TileLayer(OSM_URL, attr=html.escape(t("map_osm_credit", lang)), name="OpenStreetMap").add_to(m)
    attribution = html.escape(credit) if credit else None
    if boundaries is None or boundaries.empty:
        return m
    province = boundaries[boundaries["level"] == "province"]
    districts = boundaries[boundaries["level"] == "district"]
    if len(province):
        # Without tiles the province is the basemap: a white land mass on a grey-blue background.
        style = {"color": "#263238", "weight": 3, "fill": not tiles, "fillColor": "#ffffff", "fillOpacity": 1.0}
        feats = polygon_features(province.geometry.values, [{"s": 0}] * len(province))
        CompactGeoJson(feats, [style], "province", interactive=False, attribution=attribution).add_to(m)
        attribution = None
    if len(districts):
        hint = html.escape(t("tip_click_district", lang))
        props = [
            {"k": "d", "code": str(c), "s": 0, "tip": f"<b>{html.escape(str(n))}</b><br>{hint}"}
            for c, n in zip(districts["code"], districts["name"])
        ]
        style = {"color": "#37474f", "weight": 1.5, "fill": True, "fillOpacity": 0.0}
        CompactGeoJson(
            polygon_features(districts.geometry.values, props), [style], "districts", attribution=attribution
        ).add_to(m)
    return m


def district_outline_layer(boundaries: gpd.GeoDataFrame | None) -> folium.FeatureGroup:
    """District borders drawn above the commune shading (not clickable)."""
    group = folium.FeatureGroup(name="district_borders")
    if boundaries is not None:
        d = boundaries[boundaries["level"] == "district"]
        if len(d):
            style = {"color": "#263238", "weight": 2, "fill": False}
            CompactGeoJson(
                polygon_features(d.geometry.values, [{"s": 0}] * len(d)), [style], "district_borders", interactive=False
            ).add_to(group)
    return group


# ---- filter-dependent layers -------------------------------------------------------------------------------


def fit_area_layer(
    bounds: tuple[float, float, float, float], max_zoom: float = 12.5, padding_px: int = 32
) -> folium.FeatureGroup:
    """No drawing: fits the view to `bounds` (minx, miny, maxx, maxy in degrees) when the area changes.

    The margin keeps the neighbours in sight; zoom 12.5 shows about 7 km across 400 px, so a small commune
    is never blown up to a few streets.
    """
    group = folium.FeatureGroup(name="fit_area")
    _FitArea(bounds, max_zoom, padding_px).add_to(group)
    return group


def commune_layer(
    communes: gpd.GeoDataFrame, indicators: pd.DataFrame, indicator: str | None, names: dict[str, str], lang: str
) -> folium.FeatureGroup:
    """Communes shaded by one indicator (or outlined only); each clickable, with its value in the tooltip."""
    group = folium.FeatureGroup(name="communes")
    if communes is None or communes.empty:
        return group
    codes = communes["code"].astype(str)
    ind = indicators.reindex(codes)
    classes = indicator_class(ind[indicator], indicator).tolist() if indicator else [5] * len(codes)
    hint = html.escape(t("tip_click_commune", lang))
    label = html.escape(t(f"map_ind_{indicator}", lang)) if indicator else None
    props = []
    for code, parent, cls, n, value in zip(
        codes, communes["parent_code"], classes, ind["villages"], ind[indicator] if indicator else [None] * len(codes)
    ):
        tip = (
            f"<b>{html.escape(names.get(code, code))}</b> · {html.escape(names.get(parent, parent or ''))}"
            f"<br>{html.escape(t('tip_villages', lang))}: {fmt_int(None if pd.isna(n) else n, lang)}"
        )
        if label:
            tip += f"<br>{label}: {indicator_text(value, indicator, lang)}"
        props.append({"k": "c", "code": code, "s": 4 if cls < 0 else int(cls), "tip": tip + f"<br><i>{hint}</i>"})
    outline = {"color": "#78909c", "weight": 0.7}
    styles = [{**outline, "fillColor": c, "fillOpacity": 0.65} for c in CLASS_COLOURS]
    styles += [{**outline, "fillColor": NO_DATA_COLOUR, "fillOpacity": 0.5}, {**outline, "fillOpacity": 0.0}]
    CompactGeoJson(polygon_features(communes.geometry.values, props), styles, "communes").add_to(group)
    return group


def selection_layer(geoms: Sequence) -> folium.FeatureGroup:
    """A thick outline around the selected district or commune."""
    group = folium.FeatureGroup(name="selection")
    if len(geoms):
        style = {"color": SELECTED_COLOUR, "weight": 4, "fill": False}
        CompactGeoJson(
            polygon_features(geoms, [{"s": 0}] * len(geoms)), [style], "selection", interactive=False
        ).add_to(group)
    return group


def _gap_styles() -> list[dict]:
    """Styles of village points: index = 2 × gap index + (1 if no team covers the village)."""
    styles = []
    for gap in GAP_KEYS:
        base = {"radius": GAP_RADIUS[gap], "fillColor": GAP_COLOURS[gap], "fillOpacity": 0.9, "fill": True}
        styles.append({**base, "color": "#ffffff", "weight": 0.8})
        styles.append({**base, "color": "#000000", "weight": 2.2})
    return styles


def village_gap_layer(rows: pd.DataFrame) -> folium.FeatureGroup:
    """Villages as points coloured by their worst gap; a black ring where no team covers them.

    `rows` comes from `presentation.map_tips.village_rows` (or `aggregate_by_commune`): lat, lon, commune_code, gap,
    covered, tip; an optional `k` column ("c" for commune dots).
    """
    group = folium.FeatureGroup(name="villages")
    order = {g: i for i, g in enumerate(GAP_KEYS)}
    # Draw the worst last so they sit on top.
    rows = rows.assign(_o=rows["gap"].map(order)).sort_values("_o", ascending=False, kind="stable")
    style = (rows["_o"] * 2 + (~rows["covered"].astype(bool)).astype(int)).tolist()
    kind = rows["k"].tolist() if "k" in rows else ["v"] * len(rows)
    props = [
        {"k": k, ("code" if k == "c" else "c"): c, "s": s, "tip": tip}
        for k, c, s, tip in zip(kind, rows["commune_code"], style, rows["tip"])
    ]
    CompactGeoJson(point_features(rows["lat"], rows["lon"], props), _gap_styles(), "villages").add_to(group)
    return group


def coverage_layer(rows: pd.DataFrame, bases: pd.DataFrame) -> folium.FeatureGroup:
    """Covered villages small and green, uncovered ones large and red, team bases as blue dots on top."""
    group = folium.FeatureGroup(name="coverage")
    rows = rows.assign(_u=~rows["covered"].astype(bool)).sort_values("_u", kind="stable")
    kind = rows["k"].tolist() if "k" in rows else ["v"] * len(rows)
    props = [
        {"k": k, ("code" if k == "c" else "c"): c, "s": int(u), "tip": tip}
        for k, c, u, tip in zip(kind, rows["commune_code"], rows["_u"], rows["tip"])
    ]
    styles = [
        {"radius": 3, "fillColor": COVERED_COLOUR, "fillOpacity": 0.8, "color": "#ffffff", "weight": 0.6},
        {"radius": 6, "fillColor": UNCOVERED_COLOUR, "fillOpacity": 0.95, "color": "#000000", "weight": 2},
    ]
    CompactGeoJson(point_features(rows["lat"], rows["lon"], props), styles, "villages").add_to(group)
    if len(bases):
        base_style = [BASE_STYLE]
        props = [{"k": "t", "s": 0, "tip": tip} for tip in bases["tip"]]
        CompactGeoJson(point_features(bases["lat"], bases["lon"], props), base_style, "team_bases").add_to(group)
    return group


# ---- measuring --------------------------------------------------------------------------------------------


def render_html(m: folium.Map, groups: Sequence[folium.FeatureGroup] = ()) -> str:
    """The full HTML document of the map with `groups` added (what a browser would receive)."""
    for group in groups:
        group.add_to(m)
    return m.get_root().render()


def timed(fn, *args, **kwargs) -> tuple[object, float]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start
