"""Two deployment plans side by side: what each reaches and costs, and which villages enter or leave."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.planning.planner import PlanResult

MEASURES = ("people_reached", "villages", "teams", "team_nights")


@dataclass(frozen=True)
class PlanComparison:
    """`summary`: one row per measure of MEASURES with `a`, `b` and `change` (b − a). `villages`: the villages
    in one plan only, `village_id`, `change` ("enters": in B only, "leaves": in A only), `nights_a`, `nights_b`."""

    summary: pd.DataFrame
    villages: pd.DataFrame


def _figures(result: PlanResult) -> dict[str, int]:
    rows = result.rows
    return {
        "people_reached": int(result.people_reached),
        "villages": int(rows["village_id"].nunique()),
        "teams": int(rows["team_id"].nunique()),
        "team_nights": int(rows["nights"].sum()),
    }


def compare_plans(a: PlanResult, b: PlanResult) -> PlanComparison:
    """Plan A against plan B (a team-night is one team's night in one village)."""
    fa, fb = _figures(a), _figures(b)
    summary = pd.DataFrame({"measure": list(MEASURES), "a": [fa[m] for m in MEASURES], "b": [fb[m] for m in MEASURES]})
    summary["change"] = summary["b"] - summary["a"]
    nights_a = a.rows.groupby("village_id")["nights"].sum()
    nights_b = b.rows.groupby("village_id")["nights"].sum()
    enters = sorted(set(nights_b.index) - set(nights_a.index))
    leaves = sorted(set(nights_a.index) - set(nights_b.index))
    villages = pd.DataFrame(
        {
            "village_id": [*enters, *leaves],
            "change": ["enters"] * len(enters) + ["leaves"] * len(leaves),
            "nights_a": [0] * len(enters) + [int(nights_a[v]) for v in leaves],
            "nights_b": [int(nights_b[v]) for v in enters] + [0] * len(leaves),
        }
    )
    return PlanComparison(summary, villages)
