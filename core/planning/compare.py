"""Two deployment plans side by side: what each reaches and costs, and which villages enter or leave."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from core.model.dataset import Dataset
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


@dataclass(frozen=True)
class NewTeam:
    """A team the planner wonders about: based in a commune (`base_code`) and working in it, as a commune-level
    team does; `capacity` people a night, `nights` nights in the period."""

    team_id: str
    team_name: str
    team_type: str
    base_code: str
    members: int
    capacity: int
    nights: int


@dataclass(frozen=True)
class TeamChange:
    """Teams taken out of a plan's setting (`removed`, by id) and teams added to it."""

    removed: tuple[str, ...] = ()
    added: tuple[NewTeam, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.removed and not self.added


def with_team_change(dataset: Dataset, change: TeamChange) -> Dataset:
    """The dataset with the removed teams gone (with their coverage) and the added ones in the teams table (no
    coverage yet); every other table as it was. An added team's id must not be one of the dataset's."""
    teams = dataset.teams[~dataset.teams["team_id"].isin(change.removed)]
    coverage = dataset.team_villages[~dataset.team_villages["team_id"].isin(change.removed)]
    if change.added:
        known = set(dataset.teams["team_id"])
        clash = [n.team_id for n in change.added if n.team_id in known]
        if clash:
            raise ValueError(f"team ids already in the data: {', '.join(clash)}")
        added = pd.DataFrame(
            {
                "team_id": [n.team_id for n in change.added],
                "team_name": [n.team_name for n in change.added],
                "team_type": [n.team_type for n in change.added],
                "level": ["commune"] * len(change.added),
                "base_code": [n.base_code for n in change.added],
                "members": [n.members for n in change.added],
                "capacity_per_night": [n.capacity for n in change.added],
                "nights_available": [n.nights for n in change.added],
            }
        )
        teams = pd.concat([teams, _typed_like(added, teams)], ignore_index=True)
    return replace(dataset, teams=teams.reset_index(drop=True), team_villages=coverage.reset_index(drop=True))


def _typed_like(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """`rows` with the dtypes of `frame`'s columns of the same names (so the joined table keeps them)."""
    shared = {c: frame[c].dtype for c in rows.columns if c in frame.columns}
    return rows.astype(shared)
