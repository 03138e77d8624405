"""The commune that opens is the one under the pointer, reached the way a person gets there: the sidebar
district choice on the overview, the menu, then the map's widgets (each a rerun with the map kept mounted).

The map is NOT scrolled into view first: at 1366×768 its lower part is below the fold, as for a user, and
a click that made the page jump (Leaflet focusing the map on mousedown) opened the commune ~140 px south.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import OfflinePage, screenshot, wait_for_script
from tests.e2e.map_page import MAP_IFRAME

DISTRICT, DISTRICT_NAME = "103", "Huyện Nậm Pồ"
COMMUNES = ["03165", "03166", "03174"]  # Pa Tần, Chà Cang, Nậm Khăn: all opened their southern neighbour

# The visible screen point of a commune farthest from its border and from every village dot.
_POINT_JS = """
([code, maxY]) => {
  const layers = Object.values(map._layers), size = map.getSize();
  const l = layers.find(x => x.feature && x.feature.properties.k === 'c' && x.feature.properties.code === code);
  if (!l) return null;
  const dots = window.dxMap.points().map(d => L.point(d.x, d.y));
  const b = l.getBounds(), nw = map.latLngToContainerPoint(b.getNorthWest()),
        se = map.latLngToContainerPoint(b.getSouthEast());
  let best = null;
  for (let x = Math.max(nw.x, 60); x < Math.min(se.x, size.x - 20); x += 3) {
    for (let y = Math.max(nw.y, 60); y < Math.min(se.y, size.y - 40, maxY); y += 3) {
      const p = L.point(x, y), lp = map.containerPointToLayerPoint(p);
      if (!l._containsPoint(lp) || dots.some(d => d.distanceTo(p) < 10)) continue;
      let d = Infinity;
      for (const part of l._parts)
        for (let i = 0, j = part.length - 1; i < part.length; j = i++)
          d = Math.min(d, L.LineUtil.pointToSegmentDistance(lp, part[i], part[j]));
      if (!best || d > best.d) best = {x: x, y: y, d: d};
    }
  }
  return best;
}
"""
_VIEW_JS = """(code) => {
  const l = Object.values(map._layers).find(x => x.feature && x.feature.properties.k === 'c'
                                            && x.feature.properties.code === code);
  return {inside: map.getBounds().contains(l.getBounds()), zoom: map.getZoom()};
}"""


@pytest.fixture
def person(new_tab):
    """A person's browser window at the size a test asks for."""
    return new_tab


def _settle(page) -> None:
    wait_for_script(page)
    page.wait_for_timeout(400)
    wait_for_script(page)


def _map(page):
    handle = page.wait_for_selector(MAP_IFRAME, timeout=30_000)
    frame = handle.content_frame()
    frame.wait_for_function(
        "() => window.map && window.map._layers"  # until the map is made, window.map is the <div id=map>
        " && Object.values(window.map._layers).some(l => l.feature && l.feature.properties.k === 'c')",
        timeout=30_000,
    )
    page.wait_for_timeout(400)  # the view settles (fit to the area) after the layers arrive
    return handle, frame


def _reach_district_map(person: OfflinePage, url: str, shaded: bool) -> None:
    """Overview → sidebar district → menu Bản đồ → (gap filter in the sidebar → shading on the map)."""
    person.open(url + "/")
    page = person.page
    sidebar = page.locator('section[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=DISTRICT_NAME).click()
    _settle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Bản đồ").click()
    _settle(page)
    _map(page)
    if shaded:
        gaps = sidebar.locator('[data-testid="stMultiSelect"]').first
        gaps.scroll_into_view_if_needed()
        gaps.locator("input").click()
        page.keyboard.type("Chưa có điện")
        page.get_by_role("option", name="Chưa có điện lưới").click()
        page.keyboard.press("Escape")
        _settle(page)
        page.locator('[data-testid="stSelectbox"]', has_text="Tô màu xã theo").click()
        page.get_by_role("option", name="Tỷ lệ thôn chưa có điện lưới").click()
        _settle(page)
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    assert f"district={DISTRICT}" in page.url


def _free_spot(page, code: str, within_s: float = 20.0):
    """(map handle, frame, a point inside the commune and off every village dot, visible on screen). Back from a
    commune, the map moves to the whole district after the page's run (later on a busy machine): until it has,
    the commune may be off screen, so the spot is looked for again until one is found or the time is up. None
    found: the screen is kept (`map-click-no-spot-<code>.png`) and the map's state goes in the failure."""
    deadline = time.monotonic() + within_s
    while True:
        handle, frame = _map(page)
        box = handle.bounding_box()
        visible_bottom = page.viewport_size["height"] - box["y"] - 10
        point = frame.evaluate(_POINT_JS, [code, visible_bottom])
        if point:
            return handle, frame, point
        if time.monotonic() > deadline:
            screenshot(page, f"map-click-no-spot-{code}")
            state = frame.evaluate(_STATE_JS, code)
            pytest.fail(f"no free visible spot in {code}: map box {box}, visible to y={visible_bottom:.0f}, {state}")
        page.wait_for_timeout(250)  # poll interval, not the wait itself


_STATE_JS = """(code) => {
  const l = Object.values(map._layers).find(x => x.feature && x.feature.properties.k === 'c'
                                            && x.feature.properties.code === code);
  const b = l && l.getBounds();
  return {zoom: map.getZoom(), size: map.getSize(), shown: window.dxMap.shownArea(), dots: window.dxMap.points().length,
          commune: b ? [map.latLngToContainerPoint(b.getNorthWest()), map.latLngToContainerPoint(b.getSouthEast())]
                     : 'not drawn'};
}"""


@pytest.mark.parametrize(  # one variant per screen size keeps the suite short
    "size, shaded", [((1366, 768), False), ((1920, 1080), True)], ids=["1366x768-plain", "1920x1080-shaded+gap"]
)
def test_the_commune_that_opens_is_the_one_under_the_pointer(app_url, person, demo_dataset, size, shaded):
    person = person(*size)
    names = dict(zip(demo_dataset.units["code"], demo_dataset.units["name"]))
    _reach_district_map(person, app_url, shaded)
    page = person.page
    width = page.viewport_size["width"]
    for code in COMMUNES:
        handle, frame, point = _free_spot(page, code)
        box = handle.bounding_box()
        x, y = box["x"] + point["x"], box["y"] + point["y"]
        page.mouse.move(x - 30, y - 20)
        page.mouse.move(x, y, steps=6)
        try:  # the tooltip follows the pointer
            frame.wait_for_function(
                "name => (document.querySelector('.leaflet-tooltip') || {}).innerText?.startsWith(name)",
                arg=names[code],
                timeout=5_000,
            )
        except PlaywrightTimeout:
            pass
        tooltip = frame.locator(".leaflet-tooltip").inner_text()
        assert tooltip.startswith(names[code]), tooltip
        page.mouse.click(x, y)
        page.wait_for_url(re.compile(r"commune=\d+"), timeout=20_000)
        _settle(page)
        opened = re.search(r"commune=(\d+)", page.url).group(1)
        assert opened == code, f"pointed at {names[code]}, opened {names.get(opened, opened)}"
        assert names[code] in page.locator("h1").first.inner_text()
        handle, frame = _map(page)
        frame.wait_for_function(f"() => window.dxMap.shownArea() === '{code}'", timeout=20_000)
        page.wait_for_timeout(200)
        view = frame.evaluate(_VIEW_JS, code)
        assert view["inside"], "the commune is not wholly on screen after the drill-down"
        assert view["zoom"] <= 13, view
        screenshot(page, f"map-click-{'shaded' if shaded else 'plain'}-{width}-{code}")
        page.get_by_role("button", name="Về cả huyện").click()
        page.wait_for_function("() => !location.search.includes('commune=')", timeout=20_000)
        _settle(page)
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert person.blocked == []


def test_an_area_without_villages_says_so(app_url, offline_page):
    offline_page.open(app_url + f"/map?district={DISTRICT}&commune=03171&gap=no_power")  # Nậm Nhừ: none
    page = offline_page.page
    panel = page.locator('[data-testid="dx-map-panel"]')
    assert "Không có thôn nào" in panel.inner_text()
    assert page.locator('[data-testid="dx-map-count-villages"]').count() == 0
    assert "–" not in panel.inner_text()


def test_english_map_has_english_credits_and_a_metric_scale(app_url, offline_page):
    offline_page.open(app_url + "/map?lang=en")
    page = offline_page.page
    _, frame = _map(page)
    credits = frame.locator(".leaflet-control-attribution").inner_text()
    assert "CC BY 3.0 IGO" in credits
    assert not re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúý]", credits, re.I), credits
    scales = frame.locator(".leaflet-control-scale-line").all_inner_texts()
    assert len(scales) == 1 and re.fullmatch(r"\d+ k?m", scales[0].strip()), scales


_COMMUNE_NAMES = {"03166": "Xã Chà Cang", "03171": "Xã Nậm Nhừ", "03199": "Xã Si Pa Phìn"}


def test_a_commune_chosen_in_the_sidebar_is_wholly_in_view_and_not_blown_up(app_url, person):
    """Every commune at 1366×768 (chosen one after another in the sidebar), then Chà Cang again once the window is
    1920×1080."""
    person = person(1366, 768)
    person.open(app_url + f"/map?district={DISTRICT}")
    page = person.page
    _map(page)
    problems = []
    for (width, height), code in [((1366, 768), c) for c in _COMMUNE_NAMES] + [((1920, 1080), "03166")]:
        if page.viewport_size["width"] != width:
            page.set_viewport_size({"width": width, "height": height})
        page.locator('section[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1).click()
        page.get_by_role("option", name=_COMMUNE_NAMES[code]).click()
        page.wait_for_url(re.compile(rf"commune={code}"), timeout=20_000)
        _settle(page)
        _, frame = _map(page)
        frame.wait_for_function(f"() => window.dxMap.shownArea() === '{code}'", timeout=20_000)
        page.wait_for_timeout(200)
        view = frame.evaluate(_VIEW_JS, code)
        case = f"{_COMMUNE_NAMES[code]} at {width}x{height}"
        if not view["inside"]:
            problems.append(f"{case}: the commune is not wholly on screen")
        if view["zoom"] > 13:
            problems.append(f"{case}: zoom {view['zoom']}")
    assert not problems, "\n".join(problems)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert person.blocked == []


SQUASH_JS = """(height) => { const f = document.querySelector('iframe[src*="components.map_view.dx_map"]');
  if (height === null) f.style.removeProperty('height'); else f.style.setProperty('height', height, 'important'); }"""


def test_a_view_asked_while_the_map_has_no_room_is_fitted_once_it_has(app_url, person):
    """The map's frame squashed to 40 px (as before the page has laid it out) when a commune is chosen: Leaflet
    would put that commune's fit at its largest zoom on a corner; the view is fitted when the frame has its size
    again, and a window made larger then fits it again, as long as nobody moved the map."""
    person = person(1366, 768)
    person.open(app_url + f"/map?district={DISTRICT}")
    page = person.page
    _, frame = _map(page)
    page.evaluate(SQUASH_JS, "40px")
    frame.wait_for_function("() => window.map.getSize().y <= 64", timeout=10_000)
    page.locator('section[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1).click()
    page.get_by_role("option", name=_COMMUNE_NAMES["03166"]).click()
    page.wait_for_url(re.compile(r"commune=03166"), timeout=20_000)
    _settle(page)
    frame.wait_for_function("() => window.dxMap.shownArea() === '03166'", timeout=20_000)
    page.evaluate(SQUASH_JS, None)
    frame.wait_for_function("() => window.map.getSize().y > 300", timeout=10_000)
    page.wait_for_timeout(300)
    squashed_then_shown = frame.evaluate(_VIEW_JS, "03166")
    assert squashed_then_shown["inside"] and squashed_then_shown["zoom"] < 12.5, squashed_then_shown
    narrow = frame.evaluate("() => window.map.getSize().x")
    page.set_viewport_size({"width": 1920, "height": 1080})
    frame.wait_for_function(f"() => window.map.getSize().x > {narrow}", timeout=10_000)
    page.wait_for_timeout(300)
    wider = frame.evaluate(_VIEW_JS, "03166")
    assert wider["inside"] and wider["zoom"] > squashed_then_shown["zoom"], (squashed_then_shown, wider)
