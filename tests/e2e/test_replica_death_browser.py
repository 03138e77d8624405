"""A browser tab behind the proxy of `make serve` outlives the app process it was talking to."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time

import pytest

from tests.e2e.conftest import OfflinePage, screenshot, wait_for_script


@pytest.fixture(scope="module")
def served():
    from bench.load import Stack
    from ops import packages

    if packages.missing_packages(need_postgres=False) and os.geteuid() != 0:
        pytest.skip("nginx is not installed and cannot be installed without root (.ci/run installs it)")
    stack = Stack(replicas=2)
    stack.env["DATABASE_URL"] = f"sqlite:///{stack.state / 'store.sqlite'}"  # empty: the demo, as on a first start
    stack.start()
    yield stack
    stack.stop()
    shutil.rmtree(stack.state, ignore_errors=True)


def _replicas(stack) -> list[dict]:
    return json.loads((stack.state / "serve" / "state.json").read_text(encoding="utf-8"))["replicas"]


def _kill_its_replica_and_wait(page, context, served, tiles: int) -> tuple[str, dict]:
    """Kills (SIGKILL) the replica the tab's sticky cookie names, then waits until the tab's websocket came back
    through the proxy to another replica and its page drew `tiles` figures again. Returns the cookie's replica
    name and the killed replica's record."""
    pinned = _pinned(context)
    victim = _replicas(served)[int(pinned[1:])]
    os.kill(victim["pid"], signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _pinned(context) == pinned:
        page.wait_for_timeout(250)
    assert _pinned(context) not in (None, pinned)  # the websocket came back through the proxy elsewhere
    wait_for_script(page, timeout=60_000)
    page.wait_for_function("n => document.querySelectorAll('[data-testid=\"stMetricValue\"]').length >= n", arg=tiles)
    return pinned, victim


def _pinned(context) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == "dxmap_replica"), None)


def test_a_tab_reconnects_to_a_live_replica_and_shows_the_same_view_when_its_replica_is_killed(browser, served):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    tab = OfflinePage(context)
    page = tab.page
    try:
        tab.open(served.url + "?district=095")
        before = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert before
        pinned, victim = _kill_its_replica_and_wait(page, context, served, len(before))
        assert "district=095" in page.url
        assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == before
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, "replica-killed-tab-carries-on")

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            back = _replicas(served)[int(pinned[1:])]
            if back["pid"] != victim["pid"] and not back["down"]:
                break
            time.sleep(0.5)
        assert back["pid"] != victim["pid"] and not back["down"]  # the launcher started it again
        assert tab.blocked == []
    finally:
        context.close()


def test_a_signed_in_tab_keeps_a_district_picked_in_the_sidebar_when_its_replica_is_killed(browser, served):
    """The filter set by the sidebar (not by a link) is in the address the tab reconnects with: after its replica
    dies the tab is still signed in and shows the district, not the province."""
    from core import accounts

    password = "mật khẩu đủ dài 2026"
    accounts.add_account(
        "minh", password, "planner", display_name="Lò Văn Minh", actor="t", url=served.env["DATABASE_URL"]
    )
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    tab = OfflinePage(context)
    page = tab.page
    try:
        tab.open(served.url)
        page.get_by_label("Tên đăng nhập").fill("minh")
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
        wait_for_script(page)
        province = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert "district=" not in page.url

        page.locator('section[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="Huyện Nậm Pồ").click()
        page.wait_for_function("() => location.search.includes('district=103')", timeout=30_000)
        wait_for_script(page)
        page.wait_for_function(
            "old => JSON.stringify([...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
            ".map(e => e.innerText)) !== old",
            arg=json.dumps(province, ensure_ascii=False, separators=(",", ":")),
            timeout=30_000,
        )
        wait_for_script(page)
        district = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert district != province

        _kill_its_replica_and_wait(page, context, served, len(district))
        assert "district=103" in page.url
        assert page.get_by_label("Tên đăng nhập").count() == 0  # still signed in
        assert "Lò Văn Minh" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == district
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, "replica-killed-signed-in-sidebar-district")
        assert tab.blocked == []
    finally:
        context.close()
