"""What the map shows and what a click on it means: pure analysis, no Streamlit, no folium, no HTML.

- `worst_gap` ranks a village's gaps; `commune_summary` folds village points into one per commune
  (tooltips and legends are drawn in `presentation.map_tips`);
- `commune_indicators` / `indicator_class` feed the commune choropleth (shares are 0–1, NaN = no data);
- every level-2 e-ID figure (shading, side panel, village table) is core.analysis.level2's: a village's baseline
  plus the level-2 activations reported for it after the baseline's date;
- `clicked_unit` + `filter_after_click` turn a map click into the app's shared `Filter` (drill-down:
  province → district → commune);
- `panel_counts` gives the side-panel figures of what is on screen; `view_for_bounds` a Leaflet centre/zoom.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis import level2 as level2_rule
from core.analysis.kpis import GAPS, gap_masks
from core.i18n import t
from core.model.dataset import Dataset
from core.model.filters import Filter
from core.model.membership import isin

# Worst first: no signal or no power block any digital work; the rest slow it down.
GAP_SEVERITY = ("no_signal", "no_power", "weak_signal", "partial_power", "low_smartphone", "unowned_sim")
INDICATORS = ("no_signal", "no_power", "eid_level2", "uncovered", "priority")
# Class limits of the choropleth (0–1 shares); class 0 is the best, 3 the worst.
BAD_SHARE_BREAKS = (0.10, 0.25, 0.50)  # share of villages with a problem: higher is worse
COVERAGE_BREAKS = (0.75, 0.50, 0.25)  # e-ID level 2 coverage: lower is worse
PRIORITY_BREAKS = (0.25, 0.35, 0.45)  # mean village priority score / 100: higher needs more


@dataclass(frozen=True)
class Clicked:
    """A map feature the user clicked: `kind` is district, commune or village; `code` a unit code."""

    kind: str
    code: str


def worst_gap(villages: pd.DataFrame, gaps: Iterable[str] = ()) -> pd.Series:
    """The most severe gap of each village among `gaps` (all gaps when empty); "" when it has none."""
    chosen = set(gaps) or set(GAPS)
    masks = gap_masks(villages)
    out = pd.Series("", index=villages.index, dtype=object)
    for gap in reversed(GAP_SEVERITY):
        if gap in chosen:
            out = out.mask(masks[gap], gap)
    return out


def covered_mask(villages: pd.DataFrame, team_villages: pd.DataFrame) -> pd.Series:
    """True where at least one (listed) team covers the village."""
    return isin(villages["village_id"], team_villages["village_id"])


def unit_names(dataset: Dataset) -> dict[str, str]:
    return dict(zip(dataset.units["code"], dataset.units["name"]))


def commune_indicators(
    dataset: Dataset,
    team_villages: pd.DataFrame,
    scores: pd.Series | None = None,
    level2: pd.Series | None = None,
) -> pd.DataFrame:
    """Per commune of the dataset's villages (index: commune_code): `villages` and the 0–1 values of INDICATORS
    (NaN when unknown).

    `eid_level2` is the communes' level-2 e-IDs over their eligible citizens; `level2` is each village's figure
    as core.analysis.level2.by_village gives it for `dataset` (computed when not given). `priority` is the mean
    village priority score / 100 (`scores`: village_id → 0–100), NaN without scores.
    """
    villages = dataset.villages
    level = level2_rule.by_village(dataset) if level2 is None else level2
    masks = gap_masks(villages)
    frame = pd.DataFrame(
        {
            "commune_code": villages["commune_code"],
            "no_signal": masks["no_signal"].astype(float),
            "no_power": masks["no_power"].astype(float),
            "uncovered": (~covered_mask(villages, team_villages)).astype(float),
            "eligible": villages["eligible_citizens"].astype("Float64").astype(float),
            "level2": level.astype("Float64").astype(float),
        }
    )
    grouped = frame.groupby("commune_code", sort=False)
    out = grouped[["no_signal", "no_power", "uncovered"]].mean()
    out.insert(0, "villages", grouped.size())
    eligible = grouped["eligible"].sum(min_count=1)
    out["eid_level2"] = (grouped["level2"].sum(min_count=1) / eligible.where(eligible > 0)).clip(upper=1.0)
    if scores is not None:
        village_score = villages["village_id"].map(scores).astype(float) / 100.0
        out["priority"] = village_score.groupby(villages["commune_code"]).mean()
    else:
        out["priority"] = np.nan
    return out


def indicator_class(values: pd.Series, indicator: str) -> pd.Series:
    """Choropleth class 0 (best) … 3 (worst) of each share; -1 where the value is unknown."""
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}")
    x = values.astype(float).to_numpy()
    if indicator == "eid_level2":
        cls = sum((x < b).astype(int) for b in COVERAGE_BREAKS)
    elif indicator == "priority":
        cls = sum((x >= b).astype(int) for b in PRIORITY_BREAKS)
    else:
        cls = sum((x >= b).astype(int) for b in BAD_SHARE_BREAKS)
    return pd.Series(np.where(np.isnan(x), -1, cls), index=values.index, dtype=int)


def clicked_unit(value: Mapping | None) -> Clicked | None:
    """The unit behind a streamlit-folium `last_active_drawing` value (a GeoJSON feature), if any."""
    props = (value or {}).get("properties") if isinstance(value, Mapping) else None
    if not isinstance(props, Mapping):
        return None
    kind = {"d": "district", "c": "commune", "v": "village"}.get(str(props.get("k")))
    code = props.get("code") if kind != "village" else props.get("c")
    if kind is None or not code:
        return None
    return Clicked(kind, str(code))


def filter_after_click(
    current: Filter, clicked: Clicked | None, district_of: Mapping[str, str | None]
) -> Filter | None:
    """The filter a click leads to, or None when it changes nothing.

    Drill-down: a click on a commune (or a village) outside the selected district first selects its
    district; inside it, the commune itself. `district_of` maps commune codes to their district code
    (None in the 2025 system, where a click selects the commune at once).
    """
    if clicked is None:
        return None
    if clicked.kind == "district":
        new = current.with_area(clicked.code)
    elif clicked.kind in ("commune", "village"):
        district = district_of.get(clicked.code)
        if district and current.district != district:
            new = current.with_area(district)
        else:
            new = current.with_area(district, clicked.code)
    else:
        return None
    return None if new == current else new


def panel_counts(view: Dataset, level2: pd.Series | None = None) -> dict:
    """The figures behind what the map shows: villages, per gap, uncovered, population, e-ID level 2, teams.

    The e-ID level-2 share is the view's level-2 e-IDs over its eligible citizens, as the Overview counts them
    (`level2`: core.analysis.level2.by_village of `view`, computed when not given)."""
    v = view.villages
    masks = gap_masks(v)
    eligible = v["eligible_citizens"].sum(min_count=1)
    level2 = (level2_rule.by_village(view) if level2 is None else level2).sum(min_count=1)
    share = float(level2 / eligible) if not pd.isna(eligible) and eligible and not pd.isna(level2) else None
    return {
        "villages": int(len(v)),
        "by_gap": {gap: int(masks[gap].sum()) for gap in GAP_SEVERITY},
        "uncovered": int((~covered_mask(v, view.team_villages)).sum()),
        "population": None if pd.isna(pop := v["population"].sum(min_count=1)) else int(pop),
        "eid_level2_share": share,
        "teams": int(len(view.teams)),
    }


def view_for_bounds(
    bounds: tuple[float, float, float, float],
    width_px: int = 800,
    height_px: int = 620,
    max_zoom: float = 15,
    snap: float = 0.25,
) -> tuple[tuple[float, float], float]:
    """Centre (lat, lon) and the largest Leaflet zoom (a multiple of `snap`) at which `bounds` fits.

    `bounds` is (minx, miny, maxx, maxy) in degrees; the map must use the same `zoomSnap`.
    """
    minx, miny, maxx, maxy = bounds
    center = (float(miny + maxy) / 2, float(minx + maxx) / 2)

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(maxx - minx, 1e-6) / 360
    lat_span = max(merc(maxy) - merc(miny), 1e-6) / (2 * math.pi)
    zoom = min(math.log2(width_px / 256 / lon_span), math.log2(height_px / 256 / lat_span))
    return center, float(max(3.0, min(max_zoom, math.floor(zoom / snap) * snap)))


def commune_summary(rows: pd.DataFrame) -> pd.DataFrame:
    """One dot per commune instead of one per village (for views too big to draw village by village).

    `rows` has lat, lon, commune_code, gap and covered per village; the dot sits at the mean village
    position, its `gap` is the most frequent worst gap among its villages, `covered` is False when any
    village lacks a team; `villages` and `with_gap` count them. Index: commune_code.
    """
    codes = rows["commune_code"]
    grouped = rows.groupby("commune_code", sort=False)  # whole-column operations: no Python call per commune
    out = grouped.agg(lat=("lat", "mean"), lon=("lon", "mean"), villages=("gap", "size"), covered=("covered", "all"))
    out["with_gap"] = (rows["gap"] != "").groupby(codes, sort=False).sum().reindex(out.index).astype(int)
    order = {g: i for i, g in enumerate(GAP_SEVERITY)}
    gapped = rows[rows["gap"] != ""]
    top = (
        gapped.groupby(["commune_code", "gap"])
        .size()
        .reset_index(name="n")
        .assign(o=lambda d: d["gap"].map(order))
        .sort_values(["commune_code", "n", "o"], ascending=[True, False, True])
        .drop_duplicates("commune_code")
        .set_index("commune_code")["gap"]
    )
    out["gap"] = top.reindex(out.index).fillna("")
    return out


def district_of_communes(dataset: Dataset) -> dict[str, str | None]:
    """Commune code → district code (None where the commune hangs directly under the province)."""
    districts = set(dataset.districts()["code"])
    communes = dataset.communes()
    return {c: (p if p in districts else None) for c, p in zip(communes["code"], communes["parent_code"])}


# Package credits we know in both languages (the vi text as packages write it → this key).
_TRANSLATED_CREDITS = ("map_credit_geoboundaries_estimated",)


def map_credit(dataset: Dataset, lang: str) -> str | None:
    """The boundaries' credit line in `lang`: the package's `boundaries_attribution_<lang>` when it gives one,
    else a known credit translated, else the package's own line as written. None without boundaries."""
    credit = dataset.boundary_credit()
    if credit is None:
        return None
    own = str(dataset.meta.extra.get(f"boundaries_attribution_{lang}") or "").strip()
    if own:
        return own
    for key in _TRANSLATED_CREDITS:
        if credit in (t(key, "vi"), t(key, "en")):
            return t(key, lang)
    return credit


def team_links(dataset: Dataset, team_types: Iterable[str] = ()) -> pd.DataFrame:
    """`team_villages` of the teams of `team_types` (all teams when empty), for area-independent shading."""
    types = set(team_types)
    if not types:
        return dataset.team_villages
    ids = dataset.teams.loc[dataset.teams["team_type"].isin(types), "team_id"]
    return dataset.team_villages[dataset.team_villages["team_id"].isin(ids)]


def village_rows(view: Dataset, level2: pd.Series | None = None) -> pd.DataFrame:
    """The villages the map shows, as a table a screen reader can walk: `village`, `commune`, `district` (names),
    `gaps` (gap codes, most severe first, comma-separated), `population`, `eid_level2_share` (level-2 e-IDs over
    eligible citizens; `level2`: core.analysis.level2.by_village of `view`, computed when not given), `teams`
    (how many teams cover it); by district, commune and village name."""
    v = view.villages
    level = level2_rule.by_village(view) if level2 is None else level2
    names = unit_names(view)
    masks = gap_masks(v)
    flags = zip(*(masks[gap].to_numpy(dtype=bool) for gap in GAP_SEVERITY))
    gaps = [",".join(gap for gap, on in zip(GAP_SEVERITY, row) if on) for row in flags]
    eligible = v["eligible_citizens"].astype("Float64")
    links = view.team_villages.drop_duplicates(["team_id", "village_id"])["village_id"].value_counts()
    rows = pd.DataFrame(
        {
            "village": v["village_name"].astype(str),
            "commune": v["commune_code"].astype(str).map(lambda c: names.get(c, c)),
            "district": v["district_code"].astype(str).map(lambda c: names.get(c, c)) if "district_code" in v else "",
            "gaps": gaps,
            "population": v["population"],
            "eid_level2_share": (level.astype("Float64") / eligible.where(eligible > 0)).astype(float),
            "teams": v["village_id"].map(links).fillna(0).astype(int),
        }
    )
    return rows.sort_values(["district", "commune", "village"], kind="stable").reset_index(drop=True)
