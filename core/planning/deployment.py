"""From a (filtered) dataset to ranked villages and a deployment plan: the one path the page and CLI share."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
from pandas.util import hash_pandas_object

from core.analysis.interventions import interventions
from core.analysis.scoring import Weights, score_villages
from core.config import setting
from core.model.dataset import Dataset
from core.model.filters import village_district
from core.once import OnceCache
from core.planning.planner import PlanResult, solve, team_capacities
from core.planning.travel import eligible_pairs


def _default(name: str):
    return field(default_factory=lambda: setting(name))  # read when a plan is set up, so the environment applies


@dataclass(frozen=True)
class PlanSettings:
    nights: int = _default("plan_nights")  # nights a team has, when its own column is blank
    capacity: int = _default("plan_capacity")  # people a team reaches a night (the An Xuân figure: 30)
    max_travel_minutes: float = _default("plan_max_travel_minutes")
    stay_in_area: bool = True
    time_limit: float = _default("plan_time_limit")


def ranked_villages(dataset: Dataset, weights: Weights) -> pd.DataFrame:
    """Scored villages, best first, with names, area, gaps and intervention keys joined for display/export."""
    scores = score_villages(dataset, weights)
    v = dataset.villages.set_index("village_id")
    names = dataset.own_unit_names()
    covering = dataset.team_villages.groupby("village_id")["team_id"].agg(lambda s: ", ".join(sorted(s)))
    info = v.loc[scores["village_id"]]
    ranked = scores.assign(
        village_name=info["village_name"].to_numpy(),
        commune_code=info["commune_code"].to_numpy(),
        commune_name=info["commune_code"].map(names).to_numpy(),
        district_code=village_district(dataset)
        .set_axis(dataset.villages["village_id"])
        .loc[scores["village_id"]]
        .to_numpy(),
        interventions=interventions(info).to_numpy(),
        covering_teams=scores["village_id"].map(covering).fillna("").to_numpy(),
    )
    ranked["district_name"] = ranked["district_code"].map(names)
    for col in (
        "mobile_signal",
        "grid_electricity",
        "smartphone_share",
        "owner_sim_share",
        "ethnic_minority_share",
        "population",
        "eligible_citizens",
        "lat",
        "lon",
        "travel_minutes",
    ):
        ranked[col] = info[col].to_numpy()
    return ranked


PLANS_KEPT = 32  # plans remembered by the process (a province's presets and filters in one meeting)
_PLANS = OnceCache(PLANS_KEPT)  # two sessions asking for the same plan at once: one solves it, the other waits

# what a plan depends on in the villages and teams tables (their other columns do not change it)
_VILLAGE_INPUTS = ["village_id", "commune_code", "district_code", "lat", "lon", "travel_minutes"]
_TEAM_INPUTS = ["team_id", "level", "base_code", "base_lat", "base_lon", "capacity_per_night", "nights_available"]


def plan_fingerprint(
    dataset: Dataset, ranked: pd.DataFrame, settings: PlanSettings, matrix: pd.DataFrame | None = None
) -> tuple:
    """Everything the plan is made from, hashed: the same data version, filter and weights give the same
    villages, teams and scores, hence the same fingerprint (and a changed row a different one)."""

    def digest(frame: pd.DataFrame, columns: list[str]) -> int:
        part = frame[[c for c in columns if c in frame.columns]]
        return int(hash_pandas_object(part, index=False).sum()) ^ hash((len(part), tuple(part.columns)))

    return (
        dataset.meta.province_code,
        dataset.meta.admin_system,
        digest(dataset.villages, _VILLAGE_INPUTS),
        digest(dataset.teams, _TEAM_INPUTS),
        digest(ranked, ["village_id", "score", "remaining"]),
        None if matrix is None else digest(matrix, ["team_id", "village_id", "minutes"]),
        settings,
    )


def make_plan(
    dataset: Dataset, ranked: pd.DataFrame, settings: PlanSettings, matrix: pd.DataFrame | None = None
) -> PlanResult:
    """The plan for the view's ranked villages; a plan already made from the same inputs in this process is
    handed out again (its rows copied) instead of being solved anew."""
    key = plan_fingerprint(dataset, ranked, settings, matrix)

    def solved() -> PlanResult:
        teams = team_capacities(dataset.teams, settings.capacity, settings.nights)
        pairs = eligible_pairs(dataset, settings.max_travel_minutes, matrix, settings.stay_in_area)
        return solve(teams, ranked[["village_id", "score", "remaining"]], pairs, time_limit=settings.time_limit)

    result = _PLANS.get(key, solved)
    return replace(result, rows=result.rows.copy())


def forget_plans() -> None:
    """Drop the remembered plans (tests, and a bench that times solving)."""
    _PLANS.clear()
