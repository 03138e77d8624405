"""Reconciliation figures on the demo province: the dry run of a district report by names, written in the
contract's words and in its own words (every kind a near miss, every village misspelt, suggestions accepted).

Prints JSON with the ratio of the two in one run; never pass/fail on time. `python -m bench.reconcile_bench`.
"""

from __future__ import annotations

import csv
import json
import tempfile
import time
from pathlib import Path

from core.config import DEMO_PACKAGE
from core.ingest import importer, reconcile
from core.ingest.reader import read_package

ROWS = 2_000
HEADER = ["Ngày", "Tên tổ", "Xã", "Thôn/bản", "Hình thức", "Số người tham dự"]


def _report(path: Path, villages, own_words: bool) -> Path:
    kind = "Buổi hướng dẫn tập trung" if own_words else "Hướng dẫn tập trung"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i in range(ROWS):
            v = villages.iloc[i % len(villages)]
            name = v["village_name"][:-1] if own_words else v["village_name"]  # a letter short: a near miss
            writer.writerow([f"{1 + i % 28:02d}/06/2025", "Tổ CNSCĐ Xã Chà Cang", "Xã Chà Cang", name, kind, 20])
    return path


def _time(path: Path, dataset) -> tuple[float, importer.ImportPlan]:
    start = time.perf_counter()
    plan = importer.dry_run([path], dataset, 1, options=reconcile.Options(accept_names=True))
    return time.perf_counter() - start, plan


def run() -> dict:
    dataset, _ = read_package(DEMO_PACKAGE)
    villages = dataset.villages[dataset.villages["commune_code"] == "03166"].reset_index(drop=True)
    with tempfile.TemporaryDirectory() as tmp:
        exact_s, exact = _time(_report(Path(tmp) / "exact.csv", villages, False), dataset)
        own_s, own = _time(_report(Path(tmp) / "own.csv", villages, True), dataset)
    return {
        "rows": ROWS,
        "exact_seconds": round(exact_s, 3),
        "own_words_seconds": round(own_s, 3),
        "own_words_over_exact": round(own_s / exact_s, 2),
        "own_words_unknown_values": len(own.unknowns),
        "own_words_applied": len(own.applied),
        "own_words_ok": own.ok,
        "exact_ok": exact.ok,
    }


def bench(scale: str) -> dict | None:
    """`make bench`: the demo province's commune report (the figures are per report, not per country)."""
    return run() if scale == "province" else None


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
