"""Next period's deployment plan: which team goes to which village for how many nights.

Maximise Σ_v score_v · reached_v subject to
    reached_v ≤ remaining_v,   reached_v ≤ Σ_t capacity_t · nights_tv,   Σ_v nights_tv ≤ nights_available_t,
    nights_tv ∈ ℕ, only for allowed (team, village) pairs.
Solved exactly as a MILP with HiGHS; a time limit returns the best plan found with its gap. The greedy rule
("each night, each team goes to the highest-score village it can reach that still has people") is
computed too, so the gain of optimising is visible.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import highspy
import numpy as np
import pandas as pd
from scipy import sparse

from core.config import setting

PLAN_COLUMNS = ["team_id", "village_id", "nights", "expected_people", "travel_minutes", "score"]


@dataclass(frozen=True)
class PlanResult:
    rows: pd.DataFrame  # PLAN_COLUMNS, one row per (team, village) with nights > 0
    objective: float  # Σ score × reached of the plan
    bound: float  # best proven upper bound of the objective
    gap: float  # (bound − objective) / max(|objective|, tiny), 0 when proven optimal
    solve_seconds: float
    status: str  # "optimal", "time_limit", "empty", or the solver's status
    people_reached: int
    greedy_objective: float
    greedy_people: int

    @property
    def gain_over_greedy(self) -> float | None:
        """Improvement in score-weighted people reached over the greedy rule, as a share (0.05 = 5 %)."""
        if self.greedy_objective <= 0:
            return None
        return self.objective / self.greedy_objective - 1.0

    def summary(self) -> dict:
        return {
            "objective": round(self.objective, 3),
            "bound": round(self.bound, 3),
            "gap": round(self.gap, 6),
            "solve_seconds": round(self.solve_seconds, 3),
            "status": self.status,
            "people_reached": self.people_reached,
            "greedy_objective": round(self.greedy_objective, 3),
            "greedy_people": self.greedy_people,
            "gain_over_greedy": None if self.gain_over_greedy is None else round(self.gain_over_greedy, 6),
            "teams": int(self.rows["team_id"].nunique()),
            "villages": int(self.rows["village_id"].nunique()),
            "nights": int(self.rows["nights"].sum()),
        }


def team_capacities(teams: pd.DataFrame, capacity: int | None = None, nights: int | None = None) -> pd.DataFrame:
    """team_id, capacity (people a night), nights: the team's own columns when given, else the defaults
    (`plan_capacity` and `plan_nights` of core.settings when not passed)."""
    capacity = setting("plan_capacity") if capacity is None else capacity
    nights = setting("plan_nights") if nights is None else nights
    cap = pd.to_numeric(teams.get("capacity_per_night"), errors="coerce") if "capacity_per_night" in teams else None
    nts = pd.to_numeric(teams.get("nights_available"), errors="coerce") if "nights_available" in teams else None
    out = pd.DataFrame({"team_id": teams["team_id"].to_numpy()})
    out["capacity"] = cap.fillna(capacity).to_numpy() if cap is not None else capacity
    out["nights"] = nts.fillna(nights).to_numpy() if nts is not None else nights
    out["capacity"] = out["capacity"].clip(lower=0).astype(int)
    out["nights"] = out["nights"].clip(lower=0).astype(int)
    return out


def solve(
    teams: pd.DataFrame,
    villages: pd.DataFrame,
    pairs: pd.DataFrame,
    time_limit: float | None = None,
    mip_rel_gap: float = 0.01,
) -> PlanResult:
    """Optimal plan. `teams`: team_id, capacity, nights; `villages`: village_id, score, remaining;
    `pairs`: team_id, village_id, minutes (allowed assignments). `time_limit`: seconds (`plan_time_limit`)."""
    time_limit = setting("plan_time_limit") if time_limit is None else time_limit
    model = _Model.build(teams, villages, pairs)
    greedy_rows = greedy(teams, villages, pairs)
    g_obj, g_people = evaluate(greedy_rows, teams, villages)
    if model.n_pairs == 0:
        return PlanResult(pd.DataFrame(columns=PLAN_COLUMNS), 0.0, 0.0, 0.0, 0.0, "empty", 0, g_obj, g_people)
    start = time.perf_counter()
    nights, status, bound = model.run(time_limit, mip_rel_gap)
    seconds = time.perf_counter() - start
    rows = model.rows(nights)
    objective, people = evaluate(rows, teams, villages)
    if objective < g_obj:  # never hand out a plan worse than the simple rule (possible only on a time-out)
        rows, objective, people = greedy_rows, g_obj, g_people
    bound = max(bound, objective)
    gap = (bound - objective) / max(abs(objective), 1e-9) if objective > 0 else 0.0
    rows = _finish(rows, teams, villages)
    people = int(rows["expected_people"].sum())  # the one people figure: the rows' own sum
    return PlanResult(rows, objective, bound, gap, seconds, status, people, g_obj, g_people)


def _finish(rows: pd.DataFrame, teams: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    rows = rows.assign(
        expected_people=expected_people(rows, teams, villages),
        score=rows["village_id"].map(dict(zip(villages["village_id"], villages["score"]))),
    )
    return rows[PLAN_COLUMNS].sort_values(["team_id", "village_id"]).reset_index(drop=True)


@dataclass
class _Model:
    team_ids: np.ndarray
    village_ids: np.ndarray
    pt: np.ndarray  # team index per pair
    pv: np.ndarray  # village index per pair
    minutes: np.ndarray
    cap: np.ndarray
    nights: np.ndarray
    score: np.ndarray
    remaining: np.ndarray

    @property
    def n_pairs(self) -> int:
        return len(self.pt)

    @classmethod
    def build(cls, teams: pd.DataFrame, villages: pd.DataFrame, pairs: pd.DataFrame) -> _Model:
        t_index = pd.Index(teams["team_id"])
        v_index = pd.Index(villages["village_id"])
        p = pairs[pairs["team_id"].isin(t_index) & pairs["village_id"].isin(v_index)]
        pt = t_index.get_indexer(p["team_id"])
        pv = v_index.get_indexer(p["village_id"])
        cap = teams["capacity"].to_numpy(dtype=float)
        score = villages["score"].to_numpy(dtype=float)
        remaining = villages["remaining"].to_numpy(dtype=float)
        useful = (cap[pt] > 0) & (teams["nights"].to_numpy()[pt] > 0) & (score[pv] > 0) & (remaining[pv] > 0)
        return cls(
            t_index.to_numpy(),
            v_index.to_numpy(),
            pt[useful],
            pv[useful],
            p["minutes"].to_numpy(dtype=float)[useful],
            cap,
            teams["nights"].to_numpy(dtype=float),
            score,
            remaining,
        )

    def run(self, time_limit: float, mip_rel_gap: float) -> tuple[np.ndarray, str, float]:
        n_p, n_t = self.n_pairs, len(self.team_ids)
        used_v = np.unique(self.pv)
        # columns: nights per pair, then reached per used village
        v_col = {v: n_p + i for i, v in enumerate(used_v)}
        n_cols = n_p + len(used_v)
        upper_n = np.minimum(np.ceil(self.remaining[self.pv] / self.cap[self.pt]), self.nights[self.pt])
        col_upper = np.concatenate([upper_n, self.remaining[used_v]])
        cost = np.concatenate([np.zeros(n_p), self.score[used_v]])
        # rows 0..len(used_v)-1: reached_v − Σ cap·n ≤ 0 ; then per team: Σ n ≤ nights
        v_row = {v: i for i, v in enumerate(used_v)}
        rows_a = np.concatenate([[v_row[v] for v in self.pv], np.arange(len(used_v)), len(used_v) + self.pt])
        cols_a = np.concatenate([np.arange(n_p), np.array([v_col[v] for v in used_v]), np.arange(n_p)])
        vals_a = np.concatenate([-self.cap[self.pt], np.ones(len(used_v)), np.ones(n_p)])
        matrix = sparse.csc_matrix((vals_a, (rows_a, cols_a)), shape=(len(used_v) + n_t, n_cols))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, matrix.shape[0]
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, np.zeros(n_cols), col_upper
        lp.row_lower_ = np.full(matrix.shape[0], -highspy.kHighsInf)
        lp.row_upper_ = np.concatenate([np.zeros(len(used_v)), self.nights])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = matrix.indptr, matrix.indices, matrix.data
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_p + [highspy.HighsVarType.kContinuous] * len(used_v)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
        h.setOptionValue("mip_heuristic_effort", 0.2)
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        values = np.asarray(h.getSolution().col_value)
        nights = np.rint(values[:n_p]).clip(min=0) if values.size else np.zeros(n_p)
        label = {highspy.HighsModelStatus.kOptimal: "optimal", highspy.HighsModelStatus.kTimeLimit: "time_limit"}.get(
            status, h.modelStatusToString(status)
        )
        bound = float(info.mip_dual_bound)
        if not math.isfinite(bound):
            bound = float(info.objective_function_value)
        return nights, label, bound

    def rows(self, nights: np.ndarray) -> pd.DataFrame:
        chosen = nights > 0
        return pd.DataFrame(
            {
                "team_id": self.team_ids[self.pt[chosen]],
                "village_id": self.village_ids[self.pv[chosen]],
                "nights": nights[chosen].astype(int),
                "travel_minutes": self.minutes[chosen],
            }
        )


def greedy(teams: pd.DataFrame, villages: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Night by night, each team (in team order) goes to the highest-score reachable village with people left."""
    score = dict(zip(villages["village_id"], villages["score"].astype(float)))
    left = dict(zip(villages["village_id"], villages["remaining"].astype(float)))
    options = {
        tid: sorted(
            ((score[v], v, m) for v, m in zip(g["village_id"], g["minutes"]) if v in score), key=lambda x: (-x[0], x[1])
        )
        for tid, g in pairs.groupby("team_id")
    }
    nights = {}
    teams_sorted = teams.sort_values("team_id")
    budget = dict(zip(teams_sorted["team_id"], teams_sorted["nights"].astype(int)))
    cap = dict(zip(teams_sorted["team_id"], teams_sorted["capacity"].astype(int)))
    for night in range(max(budget.values(), default=0)):
        for tid in teams_sorted["team_id"]:
            if night >= budget[tid] or cap[tid] <= 0:
                continue
            pick = next(((v, m) for s, v, m in options.get(tid, []) if s > 0 and left[v] > 0), None)
            if pick is None:
                continue
            v, m = pick
            left[v] -= min(cap[tid], left[v])
            key = (tid, v)
            nights[key] = (nights.get(key, (0, m))[0] + 1, m)
    return pd.DataFrame(
        [(t, v, n, m) for (t, v), (n, m) in nights.items()],
        columns=["team_id", "village_id", "nights", "travel_minutes"],
    )


def evaluate(rows: pd.DataFrame, teams: pd.DataFrame, villages: pd.DataFrame) -> tuple[float, int]:
    """(Σ score × reached, people reached) of a plan; reached_v = min(remaining_v, Σ capacity × nights)."""
    if rows.empty:
        return 0.0, 0
    cap = rows["team_id"].map(dict(zip(teams["team_id"], teams["capacity"]))).astype(float)
    offered = (cap * rows["nights"]).groupby(rows["village_id"]).sum()
    v = villages.set_index("village_id")
    reached = np.minimum(offered, v.loc[offered.index, "remaining"].astype(float))
    return float((reached * v.loc[offered.index, "score"].astype(float)).sum()), int(reached.sum())


def expected_people(rows: pd.DataFrame, teams: pd.DataFrame, villages: pd.DataFrame) -> pd.Series:
    """People each (team, village) row is expected to reach: the village's reach shared by capacity × nights.

    Shares are whole people that add up exactly to the village's (rounded) reach (largest remainder):
    rounding each share alone would make the rows of a shared village add up to more or fewer people than
    the plan reaches, and the page, spreadsheet and brief would then show different totals.
    """
    if rows.empty:
        return pd.Series([], index=rows.index, dtype=int)
    cap = rows["team_id"].map(dict(zip(teams["team_id"], teams["capacity"]))).astype(float)
    offered = cap * rows["nights"]
    total = offered.groupby(rows["village_id"]).transform("sum")
    remaining = rows["village_id"].map(dict(zip(villages["village_id"], villages["remaining"]))).astype(float)
    reached = np.minimum(total, remaining)
    raw = offered / total.where(total > 0, 1) * reached
    floor = np.floor(raw + 1e-9)
    short = (reached.round() - floor.groupby(rows["village_id"]).transform("sum")).astype(int)
    # rank of each row's remainder inside its village (0 = largest; ties by row order)
    order = (raw - floor).rank(method="first", ascending=False).groupby(rows["village_id"]).rank(method="first") - 1
    return (floor + (order < short)).astype(int)
