"""Browser tests: the real app in a subprocess, Debian Chromium through Playwright, outside network blocked."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench import local_app
from bench.local_app import CHROMIUM, CHROMIUM_ARGS, stop_app  # noqa: F401 - tests import them from here

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def start_app(env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """The app on a free port; its error output is kept for a failing test to show."""
    return local_app.start_app(env_extra, timeout_s=60, stderr=subprocess.PIPE)


APP_TOKEN = "e2e-write-token"  # the write link `make run` prints carries such a token (`/data?token=…`)


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_app({"DXMAP_WRITE_TOKEN": APP_TOKEN})
    yield url
    stop_app(proc)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page whose requests to anything but localhost are aborted and counted."""

    def __init__(self, context):
        self.blocked: list[str] = []
        self.failed: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))

    def _route(self, route):
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url, timeout=30_000)
        wait_for_script(self.page)


def wait_for_script(page, timeout: int = 30_000) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def go_to(page, path: str, timeout: int = 60_000) -> None:
    """The page picked in the sidebar menu (`""`: the Overview), as a person moves between pages: the app stays
    loaded, the page's script runs. Done when the address and the title are the new page's and its script has
    finished."""
    before = page.title()
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
    page.wait_for_function(
        """([path, before]) => (path ? location.pathname.replace(/\\/$/, '').endsWith('/' + path)
                                     : location.pathname.endsWith('/')) && document.title !== before""",
        arg=[path, before],
        timeout=timeout,
    )
    wait_for_script(page, timeout)


# Laid out: every chart's drawing as wide as its box, the fonts in, and the boxes of the text, pictures, tiles and
# tables the same on two looks in a row (plotly and the grids lay out again after the script, after a font arrives
# and after the window changes size).
LAID_OUT = """() => {
  const fit = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).every(c => {
    const svg = c.querySelector('.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - c.getBoundingClientRect().width) <= 2;
  });
  if (!fit || document.fonts.status !== 'loaded') { window.dxLaidOut = null; return false; }
  const boxes = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] svg text, '
    + '[data-testid="stImage"] img, [data-testid="stMetricLabel"], [data-testid="stDataFrame"]')).map(el => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(Math.round).join(',');
  }).join(';') + '@' + window.innerWidth;
  const same = window.dxLaidOut === boxes;
  window.dxLaidOut = boxes;
  return same;
}"""


def wait_for_layout(page, timeout: int = 30_000) -> None:
    """Until the script has finished, nothing is drawn faded, and the page's layout has settled."""
    wait_for_script(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout)
    page.evaluate("() => { window.dxLaidOut = null; }")
    page.wait_for_function(LAID_OUT, polling=150, timeout=timeout)


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="vi-VN")
    page = OfflinePage(context)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
