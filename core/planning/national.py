"""The whole country's plan: one plan per province, solved side by side on every core.

Teams do not cross provinces (a commune or village team stays in its commune, a province team in its
province), so the country's optimum is the provinces' optima together: each province is ranked and
planned alone, exactly as the province's own page would, and the plans are put side by side.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pandas as pd

from core.analysis.scoring import Weights
from core.model.dataset import Dataset
from core.model.filters import Filter
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from core.planning.planner import PLAN_COLUMNS, PlanResult


@dataclass(frozen=True)
class ProvincePlan:
    code: str
    name: str
    result: PlanResult
    seconds: float  # ranking, eligible pairs and solving, in its worker (wall clock)
    cpu_seconds: float  # the same, in CPU time of its worker (what a busy machine does not stretch)
    villages: int
    teams: int


@dataclass(frozen=True)
class NationalPlan:
    provinces: list[ProvincePlan]
    seconds: float  # wall time of the whole run
    workers: int

    @property
    def rows(self) -> pd.DataFrame:
        """Every province's plan rows, with the province code first."""
        frames = [p.result.rows.assign(province_code=p.code) for p in self.provinces if len(p.result.rows)]
        if not frames:
            return pd.DataFrame(columns=["province_code", *PLAN_COLUMNS])
        rows = pd.concat(frames, ignore_index=True)
        return rows[["province_code", *PLAN_COLUMNS]]

    def summary(self) -> dict:
        results = [p.result for p in self.provinces]
        worst = max(self.provinces, key=lambda p: p.result.gap, default=None)
        slowest = max(self.provinces, key=lambda p: p.seconds, default=None)
        return {
            "provinces": len(self.provinces),
            "workers": self.workers,
            "total_seconds": round(self.seconds, 3),
            "sum_of_province_seconds": round(sum(p.seconds for p in self.provinces), 3),
            "sum_of_province_cpu_seconds": round(sum(p.cpu_seconds for p in self.provinces), 3),
            "worst_gap": round(worst.result.gap, 6) if worst else 0.0,
            "worst_gap_province": worst.code if worst else None,
            "slowest_province": slowest.code if slowest else None,
            "slowest_province_seconds": round(slowest.seconds, 3) if slowest else 0.0,
            "objective": round(sum(r.objective for r in results), 3),
            "bound": round(sum(r.bound for r in results), 3),
            "people_reached": sum(r.people_reached for r in results),
            "greedy_people": sum(r.greedy_people for r in results),
            "villages": sum(p.villages for p in self.provinces),
            "teams": sum(p.teams for p in self.provinces),
            "plan_rows": sum(len(r.rows) for r in results),
            "per_province": {
                p.code: {
                    "name": p.name,
                    "seconds": round(p.seconds, 3),
                    "cpu_seconds": round(p.cpu_seconds, 3),
                    "solve_seconds": round(p.result.solve_seconds, 3),
                    "gap": round(p.result.gap, 6),
                    "status": p.result.status,
                    "villages": p.villages,
                    "teams": p.teams,
                    "people_reached": p.result.people_reached,
                }
                for p in self.provinces
            },
        }


def province_codes(dataset: Dataset) -> list[tuple[str, str]]:
    """(code, name) of every province of a whole-country package that has villages, most villages first
    (so the longest plans start first and the cores finish together)."""
    provinces = dataset.districts()
    names = dict(zip(provinces["code"], provinces["name"]))
    per_province = dataset.villages["commune_code"].map(dataset.communes().set_index("code")["parent_code"])
    counts = per_province.value_counts()
    return [(code, names[code]) for code in sorted(counts.index, key=lambda c: (-counts[c], c)) if code in names]


_COUNTRY: Dataset | None = None  # the package, inherited by the forked workers (a Dataset is not picklable)


def _fresh_worker() -> None:
    """A forked worker starts HiGHS's thread scheduler anew (the parent's threads do not survive a fork)."""
    import highspy

    highspy.Highs.resetGlobalScheduler(False)


def _plan_one(code: str, name: str, weights: Weights, settings: PlanSettings) -> ProvincePlan:
    start, cpu = time.perf_counter(), time.process_time()
    view = Filter(district=code).apply(_COUNTRY)
    ranked = ranked_villages(view, weights)
    result = make_plan(view, ranked, settings)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return ProvincePlan(code, name, result, seconds, cpu, len(view.villages), len(view.teams))


def plan_country(
    dataset: Dataset, weights: Weights, settings: PlanSettings, workers: int | None = None
) -> NationalPlan:
    """One plan per province of a whole-country package, `workers` processes at once (every core when
    None; 1 solves in this process)."""
    global _COUNTRY
    start = time.perf_counter()
    workers = max(1, workers or os.cpu_count() or 1)
    provinces = province_codes(dataset)
    _COUNTRY = dataset
    try:
        if workers == 1:
            plans = [_plan_one(code, name, weights, settings) for code, name in provinces]
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_fresh_worker) as pool:
                futures = [pool.submit(_plan_one, code, name, weights, settings) for code, name in provinces]
                plans = [f.result() for f in futures]
    finally:
        _COUNTRY = None
    plans.sort(key=lambda p: p.code)
    return NationalPlan(plans, time.perf_counter() - start, workers)
