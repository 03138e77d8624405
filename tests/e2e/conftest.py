"""Browser tests: the real app in a subprocess, Debian Chromium through Playwright, outside network blocked."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from bench import local_app
from bench.local_app import CHROMIUM, CHROMIUM_ARGS, stop_app  # noqa: F401 - tests import them from here

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# Offline in the browser itself: every address but the loopback goes through a proxy that is not there (Chromium
# always reaches localhost and 127.0.0.1 directly), so an address written as a number fails as a name does.
# Playwright's request routing would block them too, but it turns the HTTP cache off and passes every request
# through the test process: three page loads in one tab took 14.9 s of CPU with it, 10.6 s without.
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--proxy-server=http://127.0.0.1:9"]


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
        b = pw.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page in a browser that reaches nothing but this machine (`OFFLINE_ARGS`); what it asked of anywhere else
    is kept in `blocked`, what failed in `failed`. Every outside request fails at the browser's missing proxy
    (test_offline_browser.py), so the failures are all that is listened to: a listener on every request would have
    Playwright send each of a page's ~180 requests (its scripts, fonts and map files) to the test process."""

    local_hosts: tuple[str, ...] = LOCAL_HOSTS

    def __init__(self, context):
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.page = context.new_page()
        self.page.on("requestfailed", self._failed)

    def _failed(self, request):
        url = request.url
        self.failed.append(url)
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if not (url.startswith(("data:", "blob:")) or host in self.local_hosts):
            self.blocked.append(url)

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


@pytest.fixture(scope="session")
def _shared_context(browser):
    """The browser context `offline_page` opens its tabs in, one per test process, as one person's browser opens
    a new tab: the scripts it has read and compiled stay in its cache (a new context reads and compiles
    Streamlit's scripts again)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="vi-VN")
    yield context
    context.close()


class _TabPool:
    """The shared context's tabs, handed to one test after another like new ones: a tab a test is done with
    loses the listeners the test gave it, its storage and cookies, and goes to about:blank. A reused tab keeps
    its renderer process, so Streamlit's scripts are not compiled again: four pages opened in new tabs took
    15 s of CPU, in a reused tab 8 s."""

    def __init__(self, context) -> None:
        self.context = context
        self.idle: list[OfflinePage] = []
        self.own: dict[int, dict[str, list]] = {}  # each tab's own listeners (OfflinePage's), by id of the tab

    def take(self) -> OfflinePage:
        while self.idle:
            tab = self.idle.pop()
            if not tab.page.is_closed():
                tab.blocked.clear()
                tab.failed.clear()
                return tab
        tab = OfflinePage(self.context)
        self.own[id(tab)] = _listeners(tab.page)
        return tab

    def give_back(self, tab: OfflinePage) -> None:
        try:
            _drop_listeners(tab.page, self.own[id(tab)])
            tab.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            tab.page.goto("about:blank", timeout=10_000)
        except Exception:  # noqa: BLE001 - a tab that no longer answers is closed, not reused
            with contextlib.suppress(Exception):
                tab.page.close()
            return
        self.idle.append(tab)


def _listeners(page) -> dict[str, list]:
    """The page's listeners by event. Playwright's public API removes a listener only by the function a test
    gave, so the page's own event emitter is read."""
    emitter = page._impl_obj
    return {name: list(emitter.raw_listeners(name)) for name in emitter.event_names()}


def _drop_listeners(page, kept: dict[str, list]) -> None:
    emitter = page._impl_obj
    for name, listeners in _listeners(page).items():
        for listener in listeners:
            if not any(listener is own for own in kept.get(name, ())):
                emitter.remove_listener(name, listener)


@pytest.fixture(scope="session")
def _tab_pool(_shared_context):
    return _TabPool(_shared_context)


@pytest.fixture
def new_tab(_tab_pool):
    """`new_tab(width, height)`: a tab of that size in the shared context, as a new one (see `_TabPool`); after
    the test its tabs go back to the pool and the context's cookies are cleared."""
    tabs: list[OfflinePage] = []

    def make(width: int = 1600, height: int = 1000) -> OfflinePage:
        tab = _tab_pool.take()
        tab.page.set_viewport_size({"width": width, "height": height})
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        _tab_pool.give_back(tab)
    _tab_pool.context.clear_cookies()


@pytest.fixture
def offline_page(new_tab):
    """A new tab at 1600×1000 in Vietnamese."""
    return new_tab()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
