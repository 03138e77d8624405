"""The Map page's component in a real browser, offline: the data files come once, a change redraws only its
part, village and team-base tooltips come from the lookup, the OpenStreetMap switch is the only way out."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import screenshot, wait_for_script
from tests.e2e.map_page import count, map_frame, wait_count_changed

SIZES = [(1366, 768), (1920, 1080)]
BUILDS = "() => window.dxMap.builds()"


def _shots(page, name: str) -> None:
    """The page at both screen sizes (the map follows its frame's width)."""
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
        screenshot(page, f"map-{name}-{width}")
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    page.wait_for_timeout(400)  # the map settles to its frame's new width


def _hover_tip(page, handle, frame, index: int = 0, within_s: float = 15.0) -> str:
    """Move the pointer onto the `index`-th village dot on screen and read the tooltip. The map may still be
    settling to its frame's width after a resize (later on a busy machine): when the pointer did not land on a
    dot, the dot's place is read again and the pointer moved again, as a person would."""
    deadline = time.monotonic() + within_s
    while True:
        box = handle.bounding_box()
        bottom = page.viewport_size["height"] - box["y"] - 20  # what is on screen of the map
        point = frame.evaluate(
            """([i, bottom]) => { const s = map.getSize();
                        const inside = window.dxMap.points().filter(p => p.x > 40 && p.y > 40 && p.x < s.x - 40
                                                                    && p.y < Math.min(s.y - 40, bottom));
                        return inside[Math.min(i, inside.length - 1)]; }""",
            [index, bottom],
        )
        assert point, "no village dot on screen"
        page.mouse.move(box["x"] + point["x"] - 20, box["y"] + point["y"] - 20)
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=4)
        # the pointer crossed a commune on its way: wait for the village's own tooltip (it names the population)
        try:
            frame.wait_for_function(
                "() => { const t = document.querySelector('.leaflet-tooltip');"
                " return t && /Dân số|Population/.test(t.innerText); }",
                timeout=2_000,
            )
            return frame.locator(".leaflet-tooltip").inner_text()
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                shown = frame.evaluate("() => (document.querySelector('.leaflet-tooltip') || {}).innerText || null")
                pytest.fail(f"no village tooltip at the dot {point} of the map at {box}: the tooltip shows {shown!r}")


def _pick_gap(page, gap: str) -> None:
    """Pick `gap` in the sidebar's gap filter as a person does (type, click the option, Escape), and again when
    the choice did not show as a chip (a click that lands while the page reruns may be lost)."""
    gaps = page.locator('section[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    for _ in range(3):
        gaps.locator("input").click()
        page.keyboard.type(gap[:12])
        page.get_by_role("option", name=gap, exact=True).click()
        page.keyboard.press("Escape")
        try:
            gaps.get_by_text(gap, exact=True).wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            wait_for_script(page)
    screenshot(page, "map-gap-filter-not-picked")
    pytest.fail(f"the gap filter did not take {gap!r}: it shows {gaps.inner_text()!r}")


def test_parts_redraw_alone_files_come_once_and_tips_come_from_the_lookup(app_url, offline_page, demo_dataset):
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/app/static/dxmap/cache/" in r.url else None)
    offline_page.open(app_url + "/map")
    handle, frame = map_frame(page)
    assert len(fetched) == 2, fetched  # outlines and village lookup, once
    start = frame.evaluate(BUILDS)
    assert start["geo"] == start["villages"] == 1
    _shots(page, "plain")

    # a village tooltip, built on hover from the lookup tables
    tip = _hover_tip(page, handle, frame, 5)
    names = set(demo_dataset.villages["village_name"])
    assert tip.split("\n")[0] in names, tip
    assert "Tổ, đội phụ trách" in tip and "Dân số" in tip

    # the commune shading: only the communes are restyled
    page.locator('[data-testid="stSelectbox"]', has_text="Tô màu xã theo").click()
    page.get_by_role("option", name="Tỷ lệ thôn chưa có điện lưới").click()
    frame.wait_for_function("() => window.dxMap.shadedCommunes() > 0", timeout=20_000)
    wait_for_script(page)
    shaded = frame.evaluate(BUILDS)
    assert shaded["communes"] == start["communes"] + 1
    assert (shaded["points"], shaded["geo"], shaded["villages"]) == (start["points"], 1, 1)
    assert "Tỷ lệ thôn chưa có điện lưới" in page.locator('[data-testid="dx-map-legend"]').inner_text()
    _shots(page, "shaded")

    # the gap filter in the sidebar: the villages are redrawn, the outlines stay
    before = count(page, "villages")
    _pick_gap(page, "Chưa có điện lưới")
    wait_count_changed(page, before)
    frame.wait_for_function(f"() => window.dxMap.villageCount() === {count(page, 'villages')}", timeout=20_000)
    filtered = frame.evaluate(BUILDS)
    assert filtered["points"] == shaded["points"] + 1
    assert (filtered["geo"], filtered["villages"]) == (1, 1)
    assert frame.evaluate("() => window.dxMap.shadedCommunes()") > 0  # the shading stays
    assert len(fetched) == 2, fetched
    _shots(page, "gap-filter")

    # coverage: team bases above the villages
    page.get_by_text("Độ phủ của tổ, đội").click()
    frame.wait_for_function("() => window.dxMap.baseCount() > 0", timeout=20_000)
    wait_for_script(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.blocked == [], offline_page.blocked
    assert offline_page.failed == [], offline_page.failed


def test_openstreetmap_only_when_switched_on(app_url, offline_page):
    page = offline_page.page
    offline_page.open(app_url + "/map?lang=en")
    _, frame = map_frame(page)
    assert not frame.evaluate("() => window.dxMap.tilesOn()")
    page.wait_for_timeout(500)
    assert offline_page.blocked == []
    page.get_by_text("OpenStreetMap basemap").click()
    frame.wait_for_function("() => window.dxMap.tilesOn()", timeout=20_000)
    wait_for_script(page)
    page.wait_for_timeout(500)
    assert offline_page.blocked and all("tile.openstreetmap.org" in url for url in offline_page.blocked)
    assert "OpenStreetMap" in frame.locator(".leaflet-control-attribution").inner_text()
    page.get_by_text("OpenStreetMap basemap").click()
    frame.wait_for_function("() => !window.dxMap.tilesOn()", timeout=20_000)
