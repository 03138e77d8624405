"""The Map page in a real browser with the network cut off: villages drawn, a click narrows the counts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.e2e.conftest import screenshot
from tests.e2e.map_page import click_commune, count, map_frame


def test_map_draws_villages_offline_and_a_click_drills_down(app_url, offline_page, demo_dataset):
    offline_page.open(app_url + "/map")
    page = offline_page.page
    handle, frame = map_frame(page)
    drawn = frame.evaluate("() => window.dxMap.villageCount()")
    total = count(page, "villages")
    assert drawn == total == len(demo_dataset.villages)
    assert frame.evaluate("() => !!document.querySelector('.leaflet-overlay-pane canvas')")  # the outlines
    assert frame.evaluate("() => !!document.querySelector('canvas.dx-dots')")  # the villages, one canvas
    assert "CC BY 3.0 IGO" in frame.locator(".leaflet-control-attribution").inner_text()
    assert page.locator('[data-testid="dx-map-legend"]').is_visible()
    # each legend entry is one line, its colour dot beside its words (never a dot at a line's end)
    heights = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="dx-map-legend"] .dx-item')).map(item => {
             const box = item.getBoundingClientRect(), dot = item.querySelector('.dx-sw').getBoundingClientRect();
             return dot.top >= box.top - 1 && dot.bottom <= box.bottom + 1 ? box.height : -1; })"""
    )
    assert len(heights) >= 5 and min(heights) > 0 and max(heights) < 1.5 * min(heights), heights
    screenshot(page, "map-province")  # the README picture is `make screenshots` (tests/e2e/screenshots.py)

    click_commune(page, handle, frame)  # first click: the commune's district
    in_district = count(page, "villages")
    assert 0 < in_district < total
    assert "district=" in page.url

    district = parse_qs(urlparse(page.url).query)["district"][0]
    communes = demo_dataset.communes()
    inside = sorted(communes[communes["parent_code"] == district]["code"])
    handle, frame = map_frame(page)
    code = click_commune(page, handle, frame, inside)  # second click: a commune of that district
    in_commune = count(page, "villages")
    assert 0 < in_commune < in_district
    assert "commune=" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "map-commune")
    assert offline_page.blocked == [], offline_page.blocked
    assert offline_page.failed == [], offline_page.failed
    assert code
