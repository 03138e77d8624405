"""What the plan map shows: planned villages and the trips to them, with escaped tooltips. No folium here."""

from __future__ import annotations

import html

import pandas as pd

from core.dataset import Dataset
from core.i18n import fmt_int, t


def plan_points(rows: pd.DataFrame, ranked: pd.DataFrame, teams: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per planned village: lat, lon, nights, people and an escaped tooltip naming its teams."""
    info = ranked.set_index("village_id")
    names = teams.set_index("team_id")["team_name"]
    grouped = rows.groupby("village_id", sort=False).agg(
        nights=("nights", "sum"), people=("expected_people", "sum"), teams=("team_id", list))
    out = []
    for vid, g in grouped.iterrows():
        village = info.loc[vid]
        team_list = "<br>".join(html.escape(str(names.get(tid, tid))) for tid in g["teams"])
        tip = (f"<b>{html.escape(str(village['village_name']))}</b> · {html.escape(str(village['commune_name']))}"
               f"<br>{html.escape(t('col_nights', lang))}: {fmt_int(g['nights'], lang)}"
               f" · {html.escape(t('col_expected_people', lang))}: {fmt_int(g['people'], lang)}<br>{team_list}")
        out.append({"village_id": vid, "lat": float(village["lat"]), "lon": float(village["lon"]),
                    "nights": int(g["nights"]), "tip": tip})
    return pd.DataFrame(out, columns=["village_id", "lat", "lon", "nights", "tip"])


def plan_trips(rows: pd.DataFrame, dataset: Dataset, ranked: pd.DataFrame) -> pd.DataFrame:
    """One row per (team, village) with the team base and the village positions (for straight trip lines)."""
    from geo.travel import team_bases

    bases = team_bases(dataset)
    info = ranked.set_index("village_id")
    trips = rows.assign(
        base_lat=rows["team_id"].map(bases["lat"]), base_lon=rows["team_id"].map(bases["lon"]),
        lat=rows["village_id"].map(info["lat"]).astype(float), lon=rows["village_id"].map(info["lon"]).astype(float))
    return trips.dropna(subset=["base_lat", "base_lon", "lat", "lon"])
