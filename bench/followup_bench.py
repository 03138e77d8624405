"""What the follow-up page's "Kế hoạch và thực hiện" (plan vs done) and "Kể từ cuộc họp trước" (since the last
meeting) sections each add to the page's run, on the demo with its history (the store a fresh `make run`
serves: four monthly versions, July 2025's adopted plan and its reports). Target: at most 0.5 s each.

The page's own script is run through Streamlit's AppTest (no browser), with the page's frame (data, view,
filter, title, badge) and the sections chosen for the run. Each figure is measured in a process of its own, so
that the section's caches start empty, as for the first person to open the page after a start (the data of the
version is already loaded: the frame's run loads it first). `added_first_s` is the first run with the section
less the median run without it; `added_again_s` the same for later runs (the section's answers cached). Medians
over `--runs` processes, with the min and max. Figures only: nothing here passes or fails on time.

    .venv/bin/python -m bench.followup_bench [--runs 3] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.targets import target

ROOT = Path(__file__).resolve().parents[1]
TARGET_ADDED_S = 0.5
SECTIONS = ("plan", "changes")
# the follow-up page (views/followup.py) with the sections the session asks for
PAGE = """
import streamlit as st

from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.filters import area_title, current_filter
from components.followup import changes_section, plan_section

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)
flt = current_filter()
st.title(area_title(flt, dataset, lang, "page_followup"))
demo_badge(dataset, lang)
sections = st.session_state.get("bench_sections", ())
if "plan" in sections:
    plan_section(dataset, view, flt, lang)
if "changes" in sections:
    changes_section(dataset, lang)
"""


def _timed_run(at, sections: tuple[str, ...]) -> float:
    at.session_state["bench_sections"] = sections
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the page failed: {[e.value for e in at.exception]}")
    return elapsed


def measure_once(section: str, repeat: int) -> dict:
    """In this process (fresh caches): runs of the frame alone, then the first and later runs with `section`."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(PAGE, default_timeout=300)
    _timed_run(at, ())  # loads the version: not the section's cost
    frame = [_timed_run(at, ()) for _ in range(repeat)]
    first = _timed_run(at, (section,))
    if len(at.metric) < 4:  # the section's tiles: never time a section that had nothing to show
        raise RuntimeError(f"the {section} section drew no figures")
    again = [_timed_run(at, (section,)) for _ in range(repeat)]
    base = statistics.median(frame)
    return {"frame_s": base, "added_first_s": first - base, "added_again_s": statistics.median(again) - base}


def _child(section: str, repeat: int, url: str) -> dict:
    """`measure_once` in a new process reading the store at `url`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DXMAP_PACKAGE", "DXMAP_EDITOR_PASSWORD")}
    env["DATABASE_URL"] = url
    command = [sys.executable, "-m", "bench.followup_bench", "--child", section, "--repeat", str(repeat)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "the child failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _spread(values: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(values), 3),
        "min_s": round(min(values), 3),
        "max_s": round(max(values), 3),
    }


def run(runs: int = 3, repeat: int = 3) -> dict:
    from core.config import DEMO_PACKAGE
    from services import demo_history

    with tempfile.TemporaryDirectory(prefix="dxmap-followup-bench-") as tmp:
        start = time.perf_counter()
        url, _built = demo_history.ensure_store(Path(tmp), DEMO_PACKAGE)
        build_s = time.perf_counter() - start
        figures: dict = {"demo_history_build_s": round(build_s, 3), "runs": runs, "repeat": repeat}
        for section in SECTIONS:
            samples = [_child(section, repeat, url) for _ in range(runs)]
            figures[section] = {
                key: _spread([s[key] for s in samples]) for key in ("frame_s", "added_first_s", "added_again_s")
            }
    return figures


def bench(scale: str) -> dict | None:
    """The figures on the demo province (the follow-up page has no national demo history)."""
    if scale != "province":
        return None
    figures = run()
    rows = [
        target(
            f"followup_{section}_section_added_first_s",
            figures[section]["added_first_s"]["median_s"],
            TARGET_ADDED_S,
            "s",
        )
        for section in SECTIONS
    ]
    return {**figures, "targets": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="processes per section (fresh caches each)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the frame, and later runs, per process")
    parser.add_argument("--child", choices=SECTIONS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_once(args.child, args.repeat)))
        return 0
    figures = run(args.runs, args.repeat)
    rows = [
        target(f"followup_{s}_section_added_first_s", figures[s]["added_first_s"]["median_s"], TARGET_ADDED_S, "s")
        for s in SECTIONS
    ]
    print(json.dumps({**figures, "targets": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
