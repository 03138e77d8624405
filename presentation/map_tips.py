"""Map tooltips and legend text: the HTML a map point, a team base or a commune dot shows on hover, and the
class labels under the map. Every data string (names, codes) is escaped here; no folium, no Streamlit.

`village_rows` turns a (filtered) village table into the few values a map point needs (position, symbol,
commune, an HTML-escaped tooltip in the user's language).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import numpy as np
import pandas as pd

from core.analysis import level2 as level2_rule
from core.analysis.kpis import gap_masks
from core.analysis.map_logic import (
    BAD_SHARE_BREAKS,
    COVERAGE_BREAKS,
    GAP_SEVERITY,
    PRIORITY_BREAKS,
    covered_mask,
    unit_names,
    worst_gap,
)
from core.i18n import fmt_int, fmt_number, fmt_pct, t
from core.model.dataset import Dataset
from core.model.filters import commune_districts

MAX_TEAM_NAMES = 3


def village_rows(view: Dataset, lang: str, gaps: Iterable[str] = (), level2: pd.Series | None = None) -> pd.DataFrame:
    """One row per village of `view`: `lat`, `lon`, `commune_code`, `gap` (worst, "" = none), `covered`, `tip`.

    `tip` is the tooltip as HTML in which every data string (names, codes) is escaped; its e-ID level-2 share is
    the village's level-2 e-IDs (`level2`: core.analysis.level2.by_village of `view`, computed when not given)
    over its eligible citizens.
    """
    v = view.villages
    names = unit_names(view)
    out = pd.DataFrame({"lat": v["lat"], "lon": v["lon"], "commune_code": v["commune_code"]}, index=v.index)
    out["gap"] = worst_gap(v, gaps)
    out["covered"] = covered_mask(v, view.team_villages)
    district = v["district_code"] if "district_code" in v else v["commune_code"].map(_parents(view))
    level = level2_rule.by_village(view) if level2 is None else level2
    out["tip"] = _village_tips(v, level, names, district, _team_lists(view, lang), lang)
    return out.dropna(subset=["lat", "lon"])


def _parents(dataset: Dataset) -> dict[str, str]:
    """Commune → district code; empty in the 2025 system (a commune's parent is then the province)."""
    return commune_districts(dataset).to_dict()


def _esc(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).map(html.escape)


def _village_tips(
    v: pd.DataFrame, level2: pd.Series, names: dict, district: pd.Series, teams: pd.Series, lang: str
) -> pd.Series:
    masks = gap_masks(v)
    gap_text = pd.Series("", index=v.index, dtype=object)
    for gap in GAP_SEVERITY:
        label = html.escape(t(f"gap_{gap}", lang))
        gap_text = gap_text.where(~masks[gap], gap_text + np.where(gap_text == "", "", ", ") + label)
    gap_text = gap_text.replace("", html.escape(t("tip_no_gap", lang)))
    eligible = v["eligible_citizens"].astype("Float64")
    share = (level2.astype("Float64") / eligible.where(eligible > 0)).astype(float)
    pop = fast_ints(v["population"].astype("Float64").astype(float), lang)
    eid = fast_pcts(share, lang)
    team_text = v["village_id"].map(teams).fillna(html.escape(t("tip_no_team", lang)))
    commune = _esc(v["commune_code"].map(names).fillna(v["commune_code"]))
    dist = _esc(district.map(names).fillna(district))
    label = lambda key: html.escape(t(key, lang))  # noqa: E731
    return (
        "<b>"
        + _esc(v["village_name"])
        + "</b><br>"
        + label("tip_commune")
        + ": "
        + commune
        + " · "
        + label("tip_district")
        + ": "
        + dist
        + "<br>"
        + label("tip_gaps")
        + ": "
        + gap_text
        + "<br>"
        + label("tip_population")
        + ": "
        + pop
        + " · "
        + label("tip_eid_level2")
        + ": "
        + eid
        + "<br>"
        + label("tip_teams")
        + ": "
        + team_text
    )


def fast_ints(values: pd.Series, lang: str) -> pd.Series:
    """`fmt_int` for a whole column at once (babel per value is too slow for 80,000 tooltips)."""
    sep = "." if lang == "vi" else ","
    return pd.Series(
        [("–" if x != x else f"{round(x):,}".replace(",", sep)) for x in values.tolist()],
        index=values.index,
        dtype=object,
    )


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
        tip = (
            f"<b>{html.escape(str(units.at[code, 'name']))}</b><br>{html.escape(t('tip_teams_here', lang))}: "
            f"{fmt_int(len(names), lang)}<br>{shown}"
        )
        rows.append({"lat": float(units.at[code, "lat"]), "lon": float(units.at[code, "lon"]), "tip": tip})
    return pd.DataFrame(rows, columns=["lat", "lon", "tip"])


def indicator_text(value: float | None, indicator: str, lang: str) -> str:
    """A commune's value as its tooltip shows it: a score 0–100 for priority, else a percentage."""
    if value is None or pd.isna(value):
        return fmt_pct(None, lang)
    return fmt_number(value * 100, lang) if indicator == "priority" else fmt_pct(value, lang)


def class_labels(indicator: str, lang: str) -> list[str]:
    """The legend text of classes 0…3 of `indicator`."""
    p = lambda x: fmt_pct(x, lang).replace(",0", "").replace(".0", "")  # noqa: E731
    if indicator == "priority":
        b = [round(x * 100) for x in PRIORITY_BREAKS]
        return [f"< {b[0]}", f"{b[0]} – {b[1]}", f"{b[1]} – {b[2]}", f"≥ {b[2]}"]
    if indicator == "eid_level2":
        b = COVERAGE_BREAKS
        return [f"≥ {p(b[0])}", f"{p(b[1])} – {p(b[0])}", f"{p(b[2])} – {p(b[1])}", f"< {p(b[2])}"]
    b = BAD_SHARE_BREAKS
    return [f"< {p(b[0])}", f"{p(b[0])} – {p(b[1])}", f"{p(b[1])} – {p(b[2])}", f"≥ {p(b[2])}"]
