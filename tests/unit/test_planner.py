"""The deployment plan: exact on tiny cases, feasible on the demo, never worse than the greedy rule."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from core.analysis.scoring import Weights
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from core.planning.planner import evaluate, greedy, solve, team_capacities
from core.planning.travel import eligible_pairs


def _instance(seed: int, n_teams: int = 2, n_villages: int = 3, nights: int = 2):
    rng = np.random.default_rng(seed)
    teams = pd.DataFrame(
        {
            "team_id": [f"T{i}" for i in range(n_teams)],
            "capacity": rng.integers(10, 40, n_teams),
            "nights": rng.integers(1, nights + 1, n_teams),
        }
    )
    villages = pd.DataFrame(
        {
            "village_id": [f"V{j}" for j in range(n_villages)],
            "score": rng.uniform(1, 100, n_villages).round(2),
            "remaining": rng.integers(0, 90, n_villages),
        }
    )
    pairs = [(t, v, 10.0) for t in teams["team_id"] for v in villages["village_id"] if rng.uniform() < 0.8]
    return teams, villages, pd.DataFrame(pairs, columns=["team_id", "village_id", "minutes"])


def _brute_force(teams, villages, pairs) -> float:
    """Try every night assignment (tiny instances only)."""
    options = []
    for t in teams.itertuples():
        allowed = list(pairs[pairs["team_id"] == t.team_id]["village_id"])
        per_team = [c for c in itertools.product(range(t.nights + 1), repeat=len(allowed)) if sum(c) <= t.nights]
        options.append([(t.team_id, dict(zip(allowed, c))) for c in per_team])
    best = 0.0
    for combo in itertools.product(*options):
        rows = [(tid, v, n) for tid, alloc in combo for v, n in alloc.items() if n > 0]
        plan = pd.DataFrame(rows, columns=["team_id", "village_id", "nights"])
        best = max(best, evaluate(plan, teams, villages)[0])
    return best


@pytest.mark.parametrize("seed", range(8))
def test_milp_matches_exhaustive_enumeration_on_tiny_instances(seed):
    teams, villages, pairs = _instance(seed)
    result = solve(teams, villages, pairs, mip_rel_gap=0.0)
    assert result.objective == pytest.approx(_brute_force(teams, villages, pairs), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
def test_exact_plan_is_never_worse_than_greedy(seed):
    teams, villages, pairs = _instance(seed, n_teams=4, n_villages=8, nights=5)
    result = solve(teams, villages, pairs)
    g_obj, _ = evaluate(greedy(teams, villages, pairs), teams, villages)
    assert result.objective >= g_obj - 1e-6
    assert result.greedy_objective == pytest.approx(g_obj)


def test_greedy_sends_a_team_to_the_best_village_first():
    teams = pd.DataFrame({"team_id": ["T"], "capacity": [30], "nights": [2]})
    villages = pd.DataFrame({"village_id": ["A", "B"], "score": [10.0, 90.0], "remaining": [100, 30]})
    pairs = pd.DataFrame({"team_id": ["T", "T"], "village_id": ["A", "B"], "minutes": [5.0, 5.0]})
    plan = greedy(teams, villages, pairs).set_index("village_id")["nights"].to_dict()
    assert plan == {"B": 1, "A": 1}


def test_a_village_with_nobody_left_gets_no_nights():
    teams = pd.DataFrame({"team_id": ["T"], "capacity": [30], "nights": [3]})
    villages = pd.DataFrame({"village_id": ["A", "B"], "score": [99.0, 10.0], "remaining": [0, 200]})
    pairs = pd.DataFrame({"team_id": ["T", "T"], "village_id": ["A", "B"], "minutes": [5.0, 5.0]})
    result = solve(teams, villages, pairs)
    assert set(result.rows["village_id"]) == {"B"} and result.rows["nights"].sum() == 3


@pytest.fixture(scope="module")
def demo_plan(demo_dataset):
    ranked = ranked_villages(demo_dataset, Weights.preset())
    settings = PlanSettings(time_limit=120)  # quality here; speed is measured in bench/plan_bench.py
    return ranked, make_plan(demo_dataset, ranked, settings), settings


def test_demo_plan_respects_every_constraint(demo_dataset, demo_plan):
    ranked, result, settings = demo_plan
    rows = result.rows
    caps = team_capacities(demo_dataset.teams, settings.capacity, settings.nights).set_index("team_id")
    used = rows.groupby("team_id")["nights"].sum()
    assert (used <= caps.loc[used.index, "nights"]).all()
    assert (rows["nights"] >= 1).all() and rows["nights"].dtype.kind == "i"
    assert (rows["travel_minutes"] <= settings.max_travel_minutes).all()
    remaining = ranked.set_index("village_id")["remaining"]
    reached = rows.groupby("village_id")["expected_people"].sum()
    assert (reached <= remaining.loc[reached.index] + 1).all()
    allowed = eligible_pairs(demo_dataset, settings.max_travel_minutes)
    keys = set(zip(allowed["team_id"], allowed["village_id"]))
    assert all(k in keys for k in zip(rows["team_id"], rows["village_id"]))


def test_demo_plan_keeps_teams_in_their_area(demo_dataset, demo_plan):
    _ranked, result, _settings = demo_plan
    teams = demo_dataset.teams.set_index("team_id")
    villages = demo_dataset.villages.set_index("village_id")
    for row in result.rows.itertuples():
        team = teams.loc[row.team_id]
        village = villages.loc[row.village_id]
        if team["level"] == "commune":
            assert village["commune_code"] == team["base_code"]
        elif team["level"] == "district":
            assert village["district_code"] == team["base_code"]


def test_demo_plan_is_near_optimal_and_beats_greedy(demo_plan):
    _ranked, result, _settings = demo_plan
    assert result.gap <= 0.01
    assert result.objective >= result.greedy_objective
    assert result.bound >= result.objective


def test_time_limit_still_returns_a_plan(demo_dataset):
    ranked = ranked_villages(demo_dataset, Weights.preset())
    result = make_plan(demo_dataset, ranked, PlanSettings(time_limit=0.01))
    assert len(result.rows) > 0 and result.objective >= result.greedy_objective


def test_a_village_shared_by_three_teams_splits_its_people_without_losing_or_inventing_anyone():
    from core.planning.planner import expected_people

    teams = pd.DataFrame({"team_id": ["A", "B", "C"], "capacity": [30, 30, 30], "nights": [1, 1, 1]})
    villages = pd.DataFrame({"village_id": ["V"], "score": [50.0], "remaining": [80]})
    rows = pd.DataFrame({"team_id": ["A", "B", "C"], "village_id": ["V"] * 3, "nights": [1, 1, 1]})
    shares = expected_people(rows, teams, villages)
    assert shares.sum() == 80  # 26,67 each: rounding every share alone would give 81
    assert sorted(shares) == [26, 27, 27]


def test_people_reached_is_the_sum_of_the_plan_rows(demo_plan):
    """The page shows `people_reached`, the XLSX plan sheet and the brief add up the rows: one number."""
    result = demo_plan[1]
    assert result.people_reached == int(result.rows["expected_people"].sum())
