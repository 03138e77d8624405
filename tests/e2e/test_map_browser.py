"""The Map page in a real browser with the network cut off: villages drawn, a click narrows the counts."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlparse

from tests.e2e.conftest import ROOT, screenshot, wait_for_script

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

# A screen point deep inside a commune polygon (farthest from its border: a point a pixel from the border may
# belong to the neighbour once Leaflet simplifies the outline), away from every village dot.
_COMMUNE_POINT_JS = """
(allowed) => {
  const map = window.map, layers = Object.values(map._layers), size = map.getSize();
  const dots = layers.filter(l => l.feature && l.getLatLng).map(l => map.latLngToContainerPoint(l.getLatLng()));
  let best = null;
  for (const l of layers) {
    if (!(l.feature && l.feature.properties.k === 'c' && l._containsPoint)) continue;
    if (allowed && !allowed.includes(l.feature.properties.code)) continue;
    const b = l.getBounds(), nw = map.latLngToContainerPoint(b.getNorthWest()),
          se = map.latLngToContainerPoint(b.getSouthEast());
    for (let x = Math.max(nw.x, 60); x < Math.min(se.x, size.x - 20); x += 3) {
      for (let y = Math.max(nw.y, 60); y < Math.min(se.y, size.y - 40); y += 3) {
        const p = L.point(x, y), lp = map.containerPointToLayerPoint(p);
        if (!l._containsPoint(lp) || dots.some(d => d.distanceTo(p) < 9)) continue;
        let d = Infinity;
        for (const part of l._parts)
          for (let i = 0, j = part.length - 1; i < part.length; j = i++)
            d = Math.min(d, L.LineUtil.pointToSegmentDistance(lp, part[i], part[j]));
        if (!best || d > best.d) best = {x: x, y: y, d: d, code: l.feature.properties.code};
      }
    }
    if (best && best.d >= 12) return best;
  }
  return best;
}
"""


def _map_frame(page):
    handle = page.wait_for_selector(MAP_IFRAME, timeout=30_000)
    frame = handle.content_frame()
    frame.wait_for_function("() => window.map && Object.values(window.map._layers)"
                            ".some(l => l.feature && l.feature.properties.k === 'v')", timeout=30_000)
    return handle, frame


def _count(page, key: str) -> int:
    text = page.locator(f'[data-testid="dx-map-count-{key}"] b').inner_text()
    return int(text.replace(".", "").replace(",", ""))


def _click_commune(page, handle, frame, allowed: list[str] | None = None) -> str:
    """Click a free spot of a commune (one of `allowed` when given: a click elsewhere changes district)."""
    point = frame.evaluate(_COMMUNE_POINT_JS, allowed)
    assert point, "no commune found with a free spot to click"
    box = handle.bounding_box()
    before = _count(page, "villages")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(
        "n => { const el = document.querySelector('[data-testid=\"dx-map-count-villages\"] b');"
        " return el && parseInt(el.innerText.replace(/[.,]/g, '')) !== n; }", arg=before, timeout=20_000)
    wait_for_script(page)
    return point["code"]


def test_map_draws_villages_offline_and_a_click_drills_down(app_url, offline_page, demo_dataset):
    offline_page.open(app_url + "/map")
    page = offline_page.page
    handle, frame = _map_frame(page)
    drawn = frame.evaluate("() => Object.values(window.map._layers)"
                           ".filter(l => l.feature && l.feature.properties.k === 'v').length")
    total = _count(page, "villages")
    assert drawn == total == len(demo_dataset.villages)
    assert frame.evaluate("() => !!document.querySelector('.leaflet-overlay-pane canvas')")
    assert "CC BY 3.0 IGO" in frame.locator(".leaflet-control-attribution").inner_text()
    assert page.locator('[data-testid="dx-map-legend"]').is_visible()
    page.wait_for_timeout(500)  # let the canvas finish drawing before the README picture
    shutil.copyfile(screenshot(page, "map-province"), ROOT / "docs" / "map-screenshot.png")

    _click_commune(page, handle, frame)  # first click: the commune's district
    in_district = _count(page, "villages")
    assert 0 < in_district < total
    assert "district=" in page.url

    district = parse_qs(urlparse(page.url).query)["district"][0]
    communes = demo_dataset.communes()
    inside = sorted(communes[communes["parent_code"] == district]["code"])
    handle, frame = _map_frame(page)
    code = _click_commune(page, handle, frame, inside)  # second click: a commune of that district
    in_commune = _count(page, "villages")
    assert 0 < in_commune < in_district
    assert "commune=" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "map-commune")
    assert offline_page.blocked == [], offline_page.blocked
    assert offline_page.failed == [], offline_page.failed
    assert code
