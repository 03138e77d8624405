"""`make bench` prints a province meeting's capacity figures as ratios to their targets (bench/load.py's burst and
meeting, bench/slow_link.py's first visit): the rows' shape and ratios from a run's figures, without running a
50-session load here (the figures themselves are measured by `make bench`, never asserted)."""

from __future__ import annotations

import json

import pytest

from bench import load, slow_link
from cli.main import main

ROW_KEYS = {
    "figure",
    "unit",
    "measured",
    "target",
    "reference",
    "ratio_to_target",
    "ratio_to_reference",
    "met",
    "load_average_before",
}


def figures(scenario: str, **kw) -> dict:
    """What `bench.load.measure` returns for a run (the keys the rows are made from)."""
    base = {
        "sessions": 50,
        "errors": 0,
        "scenario": scenario,
        "all_opened_s": 12.8,
        "run_p95_s": 1.5,
        "replica_cpu_s_per_page_run": 0.117,
        "mb_per_added_session": 1.9,
        "load_average_before": 1.4,
    }
    return {**base, **kw}


def test_the_burst_and_the_meeting_give_one_row_per_target_with_the_load_average_of_their_run():
    burst = figures("burst", load_average_before=1.4)
    meeting = figures("meeting", run_p95_s=0.9, errors=1, replica_cpu_s_per_page_run=0.08, load_average_before=2.6)
    rows = {r["figure"]: r for r in load.capacity_targets(burst, meeting)}
    assert all(set(r) == ROW_KEYS for r in rows.values())
    opened = rows["burst: 50 sessions all opened"]
    assert (opened["target"], opened["reference"], opened["met"]) == (10.0, 25.6, False)
    assert opened["ratio_to_target"] == 1.28 and opened["ratio_to_reference"] == pytest.approx(12.8 / 25.6, abs=1e-3)
    p95 = rows["meeting: 50 sessions, page run p95"]
    assert (p95["ratio_to_target"], p95["met"], p95["load_average_before"]) == (0.45, True, 2.6)
    cpu = rows["burst: replica CPU per page run"]
    assert (cpu["target"], cpu["reference"], cpu["ratio_to_target"], cpu["met"]) == (0.1, 0.39, 1.17, False)
    assert rows["meeting: replica CPU per page run"]["met"] is True
    errors = rows["errors (burst and meeting)"]
    assert (errors["measured"], errors["target"], errors["met"]) == (1, 0, False)  # a meeting's error counts
    assert rows["burst: memory per added session"]["ratio_to_target"] == 0.038


def test_a_run_that_measured_nothing_says_so_rather_than_meeting_its_target():
    rows = load.capacity_targets(figures("burst", all_opened_s=None), figures("meeting", run_p95_s=None))
    assert [r["met"] for r in rows[:2]] == [None, None]


def test_the_capacity_benches_measure_a_province_and_nothing_at_national_scale(capsys):
    assert load.bench("national") is None and slow_link.bench("national") is None
    assert main(["bench", "--only", "load,slow_link", "--scale", "national"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["targets"] == [] and out["national"] == {} and "missing_modules" not in out


def test_make_bench_prints_the_capacity_rows_among_the_targets(tmp_path, monkeypatch, capsys):
    """A bench module returning `capacity_targets` rows: the command lists them at the top with their ratios."""
    import bench

    (tmp_path / "zz_capacity_bench.py").write_text(
        "from bench.load import capacity_targets\n"
        "def bench(scale):\n"
        f"    return {{'targets': capacity_targets({figures('burst')!r}, {figures('meeting')!r})}}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(bench, "__path__", [*bench.__path__, str(tmp_path)])
    assert main(["bench", "--only", "zz_capacity_bench", "--scale", "province"]) == 0
    rows = json.loads(capsys.readouterr().out)["targets"]
    assert len(rows) == 6 and {r["module"] for r in rows} == {"zz_capacity_bench"}
    assert all(ROW_KEYS <= set(r) for r in rows)
