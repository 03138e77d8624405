"""Travel time from a team's base to a village, and which villages a team may be sent to.

Without a measured matrix: great-circle km from the team's base to the village's commune centre × 1.3
(roads wind) at 30 km/h, plus the village's own `travel_minutes` from its commune centre.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.model.dataset import Dataset
from core.model.filters import village_district

ROAD_FACTOR = 1.3
SPEED_KMH = 30.0
EARTH_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km (vectorised)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(np.asarray(lon2) - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


def unit_centres(dataset: Dataset) -> pd.DataFrame:
    """lat/lon per unit code (legacy units, plus 2025 communes as the mean of their legacy parts)."""
    units = dataset.units.dropna(subset=["lat", "lon"]).drop_duplicates("code").set_index("code")[["lat", "lon"]]
    cw = dataset.crosswalk.merge(units, left_on="legacy_commune_code", right_index=True)
    new = cw.groupby("commune_code_2025")[["lat", "lon"]].mean()
    new = new[~new.index.isin(units.index)]
    return pd.concat([units, new])


def team_bases(dataset: Dataset) -> pd.DataFrame:
    """team_id → base lat/lon: `base_lat`/`base_lon` columns when given, else the base unit's centre."""
    teams = dataset.teams.set_index("team_id")
    centres = unit_centres(dataset)
    lat = teams["base_code"].map(centres["lat"]).astype(float)
    lon = teams["base_code"].map(centres["lon"]).astype(float)
    if "base_lat" in teams and "base_lon" in teams:
        lat = pd.to_numeric(teams["base_lat"], errors="coerce").fillna(lat)
        lon = pd.to_numeric(teams["base_lon"], errors="coerce").fillna(lon)
    return pd.DataFrame({"lat": lat, "lon": lon})


def _village_district(dataset: Dataset) -> pd.Series:
    return village_district(dataset).set_axis(dataset.villages["village_id"])


def _former_district_communes(dataset: Dataset) -> dict[str, set[str]]:
    """Legacy district code → the 2025 communes that took in its communes (2025 packages only: there a
    team of a former district works in those communes)."""
    cw = dataset.crosswalk
    if dataset.meta.admin_system != "2025" or "legacy_district_code" not in cw:
        return {}
    return {d: set(g["commune_code_2025"]) for d, g in cw.groupby("legacy_district_code")}


def eligible_pairs(
    dataset: Dataset, max_minutes: float = 90.0, matrix: pd.DataFrame | None = None, stay_in_area: bool = True
) -> pd.DataFrame:
    """(team_id, village_id, minutes) for every pair a team may be sent to.

    Commune- and village-level teams stay in their base commune, district teams in their district (in a 2025
    package, a former district's team in the 2025 communes that took in its communes), province teams go
    anywhere; `stay_in_area=False` lifts the area rule. Pairs over `max_minutes` one way are dropped.
    A `matrix` (team_id, village_id, minutes) overrides the estimate for the pairs it lists.
    """
    v = dataset.villages.set_index("village_id")
    t = dataset.teams.set_index("team_id")
    bases = team_bases(dataset)
    centres = unit_centres(dataset)
    c_lat = v["commune_code"].map(centres["lat"]).astype(float).fillna(v["lat"].astype(float))
    c_lon = v["commune_code"].map(centres["lon"]).astype(float).fillna(v["lon"].astype(float))
    own = v["travel_minutes"].astype(float).fillna(0.0).to_numpy()
    districts = _village_district(dataset).reindex(v.index).to_numpy()
    former = _former_district_communes(dataset)
    frames = []
    for team_id, team in t.iterrows():
        if stay_in_area and team["level"] in ("commune", "village"):
            mask = (v["commune_code"] == team["base_code"]).to_numpy()
        elif stay_in_area and team["level"] == "district":
            mask = districts == team["base_code"]
            if not mask.any() and team["base_code"] in former:  # a former district in a 2025 package
                mask = v["commune_code"].isin(former[team["base_code"]]).to_numpy()
        else:
            mask = np.ones(len(v), dtype=bool)
        if not mask.any():
            continue
        b = bases.loc[team_id]
        km = haversine_km(b["lat"], b["lon"], c_lat.to_numpy()[mask], c_lon.to_numpy()[mask])
        minutes = np.where(np.isnan(km), np.inf, km * ROAD_FACTOR / SPEED_KMH * 60.0) + own[mask]
        frames.append(pd.DataFrame({"team_id": team_id, "village_id": v.index[mask], "minutes": minutes}))
    pairs = (
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["team_id", "village_id", "minutes"])
    )
    if matrix is not None and len(matrix):
        measured = matrix.set_index(["team_id", "village_id"])["minutes"].astype(float)
        key = pd.MultiIndex.from_frame(pairs[["team_id", "village_id"]])
        pairs["minutes"] = measured.reindex(key).fillna(pd.Series(pairs["minutes"].to_numpy(), index=key)).to_numpy()
    pairs = pairs[pairs["minutes"] <= max_minutes]
    return pairs.assign(minutes=pairs["minutes"].round(1)).reset_index(drop=True)
