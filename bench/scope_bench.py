"""What an area costs: narrowing the data to one district (`core.model.scope.restrict`, done once per data
version and area, then cached) against a filter view of the same district, on the demo province and on a
generated national-size dataset. Prints JSON; never pass/fail on time. `python -m bench.scope_bench [national]`.
"""

from __future__ import annotations

import json
import sys
import time

from core.analysis.kpis import summary
from core.model.filters import Filter
from core.model.scope import Area, restrict


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def measure(dataset, district: str) -> dict:
    area = Area.of(district)
    restrict_s, scoped = _best(lambda: restrict(dataset, area))
    filter_s, view = _best(lambda: Filter(district=district).apply(dataset))
    scoped_view_s, _ = _best(lambda: Filter(district=district).apply(scoped))
    return {
        "villages": int(len(dataset.villages)),
        "area_villages": int(len(scoped.villages)),
        "restrict_seconds": round(restrict_s, 4),
        "filter_view_seconds": round(filter_s, 4),
        "view_of_area_seconds": round(scoped_view_s, 4),
        "restrict_over_filter": round(restrict_s / filter_s, 2) if filter_s else None,
        "same_figures": summary(view) == summary(Filter(district=district).apply(scoped)),
    }


def run(scale: str = "province") -> dict:
    if scale == "national":
        from bench.map_bench import national_dataset

        dataset = national_dataset()
        district = str(dataset.villages["district_code"].dropna().iloc[0])
    else:
        from core.config import DEMO_PACKAGE
        from core.ingest.reader import read_package

        dataset, _ = read_package(DEMO_PACKAGE)
        district = "103"
    return {"scale": scale, "district": district, **measure(dataset, district)}


bench = run  # `make bench`: both scales


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "province"), ensure_ascii=False, indent=2))
