"""The page-profile bench: how a function's own time finds its bucket, and one real page run's JSON (the served
app on a free port, one run without a filter and one with a district)."""

from __future__ import annotations

import json

import pytest

from bench import page_profile
from bench.page_profile import BUCKETS, ROOT, attribute, owner, unprofiled
from tests.event_loop import call_apart

SITE = "/venv/lib/python3.11/site-packages/"


def _fn(path: str, name: str) -> tuple:
    return (path, 1, name)


def test_module_paths_own_their_buckets_and_libraries_do_not():
    assert owner(str(ROOT / "core" / "analysis" / "kpis.py")) == "figures"
    assert owner(str(ROOT / "core" / "model" / "filters.py")) == "scope_filter"
    assert owner(str(ROOT / "components" / "chrome.py")) == "streamlit"
    assert owner(str(ROOT / "components" / "kpi.py")) == "drawing"
    assert owner(SITE + "streamlit/runtime/caching/hashing.py") == "cache_lookup"
    assert owner(SITE + "streamlit/elements/plotly_chart.py") == "drawing"
    assert owner(SITE + "streamlit/runtime/scriptrunner/script_runner.py") == "streamlit"
    assert owner(SITE + "uvicorn/protocols/websockets/websockets_sansio_impl.py") == "server"
    assert owner(SITE + "pandas/core/frame.py") is None
    assert owner("~") is None


def test_library_time_goes_to_its_callers_and_nothing_is_lost():
    kpis = _fn(str(ROOT / "core/analysis/kpis.py"), "summary")
    chart = _fn(str(ROOT / "presentation/charts.py"), "trend")
    frame = _fn(SITE + "pandas/core/frame.py", "__getitem__")
    builtin = ("~", 0, "<built-in method builtins.len>")
    copy, copy_dict = _fn("/usr/lib/python3.11/copy.py", "deepcopy"), _fn("/usr/lib/python3.11/copy.py", "_dict")
    stats = {
        kpis: (1, 1, 0.2, 1.0, {}),
        chart: (1, 1, 0.1, 0.5, {}),
        # pandas: 0.3 s own time, 0.2 s of it for the analysis and 0.1 s for a chart; it calls itself
        frame: (3, 4, 0.3, 0.5, {kpis: (1, 1, 0.2, 0.3), chart: (1, 1, 0.1, 0.2), frame: (1, 1, 0.0, 0.0)}),
        # a builtin called only from pandas: its time follows pandas' callers by their cumulative share
        builtin: (5, 5, 0.1, 0.1, {frame: (5, 5, 0.1, 0.1)}),
        ("~", 0, "<method 'poll' of 'select.epoll' objects>"): (1, 1, 0.05, 0.05, {}),
        # a recursion through the standard library, entered from a chart: all of it is the chart's
        copy: (9, 9, 0.04, 0.06, {chart: (1, 1, 0.01, 0.06), copy_dict: (8, 8, 0.03, 0.05)}),
        copy_dict: (8, 8, 0.02, 0.05, {copy: (8, 8, 0.02, 0.05)}),
    }
    buckets, calls, functions = attribute(stats)
    assert set(buckets) == set(BUCKETS)
    assert buckets["figures"] == pytest.approx(0.2 + 0.2 + 0.06)
    assert buckets["drawing"] == pytest.approx(0.1 + 0.1 + 0.04 + 0.04 + 0.02)
    assert buckets["other"] == pytest.approx(0.05)  # no caller owns it
    assert sum(buckets.values()) == pytest.approx(sum(v[2] for v in stats.values()))
    assert functions["figures"]["pandas/core/frame.py:__getitem__"] == pytest.approx(0.2)
    assert calls["drawing"] == pytest.approx(1 + 4 / 3 + 2 + 9 + 8)  # pandas' calls split by their callers' time


def test_the_profiler_s_cost_is_taken_off_per_call():
    # 1 s profiled: a C call of 0.4 s and 0.6 s of Python in 1,000 calls; unprofiled the run took 0.5 s
    split = unprofiled({"streamlit": 0.4, "figures": 0.6}, {"streamlit": 1, "figures": 1000}, 0.5)
    assert split["streamlit"] == pytest.approx(0.4, abs=0.001) and sum(split.values()) == pytest.approx(0.5)


def test_one_page_run_prints_its_cpu_split_into_buckets(capsys):
    # in a thread of its own: the bench runs its sessions with asyncio.run, and in the whole suite the browser
    # tests' Playwright may hold this thread's event loop
    assert call_apart(page_profile.main, ["--pages", "/teams", "--repeat", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    page = out["pages"]["/teams"]
    for key in ("first_run_cpu_s", "cpu_s_per_run", "cpu_s_province", "cpu_s_district", "profiled_cpu_s_per_run"):
        assert isinstance(page[key], float) and page[key] > 0, key
    assert page["runs"] == 2 and page["profiled_runs"] == 2
    assert set(page["buckets_s"]) == set(page["profiled_buckets_s"]) == set(BUCKETS)
    assert sum(page["buckets_s"].values()) == pytest.approx(page["cpu_s_per_run"], rel=0.05)
    assert sum(page["profiled_buckets_s"].values()) == pytest.approx(page["profiled_cpu_s_per_run"], rel=0.05)
    assert page["profile_coverage"] > 0.5  # the profile saw most of the server's CPU
    mix = out["mix"]
    assert mix["cpu_s_per_run_mean"] == page["cpu_s_per_run"] and mix["target_s"] == page_profile.TARGET_CPU_S
    assert mix["ratio_to_target"] == pytest.approx(page["cpu_s_per_run"] / page_profile.TARGET_CPU_S, abs=0.01)
    assert out["targets"][0]["measured"] == mix["cpu_s_per_run_mean"] and len(out["load_average_before"]) == 3
