"""Three people use the app the way they do at work, in a real browser with the network cut off.

- the steering committee, on a 1920×1080 projector, pages through the slides with the arrow keys;
- a district lead, on a 1366×768 laptop, picks the district in the sidebar, drills down on the map by clicks,
  exports the priority list and comes back through the saved link;
- a planner builds next month's plan and downloads the meeting brief, which shows the same figures.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from pypdf import PdfReader

from tests.e2e.conftest import OfflinePage, go_to, screenshot, wait_for_layout
from tests.e2e.map_page import MAP_IFRAME, map_frame

EXCEPTION = '[data-testid="stException"]'

# A free point inside one commune polygon of the given codes (away from village dots), in iframe pixels.
_COMMUNE_POINT_JS = """
(allowed) => {
  const map = window.map, layers = Object.values(map._layers), size = map.getSize();
  const dots = window.dxMap.points().map(d => L.point(d.x, d.y));
  for (const l of layers) {
    if (!(l.feature && l.feature.properties.k === 'c' && l._containsPoint)) continue;
    if (!allowed.includes(l.feature.properties.code)) continue;
    const b = l.getBounds(), nw = map.latLngToContainerPoint(b.getNorthWest()),
          se = map.latLngToContainerPoint(b.getSouthEast());
    for (let x = Math.ceil(nw.x) + 4; x < se.x - 4; x += 3) {
      for (let y = Math.ceil(nw.y) + 4; y < se.y - 4; y += 3) {
        if (x < 60 || y < 60 || x > size.x - 30 || y > size.y - 50) continue;
        const p = L.point(x, y);
        if (!l._containsPoint(map.containerPointToLayerPoint(p))) continue;
        if (dots.some(d => d.distanceTo(p) < 10)) continue;
        return {x: x, y: y, code: l.feature.properties.code};
      }
    }
  }
  return null;
}
"""


# The map laid out: drawn, and its frame's box, its size and the area it shows the same on two looks in a row (the
# page lays out the frame, and the map fits its view, after the script finishes).
MAP_SETTLED = f"""() => {{
  const el = document.querySelector('{MAP_IFRAME}'), win = el && el.contentWindow;
  if (!win || !win.dxMap || !win.dxMap.ready || !win.map) {{ window.dxMapView = null; return false; }}
  const r = el.getBoundingClientRect(), size = win.map.getSize();
  const view = [r.left, r.top, r.width, r.height, size.x, size.y].map(Math.round).join(',')
    + '@' + win.map.getBounds().toBBoxString();
  const same = window.dxMapView === view;
  window.dxMapView = view;
  return same;
}}"""


def _settle(page) -> None:
    """Until the script has finished and the page has laid out (plotly and the map lay out after the script)."""
    wait_for_layout(page)


def _no_trouble(offline: OfflinePage) -> None:
    page = offline.page
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    assert offline.blocked == [], offline.blocked


def _download(page, label: str, tmp_path):
    button = page.locator('[data-testid="stDownloadButton"] button', has_text=label).first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=120_000) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


@pytest.fixture
def committee(new_tab):
    return new_tab(1920, 1080)


@pytest.fixture
def district_lead(new_tab):
    return new_tab(1366, 768)


@pytest.fixture
def planner(new_tab):
    return new_tab(1366, 768)


def test_the_committee_pages_through_the_slides_on_a_projector(app_url, committee):
    committee.open(f"{app_url}/?present=1")
    page = committee.page
    _settle(page)
    titles = []
    for expected_path in ("map", "indicators"):
        titles.append(page.locator('[data-testid="dx-slide-title"]').inner_text())
        sizes = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
            .map(el => parseFloat(getComputedStyle(el).fontSize))""")
        assert all(size >= 48 for size in sizes), sizes
        before = page.title()
        page.locator("body").press("ArrowRight")
        page.wait_for_url(re.compile(rf"/{expected_path}\?.*present=1"), timeout=20_000)
        page.wait_for_function("before => document.title !== before", arg=before, timeout=20_000)  # its run began
        _settle(page)
        _no_trouble(committee)
    assert all("30/06/2025" in title for title in titles), titles
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    screenshot(page, "walk-committee-indicators")


def _map_frame(page):
    handle, frame = map_frame(page)
    frame.wait_for_function(
        "() => Object.values(window.map._layers).some(l => l.feature && l.feature.properties.k === 'c')",
        timeout=30_000,
    )
    page.wait_for_function(MAP_SETTLED, polling=150, timeout=30_000)
    return handle, frame


def test_a_district_lead_filters_drills_down_by_click_exports_and_returns(
    app_url, district_lead, demo_dataset, tmp_path, new_tab
):
    page = district_lead.page
    district_lead.open(app_url + "/")
    # pick the district in the sidebar, as a person does
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=re.compile("Nậm Pồ")).click()
    page.wait_for_url(re.compile(r"district=103"), timeout=20_000)
    _settle(page)
    assert "Nậm Pồ" in page.locator("h1").first.inner_text()

    go_to(page, "map")  # through the menu, as a person does
    communes = demo_dataset.communes()
    names = dict(zip(communes["code"], communes["name"]))
    inside = sorted(communes.loc[communes["parent_code"] == "103", "code"])
    handle, frame = _map_frame(page)
    point = frame.evaluate(_COMMUNE_POINT_JS, inside)
    assert point, "no free spot inside a commune of Nậm Pồ"
    box = handle.bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url(re.compile(r"commune="), timeout=20_000)
    _settle(page)
    opened = parse_qs(urlparse(page.url).query)["commune"][0]
    assert opened == point["code"], (names.get(opened), names.get(point["code"]))
    short = re.sub(r"^(Xã|Thị trấn|Phường)\s+", "", names[opened])
    assert short in page.locator("h1").first.inner_text()
    villages_in_commune = demo_dataset.villages[demo_dataset.villages["commune_code"] == opened]
    assert len(villages_in_commune) > 0
    screenshot(page, "walk-district-lead-map")
    _no_trouble(district_lead)

    go_to(page, "priorities")
    _settle(page)
    assert short in page.locator("h1").first.inner_text()
    path = _download(page, "Excel", tmp_path)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    commune_column = header.index("Mã xã")
    exported = {r[commune_column] for r in rows[1:] if r[0] is not None}
    assert exported == {opened}
    assert len([r for r in rows[1:] if r[0] is not None]) == len(villages_in_commune)
    saved_link = page.url
    _no_trouble(district_lead)

    # the next morning: the saved link reopens the same view in a fresh tab
    again = new_tab(1366, 768)
    again.open(saved_link)
    _settle(again.page)
    assert short in again.page.locator("h1").first.inner_text()
    assert parse_qs(urlparse(again.page.url).query)["commune"] == [opened]
    _no_trouble(again)


def test_a_planner_builds_the_plan_and_the_brief_shows_the_same_figures(app_url, planner, tmp_path):
    page = planner.page
    planner.open(app_url + "/priorities?district=103")
    page.get_by_role("button", name="Lập kế hoạch tối ưu").click()
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    _settle(page)
    metrics = dict(
        zip(
            page.locator('[data-testid="stMetricLabel"]').all_inner_texts(),
            page.locator('[data-testid="stMetricValue"]').all_inner_texts(),
        )
    )
    reached = next(v for k, v in metrics.items() if "tiếp cận" in k)
    cut = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMetricLabel"]'))
        .filter(l => [l, ...l.querySelectorAll('*')].some(el => el.scrollWidth > el.clientWidth + 1))
        .map(l => l.innerText)""")
    assert cut == [], f"plan tile titles cut at 1366 px: {cut}"
    screenshot(page, "walk-planner-plan")
    path = _download(page, "Báo cáo họp", tmp_path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Nậm Pồ" in text
    assert reached in text, f"the page's {reached} people reached is not in the brief"
    _no_trouble(planner)
