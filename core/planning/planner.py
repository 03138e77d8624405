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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core.config import setting

if TYPE_CHECKING:
    import highspy

MIP_REL_GAP = 0.005  # a plan this close to the bound is called optimal

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
    mip_rel_gap: float = MIP_REL_GAP,
) -> PlanResult:
    """Optimal plan. `teams`: team_id, capacity, nights; `villages`: village_id, score, remaining;
    `pairs`: team_id, village_id, minutes (allowed assignments). `time_limit`: seconds (`plan_time_limit`).

    Teams with the same capacity and the same villages are one group (their nights add up: any split of a
    group's nights among its teams is the same plan value). The LP relaxation, tightened per village by a
    rounding cut, gives the upper bound; its rounding, repaired and improved by moves that only ever add
    value, gives the plan. Only when that plan is further than `mip_rel_gap` from the bound does HiGHS
    branch and bound on the group model, starting from it, in the time left.
    """
    time_limit = setting("plan_time_limit") if time_limit is None else time_limit
    start = time.perf_counter()
    greedy_rows = greedy(teams, villages, pairs)
    g_obj, g_people = evaluate(greedy_rows, teams, villages)
    model = _GroupModel.build(teams, villages, pairs)
    if model.n_pairs == 0:
        return PlanResult(pd.DataFrame(columns=PLAN_COLUMNS), 0.0, 0.0, 0.0, 0.0, "empty", 0, g_obj, g_people)
    nights, bound = model.relaxation()
    nights = model.improve(model.fill(np.floor(nights + 1e-6)))
    objective = model.value(nights)
    status = "optimal"
    if _gap(bound, objective) > mip_rel_gap:
        left = time_limit - (time.perf_counter() - start)
        mip_nights, mip_status, mip_bound = model.branch_and_bound(nights, left, mip_rel_gap)
        if mip_nights is not None and model.value(mip_nights) > objective:
            nights, objective = mip_nights, model.value(mip_nights)
        bound = min(bound, mip_bound)
        status = "optimal" if _gap(bound, objective) <= mip_rel_gap else mip_status
    rows = model.team_rows(nights)
    objective, people = evaluate(rows, teams, villages)
    if objective < g_obj:  # never hand out a plan worse than the simple rule (possible only on a time-out)
        rows, objective, people = greedy_rows, g_obj, g_people
    bound = max(bound, objective)
    gap = _gap(bound, objective)
    seconds = time.perf_counter() - start
    rows = _finish(rows, teams, villages)
    people = int(rows["expected_people"].sum())  # the one people figure: the rows' own sum
    return PlanResult(rows, objective, bound, gap, seconds, status, people, g_obj, g_people)


def _gap(bound: float, objective: float) -> float:
    return (bound - objective) / max(abs(objective), 1e-9) if objective > 0 else 0.0


def _finish(rows: pd.DataFrame, teams: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    rows = rows.assign(
        expected_people=expected_people(rows, teams, villages),
        score=rows["village_id"].map(dict(zip(villages["village_id"], villages["score"]))),
    )
    return rows[PLAN_COLUMNS].sort_values(["team_id", "village_id"]).reset_index(drop=True)


@dataclass
class _GroupModel:
    """The plan over groups of interchangeable teams: one integer column per (group, village) pair.

    `gt`, `gv`: group and village index of each pair; `cap`, `nights`: per group (nights summed over its
    teams); `score`, `remaining`: per village; `members`: the team indices of each group."""

    gt: np.ndarray
    gv: np.ndarray
    cap: np.ndarray
    nights: np.ndarray
    score: np.ndarray
    remaining: np.ndarray
    members: list[np.ndarray]
    team_ids: np.ndarray
    team_nights: np.ndarray
    village_ids: np.ndarray
    minutes: dict[tuple[int, int], float]

    @property
    def n_pairs(self) -> int:
        return len(self.gt)

    @classmethod
    def build(cls, teams: pd.DataFrame, villages: pd.DataFrame, pairs: pd.DataFrame) -> _GroupModel:
        t_index = pd.Index(teams["team_id"])
        v_index = pd.Index(villages["village_id"])
        p = pairs[pairs["team_id"].isin(t_index) & pairs["village_id"].isin(v_index)]
        pt = t_index.get_indexer(p["team_id"])
        pv = v_index.get_indexer(p["village_id"])
        minutes = p["minutes"].to_numpy(dtype=float)
        cap_t = teams["capacity"].to_numpy(dtype=float)
        nights_t = teams["nights"].to_numpy(dtype=float)
        score = villages["score"].to_numpy(dtype=float)
        remaining = villages["remaining"].to_numpy(dtype=float)
        useful = (cap_t[pt] > 0) & (nights_t[pt] > 0) & (score[pv] > 0) & (remaining[pv] > 0)
        pt, pv, minutes = pt[useful], pv[useful], minutes[useful]
        order = np.lexsort((pv, pt))
        pt, pv, minutes = pt[order], pv[order], minutes[order]
        cuts = np.flatnonzero(np.diff(pt)) + 1
        group_of: dict[tuple, int] = {}
        team_group = np.full(len(t_index), -1)
        for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(pt)]):
            if hi > lo:
                t = pt[lo]
                team_group[t] = group_of.setdefault((cap_t[t], pv[lo:hi].tobytes()), len(group_of))
        n_groups = len(group_of)
        members = [np.flatnonzero(team_group == g) for g in range(n_groups)]
        cap = np.array([cap_t[m[0]] for m in members]) if n_groups else np.zeros(0)
        nights = np.array([nights_t[m].sum() for m in members]) if n_groups else np.zeros(0)
        keys = np.unique(team_group[pt] * len(v_index) + pv) if len(pt) else np.zeros(0, dtype=int)
        return cls(
            gt=(keys // max(len(v_index), 1)).astype(int),
            gv=(keys % max(len(v_index), 1)).astype(int),
            cap=cap,
            nights=nights,
            score=score,
            remaining=remaining,
            members=members,
            team_ids=t_index.to_numpy(),
            team_nights=nights_t,
            village_ids=v_index.to_numpy(),
            minutes={(int(t), int(v)): float(m) for t, v, m in zip(pt, pv, minutes)},
        )

    # --- the model ---------------------------------------------------------------------------------

    def _lp(self) -> tuple[highspy.HighsLp, int]:
        """Columns: nights per pair, then people reached per used village. Rows per used village:
        reached − Σ cap·nights ≤ 0 and the rounding cut; per group: Σ nights ≤ its nights.

        The cut: with c the largest capacity that can reach village v, q = ⌊remaining/c⌋ and
        ρ = remaining − c·q, every whole number K of nights there reaches at most c·q + ρ·(K − q) people
        (K ≤ q nights reach at most c·K; K > q nights reach at most `remaining`), so
        reached − ρ·Σ nights ≤ q·(c − ρ). It removes LP points that spread a last, partly used night."""
        import highspy  # with SciPy, loaded when a plan is solved, not when the app starts
        from scipy import sparse

        gt, gv, cap = self.gt, self.gv, self.cap
        n_p = self.n_pairs
        used_v, vpos = np.unique(gv, return_inverse=True)
        n_v, n_g = len(used_v), len(cap)
        rem = self.remaining[used_v]
        c_max = np.zeros(len(self.remaining))
        np.maximum.at(c_max, gv, cap[gt])
        c_max = c_max[used_v]
        q = np.floor(rem / c_max)
        rho = rem - c_max * q
        upper = np.minimum(np.ceil(self.remaining[gv] / cap[gt]), self.nights[gt])
        pairs_idx, v_idx = np.arange(n_p), np.arange(n_v)
        rows = np.concatenate([vpos, v_idx, n_v + gt, n_v + n_g + vpos, n_v + n_g + v_idx])
        cols = np.concatenate([pairs_idx, n_p + v_idx, pairs_idx, pairs_idx, n_p + v_idx])
        vals = np.concatenate([-cap[gt], np.ones(n_v), np.ones(n_p), -rho[vpos], np.ones(n_v)])
        n_rows = 2 * n_v + n_g
        matrix = sparse.csc_matrix((vals, (rows, cols)), shape=(n_rows, n_p + n_v))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_p + n_v, n_rows
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = np.concatenate([np.zeros(n_p), self.score[used_v]])
        lp.col_lower_ = np.zeros(n_p + n_v)
        lp.col_upper_ = np.concatenate([upper, rem])
        lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
        lp.row_upper_ = np.concatenate([np.zeros(n_v), self.nights, q * (c_max - rho)])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = matrix.indptr, matrix.indices, matrix.data
        return lp, n_v

    def relaxation(self) -> tuple[np.ndarray, float]:
        """Nights per pair of the LP relaxation, and its value (an upper bound of every plan)."""
        lp, _ = self._lp()
        h = _highs()
        h.passModel(lp)
        h.run()
        values = np.asarray(h.getSolution().col_value)
        return values[: self.n_pairs], float(h.getInfo().objective_function_value)

    def branch_and_bound(
        self, start: np.ndarray, time_limit: float, mip_rel_gap: float
    ) -> tuple[np.ndarray | None, str, float]:
        """HiGHS on the group model from the plan `start`: (nights or None, status, proven bound)."""
        if time_limit <= 0.05:
            return None, "time_limit", math.inf
        import highspy

        lp, n_v = self._lp()
        lp.integrality_ = [highspy.HighsVarType.kInteger] * self.n_pairs + [highspy.HighsVarType.kContinuous] * n_v
        h = _highs()
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
        h.passModel(lp)
        used_v = np.unique(self.gv)
        solution = highspy.HighsSolution()
        solution.col_value = list(np.concatenate([start, np.minimum(self.offered(start), self.remaining)[used_v]]))
        solution.value_valid = True
        h.setSolution(solution)
        h.run()
        status = h.getModelStatus()
        label = {highspy.HighsModelStatus.kOptimal: "optimal", highspy.HighsModelStatus.kTimeLimit: "time_limit"}.get(
            status, h.modelStatusToString(status)
        )
        bound = float(h.getInfo().mip_dual_bound)
        values = np.asarray(h.getSolution().col_value)
        nights = np.rint(values[: self.n_pairs]).clip(min=0) if values.size else None
        if nights is not None and not self.feasible(nights):
            nights = None
        return nights, label, bound if math.isfinite(bound) else math.inf

    # --- plans over groups -------------------------------------------------------------------------

    def offered(self, nights: np.ndarray) -> np.ndarray:
        """People the nights could reach per village (capacity × nights), before the village's remaining."""
        out = np.zeros(len(self.remaining))
        np.add.at(out, self.gv, self.cap[self.gt] * nights)
        return out

    def value(self, nights: np.ndarray) -> float:
        """Σ score × people reached (only villages a night goes to: others may have no remaining figure)."""
        offered = self.offered(nights)
        sent = offered > 0
        return float((np.minimum(offered[sent], self.remaining[sent]) * self.score[sent]).sum())

    def feasible(self, nights: np.ndarray) -> bool:
        used = np.zeros(len(self.cap))
        np.add.at(used, self.gt, nights)
        return bool((nights >= 0).all() and (used <= self.nights + 1e-9).all())

    def fill(self, nights: np.ndarray) -> np.ndarray:
        """Give every night left, one at a time, where it reaches the most score-weighted people."""
        nights = nights.copy()
        left = self.nights.copy()
        np.subtract.at(left, self.gt, nights)
        offered = self.offered(nights)
        cap, score_p = self.cap[self.gt], self.score[self.gv]
        while True:
            gain = score_p * np.minimum(cap, np.maximum(self.remaining - offered, 0)[self.gv])
            gain[left[self.gt] < 0.5] = 0
            k = int(np.argmax(gain))
            if gain[k] <= 0:
                return nights
            nights[k] += 1
            left[self.gt[k]] -= 1
            offered[self.gv[k]] += cap[k]

    def improve(self, nights: np.ndarray, rounds: int = 20) -> np.ndarray:
        """Exchange nights between two groups of different capacity: in a village given more than its
        remaining people, a night of the larger team becomes a night of the smaller one (nobody there is
        lost), and the larger team takes that night in a village of the smaller one that still has people
        (who are gained). Then nights freed or left are given again. Every move adds value."""
        nights = nights.copy()
        pair_of = {(int(g), int(v)): k for k, (g, v) in enumerate(zip(self.gt, self.gv))}
        reach: dict[int, set[int]] = {}
        at_village: dict[int, list[int]] = {}
        for k, (g, v) in enumerate(zip(self.gt.tolist(), self.gv.tolist())):
            reach.setdefault(g, set()).add(v)
            at_village.setdefault(v, []).append(k)
        offered = self.offered(nights)
        cap, rem, score = self.cap, self.remaining, self.score
        for _ in range(rounds):
            moved = False
            visits: dict[int, set[int]] = {}
            for k in np.flatnonzero(nights > 0).tolist():
                visits.setdefault(int(self.gt[k]), set()).add(int(self.gv[k]))
            over = np.flatnonzero(offered > rem + 1e-9)
            for v in over[np.argsort(-(offered - rem)[over], kind="stable")].tolist():
                for k1 in at_village[v]:
                    waste = offered[v] - rem[v]
                    if nights[k1] <= 0 or waste <= 1e-9:
                        continue
                    g1 = int(self.gt[k1])
                    best = None
                    for k2 in at_village[v]:
                        g2 = int(self.gt[k2])
                        if not cap[g1] - waste <= cap[g2] < cap[g1]:
                            continue
                        for u in visits.get(g2, ()):
                            if u == v or u not in reach[g1] or rem[u] - offered[u] <= 1e-9:
                                continue
                            gain = score[u] * min(cap[g1] - cap[g2], rem[u] - offered[u])
                            if best is None or gain > best[0]:
                                best = (gain, g2, u)
                    if best is None or best[0] <= 1e-9:
                        continue
                    _gain, g2, u = best
                    nights[k1] -= 1
                    nights[pair_of[(g2, v)]] += 1
                    nights[pair_of[(g2, u)]] -= 1
                    nights[pair_of[(g1, u)]] += 1
                    offered[v] += cap[g2] - cap[g1]
                    offered[u] += cap[g1] - cap[g2]
                    visits[g2].add(v)
                    visits.setdefault(g1, set()).add(u)
                    if nights[pair_of[(g2, u)]] == 0:
                        visits[g2].discard(u)
                    if nights[k1] == 0:
                        visits[g1].discard(v)
                    moved = True
            if not moved:
                break
        return self.fill(nights)

    def team_rows(self, nights: np.ndarray) -> pd.DataFrame:
        """The group plan as team rows: each group's nights poured into its teams in team order."""
        records = []
        for g, members in enumerate(self.members):
            ks = np.flatnonzero((self.gt == g) & (nights > 0))
            budget = {int(t): int(self.team_nights[t]) for t in members}
            queue = list(budget)
            for k in ks:
                v, need = int(self.gv[k]), int(nights[k])
                while need > 0 and queue:
                    t = queue[0]
                    take = min(need, budget[t])
                    if take > 0:
                        records.append((self.team_ids[t], self.village_ids[v], take, self.minutes[(t, v)]))
                        budget[t] -= take
                        need -= take
                    if budget[t] == 0:
                        queue.pop(0)
        return pd.DataFrame(records, columns=["team_id", "village_id", "nights", "travel_minutes"]).astype(
            {"nights": int}
        )


def _highs() -> highspy.Highs:
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


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
