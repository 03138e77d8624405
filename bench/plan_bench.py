"""Deployment-plan figures: the province plan per preset (alone, and with a busy process beside it), the
former model on the same data in the same run, and the whole-country plan on the generated national package.

Prints JSON; never pass/fail on time. `python -m bench.plan_bench [province|national]` or `python cli.py bench`.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import highspy
import numpy as np
import pandas as pd
from scipy import sparse

from bench.targets import target
from core.analysis.scoring import PRESETS, Weights
from core.config import DEMO_PACKAGE
from core.ingest.reader import read_package
from core.planning.deployment import PlanSettings, forget_plans, make_plan, ranked_villages
from core.planning.planner import MIP_REL_GAP, team_capacities
from core.planning.travel import eligible_pairs

# The targets and the figures measured before (reference: the former model, as filed).
PROVINCE_TARGET_S, PROVINCE_TARGET_GAP = 2.0, 0.005
PROVINCE_BEFORE_S, PROVINCE_BEFORE_GAP = 5.4, 0.0085
NATIONAL_TARGET_S, NATIONAL_TARGET_GAP = 60.0, 0.01
NATIONAL_PACKAGE = Path("data/national")


def _busy(stop_at: float) -> None:
    x = 0
    while time.time() < stop_at:
        x += 1


def _province_presets(dataset, settings: PlanSettings) -> dict:
    out = {}
    for name in PRESETS:
        forget_plans()
        start, cpu = time.perf_counter(), time.process_time()
        ranked = ranked_villages(dataset, Weights.preset(name))
        scored = time.perf_counter() - start
        result = make_plan(dataset, ranked, settings)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        again = time.perf_counter()
        make_plan(dataset, ranked, settings)  # the same view, weights and settings: remembered
        out[name] = {
            **result.summary(),
            "score_seconds": round(scored, 3),
            "end_to_end_seconds": round(total, 3),
            "end_to_end_cpu_seconds": round(cpu, 3),  # what a busy machine does not stretch
            "remembered_seconds": round(time.perf_counter() - again, 4),
        }
    return out


def _former_model(teams: pd.DataFrame, villages: pd.DataFrame, pairs: pd.DataFrame, time_limit: float) -> dict:
    """The plan as it was solved before: one integer column per (team, village), HiGHS at a 1 % gap with
    heuristic effort 0.2, no cut, no start (kept here only to measure against, in the same run)."""
    start, cpu = time.perf_counter(), time.process_time()
    t_index, v_index = pd.Index(teams["team_id"]), pd.Index(villages["village_id"])
    p = pairs[pairs["team_id"].isin(t_index) & pairs["village_id"].isin(v_index)]
    pt, pv = t_index.get_indexer(p["team_id"]), v_index.get_indexer(p["village_id"])
    cap, nights = teams["capacity"].to_numpy(float), teams["nights"].to_numpy(float)
    score, rem = villages["score"].to_numpy(float), villages["remaining"].to_numpy(float)
    keep = (cap[pt] > 0) & (nights[pt] > 0) & (score[pv] > 0) & (rem[pv] > 0)
    pt, pv = pt[keep], pv[keep]
    used, vpos = np.unique(pv, return_inverse=True)
    n_p, n_v, n_t = len(pt), len(used), len(t_index)
    rows = np.concatenate([vpos, np.arange(n_v), n_v + pt])
    cols = np.concatenate([np.arange(n_p), n_p + np.arange(n_v), np.arange(n_p)])
    vals = np.concatenate([-cap[pt], np.ones(n_v), np.ones(n_p)])
    a = sparse.csc_matrix((vals, (rows, cols)), shape=(n_v + n_t, n_p + n_v))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_p + n_v, n_v + n_t
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate([np.zeros(n_p), score[used]])
    lp.col_lower_ = np.zeros(n_p + n_v)
    lp.col_upper_ = np.concatenate([np.minimum(np.ceil(rem[pv] / cap[pt]), nights[pt]), rem[used]])
    lp.row_lower_ = np.full(n_v + n_t, -highspy.kHighsInf)
    lp.row_upper_ = np.concatenate([np.zeros(n_v), nights])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_p + [highspy.HighsVarType.kContinuous] * n_v
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.01)
    h.setOptionValue("mip_heuristic_effort", 0.2)
    h.passModel(lp)
    h.run()
    info = h.getInfo()
    return {
        "objective": round(float(info.objective_function_value), 3),
        "gap": round(float(info.mip_gap), 6) if math.isfinite(info.mip_gap) else None,
        "solve_seconds": round(time.perf_counter() - start, 3),
        "solve_cpu_seconds": round(time.process_time() - cpu, 3),
        "status": h.modelStatusToString(h.getModelStatus()),
    }


def province() -> dict:
    dataset, _ = read_package(DEMO_PACKAGE)
    settings = PlanSettings()
    out = {"villages": int(len(dataset.villages)), "teams": int(len(dataset.teams)), "cores": os.cpu_count()}
    out["presets"] = _province_presets(dataset, settings)
    stop_at = time.time() + 600
    burner = multiprocessing.get_context("fork").Process(target=_busy, args=(stop_at,), daemon=True)
    burner.start()
    try:
        out["presets_with_a_busy_process_beside"] = _province_presets(dataset, settings)
    finally:
        burner.terminate()
        burner.join()
    teams = team_capacities(dataset.teams, settings.capacity, settings.nights)
    pairs = eligible_pairs(dataset, settings.max_travel_minutes)
    former = {}
    for name in PRESETS:
        villages = ranked_villages(dataset, Weights.preset(name))[["village_id", "score", "remaining"]]
        former[name] = _former_model(teams, villages, pairs, settings.time_limit)
    out["former_model_same_run"] = former
    alone = [p["end_to_end_seconds"] for p in out["presets"].values()]
    loaded = [p["end_to_end_seconds"] for p in out["presets_with_a_busy_process_beside"].values()]
    gaps = [p["gap"] for p in out["presets"].values()] + [
        p["gap"] for p in out["presets_with_a_busy_process_beside"].values()
    ]
    former_s = max(f["solve_seconds"] for f in former.values())
    cpu = [p["end_to_end_cpu_seconds"] for p in out["presets"].values()]
    former_cpu = max(f["solve_cpu_seconds"] for f in former.values())
    out["targets"] = [
        target("province plan, slowest preset (s)", max(alone), PROVINCE_TARGET_S, "s", PROVINCE_BEFORE_S),
        target("province plan, slowest preset, CPU time (s)", max(cpu), PROVINCE_TARGET_S, "s", former_cpu),
        target("province plan beside a busy process, slowest preset (s)", max(loaded), PROVINCE_TARGET_S, "s"),
        target("province plan, worst gap", max(gaps), PROVINCE_TARGET_GAP, "share", PROVINCE_BEFORE_GAP),
        target("province plan solve vs the former model in this run (s)", max(alone), PROVINCE_TARGET_S, "s", former_s),
    ]
    out["mip_rel_gap"] = MIP_REL_GAP
    return out


def national(package: Path | None = None, workers: int | None = None) -> dict:
    """The whole-country plan on the national package (`data/national`, else generated in a temporary folder)."""
    from core.ingest.demo import write_national_package
    from core.planning.national import plan_country

    with tempfile.TemporaryDirectory(prefix="dxmap-national-") as tmp:
        path = package or NATIONAL_PACKAGE
        generated = None
        if not (path / "package.toml").exists():
            start = time.perf_counter()
            path = write_national_package(Path(tmp) / "national")
            generated = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        dataset, _ = read_package(path)
        read_s = round(time.perf_counter() - start, 3)
    forget_plans()
    result = plan_country(dataset, Weights.preset(), PlanSettings(), workers=workers)
    summary = result.summary()
    per = [p["seconds"] for p in summary["per_province"].values()]
    out = {
        "package_generated_seconds": generated,
        "package_read_seconds": read_s,
        **{k: v for k, v in summary.items() if k != "per_province"},
        "province_seconds_median": round(statistics.median(per), 3) if per else None,
        "per_province": summary["per_province"],
    }
    per_core_cpu = summary["sum_of_province_cpu_seconds"] / max(summary["workers"], 1)
    out["targets"] = [
        target("national plan, CPU time per core (s)", round(per_core_cpu, 3), NATIONAL_TARGET_S, "s"),
        target(
            f"national plan, {summary['provinces']} provinces on {summary['workers']} cores (s)",
            summary["total_seconds"],
            NATIONAL_TARGET_S,
            "s",
        ),
        target("national plan, worst gap", summary["worst_gap"], NATIONAL_TARGET_GAP, "share"),
    ]
    return out


def run(scale: str = "province") -> dict:
    return national() if scale == "national" else province()


bench = run  # `make bench`: both scales


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "province"), ensure_ascii=False, indent=2))
