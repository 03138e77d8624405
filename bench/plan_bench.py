"""Deployment-plan figures on the demo province: solve time, gap, and the gain over the greedy rule.

Prints JSON; never pass/fail on time. `python -m bench.plan_bench` or `python cli.py bench`.
"""

from __future__ import annotations

import json
import time

from core.analysis.scoring import PRESETS, Weights
from core.config import DEMO_PACKAGE
from core.ingest.reader import read_package
from core.planning.deployment import PlanSettings, make_plan, ranked_villages


def run() -> dict:
    dataset, _ = read_package(DEMO_PACKAGE)
    out = {"villages": int(len(dataset.villages)), "teams": int(len(dataset.teams)), "presets": {}}
    for name in PRESETS:
        start = time.perf_counter()
        ranked = ranked_villages(dataset, Weights.preset(name))
        scored = time.perf_counter() - start
        result = make_plan(dataset, ranked, PlanSettings())
        total = time.perf_counter() - start
        out["presets"][name] = {
            **result.summary(),
            "score_seconds": round(scored, 3),
            "end_to_end_seconds": round(total, 3),
        }
    return out


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
