"""The folium base map (province outline, clickable districts, offline) and the map colours and styles.

Every layer is a `CompactGeoJson`: one Leaflet `L.geoJson` whose features carry only `s` (an index into the
layer's style list), `tip` (tooltip HTML, already escaped by `presentation.map_tips`) and what a click needs
(`k` = d/c/v for district/commune/village, `code` or `c` = the unit code). Styles are sent once per layer,
not once per feature. The plan map draws its `FeatureGroup`s on `base_map` (streamlit-folium keeps the base
mounted); the Map page's own component takes the colours and styles from here.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from core import palette
from core.analysis.map_logic import GAP_SEVERITY as GAP_SEVERITY  # the legend order, for the map component
from core.i18n import t
from presentation.assets import offline_map

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
CLASS_COLOURS = palette.SHADING
NO_DATA_COLOUR = palette.NO_DATA
COVERED_COLOUR, UNCOVERED_COLOUR, BASE_COLOUR = (
    palette.COVERAGE["covered"],
    palette.COVERAGE["not_covered"],
    palette.TEAM_BASE,
)
BASE_STYLE = {"radius": 7, "fillColor": BASE_COLOUR, "fillOpacity": 1.0, "color": "#ffffff", "weight": 2}
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
