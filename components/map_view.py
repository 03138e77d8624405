"""The Map page's Streamlit parts: controls, the map component, its legend and the side panel.

The map is a small Streamlit component (`static/dxmap/`: Leaflet, served by the app, no build step). The
outlines and the villages' tooltip figures depend only on the data version, the area and the language: they are
written once as content-named JSON files under `static/dxmap/cache/<area>/`, which the browser fetches once and
caches (with accounts in the store, only an account of that area may fetch them: components.map_files). Each
run sends only what the filter changes (`presentation.map_payload`); the browser redraws only the parts that
changed and fits the view when the area changes (it alone knows the map's real width). A click comes back as
`{properties: {k, code}}` and becomes the shared filter in a callback, so the whole app follows.
"""

from __future__ import annotations

import html
import json

import pandas as pd
import streamlit as st
import streamlit.components.v1 as st_components

from components.caching import scoped_cache
from components.context import current_view
from components.filters import current_filter, describe, set_filter
from components.map_month import MapMonth, month_choice
from components.projector import is_projector
from components.session import current_area
from components.state import MAP_INLINE_KEY, MAP_KEY
from core import palette
from core.exports.safety import markdown_literal
from core.i18n import fmt_int, fmt_pct, t
from core.model.admin_units import is_national
from core.model.dataset import Dataset
from core.model.filters import Filter, has_districts
from geo.areas import derived_boundaries
from geo.simplify import simplify_boundaries
from presentation import layers, map_payload
from presentation.assets import MAP_COMPONENT_DIR, ensure_leaflet_assets, publish_json, published_path
from presentation.map_tips import class_labels, team_bases
from services.indicators import GAPS
from services.maps import (
    INDICATORS,
    clicked_unit,
    commune_indicators,
    district_of_communes,
    filter_after_click,
    level2_by_village,
    map_credit,
    panel_counts,
    score_villages,
    team_links,
    unit_names,
    view_for_bounds,
    village_rows,
)
from services.weights import Weights, weights_from_params

_map_component = st_components.declare_component("dx_map", path=str(MAP_COMPONENT_DIR))
MAP_HEIGHT = 620
MAX_VILLAGE_POINTS = 20_000  # above this, one dot per commune (national scale)
MAP_COLOURS = {"classes": layers.CLASS_COLOURS, "no_data": layers.NO_DATA_COLOUR, "osm_url": layers.OSM_URL}
_CSS = """
<style>
.dx-legend {font-size:0.9rem; line-height:1.6;}
.dx-legend .dx-item {display:inline-block; white-space:nowrap;}
.dx-legend .dx-sw {display:inline-block; width:0.9rem; height:0.9rem; border-radius:50%; vertical-align:middle;
                   margin-right:0.4rem; border:1px solid #fff;}
.dx-legend .dx-sq {border-radius:2px; border:1px solid #90a4ae;}
.dx-legend .dx-ring {border:2px solid #000;}
.dx-legend .dx-ring-changed {border:3px solid CHANGED; background:#ffffff;}
.dx-month-changed {font-size:0.95rem; margin:-0.5rem 0 0.75rem 0;}
.dx-panel b {white-space:nowrap;}
.dx-panel div {display:flex; justify-content:space-between; gap:0.5rem; padding:0.15rem 0;
               border-bottom:1px solid #e3e8ee; font-size:0.95rem;}
</style>
""".replace("CHANGED", palette.CHANGED)


@scoped_cache(max_entries=8)
def light_boundaries(_dataset: Dataset, at: str = ""):
    """Boundaries simplified (≈100 m) and rounded once per data version and area (`at`: the store version of the
    month the map shows, "" for the data in use); shared, never mutated. A package
    without boundaries gets approximate ones from its commune and village points (so communes can still
    be shaded and clicked), or None when it has no point at all."""
    if _dataset.boundaries is not None and not _dataset.boundaries.empty:
        return simplify_boundaries(_dataset.boundaries)
    meta = _dataset.meta
    derived = derived_boundaries(_dataset.units, _dataset.villages, meta.province_code, meta.admin_system)
    return simplify_boundaries(derived) if derived is not None else None


@scoped_cache(max_entries=16)
def _geo_ref(lang: str, area_tag: str, _dataset: Dataset, _bounds, at: str = "") -> dict:
    """The outlines as a cached file of the area (`url`) or, when the folder cannot be written, as data."""
    text = map_payload.geo_json(_bounds, unit_names(_dataset), _dataset.villages, lang)
    return _ref("geo", text, area_tag)


@scoped_cache(max_entries=16)
def _villages_ref(lang: str, area_tag: str, _dataset: Dataset, at: str = "") -> dict:
    """Each village's position and tooltip figures as a cached file of the area (`url`) or as data."""
    text = map_payload.villages_json(_dataset, unit_names(_dataset), lang, _level2(at, _dataset))
    return _ref("villages", text, area_tag)


@scoped_cache(max_entries=8)
def _level2(at: str, _dataset: Dataset) -> pd.Series:
    """Each village's level-2 e-IDs (core.analysis.level2: baseline plus the activations reported after the
    baseline's date) in the data of the month the map shows, once per data version, area and month (`at`): the
    tooltips and the commune shading read them."""
    return level2_by_village(_dataset)


@scoped_cache(max_entries=32)
def _view_level2(flt: Filter, at: str, _view: Dataset) -> pd.Series:
    """The filter's view's level-2 e-IDs per village (as the Overview counts them), once per filter, data version,
    area and month: the side panel and the village table read them."""
    return level2_by_village(_view)


def _ref(stem: str, text: str, area_tag: str) -> dict:
    url = publish_json(text, stem, area_tag)
    key = url.rsplit("/", 1)[-1] if url else f"{stem}-{hash(text)}"
    return {"key": key, "url": url} if url else {"key": key, "data": json.loads(text)}


def _inline(ref: dict, part: str) -> dict:
    """The data itself when the browser said it could not fetch the file (a proxy that blocks /app/static, or a
    browser without the sign-in cookie that components.map_files asks for)."""
    if "data" in ref or part not in st.session_state.get(MAP_INLINE_KEY, set()):
        return ref
    path = published_path(ref["url"])
    return {"key": ref["key"], "data": json.loads(path.read_text(encoding="utf-8"))}


@scoped_cache(max_entries=32)
def _points(flt: Filter, mode: str, lang: str, _view: Dataset, _dataset: Dataset, at: str = "") -> dict:
    """What the villages layer shows for this filter and mode: one style character per village, or one dot
    per commune when the view holds more than MAX_VILLAGE_POINTS villages."""
    return map_payload.points(_view, _dataset, flt.gaps, mode, lang, MAX_VILLAGE_POINTS)


@scoped_cache(max_entries=16)
def _month_view(flt: Filter, at: str, _dataset: Dataset) -> Dataset:
    """The filter's view of the data of the month the map shows (`at`: its store version)."""
    import services

    return services.view(_dataset, flt)


def map_page(dataset: Dataset, lang: str) -> None:
    ensure_leaflet_assets()
    flt = current_filter()
    st.markdown(_CSS, unsafe_allow_html=True)
    if not is_projector():  # the slide title already names the area
        st.title(markdown_literal(t("map_heading", lang, area=describe(flt, dataset, lang))))
    map_col, side = st.columns([3, 1], gap="medium")
    with side:
        month = month_choice(dataset, lang)
    at = month.tag if month else ""
    if at:
        dataset = month.dataset
    view = _month_view(flt, at, dataset) if at else current_view(dataset)
    bounds = light_boundaries(dataset, at)
    changed = _changed(month, dataset, view, lang)
    view_level2 = _view_level2(flt, at, view)
    with side:
        if month:
            _month_note(month, changed, lang)
        if is_projector():  # the room reads the figures; the controls are for whoever drives the slide
            _panel(panel_counts(view, view_level2), lang)
        mode, indicator, tiles = _controls(flt, dataset, lang)
        if not is_projector():
            _panel(panel_counts(view, view_level2), lang)
    with map_col:
        points = _points(flt, mode, lang, view, dataset, at)
        aggregated = points.get("aggregated", 0)
        spec = _spec(dataset, view, bounds, points, mode, indicator, tiles, flt, lang, at, changed)
        district_of = district_of_communes(dataset)
        _map_component(spec=spec, key=MAP_KEY, default=None, on_change=lambda: _on_click(district_of))
        _notes(bounds, aggregated, points.get("villages", 0), tiles, lang, derived=dataset.boundaries is None)
        _legend(mode, indicator, flt, lang, month, changed)
        if not is_projector():
            _village_table(flt, at, view, view_level2, lang)


def _changed(month: MapMonth | None, dataset: Dataset, view: Dataset, lang: str) -> dict | None:
    """The rings and tooltip lines of the view's villages that changed during the month shown."""
    if month is None or month.first:
        return None
    return map_payload.changed_marks(dataset, view, month.moves, lang)


def _month_note(month: MapMonth, changed: dict | None, lang: str) -> None:
    """How many of the villages on the map changed during the month (or that it is the first month)."""
    text = (
        t("map_month_first", lang)
        if changed is None
        else t("map_month_changed", lang, n=fmt_int(len(changed["i"]), lang), month=month.label)
    )
    st.markdown(
        f'<p class="dx-month-changed" data-testid="dx-map-month-changes">{html.escape(text)}</p>',
        unsafe_allow_html=True,
    )


def _spec(dataset, view, bounds, points, mode, indicator, tiles, flt, lang, at="", changed=None) -> dict:
    """Everything one run sends to the browser map (the outlines and villages only by reference)."""
    shading = _shading(flt.team_types, _link_weights(), at, dataset)
    bases = None
    if mode == "coverage":
        bases = {**map_payload.team_base_points(team_bases(view, lang)), "styles": [layers.BASE_STYLE]}
    return map_payload.spec(
        geo=_inline(_geo_ref(lang, current_area().tag, dataset, bounds, at), "geo"),
        villages=_inline(_villages_ref(lang, current_area().tag, dataset, at), "villages")
        if points["kind"] == "v"
        else None,
        points=points,
        communes=map_payload.commune_classes(map_payload.communes_of(bounds), shading, indicator, lang),
        area=_area_bounds(flt, bounds, view, dataset),
        home=view_for_bounds(_area_bounds(Filter(), bounds, dataset, dataset)),
        height=MAP_HEIGHT,
        lang=lang,
        tiles=tiles,
        credit=map_credit(dataset, lang),
        selected=flt.commune or flt.district,
        team_types=flt.team_types,
        bases=bases,
        colours=MAP_COLOURS,
        changed=changed,
    )


def _link_weights() -> Weights:
    """The priority weights the link carries (`preset`/`w`, as on the Priorities page)."""
    return weights_from_params({k: st.query_params.get(k) for k in ("preset", "w")})[0]


@scoped_cache(max_entries=32)
def _shading(team_types: tuple, weights: Weights, at: str, _dataset: Dataset) -> pd.DataFrame:
    """The communes' shading figures (core.analysis.map_logic.commune_indicators), once per data version, area,
    month shown, team types and weights; shared, never changed."""
    return commune_indicators(
        _dataset, team_links(_dataset, team_types), _scores(weights, _dataset, at), _level2(at, _dataset)
    )


@scoped_cache(max_entries=8)
def _scores(weights: Weights, _dataset: Dataset, at: str = ""):
    """village_id → priority score (0–100) of the villages the area holds, once per data version, area, month
    shown (`at`) and weights."""
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
    national = is_national(dataset.meta.province_code)
    hint = "map_click_hint_national" if national else "map_click_hint" if has_districts(dataset) else None
    if not is_projector():  # on a slide the column must fit the screen; whoever drives knows to click
        st.caption(t(hint or "map_click_hint_communes", lang))
        st.caption(t("map_keys_hint", lang))
    st.button(
        t("map_whole_country" if national else "map_whole_province", lang),
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
    if value.get("missing") in ("geo", "villages"):  # the browser could not fetch a data file: send it inline
        st.session_state[MAP_INLINE_KEY] = st.session_state.get(MAP_INLINE_KEY, set()) | {value["missing"]}
        return
    new = filter_after_click(current_filter(), clicked_unit(value), district_of)
    if new is not None:
        set_filter(new)


def _area_bounds(flt: Filter, bounds, view: Dataset, dataset: Dataset) -> tuple[float, float, float, float]:
    code = flt.commune or flt.district
    if bounds is not None:
        chosen = bounds[bounds["code"] == code] if code else bounds
        if len(chosen):
            return tuple(float(x) for x in chosen.total_bounds)
    v = view.villages if len(view.villages) else dataset.villages
    return float(v["lon"].min()), float(v["lat"].min()), float(v["lon"].max()), float(v["lat"].max())


def _notes(bounds, communes: int, villages: int, tiles: bool, lang: str, derived: bool = False) -> None:
    """What the map cannot show as asked: no or estimated boundaries, one dot per commune, tiles from outside."""
    if bounds is None:
        st.caption(t("map_no_boundaries", lang))
    elif derived:
        st.caption(t("map_derived_areas", lang))
    elif bool(bounds.loc[bounds["level"] == "commune", "approximate"].fillna(False).any()):
        st.caption(t("map_approximate", lang))
    if communes:
        st.info(t("map_aggregated", lang, n=fmt_int(villages, lang), communes=fmt_int(communes, lang)))
    if tiles:
        st.warning(t("map_tiles_on_note", lang), icon=":material/public:")


def _swatch(colour: str, label: str, extra: str = "") -> str:
    """A legend item: its dot and its words never part at a line end."""
    return (
        f'<span class="dx-item"><span class="dx-sw {extra}" style="background:{colour}"></span>'
        f"{html.escape(label)}</span>"
    )


def _legend(
    mode: str, indicator: str | None, flt: Filter, lang: str, month: MapMonth | None = None, changed: dict | None = None
) -> None:
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
    if month is not None and changed is not None and changed["i"]:
        label = t("map_legend_changed", lang, month=month.label, n=fmt_int(len(changed["i"]), lang))
        parts.append(_swatch("#ffffff", label, "dx-ring-changed"))
    parts.append(_swatch("#ffffff", t("map_legend_selected", lang), "dx-sq") if not flt.is_whole_province else "")
    body = " &nbsp; ".join(p for p in parts if p)
    st.markdown(f'<div class="dx-legend" data-testid="dx-map-legend">{body}</div>', unsafe_allow_html=True)


VILLAGE_TABLE_SPEC = [
    ("village", "map_col_village", "text"),
    ("commune", "map_col_commune", "text"),
    ("district", "map_col_district", "text"),
    ("gaps", "map_col_gaps", "text"),
    ("population", "map_col_population", "int"),
    ("eid_level2_share", "map_col_eid_level2", "pct"),
    ("teams", "map_col_teams", "int"),
]


def _village_table(flt: Filter, at: str, view: Dataset, level: pd.Series, lang: str) -> None:
    """The figures of the villages on the map as a table (for the keyboard and screen readers), on demand."""
    from components.charts import screen_rows

    with st.expander(t("map_village_table", lang, n=fmt_int(len(view.villages), lang)), icon=":material/table:"):
        rows, spec = _village_table_rows(flt, at, lang, view, level)
        shown = screen_rows(rows, lang)
        st.dataframe(_screen_village_table(flt, at, lang, shown, spec), hide_index=True, width="stretch")


@scoped_cache(max_entries=8)  # a whole country's table is tens of megabytes
def _village_table_rows(
    flt: Filter, at: str, lang: str, _view: Dataset, _level: pd.Series
) -> tuple[pd.DataFrame, list]:
    """The village table's rows and columns, once per data version, area, filter, month shown and language."""
    rows = village_rows(_view, _level)
    words = {
        codes: ", ".join(t(f"gap_{g}", lang) for g in codes.split(",")) if codes else t("map_legend_no_gap", lang)
        for codes in rows["gaps"].unique()
    }
    rows = rows.assign(gaps=rows["gaps"].map(words))
    if rows["district"].eq("").all():
        rows = rows.drop(columns="district")
    return rows, [c for c in VILLAGE_TABLE_SPEC if c[0] in rows]


@scoped_cache(max_entries=8)  # a whole country's table is tens of megabytes
def _screen_village_table(flt: Filter, at: str, lang: str, _rows: pd.DataFrame, _spec: list) -> pd.DataFrame:
    """The village table as it reads on screen (components.charts.screen_table), once per the same key."""
    from components.charts import screen_table

    return screen_table(_rows, _spec, lang)


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
    st.markdown(
        f'<div class="dx-panel" data-testid="dx-map-panel" role="status" aria-live="polite">{body}</div>',
        unsafe_allow_html=True,
    )
