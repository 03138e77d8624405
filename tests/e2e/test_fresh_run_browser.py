"""`make run` on a fresh checkout, in a real browser, network cut off: `cli.py serve` with no source builds the demo
with its history and the follow-up page shows July 2025's adopted plan against its reports; with `--package` it
serves the plain package. The app runs from a copy of the project (its own var/ and data/), so nothing here reads
or writes the working tree's state."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest

from bench.local_app import free_port, stop_app
from core.i18n import fmt_int
from core.storage import plans, store
from tests.e2e.conftest import ROOT, wait_for_script

LEFT_OUT = (".git", ".venv", "var", "test-artifacts", "data/national", "__pycache__", ".pytest_cache", ".ruff_cache")
LEFT_OUT += (".import_linter_cache", ".hypothesis", "store.sqlite*")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """The project's files as a fresh clone has them: no var/, no data/store.sqlite."""
    copy = tmp_path_factory.mktemp("fresh") / "dxmap"
    top = set(LEFT_OUT)

    def ignore(folder, names):
        relative = os.path.relpath(folder, ROOT)
        return {
            n
            for n in names
            if n in top
            or os.path.normpath(os.path.join(relative, n)) in top
            or (n.startswith("store.sqlite") and relative == "data")
        }

    shutil.copytree(ROOT, copy, ignore=ignore)
    assert not (copy / "var").exists() and not (copy / "data" / "store.sqlite").exists()
    return copy


def _serve(checkout, *options: str) -> tuple[subprocess.Popen, str]:
    """`cli.py serve` of the copy, as `make run` starts it (no source in the environment)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DXMAP_PACKAGE", "DATABASE_URL")}
    command = [sys.executable, str(checkout / "cli.py"), "serve", "--port", str(port), *options]
    proc = subprocess.Popen(
        command, cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 240  # the first start builds the demo's history
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    stop_app(proc)
    raise RuntimeError(f"cli.py serve did not start: {proc.stderr.read().decode()[-2000:]}")


@pytest.fixture
def page(new_tab):
    offline = new_tab(1366, 768)  # anything but localhost is refused
    yield offline.page
    assert not offline.blocked, offline.blocked


def _tile(page, label: str) -> str:
    tile = page.locator('[data-testid="stMetric"]', has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_a_fresh_make_run_shows_the_adopted_plan_with_done_and_missed_pairs(checkout, page):
    proc, url = _serve(checkout)
    try:
        page.goto(f"{url}/followup", timeout=60_000)
        wait_for_script(page, 90_000)
        built = list((checkout / "var" / "demo").glob("history-*.sqlite"))
        assert len(built) == 1 and not (checkout / "data" / "store.sqlite").exists()
        demo = f"sqlite:///{built[0]}"
        assert len({(v.as_of.year, v.as_of.month) for v in store.list_versions(demo)}) >= 3
        adopted = plans.current("2025-07", demo)
        acts = store.load_dataset(url=demo).activities
        july = acts[pd.to_datetime(acts["date"]).dt.strftime("%Y-%m") == "2025-07"]
        planned = set(zip(adopted.rows["team_id"], adopted.rows["village_id"]))
        visits = set(zip(july["team_id"], july["village_id"]))
        assert planned & visits and planned - visits
        assert _tile(page, "Đã thực hiện") == fmt_int(len(planned & visits))
        assert _tile(page, "Chưa thực hiện") == fmt_int(len(planned - visits))
        assert page.locator('[data-testid="dx-demo-badge"]').first.is_visible()
    finally:
        stop_app(proc)


def test_an_explicit_package_is_served_as_it_is(checkout, page):
    proc, url = _serve(checkout, "--package", str(checkout / "data" / "demo" / "dien-bien"))
    try:
        page.goto(f"{url}/followup", timeout=60_000)
        wait_for_script(page, 90_000)
        sidebar = page.locator('section[data-testid="stSidebar"]').inner_text()
        assert "Gói dữ liệu dien-bien" in sidebar  # the package itself, not a store version
        assert "Chưa có kế hoạch tháng nào được thông qua" in page.locator('[data-testid="stMain"]').inner_text()
    finally:
        stop_app(proc)
