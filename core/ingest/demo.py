"""The synthetic Điện Biên demo package: real units and boundaries, synthetic villages, teams and activity.

Deterministic: the same seed gives the same bytes. Numbers are calibrated to the facts in DOMAIN.md
(see `CALIBRATION`); everything else is plausible, not real, and `package.toml` says `synthetic = true`.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import tomli_w

from core.config import DATA_DIR
from core.ingest.validation import VIETNAM_LAT, VIETNAM_LON
from core.model.admin_units import load_admin_units
from core.model.schema import OUTCOMES, TABLES
from geo.areas import approximate_commune_areas, districts_from_communes, random_points_in

SOURCE_DIR = DATA_DIR / "sources" / "geoboundaries"
PROVINCE_CODE = "11"
AS_OF = date(2025, 6, 30)
START = date(2023, 1, 1)
SEED = 20250630

# Facts from DOMAIN.md the demo reproduces exactly (or "about", as the articles say).
CALIBRATION = {
    "community_tech_teams": 129,
    "community_tech_members": 159,
    "district_youth_teams": 152,
    "district_youth_members": 1169,
    "province_youth_teams": 6,
    "province_youth_members": 39,
    "digital_signatures": 6130,
    "smart_app_accounts": 3172,  # "more than 3,000"
    "nam_po_no_power": 19,  # "nearly 20 villages"
    "nam_po_no_signal": 12,  # "more than 10 villages"
    "people_per_night": 30,
    "muong_cha_2023_meetings": 80,
    "muong_cha_2023_meeting_people": 800,
    "muong_cha_2023_sessions": 126,
    "muong_cha_2023_session_people": 5100,  # "more than 5,000"
}
NAM_PO, MUONG_CHA, CITY = "103", "097", "094"
BORDER_DISTRICTS = {"096", "103", "097", "100"}  # along the Lao and Chinese borders
# District share of villages without grid power / without signal (Nậm Pồ's come from CALIBRATION).
NO_POWER_RATE = {
    "094": 0.0,
    "095": 0.0,
    "096": 0.10,
    "097": 0.06,
    "098": 0.04,
    "099": 0.03,
    "100": 0.02,
    "101": 0.05,
    "102": 0.02,
}
NO_SIGNAL_RATE = {
    "094": 0.0,
    "095": 0.0,
    "096": 0.07,
    "097": 0.05,
    "098": 0.04,
    "099": 0.02,
    "100": 0.02,
    "101": 0.04,
    "102": 0.01,
}

_SYLLABLES_A = [
    "Nà",
    "Huổi",
    "Nậm",
    "Pá",
    "Phiêng",
    "Co",
    "Pom",
    "Hua",
    "Sín",
    "Pú",
    "Tà",
    "Xá",
    "Lả",
    "Hô",
    "Ten",
    "Pắc",
    "Na",
    "Mường",
    "Khó",
    "Chăn",
    "Kéo",
    "Tin",
    "Lếch",
    "Củng",
    "Ho",
]
_SYLLABLES_B = [
    "Pồ",
    "Lếch",
    "Chua",
    "Sản",
    "Hẹ",
    "Khoang",
    "Ló",
    "Cang",
    "Tống",
    "Mu",
    "Chải",
    "Cáy",
    "Ngàn",
    "Hạ",
    "Sang",
    "Dạo",
    "Phìn",
    "Tâu",
    "Lĩnh",
    "Muông",
    "Van",
    "Xôm",
    "Bó",
    "Luông",
    "Hỏm",
    "Tấu",
]

VILLAGE_COLUMNS = TABLES["villages"].names
TEAM_COLUMNS = [*TABLES["teams"].names, "capacity_per_night", "nights_available"]  # the plan's two extras
ACTIVITY_COLUMNS = ["date", "team_id", "village_id", "kind", "participants", *OUTCOMES]


@dataclass(frozen=True)
class Geography:
    units: pd.DataFrame
    communes: gpd.GeoDataFrame  # approximate polygons
    districts: gpd.GeoDataFrame
    province: gpd.GeoDataFrame


def write_demo_package(out: Path, seed: int = SEED) -> Path:
    """Generate the demo package into `out` (replaced if it exists) and return it."""
    rng = np.random.default_rng(seed)
    geo = _geography()
    villages = _villages(geo, rng)
    teams = _teams(geo, rng)
    team_villages = _coverage(villages, teams, rng)
    activities = _activities(villages, teams, team_villages, rng)
    villages = _baseline_after_activities(villages, activities, rng)
    targets = _targets(villages)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _write_toml(out / "package.toml")
    _write_boundaries(out / "boundaries.geojson", geo)
    _write_csv(out / "villages.csv", villages)
    _write_csv(out / "teams.csv", teams)
    _write_csv(out / "team_villages.csv", team_villages)
    _write_csv(out / "activities.csv", activities)
    _write_csv(out / "targets.csv", targets)
    shutil.copyfile(SOURCE_DIR / "SOURCE.md", out / "BOUNDARIES_SOURCE.md")
    return out


# --- decisions ---------------------------------------------------------------------------------------
#
# The package must come out byte for byte the same on any CPU. Floating-point results can differ in their
# last bits between machines (numpy's SIMD paths, libm, summation order), and an unstable sort can order
# equal keys differently on each; so every sort, cut and pick is made on integers, ties broken by id.

KEY_SCALE = 10**6  # decision keys in millionths: far coarser than last-bit differences


def _key(values) -> np.ndarray:
    """Values as whole millionths (int64), the form in which they may decide anything."""
    return np.rint(np.asarray(values, dtype=float) * KEY_SCALE).astype(np.int64)


def _ranked(keys, ids, descending: bool = True) -> np.ndarray:
    """Positions ordered by integer `keys` (largest first unless `descending` is False), ties by id."""
    keys = np.asarray(keys, dtype=np.int64)
    return np.lexsort((np.asarray(ids, dtype=str), -keys if descending else keys))


def _micro_degrees(values) -> np.ndarray:
    """WGS84 degrees as whole 1e-5 degrees (≈1 m), the precision the package writes."""
    return np.rint(np.asarray(values, dtype=float) * 100_000).astype(np.int64)


# --- geography ---------------------------------------------------------------------------------------


def _geography() -> Geography:
    units, _ = load_admin_units(PROVINCE_CODE)
    src = gpd.read_file(SOURCE_DIR / "dien_bien_districts.geojson").rename(columns={"gso_code": "code"})
    communes_pts = units[units["level"] == "commune"]
    communes = approximate_commune_areas(src[["code", "geometry"]], communes_pts)
    districts = districts_from_communes(communes).merge(
        units[units["level"] == "district"][["code", "name"]], on="code"
    )
    province = gpd.read_file(SOURCE_DIR / "dien_bien_province.geojson")[["geometry"]]
    return Geography(units=units, communes=communes, districts=districts, province=province)


def _remoteness(geo: Geography) -> pd.Series:
    """0 (city centre) … 1 (far border commune), per commune code."""
    c = geo.units[geo.units["level"] == "commune"].set_index("code")
    city = c[c["parent_code"] == CITY][["lat", "lon"]].mean()
    km = np.hypot((c["lat"] - city["lat"]) * 111, (c["lon"] - city["lon"]) * 104)
    score = km / km.max()
    score += np.where(c["parent_code"].isin(list(BORDER_DISTRICTS)), 0.15, 0.0)
    urban = c["name"].str.startswith(("Phường", "Thị trấn"))
    score = np.where(urban, score * 0.2, score)
    return pd.Series(_key(np.clip(score, 0, 1)) / KEY_SCALE, index=c.index)


# --- villages ----------------------------------------------------------------------------------------


def _villages(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    remote = _remoteness(geo)
    rows = []
    used_names: set[tuple[str, str]] = set()
    for commune in geo.communes.sort_values("code").itertuples():
        urban = commune.name.startswith(("Phường", "Thị trấn"))
        n = int(rng.integers(6, 11) if urban else rng.integers(9, 17))
        points = random_points_in(commune.geometry, n, rng)
        r = float(remote[commune.code])
        for k, (lat, lon) in enumerate(points, start=1):
            name = f"Tổ dân phố {k}" if urban else _village_name(rng, commune.code, used_names)
            rows.append(_village_row(rng, commune, k, name, lat, lon, r, urban))
    villages = pd.DataFrame(rows, columns=VILLAGE_COLUMNS[:12] + ["_remote", "_urban"])
    villages = _assign_gaps(villages, rng)
    return villages


def _village_name(rng: np.random.Generator, commune_code: str, used: set[tuple[str, str]]) -> str:
    while True:
        name = f"Bản {rng.choice(_SYLLABLES_A)} {rng.choice(_SYLLABLES_B)}"
        if (commune_code, name) not in used:
            used.add((commune_code, name))
            return name


def _village_row(rng, commune, k: int, name: str, lat: float, lon: float, r: float, urban: bool) -> list:
    households = int(rng.integers(120, 330) if urban else rng.integers(30, 140))
    population = int(households * rng.uniform(3.4, 4.0) if urban else households * rng.uniform(4.4, 5.4))
    eligible = int(population * rng.uniform(0.68, 0.77))
    minority = rng.uniform(0.1, 0.45) if urban else rng.uniform(0.82, 1.0)
    return [
        f"{commune.code}-{k:02d}",
        name,
        commune.code,
        commune.parent_code,
        round(lat, 5),
        round(lon, 5),
        households,
        population,
        eligible,
        round(minority, 3),
        "yes",
        "4g",
        r,
        urban,
    ]


def _assign_gaps(v: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Signal, power, phones and SIMs: worse where remote, with the district counts calibrated."""
    v = v.copy()
    noise = rng.uniform(0, 0.35, len(v))
    hardness = v["_remote"] + noise
    for district, group in v.groupby("district_code"):
        ids = group["village_id"].to_numpy()
        order = group.index[_ranked(_key(hardness[group.index]), ids)]
        n_no_power = (
            CALIBRATION["nam_po_no_power"] if district == NAM_PO else round(NO_POWER_RATE[district] * len(group))
        )
        n_no_signal = (
            CALIBRATION["nam_po_no_signal"] if district == NAM_PO else round(NO_SIGNAL_RATE[district] * len(group))
        )
        signal_keys = _key(hardness[group.index].add(rng.uniform(0, 0.3, len(group))))
        v.loc[order[:n_no_power], "grid_electricity"] = "no"
        v.loc[order[n_no_power : n_no_power + max(1, n_no_power // 2)], "grid_electricity"] = "partial"
        sig = group.index[_ranked(signal_keys, ids)]
        v.loc[sig[:n_no_signal], "mobile_signal"] = "none"
        # len × (0.05 + 0.2 × mean remoteness) = (250,000 × len + Σ millionths) / 5,000,000, exactly
        remote_sum = int(_key(v.loc[group.index, "_remote"]).sum())
        n_weak = round(Fraction(250_000 * len(group) + remote_sum, 5 * KEY_SCALE))
        v.loc[sig[n_no_signal : n_no_signal + n_weak], "mobile_signal"] = "weak"
        n_3g = round(len(group) * 0.15)
        v.loc[sig[n_no_signal + n_weak : n_no_signal + n_weak + n_3g], "mobile_signal"] = "3g"
    urban = v["_urban"]
    v.loc[urban & (v["grid_electricity"] != "yes"), "grid_electricity"] = "yes"
    phones = 0.9 - 0.45 * hardness.clip(0, 1) - np.where(v["mobile_signal"] == "none", 0.1, 0)
    v["smartphone_share"] = (phones + rng.normal(0, 0.04, len(v))).clip(0.15, 0.95).round(3)
    sims = 0.93 - 0.35 * hardness.clip(0, 1)
    v["owner_sim_share"] = (sims + rng.normal(0, 0.05, len(v))).clip(0.3, 0.99).round(3)
    travel = 5 + 80 * hardness.clip(0, 1.2) + rng.exponential(8, len(v))
    v["travel_minutes"] = np.where(urban, rng.integers(3, 15, len(v)), travel.round()).astype(int)
    return v


def _baseline_after_activities(v: pd.DataFrame, activities: pd.DataFrame, rng) -> pd.DataFrame:
    """Level-2 e-IDs at `as_of`: higher where reachable, never below what teams reported there."""
    reported = activities.groupby("village_id")["eid_level2"].sum(min_count=1).fillna(0)
    coverage = (
        0.82 - 0.45 * v["_remote"] - np.where(v["mobile_signal"] == "none", 0.12, 0) + rng.normal(0, 0.05, len(v))
    ).clip(0.2, 0.92)
    base = (v["eligible_citizens"] * coverage).round().astype(int)
    floor = v["village_id"].map(reported).fillna(0).astype(int)
    v = v.copy()
    v["eid_level2_baseline"] = np.minimum(np.maximum(base, floor), v["eligible_citizens"])
    return v[VILLAGE_COLUMNS]


# --- teams and coverage -----------------------------------------------------------------------------


def _split_total(total: int, n: int, low: int, high: int, rng: np.random.Generator) -> list[int]:
    """`n` integers in [low, high] summing exactly to `total`."""
    sizes = rng.integers(low, high + 1, n)
    while sizes.sum() != total:
        i = int(rng.integers(n))
        step = 1 if sizes.sum() < total else -1
        if low <= sizes[i] + step <= high:
            sizes[i] += step
    return [int(s) for s in sizes]


def _member_parts(rng, members: int, youth_share: float) -> tuple[int, int, int]:
    youth = int(round(members * youth_share))
    women = int(rng.binomial(members, 0.42))
    trained = int(rng.binomial(members, 0.7))
    return min(youth, members), women, trained


def _teams(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    communes = geo.units[geo.units["level"] == "commune"].sort_values("code")
    districts = geo.units[geo.units["level"] == "district"].sort_values("code")
    rows = []
    sizes = _split_total(CALIBRATION["community_tech_members"], len(communes), 1, 2, rng)
    for c, members in zip(communes.itertuples(), sizes):
        rows.append(
            _team_row(
                rng,
                f"CT-{c.code}",
                f"Tổ CNSCĐ {c.name}",
                "community_tech",
                "commune",
                c.code,
                members,
                1.0,
                date(2022, 10, 1),
            )
        )
    per_district = _district_team_counts(communes, districts, CALIBRATION["district_youth_teams"])
    sizes = _split_total(CALIBRATION["district_youth_members"], CALIBRATION["district_youth_teams"], 4, 12, rng)
    size_iter = iter(sizes)
    for d in districts.itertuples():
        for k in range(1, per_district[d.code] + 1):
            rows.append(
                _team_row(
                    rng,
                    f"YV-{d.code}-{k:02d}",
                    f"Đội TNTN số {k} {_district_label(d.name)}",
                    "youth_volunteer",
                    "district",
                    d.code,
                    next(size_iter),
                    0.85,
                    date(2023, 3, 26),
                )
            )
    sizes = _split_total(CALIBRATION["province_youth_members"], CALIBRATION["province_youth_teams"], 5, 8, rng)
    for k, members in enumerate(sizes, start=1):
        rows.append(
            _team_row(
                rng,
                f"YV-P-{k:02d}",
                f"Đội TNTN tỉnh số {k}",
                "youth_volunteer",
                "province",
                PROVINCE_CODE,
                members,
                0.9,
                date(2023, 3, 26),
            )
        )
    return pd.DataFrame(rows, columns=TEAM_COLUMNS)


def _district_label(name: str) -> str:
    """ "Huyện Nậm Pồ" → "huyện Nậm Pồ", as written inside a team's name."""
    return name[:1].lower() + name[1:]


def _district_team_counts(communes: pd.DataFrame, districts: pd.DataFrame, total: int) -> dict[str, int]:
    """`total` split over districts in proportion to their communes: largest remainders, ties by code."""
    counts = communes.groupby("parent_code").size()
    shares = counts.to_numpy() * total
    out = pd.Series(shares // int(counts.sum()), index=counts.index)
    remainders = shares % int(counts.sum())
    for code in counts.index[_ranked(remainders, counts.index)][: total - int(out.sum())]:
        out[code] += 1
    return {code: int(out.get(code, 0)) for code in districts["code"]}


def _team_row(rng, team_id, name, team_type, level, base, members, youth_share, established) -> list:
    youth, women, trained = _member_parts(rng, members, youth_share)
    est = established + timedelta(days=int(rng.integers(0, 120)))
    capacity = int(np.clip(round(rng.normal(CALIBRATION["people_per_night"], 3)), 20, 40))
    nights = int(rng.integers(6, 11))
    return [team_id, name, team_type, level, base, members, youth, women, trained, est.isoformat(), capacity, nights]


def _coverage(v: pd.DataFrame, teams: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Commune teams cover most of their commune (less where remote); youth teams cover clusters."""
    pairs: list[tuple[str, str]] = []
    for t in teams[teams["level"] == "commune"].itertuples():
        local = v[v["commune_code"] == t.base_code]
        keep = rng.uniform(0, 1, len(local)) > (0.05 + 0.55 * local["_remote"].to_numpy())
        pairs += [(t.team_id, vid) for vid in local["village_id"][keep]]
    for t in teams[teams["level"] == "district"].itertuples():
        local = v[v["district_code"] == t.base_code]
        pairs += _cluster(t.team_id, local, int(rng.integers(4, 10)), rng)
    hardest = v.iloc[_ranked(_key(v["_remote"]), v["village_id"])[:300]]
    for t in teams[teams["level"] == "province"].itertuples():
        pairs += _cluster(t.team_id, hardest, 12, rng)
    tv = pd.DataFrame(pairs, columns=["team_id", "village_id"]).drop_duplicates()
    return tv.sort_values(["team_id", "village_id"]).reset_index(drop=True)


def _cluster(team_id: str, villages: pd.DataFrame, k: int, rng) -> list[tuple[str, str]]:
    """The `k` villages nearest a random one (squared distance in whole 1e-5 degrees, ties by id)."""
    return [(team_id, vid) for vid in _nearest_to_random(villages, k, rng)]


def _nearest_to_random(villages: pd.DataFrame, k: int, rng) -> list[str]:
    seed = int(rng.integers(len(villages)))
    lat, lon = _micro_degrees(villages["lat"]), _micro_degrees(villages["lon"])
    d2 = (lat - lat[seed]) ** 2 + (lon - lon[seed]) ** 2
    order = np.lexsort((villages["village_id"].to_numpy(dtype=str), d2))
    return list(villages["village_id"].to_numpy()[order[:k]])


# --- activities ---------------------------------------------------------------------------------------

KINDS = ["door_to_door", "session", "meeting", "training"]
KIND_P = [0.45, 0.3, 0.15, 0.1]


def _activities(v, teams, tv, rng) -> pd.DataFrame:
    by_team = tv.groupby("team_id")["village_id"].apply(list).to_dict()
    village_district = v.set_index("village_id")["district_code"]
    months = pd.date_range(START, AS_OF, freq="MS")
    rows = []
    for t in teams.itertuples():
        villages = by_team.get(t.team_id) or []
        if not villages:
            continue
        rate = {"commune": 1.3, "district": 0.9, "province": 2.0}[t.level]
        for month in months:
            for _ in range(int(rng.poisson(rate))):
                day = month + pd.Timedelta(days=int(rng.integers(0, month.days_in_month)))
                if day.date() > AS_OF:
                    continue
                kind = str(rng.choice(KINDS, p=KIND_P))
                rows.append(_activity(rng, day.date(), t, str(rng.choice(villages)), kind))
    acts = pd.DataFrame(rows, columns=ACTIVITY_COLUMNS)
    acts = _calibrate_muong_cha_2023(acts, village_district, rng)
    acts = _fix_total(acts, "digital_signatures", CALIBRATION["digital_signatures"], rng)
    acts = _fix_total(acts, "smart_app_accounts", CALIBRATION["smart_app_accounts"], rng)
    acts = acts.sort_values(["date", "team_id", "village_id"], kind="stable").reset_index(drop=True)
    acts["date"] = acts["date"].map(lambda d: d.isoformat())
    return acts


def _activity(rng, day: date, team, village_id: str, kind: str) -> list:
    cap = team.capacity_per_night
    participants = {
        "door_to_door": rng.integers(8, cap + 6),
        "session": rng.integers(20, 70),
        "meeting": rng.integers(6, 16),
        "training": rng.integers(5, 25),
    }[kind]
    helped = kind in ("door_to_door", "session")
    outcomes = []
    for col in OUTCOMES:
        blank = rng.uniform() < (0.08 if col in ("vneid_installs", "eid_level1", "eid_level2") else 0.22)
        if not helped or blank:
            outcomes.append(None)
            continue
        share = {
            "vneid_installs": 0.5,
            "eid_level1": 0.45,
            "eid_level2": 0.35,
            "public_service_accounts": 0.2,
            "online_dossiers": 0.08,
            "digital_signatures": 0.0,
            "cashless_accounts": 0.12,
            "smart_app_accounts": 0.0,
            "e_health_books": 0.06,
            "vssid_installs": 0.05,
        }[col]
        outcomes.append(int(rng.binomial(int(min(participants, cap)), share)))
    return [day, team.team_id, village_id, kind, int(participants), *outcomes]


def _calibrate_muong_cha_2023(acts: pd.DataFrame, village_district: pd.Series, rng) -> pd.DataFrame:
    """Mường Chà 2023: about 80 village meetings (800 people) and 126 sessions (5,000+ people)."""
    acts = acts.copy()
    in_2023 = acts["date"].map(lambda d: d.year == 2023)
    local = acts["village_id"].map(village_district) == MUONG_CHA
    for kind, n_key, people_key in (
        ("meeting", "muong_cha_2023_meetings", "muong_cha_2023_meeting_people"),
        ("session", "muong_cha_2023_sessions", "muong_cha_2023_session_people"),
    ):
        mask = in_2023 & local & (acts["kind"] == kind)
        idx = list(acts.index[mask])
        pool = list(acts.index[in_2023 & local & (acts["kind"] == "door_to_door")])
        need = CALIBRATION[n_key] - len(idx)
        if need > 0:
            extra = [i for i in pool if i not in idx][:need]
            acts.loc[extra, "kind"] = kind
            idx += extra
        elif need < 0:
            acts.loc[idx[need:], "kind"] = "door_to_door"
            idx = idx[:need]
        sizes = _split_total(CALIBRATION[people_key], len(idx), 4, 80, rng)
        acts.loc[idx, "participants"] = sizes
        if kind == "meeting":
            acts.loc[idx, list(OUTCOMES)] = None
    return acts


def _fix_total(acts: pd.DataFrame, column: str, total: int, rng) -> pd.DataFrame:
    """Spread an exact province total over the door-to-door and session rows (more where more people)."""
    acts = acts.copy()
    eligible = acts.index[acts["kind"].isin(["door_to_door", "session"])]
    reported = eligible[rng.uniform(0, 1, len(eligible)) > 0.2]
    weights = acts.loc[reported, "participants"].astype(float).to_numpy()
    counts = rng.multinomial(total, weights / weights.sum())
    acts[column] = None
    acts.loc[reported, column] = counts
    return acts


def _targets(v: pd.DataFrame) -> pd.DataFrame:
    eligible = v.groupby("district_code")["eligible_citizens"].sum()
    rows = []
    for period_end, share in (("2025-06-30", 0.8), ("2025-12-31", 0.9)):
        for code, n in eligible.items():
            rows.append(("eid_level2", code, period_end, int(round(n * share))))
        rows.append(("eid_level2", PROVINCE_CODE, period_end, int(round(eligible.sum() * share))))
    rows += [
        ("digital_signatures", PROVINCE_CODE, "2025-12-31", 8000),
        ("smart_app_accounts", PROVINCE_CODE, "2025-12-31", 5000),
    ]
    return pd.DataFrame(rows, columns=["indicator", "area_code", "period_end", "target"])


# --- writing ------------------------------------------------------------------------------------------


def _cell(x) -> str:
    """Blank for missing, whole floats without ".0" (outcome counts mixed with blanks)."""
    if x is None or x != x:
        return ""
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _write_csv(path: Path, df: pd.DataFrame) -> None:
    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].map(_cell)
    path.write_text(df.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def _write_toml(path: Path) -> None:
    meta = {
        "name": "Điện Biên (dữ liệu minh họa / demo)",
        "province_code": PROVINCE_CODE,
        "province_name": "Điện Biên",
        "admin_system": "legacy",
        "as_of": AS_OF,
        "source": "Đơn vị hành chính và mã: vietnamadminunits 1.0.4 (MIT). Ranh giới tỉnh, huyện: geoBoundaries "
        "(OCHA ROAP / Chính phủ Việt Nam), CC BY 3.0 IGO. Thôn/bản, tổ đội và hoạt động: tổng hợp "
        "(synthetic), hiệu chỉnh theo số liệu báo chí.",
        "license": "Ranh giới: CC BY 3.0 IGO (xem BOUNDARIES_SOURCE.md); phần tổng hợp: MIT",
        "synthetic": True,
        "boundaries_attribution": "Ranh giới tỉnh, huyện: OCHA ROAP / Chính phủ Việt Nam qua geoBoundaries, "
        "CC BY 3.0 IGO; ranh giới xã: ước tính từ trung tâm xã",
        "generator": "python cli.py demo-data",
        "seed": SEED,
    }
    path.write_bytes(tomli_w.dumps(meta).encode("utf-8"))


def _write_boundaries(path: Path, geo: Geography) -> None:
    features = [_feature(geo.province.geometry.iloc[0], "province", PROVINCE_CODE, "Điện Biên", None, False)]
    moved = _moved_districts(geo)
    for d in geo.districts.sort_values("code").itertuples():
        features.append(_feature(d.geometry, "district", d.code, d.name, PROVINCE_CODE, d.code in moved))
    for c in geo.communes.sort_values("code").itertuples():
        features.append(_feature(c.geometry, "commune", c.code, c.name, c.parent_code, True))
    collection = {
        "type": "FeatureCollection",
        "attribution": "Ranh giới tỉnh/huyện: OCHA ROAP / Government of Viet Nam, via geoBoundaries "
        "(www.geoboundaries.org), CC BY 3.0 IGO. Ranh giới xã: ước tính (Voronoi).",
        "features": features,
    }
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _moved_districts(geo: Geography) -> set[str]:
    """Districts whose outline the commune areas changed (the outdated 2020 city border)."""
    src = gpd.read_file(SOURCE_DIR / "dien_bien_districts.geojson").set_index("gso_code").to_crs("EPSG:6933")
    now = geo.districts.set_index("code").to_crs("EPSG:6933")
    change = {code: now.geometry[code].area / src.geometry[code].area - 1 for code in now.index}
    return {code for code, c in change.items() if abs(int(_key(c))) > KEY_SCALE // 100}  # moved more than 1 %


def _feature(geom, level: str, code: str, name: str, parent: str | None, approximate: bool) -> dict:
    mapping = json.loads(gpd.GeoSeries([geom]).to_json(drop_id=True))["features"][0]["geometry"]
    return {
        "type": "Feature",
        "properties": {"level": level, "code": code, "name": name, "parent_code": parent, "approximate": approximate},
        "geometry": _round_coords(mapping),
    }


def _round_coords(obj):
    if isinstance(obj, dict):
        return {k: _round_coords(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(x), 5) for x in obj]
        return [_round_coords(x) for x in obj]
    return obj


# --- the national package ----------------------------------------------------------------------------------
#
# The whole country after July 2025: the 34 provinces and their 3,321 communes (names, codes and centroids
# from vietnamadminunits), with synthetic villages (about 80,000), teams (about 15,000), coverage, three months
# of activity and targets. Nothing in it is real but the units; `package.toml` says `synthetic = true`.

NATIONAL_AS_OF = date(2025, 9, 30)
NATIONAL_START = date(2025, 7, 1)  # the 2025 communes start on 1 July 2025
NATIONAL_SEED = 20250930
# How hard a province's villages are to reach, 0 (delta and cities) … 1 (the northern border mountains), by
# 2025 province code; provinces not listed: 0.2. The northern mountains and the Central Highlands are where
# the articles place the villages without grid power or signal.
PROVINCE_HARDNESS = {
    "04": 0.6,  # Cao Bằng
    "08": 0.6,  # Tuyên Quang (with Hà Giang)
    "11": 0.65,  # Điện Biên
    "12": 0.65,  # Lai Châu
    "14": 0.6,  # Sơn La
    "15": 0.55,  # Lào Cai (with Yên Bái)
    "20": 0.5,  # Lạng Sơn
    "19": 0.4,  # Thái Nguyên (with Bắc Kạn)
    "25": 0.4,  # Phú Thọ (with Hòa Bình, Vĩnh Phúc)
    "52": 0.45,  # Gia Lai
    "66": 0.4,  # Đắk Lắk
    "51": 0.45,  # Quảng Ngãi (with Kon Tum)
    "68": 0.35,  # Lâm Đồng
    "38": 0.35,  # Thanh Hóa
    "40": 0.35,  # Nghệ An
    "44": 0.3,  # Quảng Trị
    "48": 0.3,  # Đà Nẵng (with Quảng Nam)
    "01": 0.05,  # Hà Nội
    "79": 0.05,  # Hồ Chí Minh
    "31": 0.1,  # Hải Phòng
    "92": 0.1,  # Cần Thơ
}
NORTHERN_MOUNTAINS = {"04", "08", "11", "12", "14", "15", "20", "19", "25"}
SOUTH = {"75", "79", "80", "82", "86", "91", "92", "96"}
NATIONAL_TEAMS_PER_PROVINCE = 6  # province youth volunteer teams, as in Điện Biên
NATIONAL_ACTIVITY_RATE = 1.0  # activities a team reports a month, on average


def write_national_package(out: Path, seed: int = NATIONAL_SEED, provinces: list[str] | None = None) -> Path:
    """Generate the national package into `out` (replaced if it exists); `provinces` (2025 codes) limits the
    villages, teams and activities to those provinces (a small slice for tests). Deterministic."""
    from core.model.admin_units import NATIONAL_CODE, load_national_units

    rng = np.random.default_rng(seed)
    units, _ = load_national_units()
    communes = units[units["level"] == "commune"].copy()
    if provinces is not None:
        communes = communes[communes["parent_code"].isin(provinces)]
    province_units = units[units["level"] == "district"]
    # the Hoàng Sa and Trường Sa archipelagos lie outside the box villages are checked against: no villages there
    inside = communes["lat"].between(*VIETNAM_LAT) & communes["lon"].between(*VIETNAM_LON)
    communes = communes[inside].sort_values("code").reset_index(drop=True)
    areas = _commune_areas()
    villages = _national_villages(communes, province_units, areas, rng)
    teams = _national_teams(communes, province_units[province_units["code"].isin(set(communes["parent_code"]))], rng)
    team_villages = _national_coverage(villages, teams, rng)
    activities = _national_activities(villages, teams, team_villages, rng)
    villages = _national_baseline(villages, activities, rng)
    targets = _national_targets(villages, NATIONAL_CODE)
    villages = villages.drop(columns=["_province"])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _write_national_toml(out / "package.toml", NATIONAL_CODE, seed, provinces)
    _write_csv(out / "villages.csv", villages)
    _write_csv(out / "teams.csv", teams)
    _write_csv(out / "team_villages.csv", team_villages)
    _write_csv(out / "activities.csv", activities)
    _write_csv(out / "targets.csv", targets)
    _write_national_readme(out, len(villages), len(teams), provinces)
    return out


def _commune_areas() -> dict[str, float]:
    """km² of each 2025 commune, from the library (a few have none)."""
    from core.model.admin_units import _query

    return {code: float(area) for code, area in _query("select wardCode, wardAreaKm2 from admin_units", ()) if area}


def _national_villages(communes: pd.DataFrame, provinces: pd.DataFrame, areas: dict, rng) -> pd.DataFrame:
    kind = np.where(
        communes["name"].str.startswith("Phường"),
        "ward",
        np.where(communes["name"].str.startswith("Xã"), "rural", "isle"),
    )
    counts = np.where(
        kind == "ward",
        rng.integers(8, 21, len(communes)),
        np.where(kind == "rural", rng.integers(19, 36, len(communes)), rng.integers(5, 13, len(communes))),
    )
    centre = provinces.set_index("code")[["lat", "lon"]]
    p_lat = communes["parent_code"].map(centre["lat"]).to_numpy(float)
    p_lon = communes["parent_code"].map(centre["lon"]).to_numpy(float)
    c_lat, c_lon = communes["lat"].to_numpy(float), communes["lon"].to_numpy(float)
    km = np.hypot((c_lat - p_lat) * 111, (c_lon - p_lon) * 105)
    spread = pd.Series(km).groupby(communes["parent_code"].to_numpy()).transform("max").to_numpy()
    base = communes["parent_code"].map(PROVINCE_HARDNESS).fillna(0.2).to_numpy(float)
    remote = np.clip(base + 0.35 * km / np.maximum(spread, 1) + rng.uniform(-0.1, 0.1, len(communes)), 0, 1)
    remote = np.where(kind == "ward", remote * 0.2, remote)
    radius_km = np.sqrt(communes["code"].map(areas).fillna(30.0).to_numpy(float) / np.pi) * 0.7
    # one row per village: repeat the commune's values
    idx = np.repeat(np.arange(len(communes)), counts)
    k = np.concatenate([np.arange(1, n + 1) for n in counts])
    n = len(idx)
    angle = rng.uniform(0, 2 * np.pi, n)
    dist = radius_km[idx] * np.sqrt(rng.uniform(0, 1, n))
    lat = c_lat[idx] + dist * np.sin(angle) / 111
    lon = c_lon[idx] + dist * np.cos(angle) / (111 * np.cos(np.radians(c_lat[idx])))
    province = communes["parent_code"].to_numpy()[idx]
    v_kind = kind[idx]
    prefix = np.where(
        v_kind == "ward",
        "Tổ dân phố",
        np.where(
            np.isin(province, list(NORTHERN_MOUNTAINS)), "Bản", np.where(np.isin(province, list(SOUTH)), "Ấp", "Thôn")
        ),
    )
    names = pd.Series(prefix).str.cat(pd.Series(k).astype(str), sep=" ")
    urban = v_kind == "ward"
    households = np.where(urban, rng.integers(150, 450, n), rng.integers(60, 320, n))
    population = np.round(households * np.where(urban, rng.uniform(3.3, 3.9, n), rng.uniform(3.8, 5.2, n))).astype(int)
    eligible = np.round(population * rng.uniform(0.7, 0.8, n)).astype(int)
    r = np.clip(remote[idx] + rng.uniform(0, 0.3, n), 0, 1.3)
    minority = np.clip(
        np.where(urban, rng.uniform(0, 0.2, n), r * rng.uniform(0.3, 1.0, n) + rng.uniform(0, 0.1, n)), 0, 1
    )
    u = rng.uniform(0, 1, n)
    # about 0.5 % of the country's villages without grid power and 1 % without signal, most in the mountains
    grid = np.where(r > 1.16 - 0.05 * u, "no", np.where(r > 1.08, "partial", "yes"))
    grid = np.where(urban, "yes", grid)
    s = r + rng.uniform(0, 0.25, n)
    signal = np.select([s > 1.27, s > 1.1, s > 0.9], ["none", "weak", "3g"], "4g")
    phones = 0.92 - 0.45 * np.clip(r, 0, 1) - np.where(signal == "none", 0.1, 0) + rng.normal(0, 0.04, n)
    sims = 0.95 - 0.35 * np.clip(r, 0, 1) + rng.normal(0, 0.05, n)
    travel = np.where(urban, rng.integers(3, 15, n), np.round(5 + 70 * np.clip(r, 0, 1.2) + rng.exponential(8, n)))
    codes = communes["code"].to_numpy()[idx]
    return pd.DataFrame(
        {
            "village_id": [f"{c}-{i:02d}" for c, i in zip(codes, k)],
            "village_name": names.to_numpy(),
            "commune_code": codes,
            "lat": np.clip(lat, *VIETNAM_LAT).round(5),
            "lon": np.clip(lon, *VIETNAM_LON).round(5),
            "households": households,
            "population": population,
            "eligible_citizens": eligible,
            "ethnic_minority_share": minority.round(3),
            "grid_electricity": grid,
            "mobile_signal": signal,
            "smartphone_share": np.clip(phones, 0.15, 0.97).round(3),
            "owner_sim_share": np.clip(sims, 0.3, 0.99).round(3),
            "travel_minutes": travel.astype(int),
            "_remote": r,
            "_province": province,
        }
    )


def _national_teams(communes: pd.DataFrame, provinces: pd.DataFrame, rng) -> pd.DataFrame:
    """Per commune: its community tech team, two youth volunteer teams (one to three in wards) and zero to
    three village shock teams; per province six youth volunteer teams."""
    rows = []
    for c in communes.itertuples():
        rows.append(
            ("CT-" + c.code, f"Tổ CNSCĐ {c.name}", "community_tech", "commune", c.code, rng.integers(2, 9), 1.0)
        )
        youth = int(rng.integers(1, 4)) if c.name.startswith("Phường") else 2
        for k in range(1, youth + 1):
            rows.append(
                (
                    f"YV-{c.code}-{k}",
                    f"Đội TNTN số {k} {c.name}",
                    "youth_volunteer",
                    "commune",
                    c.code,
                    rng.integers(5, 13),
                    0.85,
                )
            )
        for k in range(1, int(rng.integers(0, 4)) + 1):
            rows.append(
                (
                    f"XK-{c.code}-{k}",
                    f"Đội xung kích số {k} {c.name}",
                    "shock_team",
                    "village",
                    c.code,
                    rng.integers(4, 9),
                    0.6,
                )
            )
    for p in provinces.itertuples():
        for k in range(1, NATIONAL_TEAMS_PER_PROVINCE + 1):
            rows.append(
                (
                    f"YV-P{p.code}-{k}",
                    f"Đội TNTN số {k} {p.name}",
                    "youth_volunteer",
                    "province",
                    p.code,
                    rng.integers(5, 9),
                    0.9,
                )
            )
    n = len(rows)
    members = np.array([int(r[5]) for r in rows])
    youth_share = np.array([r[6] for r in rows])
    est = np.datetime64("2022-10-01") + rng.integers(0, 900, n).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "team_id": [r[0] for r in rows],
            "team_name": [r[1] for r in rows],
            "team_type": [r[2] for r in rows],
            "level": [r[3] for r in rows],
            "base_code": [r[4] for r in rows],
            "members": members,
            "youth_members": np.minimum(np.round(members * youth_share).astype(int), members),
            "women_members": rng.binomial(members, 0.42),
            "trained_members": rng.binomial(members, 0.7),
            "established": pd.Series(est).dt.strftime("%Y-%m-%d").to_numpy(),
            "capacity_per_night": np.clip(np.round(rng.normal(CALIBRATION["people_per_night"], 3, n)), 20, 40).astype(
                int
            ),
            "nights_available": rng.integers(6, 11, n),
        }
    )


def _national_coverage(v: pd.DataFrame, teams: pd.DataFrame, rng) -> pd.DataFrame:
    """Commune teams cover most of their commune (less where remote), a village team three to six villages,
    a province team a cluster of twelve among the province's hardest villages."""
    by_commune = {c: g for c, g in v.groupby("commune_code", sort=False)}
    parts = []
    for t in teams.itertuples():
        if t.level == "province":
            continue
        local = by_commune.get(t.base_code)
        if local is None:
            continue
        if t.level == "village":
            take = local["village_id"].to_numpy()[
                rng.choice(len(local), min(len(local), int(rng.integers(3, 7))), replace=False)
            ]
        else:
            take = local["village_id"].to_numpy()[
                rng.uniform(0, 1, len(local)) > 0.05 + 0.5 * local["_remote"].clip(0, 1).to_numpy()
            ]
        parts.append(pd.DataFrame({"team_id": t.team_id, "village_id": take}))
    for province, group in v.groupby("_province", sort=True):
        hardest = group.iloc[_ranked(_key(group["_remote"]), group["village_id"])[:400]]
        for t in teams[(teams["level"] == "province") & (teams["base_code"] == province)].itertuples():
            parts.append(pd.DataFrame({"team_id": t.team_id, "village_id": _nearest_to_random(hardest, 12, rng)}))
    tv = pd.concat(parts, ignore_index=True).drop_duplicates()
    return tv.sort_values(["team_id", "village_id"]).reset_index(drop=True)


_OUTCOME_SHARE = {
    "vneid_installs": 0.5,
    "eid_level1": 0.45,
    "eid_level2": 0.35,
    "public_service_accounts": 0.2,
    "online_dossiers": 0.08,
    "digital_signatures": 0.03,
    "cashless_accounts": 0.12,
    "smart_app_accounts": 0.1,
    "e_health_books": 0.06,
    "vssid_installs": 0.05,
}


def _national_activities(v: pd.DataFrame, teams: pd.DataFrame, tv: pd.DataFrame, rng) -> pd.DataFrame:
    """About one report a team a month since 1 July 2025, in a village the team covers."""
    days = (NATIONAL_AS_OF - NATIONAL_START).days + 1
    months = days / 30.4
    covered = tv.groupby("team_id")["village_id"].apply(np.array)
    team_ids = covered.index.to_numpy()
    counts = rng.poisson(NATIONAL_ACTIVITY_RATE * months, len(team_ids))
    team_of = np.repeat(np.arange(len(team_ids)), counts)
    n = len(team_of)
    pick = rng.uniform(0, 1, n)
    village = np.array([covered.iloc[t][int(p * len(covered.iloc[t]))] for t, p in zip(team_of, pick)], dtype=object)
    day = np.datetime64(NATIONAL_START.isoformat()) + rng.integers(0, days, n).astype("timedelta64[D]")
    kind = rng.choice(KINDS, n, p=KIND_P)
    cap = teams.set_index("team_id")["capacity_per_night"].reindex(team_ids).to_numpy()[team_of]
    participants = np.select(
        [kind == "door_to_door", kind == "session", kind == "meeting"],
        [rng.integers(8, cap + 6), rng.integers(20, 70, n), rng.integers(6, 16, n)],
        rng.integers(5, 25, n),
    )
    helped = np.isin(kind, ["door_to_door", "session"])
    frame = pd.DataFrame(
        {
            "date": pd.Series(day).dt.strftime("%Y-%m-%d").to_numpy(),
            "team_id": team_ids[team_of],
            "village_id": village,
            "kind": kind,
            "participants": participants,
        }
    )
    for col in OUTCOMES:
        blank = rng.uniform(0, 1, n) < (0.08 if col in ("vneid_installs", "eid_level1", "eid_level2") else 0.22)
        counts_col = rng.binomial(np.minimum(participants, cap), _OUTCOME_SHARE[col]).astype(float)
        frame[col] = np.where(helped & ~blank, counts_col, np.nan)
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame.sort_values(["date", "team_id", "village_id"], kind="stable").reset_index(drop=True)


def _national_baseline(v: pd.DataFrame, activities: pd.DataFrame, rng) -> pd.DataFrame:
    reported = pd.to_numeric(activities["eid_level2"], errors="coerce").groupby(activities["village_id"]).sum()
    coverage = (0.85 - 0.45 * v["_remote"].clip(0, 1) - np.where(v["mobile_signal"] == "none", 0.12, 0)).to_numpy()
    coverage = np.clip(coverage + rng.normal(0, 0.05, len(v)), 0.2, 0.95)
    base = np.round(v["eligible_citizens"].to_numpy() * coverage).astype(int)
    floor = v["village_id"].map(reported).fillna(0).astype(int).to_numpy()
    v = v.copy()
    v["eid_level2_baseline"] = np.minimum(np.maximum(base, floor), v["eligible_citizens"].to_numpy())
    return v.drop(columns=["_remote"])


def _national_targets(v: pd.DataFrame, country: str) -> pd.DataFrame:
    eligible = v.groupby("_province")["eligible_citizens"].sum()
    rows = [("eid_level2", code, "2025-12-31", int(round(n * 0.9))) for code, n in eligible.items()]
    rows.append(("eid_level2", country, "2025-12-31", int(round(eligible.sum() * 0.9))))
    return pd.DataFrame(rows, columns=["indicator", "area_code", "period_end", "target"])


def _write_national_toml(path: Path, country: str, seed: int, provinces: list[str] | None) -> None:
    meta = {
        "name": "Việt Nam — 34 tỉnh, thành phố (dữ liệu minh họa / demo)",
        "province_code": country,
        "province_name": "Việt Nam",
        "admin_system": "2025",
        "as_of": NATIONAL_AS_OF,
        "source": "Tỉnh, xã (từ 1/7/2025): tên, mã và tâm điểm từ vietnamadminunits 1.0.4 (MIT). Thôn, tổ dân phố, "
        "tổ đội, hoạt động và chỉ tiêu: tổng hợp (synthetic), không phải số liệu thật.",
        "license": "Đơn vị hành chính: MIT (xem ADMIN_UNITS_LICENSE.txt); phần tổng hợp: MIT",
        "synthetic": True,
        "scope": "national",
        "generator": "python cli.py demo-data --national"
        + ("" if provinces is None else " --provinces " + ",".join(provinces)),
        "seed": seed,
    }
    path.write_bytes(tomli_w.dumps(meta).encode("utf-8"))


def _write_national_readme(out: Path, villages: int, teams: int, provinces: list[str] | None) -> None:
    import importlib.util

    spec = importlib.util.find_spec("vietnamadminunits")
    licence = next(Path(spec.origin).parent.parent.glob("vietnamadminunits-*.dist-info/licenses/LICENSE"), None)
    if licence is not None:
        shutil.copyfile(licence, out / "ADMIN_UNITS_LICENSE.txt")
    area = "34 tỉnh, thành phố" if provinces is None else "các tỉnh " + ", ".join(provinces)
    text = f"""# Gói dữ liệu toàn quốc — DỮ LIỆU MINH HỌA (synthetic)

Sinh bởi `python cli.py demo-data --national`. Phạm vi: {area}; {villages:,} thôn, tổ dân phố; {teams:,} tổ, đội.

- **Thật**: tên và mã 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu từ 1/7/2025, cùng tâm điểm và diện tích xã,
  lấy từ thư viện `vietnamadminunits` 1.0.4 (giấy phép MIT, Hieu Tran; bản giấy phép: `ADMIN_UNITS_LICENSE.txt`).
- **Tổng hợp, không phải số liệu thật**: thôn, tổ dân phố (tên, vị trí, dân số), tình trạng điện lưới, sóng, điện thoại,
  sim; tổ, đội (tổ CNSCĐ mỗi xã, đội TNTN xã và tỉnh, đội xung kích thôn); phân công; hoạt động từ 1/7/2025; chỉ tiêu.
  Số liệu được hiệu chỉnh theo các con số báo chí trong DOMAIN.md (30 người mỗi đêm, 6 đội TNTN cấp tỉnh,
  thôn vùng cao biên giới khó khăn hơn), như gói Điện Biên.
- Không có ranh giới: ứng dụng tự ước tính vùng xã từ tâm điểm và nói rõ điều đó trên bản đồ.

National package — SYNTHETIC DEMO DATA. Real: the names, codes, centroids and areas of the 34 provinces and 3,321
communes of July 2025 (from `vietnamadminunits` 1.0.4, MIT licence, copied in `ADMIN_UNITS_LICENSE.txt`). Everything
else (villages, teams, coverage, activities, targets) is generated and is not real data.
"""
    (out / "README.md").write_text(text, encoding="utf-8")
