"""What the map shows and what a click on it means: pure functions, no Streamlit, no folium.

- `worst_gap` ranks a village's gaps; `village_rows` turns a (filtered) village table into the few values a
  map point needs (position, symbol, commune, an HTML-escaped tooltip in the user's language);
- `commune_indicators` / `indicator_class` feed the commune choropleth (shares are 0–1, NaN = no data);
- `clicked_unit` + `filter_after_click` turn a map click into the app's shared `Filter` (drill-down:
  province → district → commune);
- `panel_counts` gives the side-panel figures of what is on screen; `view_for_bounds` a Leaflet centre/zoom.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.dataset import Dataset
from core.filters import Filter, commune_districts
from core.i18n import fmt_int, fmt_number, fmt_pct, t
from core.kpis import GAPS, gap_masks

# Worst first: no signal or no power block any digital work; the rest slow it down.
GAP_SEVERITY = ("no_signal", "no_power", "weak_signal", "partial_power", "low_smartphone", "unowned_sim")
INDICATORS = ("no_signal", "no_power", "eid_level2", "uncovered", "priority")
# Class limits of the choropleth (0–1 shares); class 0 is the best, 3 the worst.
_BAD_SHARE_BREAKS = (0.10, 0.25, 0.50)  # share of villages with a problem: higher is worse
_COVERAGE_BREAKS = (0.75, 0.50, 0.25)  # e-ID level 2 coverage: lower is worse
_PRIORITY_BREAKS = (0.25, 0.35, 0.45)  # mean village priority score / 100: higher needs more
MAX_TEAM_NAMES = 3


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
    return villages["village_id"].isin(team_villages["village_id"])


def unit_names(dataset: Dataset) -> dict[str, str]:
    return dict(zip(dataset.units["code"], dataset.units["name"]))


def village_rows(view: Dataset, lang: str, gaps: Iterable[str] = ()) -> pd.DataFrame:
    """One row per village of `view`: `lat`, `lon`, `commune_code`, `gap` (worst, "" = none), `covered`, `tip`.

    `tip` is the tooltip as HTML in which every data string (names, codes) is escaped.
    """
    v = view.villages
    names = unit_names(view)
    out = pd.DataFrame({"lat": v["lat"], "lon": v["lon"], "commune_code": v["commune_code"]}, index=v.index)
    out["gap"] = worst_gap(v, gaps)
    out["covered"] = covered_mask(v, view.team_villages)
    district = v["district_code"] if "district_code" in v else v["commune_code"].map(_parents(view))
    out["tip"] = _village_tips(v, names, district, _team_lists(view, lang), lang)
    return out.dropna(subset=["lat", "lon"])


def _parents(dataset: Dataset) -> dict[str, str]:
    """Commune → district code; empty in the 2025 system (a commune's parent is then the province)."""
    return commune_districts(dataset).to_dict()


def _esc(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).map(html.escape)


def _village_tips(v: pd.DataFrame, names: dict, district: pd.Series, teams: pd.Series, lang: str) -> pd.Series:
    masks = gap_masks(v)
    gap_text = pd.Series("", index=v.index, dtype=object)
    for gap in GAP_SEVERITY:
        label = html.escape(t(f"gap_{gap}", lang))
        gap_text = gap_text.where(~masks[gap], gap_text + np.where(gap_text == "", "", ", ") + label)
    gap_text = gap_text.replace("", html.escape(t("tip_no_gap", lang)))
    eligible = v["eligible_citizens"].astype("Float64")
    share = (v["eid_level2_baseline"].astype("Float64") / eligible.where(eligible > 0)).astype(float)
    pop = fast_ints(v["population"].astype("Float64").astype(float), lang)
    eid = fast_pcts(share, lang)
    team_text = v["village_id"].map(teams).fillna(html.escape(t("tip_no_team", lang)))
    commune = _esc(v["commune_code"].map(names).fillna(v["commune_code"]))
    dist = _esc(district.map(names).fillna(district))
    label = lambda key: html.escape(t(key, lang))  # noqa: E731
    return ("<b>" + _esc(v["village_name"]) + "</b><br>" + label("tip_commune") + ": " + commune + " · "
            + label("tip_district") + ": " + dist + "<br>" + label("tip_gaps") + ": " + gap_text + "<br>"
            + label("tip_population") + ": " + pop + " · " + label("tip_eid_level2") + ": " + eid + "<br>"
            + label("tip_teams") + ": " + team_text)


def fast_ints(values: pd.Series, lang: str) -> pd.Series:
    """`fmt_int` for a whole column at once (babel per value is too slow for 80,000 tooltips)."""
    sep = "." if lang == "vi" else ","
    return pd.Series([("–" if x != x else f"{round(x):,}".replace(",", sep)) for x in values.tolist()],
                     index=values.index, dtype=object)


def fast_pcts(shares: pd.Series, lang: str) -> pd.Series:
    """`fmt_pct` (one decimal) for a whole column: `74,9 %` in Vietnamese, `74.9%` in English."""
    vi = lang == "vi"

    def one(x: float) -> str:
        if x != x:
            return "–"
        text = f"{x * 100:,.1f}"
        return text.replace(",", " ").replace(".", ",").replace(" ", ".") + " %" if vi else text + "%"

    return pd.Series([one(x) for x in shares.tolist()], index=shares.index, dtype=object)


def _team_lists(view: Dataset, lang: str) -> pd.Series:
    """Escaped, comma-joined names of the teams covering each village (index: village_id)."""
    tv = view.team_villages.merge(view.teams[["team_id", "team_name"]], on="team_id", how="left")
    if tv.empty:
        return pd.Series(dtype=object)
    tv["team_name"] = tv["team_name"].fillna(tv["team_id"]).astype(str).map(html.escape)
    rank = tv.groupby("village_id", sort=False).cumcount()
    shown = tv[rank < MAX_TEAM_NAMES].groupby("village_id", sort=False)["team_name"].agg(", ".join)
    extra = tv.groupby("village_id", sort=False).size().reindex(shown.index) - MAX_TEAM_NAMES
    more = {n: " " + html.escape(t("tip_more", lang, n=n)) for n in set(extra[extra > 0].tolist())}
    return shown + extra.map(lambda n: more.get(n, ""))


def commune_indicators(villages: pd.DataFrame, team_villages: pd.DataFrame,
                       scores: pd.Series | None = None) -> pd.DataFrame:
    """Per commune (index: commune_code): `villages` and the 0–1 values of INDICATORS (NaN when unknown).

    `priority` is the mean village priority score / 100 (`scores`: village_id → 0–100), NaN without scores.
    """
    masks = gap_masks(villages)
    frame = pd.DataFrame({
        "commune_code": villages["commune_code"],
        "no_signal": masks["no_signal"].astype(float),
        "no_power": masks["no_power"].astype(float),
        "uncovered": (~covered_mask(villages, team_villages)).astype(float),
        "eligible": villages["eligible_citizens"].astype("Float64").astype(float),
        "level2": villages["eid_level2_baseline"].astype("Float64").astype(float),
    })
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
        cls = sum((x < b).astype(int) for b in _COVERAGE_BREAKS)
    elif indicator == "priority":
        cls = sum((x >= b).astype(int) for b in _PRIORITY_BREAKS)
    else:
        cls = sum((x >= b).astype(int) for b in _BAD_SHARE_BREAKS)
    return pd.Series(np.where(np.isnan(x), -1, cls), index=values.index, dtype=int)


def indicator_text(value: float | None, indicator: str, lang: str) -> str:
    """A commune's value as its tooltip shows it: a score 0–100 for priority, else a percentage."""
    if value is None or pd.isna(value):
        return fmt_pct(None, lang)
    return fmt_number(value * 100, lang) if indicator == "priority" else fmt_pct(value, lang)


def class_labels(indicator: str, lang: str) -> list[str]:
    """The legend text of classes 0…3 of `indicator`."""
    p = lambda x: fmt_pct(x, lang).replace(",0", "").replace(".0", "")  # noqa: E731
    if indicator == "priority":
        b = [round(x * 100) for x in _PRIORITY_BREAKS]
        return [f"< {b[0]}", f"{b[0]} – {b[1]}", f"{b[1]} – {b[2]}", f"≥ {b[2]}"]
    if indicator == "eid_level2":
        b = _COVERAGE_BREAKS
        return [f"≥ {p(b[0])}", f"{p(b[1])} – {p(b[0])}", f"{p(b[2])} – {p(b[1])}", f"< {p(b[2])}"]
    b = _BAD_SHARE_BREAKS
    return [f"< {p(b[0])}", f"{p(b[0])} – {p(b[1])}", f"{p(b[1])} – {p(b[2])}", f"≥ {p(b[2])}"]


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


def filter_after_click(current: Filter, clicked: Clicked | None, district_of: Mapping[str, str | None]
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


def panel_counts(view: Dataset) -> dict:
    """The figures behind what the map shows: villages, per gap, uncovered, population, e-ID level 2, teams."""
    v = view.villages
    masks = gap_masks(v)
    eligible = v["eligible_citizens"].sum(min_count=1)
    level2 = v["eid_level2_baseline"].sum(min_count=1)
    share = float(level2 / eligible) if not pd.isna(eligible) and eligible and not pd.isna(level2) else None
    return {
        "villages": int(len(v)),
        "by_gap": {gap: int(masks[gap].sum()) for gap in GAP_SEVERITY},
        "uncovered": int((~covered_mask(v, view.team_villages)).sum()),
        "population": None if pd.isna(pop := v["population"].sum(min_count=1)) else int(pop),
        "eid_level2_share": share,
        "teams": int(len(view.teams)),
    }


def view_for_bounds(bounds: tuple[float, float, float, float], width_px: int = 800, height_px: int = 620,
                    max_zoom: float = 15, snap: float = 0.25) -> tuple[tuple[float, float], float]:
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


def district_of_communes(dataset: Dataset) -> dict[str, str | None]:
    """Commune code → district code (None where the commune hangs directly under the province)."""
    districts = set(dataset.districts()["code"])
    communes = dataset.communes()
    return {c: (p if p in districts else None) for c, p in zip(communes["code"], communes["parent_code"])}


def team_bases(view: Dataset, lang: str) -> pd.DataFrame:
    """One row per place where teams of `view` are based: `lat`, `lon`, `tip` (escaped HTML)."""
    teams = view.teams
    units = view.units.drop_duplicates("code").set_index("code")
    rows = []
    for code, group in teams.groupby("base_code", sort=True):
        if code not in units.index or pd.isna(units.at[code, "lat"]):
            continue
        names = [html.escape(str(n)) for n in group["team_name"].fillna(group["team_id"])]
        shown = "<br>".join(names[:MAX_TEAM_NAMES])
        if len(names) > MAX_TEAM_NAMES:
            shown += "<br>" + html.escape(t("tip_more", lang, n=len(names) - MAX_TEAM_NAMES))
        tip = (f"<b>{html.escape(str(units.at[code, 'name']))}</b><br>{html.escape(t('tip_teams_here', lang))}: "
               f"{fmt_int(len(names), lang)}<br>{shown}")
        rows.append({"lat": float(units.at[code, "lat"]), "lon": float(units.at[code, "lon"]), "tip": tip})
    return pd.DataFrame(rows, columns=["lat", "lon", "tip"])


def aggregate_by_commune(rows: pd.DataFrame, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """One dot per commune instead of one per village (for views too big to draw village by village).

    Same columns as `village_rows` plus `k` = "c": the dot sits at the mean village position, its `gap` is
    the most frequent worst gap among its villages, `covered` is False when any village lacks a team.
    """
    order = {g: i for i, g in enumerate(GAP_SEVERITY)}
    gapped = rows[rows["gap"] != ""]
    top = (gapped.groupby(["commune_code", "gap"]).size().reset_index(name="n")
           .assign(o=lambda d: d["gap"].map(order))
           .sort_values(["commune_code", "n", "o"], ascending=[True, False, True])
           .drop_duplicates("commune_code").set_index("commune_code")["gap"])
    grouped = rows.groupby("commune_code", sort=False)
    out = grouped.agg(lat=("lat", "mean"), lon=("lon", "mean"), villages=("gap", "size"),
                      with_gap=("gap", lambda s: int((s != "").sum())), covered=("covered", "all"))
    out["gap"] = top.reindex(out.index).fillna("")
    label_v, label_g = html.escape(t("tip_villages", lang)), html.escape(t("tip_gaps", lang))
    out["tip"] = [f"<b>{html.escape(str(names.get(c, c)))}</b><br>{label_v}: {fmt_int(n, lang)} · "
                  f"{label_g}: {fmt_int(g, lang)}" for c, n, g in zip(out.index, out["villages"], out["with_gap"])]
    out["k"] = "c"
    return out.reset_index()[["lat", "lon", "commune_code", "gap", "covered", "tip", "k"]]


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
