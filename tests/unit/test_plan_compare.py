"""Two plans side by side: people, villages, teams, team-nights, and the villages that enter or leave."""

from __future__ import annotations

import pandas as pd

from core.planning.compare import compare_plans
from core.planning.planner import PLAN_COLUMNS, PlanResult


def _plan(rows, people):
    frame = pd.DataFrame([(t, v, n, 30 * n, 20.0, 50.0) for t, v, n in rows], columns=PLAN_COLUMNS)
    return PlanResult(frame, 0.0, 0.0, 0.0, 0.0, "optimal", people, 0.0, 0)


def test_the_second_plan_is_compared_with_the_first_measure_by_measure_and_village_by_village():
    a = _plan([("T1", "V1", 2), ("T1", "V2", 1), ("T2", "V3", 3)], 180)
    b = _plan([("T1", "V1", 1), ("T2", "V1", 1), ("T2", "V4", 4), ("T3", "V5", 2)], 240)
    got = compare_plans(a, b)
    assert got.summary.set_index("measure").to_dict("index") == {
        "people_reached": {"a": 180, "b": 240, "change": 60},
        "villages": {"a": 3, "b": 3, "change": 0},
        "teams": {"a": 2, "b": 3, "change": 1},
        "team_nights": {"a": 6, "b": 8, "change": 2},
    }
    assert got.villages.to_dict("records") == [
        {"village_id": "V4", "change": "enters", "nights_a": 0, "nights_b": 4},
        {"village_id": "V5", "change": "enters", "nights_a": 0, "nights_b": 2},
        {"village_id": "V2", "change": "leaves", "nights_a": 1, "nights_b": 0},
        {"village_id": "V3", "change": "leaves", "nights_a": 3, "nights_b": 0},
    ]


def test_the_same_plan_twice_changes_nothing():
    a = _plan([("T1", "V1", 2)], 60)
    got = compare_plans(a, a)
    assert got.summary["change"].tolist() == [0, 0, 0, 0] and got.villages.empty
