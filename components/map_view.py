"""The Map page's Streamlit parts: controls, the streamlit-folium map, its legend and the side panel.

The base map (province and district outlines) depends only on the data, the language and the tiles switch,
so it stays mounted; everything the filter changes goes through `feature_group_to_add`, including the view:
the browser fits it to the chosen area (it alone knows the map's real width). A click comes back as
`last_active_drawing` (the clicked feature and its `code`) and becomes the shared
filter in a callback, so the whole app follows.
"""

from __future__ import annotations

import html

import folium
import streamlit as st
from streamlit_folium import st_folium

from components.context import current_view, version_key
from components.filters import current_filter, describe, set_filter
from components.projector import is_projector
from core.analysis.kpis import GAPS
from core.analysis.map_logic import (
    INDICATORS,
    clicked_unit,
    commune_indicators,
    district_of_communes,
    filter_after_click,
    map_credit,
    panel_counts,
    team_links,
    unit_names,
    view_for_bounds,
)
from core.analysis.scoring import Weights, score_villages, weights_from_params
from core.exports.safety import markdown_literal
from core.i18n import fmt_int, fmt_pct, t
from core.model.dataset import Dataset
from core.model.filters import Filter, has_districts
from geo.areas import derived_boundaries
from geo.simplify import simplify_boundaries
from presentation import layers
from presentation.assets import ensure_leaflet_assets
from presentation.map_tips import aggregate_by_commune, class_labels, team_bases, village_rows

MAP_KEY = "dx_map"
MAP_HEIGHT = 620
MAX_VILLAGE_POINTS = 20_000  # above this, one dot per commune (national scale)
_CSS = """
<style>
.dx-legend {font-size:0.9rem; line-height:1.6;}
.dx-legend .dx-sw {display:inline-block; width:0.9rem; height:0.9rem; border-radius:50%; vertical-align:middle;
                   margin-right:0.4rem; border:1px solid #fff;}
.dx-legend .dx-sq {border-radius:2px; border:1px solid #90a4ae;}
.dx-legend .dx-ring {border:2px solid #000;}
.dx-panel b {white-space:nowrap;}
.dx-panel div {display:flex; justify-content:space-between; gap:0.5rem; padding:0.15rem 0;
               border-bottom:1px solid #e3e8ee; font-size:0.95rem;}
</style>
"""


@st.cache_resource(show_spinner=False, max_entries=4)
def light_boundaries(_key: tuple, _dataset: Dataset):
    """Boundaries simplified (≈100 m) and rounded once per data version; shared, never mutated. A package
    without boundaries gets approximate ones from its commune and village points (so communes can still
    be shaded and clicked), or None when it has no point at all."""
    if _dataset.boundaries is not None and not _dataset.boundaries.empty:
        return simplify_boundaries(_dataset.boundaries)
    meta = _dataset.meta
    derived = derived_boundaries(_dataset.units, _dataset.villages, meta.province_code, meta.admin_system)
    return simplify_boundaries(derived) if derived is not None else None


@st.cache_resource(show_spinner=False, max_entries=32)
def _rows(_key: tuple, flt: Filter, lang: str, _view: Dataset):
    return village_rows(_view, lang, flt.gaps)


def map_page(dataset: Dataset, lang: str) -> None:
    ensure_leaflet_assets()
    key = version_key()
    flt = current_filter()
    view = current_view(dataset)
    bounds = light_boundaries(key, dataset)
    st.markdown(_CSS, unsafe_allow_html=True)
    if not is_projector():  # the slide title already names the area
        st.title(markdown_literal(t("map_heading", lang, area=describe(flt, dataset, lang))))
    map_col, side = st.columns([3, 1], gap="medium")
    with side:
        if is_projector():  # the room reads the figures; the controls are for whoever drives the slide
            _panel(panel_counts(view), lang)
        mode, indicator, tiles = _controls(flt, dataset, lang)
        if not is_projector():
            _panel(panel_counts(view), lang)
    with map_col:
        rows = _rows(key, flt, lang, view)
        aggregated = len(rows) > MAX_VILLAGE_POINTS
        if aggregated:
            rows = aggregate_by_commune(rows, unit_names(dataset), lang)
        groups = _layers(dataset, view, bounds, rows, mode, indicator, flt, lang)
        groups.append(layers.fit_area_layer(_area_bounds(flt, bounds, view, dataset)))
        province_center, province_zoom = view_for_bounds(_area_bounds(Filter(), bounds, dataset, dataset))
        fmap = layers.base_map(
            bounds, lang, province_center, province_zoom, tiles=tiles, credit=map_credit(dataset, lang)
        )
        district_of = district_of_communes(dataset)
        # No center/zoom: streamlit-folium would set them after the fit and undo it.
        st_folium(
            fmap,
            key=MAP_KEY,
            height=MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=groups,
            returned_objects=["last_active_drawing", "last_object_clicked"],
            on_change=lambda: _on_click(district_of),
        )
        _notes(bounds, aggregated, len(rows), tiles, lang, derived=dataset.boundaries is None)
        _legend(mode, indicator, flt, lang)


def _link_weights() -> Weights:
    """The priority weights the link carries (`preset`/`w`, as on the Priorities page)."""
    return weights_from_params({k: st.query_params.get(k) for k in ("preset", "w")})[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def _scores(_key: tuple, weights: Weights, _dataset: Dataset):
    """village_id → priority score (0–100) over the whole province, once per data version and weights."""
    scored = score_villages(_dataset, weights)
    return scored.set_index("village_id")["score"]


def _controls(flt: Filter, dataset: Dataset, lang: str) -> tuple[str, str | None, bool]:
    mode = st.radio(
        t("map_mode", lang), ["gaps", "coverage"], key="map_mode", format_func=lambda m: t(f"map_mode_{m}", lang)
    )
    indicator = st.selectbox(
        t("map_choropleth", lang),
        [None, *INDICATORS],
        key="map_indicator",
        format_func=lambda i: t(f"map_ind_{i or 'none'}", lang),
    )
    tiles = st.toggle(t("map_tiles", lang), key="map_tiles", help=t("map_tiles_help", lang))
    st.caption(t("map_click_hint" if has_districts(dataset) else "map_click_hint_communes", lang))
    st.button(
        t("map_whole_province", lang),
        key="map_whole_province",
        icon=":material/zoom_out_map:",
        width="stretch",
        disabled=flt.is_whole_province,
        on_click=lambda: set_filter(flt.with_area(None, None)),
    )
    if flt.commune and flt.district:
        st.button(
            t("map_up_to_district", lang),
            key="map_up",
            icon=":material/arrow_upward:",
            width="stretch",
            on_click=lambda: set_filter(flt.with_area(flt.district)),
        )
    return mode, indicator, tiles


def _on_click(district_of: dict) -> None:
    value = st.session_state.get(MAP_KEY) or {}
    new = filter_after_click(current_filter(), clicked_unit(value.get("last_active_drawing")), district_of)
    if new is not None:
        set_filter(new)


def _layers(dataset, view, bounds, rows, mode, indicator, flt, lang) -> list[folium.FeatureGroup]:
    communes = bounds[bounds["level"] == "commune"] if bounds is not None else None
    shading = commune_indicators(
        dataset.villages, team_links(dataset, flt.team_types), _scores(version_key(), _link_weights(), dataset)
    )
    groups = [
        layers.commune_layer(communes, shading, indicator, unit_names(dataset), lang),
        layers.district_outline_layer(bounds),
    ]
    if bounds is not None and (flt.commune or flt.district):
        chosen = bounds[bounds["code"] == (flt.commune or flt.district)]
        groups.append(layers.selection_layer(chosen.geometry.values))
    if mode == "coverage":
        groups.append(layers.coverage_layer(rows, team_bases(view, lang)))
    else:
        groups.append(layers.village_gap_layer(rows))
    return groups


def _area_bounds(flt: Filter, bounds, view: Dataset, dataset: Dataset) -> tuple[float, float, float, float]:
    code = flt.commune or flt.district
    if bounds is not None:
        chosen = bounds[bounds["code"] == code] if code else bounds
        if len(chosen):
            return tuple(float(x) for x in chosen.total_bounds)
    v = view.villages if len(view.villages) else dataset.villages
    return float(v["lon"].min()), float(v["lat"].min()), float(v["lon"].max()), float(v["lat"].max())


def _notes(bounds, aggregated: bool, n_rows: int, tiles: bool, lang: str, derived: bool = False) -> None:
    if bounds is None:
        st.caption(t("map_no_boundaries", lang))
    elif derived:
        st.caption(t("map_derived_areas", lang))
    elif bool(bounds.loc[bounds["level"] == "commune", "approximate"].fillna(False).any()):
        st.caption(t("map_approximate", lang))
    if aggregated:
        st.info(t("map_aggregated", lang, n=fmt_int(n_rows, lang)))
    if tiles:
        st.warning(t("map_tiles_on_note", lang), icon=":material/public:")


def _swatch(colour: str, label: str, extra: str = "") -> str:
    return f'<span class="dx-sw {extra}" style="background:{colour}"></span>{html.escape(label)}'


def _legend(mode: str, indicator: str | None, flt: Filter, lang: str) -> None:
    parts = []
    if mode == "coverage":
        parts.append(f"<b>{html.escape(t('map_legend_coverage', lang))}</b>")
        parts += [
            _swatch(layers.COVERED_COLOUR, t("map_legend_covered", lang)),
            _swatch(layers.UNCOVERED_COLOUR, t("map_legend_uncovered", lang), "dx-ring"),
            _swatch(layers.BASE_COLOUR, t("map_legend_team_base", lang)),
        ]
    else:
        parts.append(f"<b>{html.escape(t('map_legend_gaps', lang))}</b>")
        shown = [g for g in layers.GAP_SEVERITY if not flt.gaps or g in flt.gaps]
        parts += [_swatch(layers.GAP_COLOURS[g], t(f"gap_{g}", lang)) for g in shown]
        if not flt.gaps:
            parts.append(_swatch(layers.GAP_COLOURS[""], t("map_legend_no_gap", lang)))
        parts.append(_swatch("#ffffff", t("map_legend_ring", lang), "dx-ring"))
    if indicator:
        parts.append(f"<b>{html.escape(t(f'map_ind_{indicator}', lang))}</b>")
        parts += [_swatch(c, label, "dx-sq") for c, label in zip(layers.CLASS_COLOURS, class_labels(indicator, lang))]
        parts.append(_swatch(layers.NO_DATA_COLOUR, t("map_legend_no_data", lang), "dx-sq"))
    parts.append(_swatch("#ffffff", t("map_legend_selected", lang), "dx-sq") if not flt.is_whole_province else "")
    body = " &nbsp; ".join(p for p in parts if p)
    st.markdown(f'<div class="dx-legend" data-testid="dx-map-legend">{body}</div>', unsafe_allow_html=True)


def _panel(counts: dict, lang: str) -> None:
    st.subheader(t("map_panel_heading", lang))
    if counts["villages"] == 0:  # zeros and dashes would read as "all fine" or as broken
        message = html.escape(t("map_panel_empty", lang))
        st.markdown(
            f'<p class="dx-panel dx-panel-empty" data-testid="dx-map-panel">{message}</p>', unsafe_allow_html=True
        )
        return
    rows = [("villages", t("map_panel_villages", lang), fmt_int(counts["villages"], lang))]
    rows += [(g, t(f"gap_{g}", lang), fmt_int(counts["by_gap"][g], lang)) for g in GAPS]
    rows += [
        ("uncovered", t("map_panel_uncovered", lang), fmt_int(counts["uncovered"], lang)),
        ("population", t("map_panel_population", lang), fmt_int(counts["population"], lang)),
        ("eid_level2", t("map_panel_eid_level2", lang), fmt_pct(counts["eid_level2_share"], lang)),
        ("teams", t("map_panel_teams", lang), fmt_int(counts["teams"], lang)),
    ]
    body = "".join(
        f'<div data-testid="dx-map-count-{k}"><span>{html.escape(label)}</span><b>{value}</b></div>'
        for k, label, value in rows
    )
    st.markdown(f'<div class="dx-panel" data-testid="dx-map-panel">{body}</div>', unsafe_allow_html=True)
