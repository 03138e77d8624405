"""What the Map page's browser map (`static/dxmap/map.js`) receives: no folium, no Streamlit.

Two parts never change for a data version and language, and go to the browser once as cached JSON files:
- `geo_json`: province, district and commune outlines (already simplified and rounded) with their names;
- `villages_json`: each village's position and the figures its tooltip shows, as column arrays; teams and
  communes are given once and referred to by index.
Each script run then sends a small `spec` (see `components.map_view`): one style character per village
(`village_styles`), one class character per commune (`commune_classes`), the area to fit, the labels.
Every data string is HTML-escaped here, because tooltips are HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from core import palette
from core.analysis import level2 as level2_rule
from core.analysis.kpis import gap_masks
from core.analysis.map_logic import (
    GAP_SEVERITY,
    commune_summary,
    covered_mask,
    indicator_class,
    unit_names,
    worst_gap,
)
from core.i18n import fmt_int, t
from core.model.dataset import Dataset
from core.model.filters import commune_districts
from presentation.map_tips import fast_ints, fast_pcts, indicator_text

GAP_KEYS = (*GAP_SEVERITY, "")  # style order of village points; "" = no gap
HIDDEN = "-"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _esc_list(values: Iterable) -> list[str]:
    return [html.escape("" if v is None or (isinstance(v, float) and v != v) else str(v)) for v in values]


def _geoms(geoms) -> str:
    """A JSON array of GeoJSON geometries (shapely writes them; no round trip through Python dicts)."""
    return "[" + ",".join(shapely.to_geojson(np.asarray(geoms, dtype=object))) + "]"


def communes_of(boundaries: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The commune rows of the boundaries, in the order the browser indexes them."""
    if boundaries is None or boundaries.empty:
        return None
    return boundaries[boundaries["level"] == "commune"]


def geo_json(boundaries: gpd.GeoDataFrame | None, names: Mapping[str, str], villages: pd.DataFrame, lang: str) -> str:
    """Outlines for the browser: `province` (geometries), `districts` and `communes` ({code, name, geom};
    communes also carry their parent's name and code and their village count as shown in tooltips)."""
    empty = gpd.GeoDataFrame({"level": [], "code": [], "name": [], "parent_code": []}, geometry=[], crs=4326)
    b = boundaries if boundaries is not None and not boundaries.empty else empty
    province = b[b["level"] == "province"]
    districts = b[b["level"] == "district"]
    communes = b[b["level"] == "commune"]
    counts = villages["commune_code"].value_counts()
    n = communes["code"].astype(str).map(counts)
    parents = communes["parent_code"].map(lambda p: names.get(p, p) if isinstance(p, str) else "")
    parts = [
        '"province":' + _geoms(province.geometry.values),
        '"districts":{"code":'
        + _dumps([str(c) for c in districts["code"]])
        + ',"name":'
        + _dumps(_esc_list(districts["name"]))
        + ',"geom":'
        + _geoms(districts.geometry.values)
        + "}",
        '"communes":{"code":'
        + _dumps([str(c) for c in communes["code"]])
        + ',"name":'
        + _dumps(_esc_list(names.get(str(c), c) for c in communes["code"]))
        + ',"parent":'
        + _dumps(_esc_list(parents))
        + ',"pcode":'
        + _dumps([p if isinstance(p, str) else None for p in communes["parent_code"]])
        + ',"villages":'
        + _dumps([fmt_int(None if pd.isna(x) else int(x), lang) for x in n])
        + ',"geom":'
        + _geoms(communes.geometry.values)
        + "}",
    ]
    return "{" + ",".join(parts) + "}"


def mapped_villages(villages: pd.DataFrame) -> pd.DataFrame:
    """The villages that have a position: the browser's village order."""
    return villages.dropna(subset=["lat", "lon"])


def villages_json(dataset: Dataset, names: Mapping[str, str], lang: str, level2: pd.Series | None = None) -> str:
    """Every mapped village as column arrays: `lat`, `lon`, `name`, `c` (index into `code`/`cname`/`dname`),
    `g` (gap bits in GAP_SEVERITY order), `pop`, `eid` (level-2 e-IDs over eligible citizens, as the tooltip
    shows them), `t` (indices into `team_name`/`team_type` of the teams covering it).

    `level2`: each village's level-2 e-IDs, core.analysis.level2.by_village of `dataset` (computed when not
    given)."""
    level = level2_rule.by_village(dataset) if level2 is None else level2
    v = mapped_villages(dataset.villages)
    codes = v["commune_code"].astype(str)
    unique = pd.unique(codes)
    district_of = commune_districts(dataset).to_dict()
    if "district_code" in v:
        first = v.assign(_c=codes).drop_duplicates("_c").set_index("_c")["district_code"]
        district_of = {c: (first.get(c) if pd.notna(first.get(c)) else district_of.get(c)) for c in unique}
    masks = gap_masks(v)
    bits = np.zeros(len(v), dtype=int)
    for i, gap in enumerate(GAP_SEVERITY):
        bits |= masks[gap].to_numpy(dtype=bool).astype(int) << i
    eligible = v["eligible_citizens"].astype("Float64")
    share = (level.loc[v.index].astype("Float64") / eligible.where(eligible > 0)).astype(float)
    teams = dataset.teams.drop_duplicates("team_id")
    team_index = pd.Series(np.arange(len(teams)), index=teams["team_id"].astype(str))
    tv = dataset.team_villages
    tv = tv.assign(_t=tv["team_id"].astype(str).map(team_index)).dropna(subset=["_t"])
    lists = tv.groupby("village_id", sort=False)["_t"].agg(lambda s: [int(x) for x in s])
    team_lists = v["village_id"].map(lists)
    payload = {
        "lat": np.round(v["lat"].astype(float).to_numpy(), 5).tolist(),
        "lon": np.round(v["lon"].astype(float).to_numpy(), 5).tolist(),
        "name": _esc_list(v["village_name"]),
        "c": pd.Series(np.arange(len(unique)), index=unique).reindex(codes).tolist(),
        "code": [str(c) for c in unique],
        "cname": _esc_list(names.get(c, c) for c in unique),
        "dname": _esc_list(names.get(district_of.get(c) or "", district_of.get(c) or "") for c in unique),
        "g": bits.tolist(),
        "pop": fast_ints(v["population"].astype("Float64").astype(float), lang).tolist(),
        "eid": fast_pcts(share, lang).tolist(),
        "t": [x if isinstance(x, list) else [] for x in team_lists],
        "team_name": _esc_list(teams["team_name"].fillna(teams["team_id"])),
        "team_type": [str(x) for x in teams["team_type"]],
    }
    return _dumps(payload)


def tip_labels(lang: str) -> dict[str, object]:
    """The tooltip words, escaped."""
    e = lambda key, **kw: html.escape(t(key, lang, **kw))  # noqa: E731
    return {
        "commune": e("tip_commune"),
        "district": e("tip_district"),
        "gaps_label": e("tip_gaps"),
        "gaps": [e(f"gap_{g}") for g in GAP_SEVERITY],
        "no_gap": e("tip_no_gap"),
        "population": e("tip_population"),
        "eid": e("tip_eid_level2"),
        "teams": e("tip_teams"),
        "no_team": e("tip_no_team"),
        "more": e("tip_more", n="{n}"),
        "villages": e("tip_villages"),
        "click_commune": e("tip_click_commune"),
        "click_district": e("tip_click_district"),
        "frame_title": t("map_frame_title", lang),  # set as text (title attributes), never as markup
        "zoom_in": t("map_zoom_in", lang),
        "zoom_out": t("map_zoom_out", lang),
        "keys_hint": t("map_keys_hint", lang),
        "key_position": t("map_key_position", lang),
        "key_open": t("map_key_open", lang),
    }


def _style_codes(gap: pd.Series, covered: pd.Series, mode: str) -> np.ndarray:
    uncovered = (~covered.astype(bool)).to_numpy().astype(int)
    if mode == "coverage":
        return uncovered
    order = {g: i for i, g in enumerate(GAP_KEYS)}
    return gap.map(order).to_numpy().astype(int) * 2 + uncovered


def village_styles(all_villages: pd.DataFrame, view: Dataset, gaps: Iterable[str], mode: str) -> str:
    """One character per mapped village of `all_villages` (the browser's order): `-` when `view` does not show
    it, else chr(48 + style index) (see `point_styles`)."""
    mapped = mapped_villages(all_villages)
    shown = mapped_villages(view.villages)
    codes = _style_codes(worst_gap(shown, gaps), covered_mask(shown, view.team_villages), mode)
    out = np.full(len(mapped), ord(HIDDEN), dtype=np.uint8)
    pos = pd.Series(np.arange(len(mapped)), index=mapped["village_id"]).reindex(shown["village_id"]).to_numpy()
    keep = ~np.isnan(pos)
    out[pos[keep].astype(int)] = 48 + codes[keep]
    return out.tobytes().decode("ascii")


def point_styles(mode: str, gap_colours: Mapping[str, str], gap_radius: Mapping[str, float], colours) -> list[dict]:
    """Styles of village (or commune) dots; `z`: higher on top (worst gaps, uncovered villages)."""
    if mode == "coverage":
        covered, uncovered = colours
        return [
            {"radius": 3, "fillColor": covered, "fillOpacity": 1.0, "color": "#ffffff", "weight": 0.6, "z": 0},
            {"radius": 6, "fillColor": uncovered, "fillOpacity": 1.0, "color": "#000000", "weight": 2, "z": 1},
        ]
    styles = []
    for i, gap in enumerate(GAP_KEYS):
        base = {"radius": gap_radius[gap], "fillColor": gap_colours[gap], "fillOpacity": 1.0, "z": len(GAP_KEYS) - i}
        styles.append({**base, "color": "#ffffff", "weight": 0.8})
        styles.append({**base, "color": "#000000", "weight": 2.2})
    return styles


def points(view: Dataset, dataset: Dataset, gaps: Iterable[str], mode: str, lang: str, max_points: int) -> dict:
    """What the villages layer shows: one style character per village of `dataset` (`kind` "v"), or one dot per
    commune (`kind` "c", `aggregated` = their number, `villages` = the villages they stand for) when `view`
    holds more than `max_points` villages."""
    from presentation.layers import COVERED_COLOUR, GAP_COLOURS, GAP_RADIUS, UNCOVERED_COLOUR

    styles = point_styles(mode, GAP_COLOURS, GAP_RADIUS, (COVERED_COLOUR, UNCOVERED_COLOUR))
    mapped = len(mapped_villages(view.villages))
    if mapped > max_points:
        dots = commune_dots(view, unit_names(dataset), gaps, mode, lang)
        return {**dots, "styles": styles, "aggregated": len(dots["code"]), "villages": mapped}
    return {"kind": "v", "styles_of": village_styles(dataset.villages, view, gaps, mode), "styles": styles}


CHANGED_RING = {"radius": 9, "fill": False, "color": palette.CHANGED, "weight": 2.5, "z": 0}


def changed_marks(dataset: Dataset, view: Dataset, moves: pd.DataFrame, lang: str) -> dict:
    """The villages of `view` that changed during the month the map shows (`moves`: rows of
    core.analysis.month_map.village_changes): `i` their places in the browser's village order (of `dataset`),
    `tip` the tooltip line saying how each changed, `style` the ring drawn around them."""
    from core.analysis.changes import FLAGS
    from core.analysis.month_map import change_words

    # plain Python sets and dicts: pandas' isin and reindex walk Arrow strings one by one
    ids = mapped_villages(dataset.villages)["village_id"].to_numpy(dtype=object)
    place = {str(v): i for i, v in enumerate(ids)}
    shown = {str(v) for v in view.villages["village_id"].to_numpy(dtype=object)}
    keep = [k for k, vid in enumerate(moves.index.to_numpy(dtype=object)) if str(vid) in shown and str(vid) in place]
    rows = moves.iloc[keep]
    # one text per kind of change (at most 3³), not one per village
    kinds = list(zip(*(rows[flag].to_numpy(dtype=int).tolist() for flag in FLAGS))) if keep else []
    label = t("tip_month_change", lang)
    words = {
        kind: html.escape(f"{label}: " + ", ".join(t(k, lang) for k in change_words(dict(zip(FLAGS, kind)))))
        for kind in set(kinds)
    }
    return {
        "i": [place[str(vid)] for vid in rows.index.to_numpy(dtype=object)],
        "tip": [words[kind] for kind in kinds],
        "style": CHANGED_RING,
    }


def commune_dots(view: Dataset, names: Mapping[str, str], gaps: Iterable[str], mode: str, lang: str) -> dict:
    """One dot per commune (for views too big to draw village by village): positions, style, counts."""
    v = mapped_villages(view.villages)
    rows = pd.DataFrame(
        {
            "lat": v["lat"].astype(float),
            "lon": v["lon"].astype(float),
            "commune_code": v["commune_code"].astype(str),
            "gap": worst_gap(v, gaps),
            "covered": covered_mask(v, view.team_villages),
        }
    )
    out = commune_summary(rows)
    return {
        "kind": "c",
        "lat": np.round(out["lat"].to_numpy(), 5).tolist(),
        "lon": np.round(out["lon"].to_numpy(), 5).tolist(),
        "style": _style_codes(out["gap"], out["covered"], mode).tolist(),
        "code": [str(c) for c in out.index],
        "name": _esc_list(names.get(c, c) for c in out.index),
        "villages": fast_ints(out["villages"].astype(float), lang).tolist(),
        "with_gap": fast_ints(out["with_gap"].astype(float), lang).tolist(),
    }


def commune_classes(
    communes: gpd.GeoDataFrame | None, indicators: pd.DataFrame, indicator: str | None, lang: str
) -> dict:
    """The shading of each commune in the browser's order: `classes` (one digit each: 0–3 a class, 4 no data,
    5 outline only), and with an indicator its `label` and each commune's `values` as the tooltip shows it."""
    if communes is None or communes.empty:
        return {"classes": ""}
    if not indicator:
        return {"classes": "5" * len(communes)}
    ind = indicators.reindex(communes["code"].astype(str))
    classes = indicator_class(ind[indicator], indicator)
    return {
        "classes": "".join("4" if c < 0 else str(int(c)) for c in classes),
        "label": html.escape(t(f"map_ind_{indicator}", lang)),
        "values": _indicator_texts(ind[indicator], indicator, lang),
    }


def _indicator_texts(values: pd.Series, indicator: str, lang: str) -> list[str]:
    """`indicator_text` of each value; at national scale without babel per value (10,000 communes)."""
    if len(values) <= 1_000:
        return [indicator_text(None if pd.isna(x) else x, indicator, lang) for x in values]
    texts = fast_pcts(values.astype(float), lang)
    if indicator == "priority":  # a score 0–100 with one decimal: the percentage without its sign
        texts = texts.str.replace(r"\s?%$", "", regex=True)
    return texts.tolist()


def team_base_points(bases: pd.DataFrame) -> dict:
    """Team bases (from `presentation.map_tips.team_bases`) as drawn on top of the villages."""
    return {
        "lat": np.round(bases["lat"].astype(float).to_numpy(), 5).tolist(),
        "lon": np.round(bases["lon"].astype(float).to_numpy(), 5).tolist(),
        "tip": bases["tip"].tolist(),
    }


def spec(
    *,
    geo: dict,
    villages: dict | None,
    points: dict,
    communes: dict,
    area: tuple[float, float, float, float],
    home: tuple[tuple[float, float], float],
    height: int,
    lang: str,
    tiles: bool = False,
    credit: str | None = None,
    selected: str | None = None,
    team_types: Iterable[str] = (),
    bases: dict | None = None,
    colours: Mapping[str, object] | None = None,
    changed: dict | None = None,
) -> dict:
    """Everything one run sends to the browser map; the outlines (`geo`) and villages go by reference
    ({key, url}) unless the browser could not fetch them ({key, data}). `area` is the view to fit
    (minx, miny, maxx, maxy in degrees), `home` the province's (center, zoom) before the first fit."""
    minx, miny, maxx, maxy = (round(float(x), 5) for x in area)
    colours = colours or {}
    return {
        "height": height,
        "geo": geo,
        "villages": villages if points.get("kind") == "v" else None,
        "home": {"center": [float(x) for x in home[0]], "zoom": float(home[1])},
        "fit": {"bounds": [[miny, minx], [maxy, maxx]], "max_zoom": 12.5, "padding": 32},
        "tiles": bool(tiles),
        "osm": {"url": colours.get("osm_url", ""), "attribution": html.escape(t("map_osm_credit", lang))},
        "credit": html.escape(credit) if credit else None,
        "labels": tip_labels(lang),
        "lang": lang,
        "class_colours": list(colours.get("classes", ())),
        "no_data_colour": colours.get("no_data", palette.NO_DATA),
        "communes": communes,
        "selected": selected or None,
        "team_types": sorted(team_types),
        "points": {k: v for k, v in points.items() if k != "aggregated"},
        "bases": bases,
        "changed": changed if points.get("kind") == "v" else None,
    }
