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


_NONE = np.zeros(0, dtype=int)


def _positions(codes: np.ndarray) -> dict[object, np.ndarray]:
    """Code → the (ascending) row positions holding it; missing codes are left out."""
    frame = pd.DataFrame({"code": codes, "pos": np.arange(len(codes))}).dropna(subset=["code"])
    return {code: group.to_numpy() for code, group in frame.groupby("code", sort=False)["pos"]}


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
    bases = team_bases(dataset).reindex(t.index)
    centres = unit_centres(dataset)
    c_lat = v["commune_code"].map(centres["lat"]).astype(float).fillna(v["lat"].astype(float)).to_numpy()
    c_lon = v["commune_code"].map(centres["lon"]).astype(float).fillna(v["lon"].astype(float)).to_numpy()
    own = v["travel_minutes"].astype(float).fillna(0.0).to_numpy()
    communes = v["commune_code"].astype(object).to_numpy()
    districts = _village_district(dataset).reindex(v.index).astype(object).to_numpy()
    former = _former_district_communes(dataset)
    in_commune = _positions(communes)
    in_district = _positions(districts)
    everywhere = np.arange(len(v))
    team_parts, village_parts, minute_parts = [], [], []
    levels = t["level"].astype(object).to_numpy()
    base_codes = t["base_code"].astype(object).to_numpy()
    b_lat, b_lon = bases["lat"].to_numpy(dtype=float), bases["lon"].to_numpy(dtype=float)
    for i in range(len(t)):
        level, base = levels[i], base_codes[i]
        if stay_in_area and level in ("commune", "village"):
            idx = in_commune.get(base, _NONE)
        elif stay_in_area and level == "district":
            idx = in_district.get(base, _NONE)
            if not len(idx) and base in former:  # a former district in a 2025 package
                idx = np.sort(np.concatenate([in_commune.get(c, _NONE) for c in former[base]] or [_NONE]))
        else:
            idx = everywhere
        if not len(idx):
            continue
        km = haversine_km(b_lat[i], b_lon[i], c_lat[idx], c_lon[idx])
        team_parts.append(np.full(len(idx), i))
        village_parts.append(idx)
        minute_parts.append(np.where(np.isnan(km), np.inf, km * ROAD_FACTOR / SPEED_KMH * 60.0) + own[idx])
    frames = []
    if team_parts:
        ti, vi = np.concatenate(team_parts), np.concatenate(village_parts)
        frames.append(
            pd.DataFrame(
                {
                    "team_id": t.index.to_numpy()[ti],
                    "village_id": v.index.to_numpy()[vi],
                    "minutes": np.concatenate(minute_parts),
                }
            )
        )
    pairs = (
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["team_id", "village_id", "minutes"])
    )
    if matrix is not None and len(matrix):
        measured = matrix.set_index(["team_id", "village_id"])["minutes"].astype(float)
        key = pd.MultiIndex.from_frame(pairs[["team_id", "village_id"]])
        pairs["minutes"] = measured.reindex(key).fillna(pd.Series(pairs["minutes"].to_numpy(), index=key)).to_numpy()
    pairs = pairs[pairs["minutes"] <= max_minutes]
    return pairs.assign(minutes=pairs["minutes"].round(1)).reset_index(drop=True)
