"""What the plan map shows: planned villages sized by nights, team bases, the trips between them, and the
legend that explains the sizes. Tooltips are escaped here. No folium here."""

from __future__ import annotations

import html

import pandas as pd

from core.i18n import fmt_int, t
from core.model.dataset import Dataset
from core.planning.travel import team_bases

# nights a village gets → size class; radii in pixels, readable apart at a glance (4 classes, not a scale)
NIGHT_BREAKS = (2, 5, 10)
RADII = (4, 6, 9, 13)


def night_class(nights: pd.Series) -> list[int]:
    """Size class 0–3 of each village's planned nights (1–2, 3–5, 6–10, more than 10)."""
    bins = [0, *NIGHT_BREAKS, float("inf")]
    return pd.cut(nights, bins, labels=False, include_lowest=True).astype(int).tolist()


def night_legend(lang: str) -> list[tuple[int, str]]:
    """(radius, label) of each size class, smallest first, e.g. (4, "1–2 đêm")."""
    lows = [1, *(b + 1 for b in NIGHT_BREAKS)]
    labels = [
        t("plan_legend_nights_range", lang, low=fmt_int(lo, lang), high=fmt_int(hi, lang))
        for lo, hi in zip(lows, NIGHT_BREAKS)
    ]
    labels.append(t("plan_legend_nights_more", lang, n=fmt_int(NIGHT_BREAKS[-1], lang)))
    return list(zip(RADII, labels))


def plan_points(rows: pd.DataFrame, ranked: pd.DataFrame, teams: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per planned village: lat, lon, nights, size class and an escaped tooltip naming its teams.
    Biggest first, so small circles are drawn on top of big ones and stay visible."""
    info = ranked.set_index("village_id")
    names = teams.set_index("team_id")["team_name"]
    grouped = rows.groupby("village_id", sort=False).agg(
        nights=("nights", "sum"), people=("expected_people", "sum"), teams=("team_id", list)
    )
    out = []
    for vid, g in grouped.iterrows():
        village = info.loc[vid]
        team_list = "<br>".join(html.escape(str(names.get(tid, tid))) for tid in g["teams"])
        tip = (
            f"<b>{html.escape(str(village['village_name']))}</b> · {html.escape(str(village['commune_name']))}"
            f"<br>{html.escape(t('col_nights', lang))}: {fmt_int(g['nights'], lang)}"
            f" · {html.escape(t('col_expected_people', lang))}: {fmt_int(g['people'], lang)}<br>{team_list}"
        )
        out.append(
            {
                "village_id": vid,
                "lat": float(village["lat"]),
                "lon": float(village["lon"]),
                "nights": int(g["nights"]),
                "tip": tip,
            }
        )
    points = pd.DataFrame(out, columns=["village_id", "lat", "lon", "nights", "tip"])
    points["size"] = night_class(points["nights"]) if len(points) else []
    return points.sort_values("nights", ascending=False, kind="stable").reset_index(drop=True)


def plan_bases(rows: pd.DataFrame, dataset: Dataset, lang: str) -> pd.DataFrame:
    """One row per base of a team in the plan: lat, lon and an escaped tooltip naming the teams there."""
    bases = team_bases(dataset)
    names = dataset.teams.drop_duplicates("team_id").set_index("team_id")["team_name"]
    used = pd.DataFrame({"team_id": rows["team_id"].unique()})
    used["lat"], used["lon"] = used["team_id"].map(bases["lat"]), used["team_id"].map(bases["lon"])
    used = used.dropna(subset=["lat", "lon"])
    label = html.escape(t("map_legend_team_base", lang))
    out = used.groupby(["lat", "lon"], sort=False)["team_id"].agg(list).reset_index()
    out["tip"] = [
        f"<b>{label}</b><br>" + "<br>".join(html.escape(str(names.get(tid, tid))) for tid in ids)
        for ids in out["team_id"]
    ]
    return out[["lat", "lon", "tip"]]


def plan_trips(rows: pd.DataFrame, dataset: Dataset, ranked: pd.DataFrame) -> pd.DataFrame:
    """One row per (team, village) with the team base and the village positions (for straight trip lines)."""
    bases = team_bases(dataset)
    info = ranked.set_index("village_id")
    trips = rows.assign(
        base_lat=rows["team_id"].map(bases["lat"]),
        base_lon=rows["team_id"].map(bases["lon"]),
        lat=rows["village_id"].map(info["lat"]).astype(float),
        lon=rows["village_id"].map(info["lon"]).astype(float),
    )
    return trips.dropna(subset=["base_lat", "base_lon", "lat", "lon"])
