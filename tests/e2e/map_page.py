"""The map inside the Streamlit page (the `dx_map` component), for browser tests and the screenshot script:
find its frame, read the page's counts, click deep inside a commune."""

from __future__ import annotations

from tests.e2e.conftest import wait_for_script

MAP_IFRAME = 'iframe[src*="components.map_view.dx_map"]'  # its title is set by the map, in the UI language

# A screen point deep inside a commune polygon (farthest from its border: a point a pixel from the border may
# belong to the neighbour once Leaflet simplifies the outline), away from every village dot (the dots are drawn
# on one canvas; `dxMap.points()` gives their screen positions).
COMMUNE_POINT_JS = """
(allowed) => {
  const map = window.map, layers = Object.values(map._layers), size = map.getSize();
  const dots = window.dxMap.points().map(p => L.point(p.x, p.y));
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


def map_frame(page):
    handle = page.wait_for_selector(MAP_IFRAME, timeout=30_000)
    frame = handle.content_frame()
    frame.wait_for_function(
        "() => window.dxMap && window.dxMap.ready && window.dxMap.villageCount() > 0", timeout=30_000
    )
    return handle, frame


def count(page, key: str) -> int:
    text = page.locator(f'[data-testid="dx-map-count-{key}"] b').inner_text()
    return int(text.replace(".", "").replace(",", ""))


def click_commune(page, handle, frame, allowed: list[str] | None = None) -> str:
    """Click a free spot of a commune (one of `allowed` when given: a click elsewhere changes district)."""
    point = frame.evaluate(COMMUNE_POINT_JS, allowed)
    assert point, "no commune found with a free spot to click"
    box = handle.bounding_box()
    before = count(page, "villages")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    wait_count_changed(page, before)
    return point["code"]


def wait_count_changed(page, before: int) -> None:
    """Until the side panel's village count differs from `before` and the script has finished."""
    page.wait_for_function(
        "n => { const el = document.querySelector('[data-testid=\"dx-map-count-villages\"] b');"
        " return el && parseInt(el.innerText.replace(/[.,]/g, '')) !== n; }",
        arg=before,
        timeout=20_000,
    )
    wait_for_script(page)
