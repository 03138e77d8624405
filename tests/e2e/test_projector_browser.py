"""Projector mode in a real browser at 1920×1080, network cut off: big numbers, no clutter, no side scroll."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import screenshot, wait_for_layout

SLIDES = ["", "map", "indicators", "teams"]
METRIC_SIZES = """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]')).map(el => {
    const inner = el.querySelector('div, p, span') || el;
    return Math.min(parseFloat(getComputedStyle(el).fontSize), parseFloat(getComputedStyle(inner).fontSize));
})"""
NO_SIDE_SCROLL = "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
VISIBLE_SIDEBAR = """() => { const s = document.querySelector('section[data-testid="stSidebar"]');
    return !!s && getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().width > 0; }"""


@pytest.fixture
def projector(new_tab):
    return new_tab(1920, 1080)


PANEL_SIZES = """() => ({
  figures: Array.from(document.querySelectorAll('[data-testid="dx-map-panel"] b'))
    .map(el => parseFloat(getComputedStyle(el).fontSize)),
  labels: Array.from(document.querySelectorAll('[data-testid="dx-map-panel"] span'))
    .map(el => parseFloat(getComputedStyle(el).fontSize)),
  legend: Array.from(document.querySelectorAll('[data-testid="dx-map-legend"], [data-testid="dx-map-legend"] *'))
    .filter(el => el.childNodes.length && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(el => parseFloat(getComputedStyle(el).fontSize)),
})"""
MAIN_FRAME = """() => { const m = document.querySelector('[data-testid="stMain"]');
  const before = getComputedStyle(m, '::before'), own = getComputedStyle(m);
  return {shadow: before.boxShadow, outline: own.outlineStyle, focused: document.activeElement === m}; }"""
READER_SIZES = """() => {
  const size = sel => Array.from(document.querySelectorAll(sel))
    .filter(el => el.getBoundingClientRect().width > 0 && el.innerText !== undefined)
    .filter(el => el.tagName === 'INPUT'
      || Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(el => [parseFloat(getComputedStyle(el).fontSize), (el.innerText || el.value || '').trim().slice(0, 40)]);
  const main = '[data-testid="stMain"] ';
  return {
    captions: size(main + '[data-testid="stCaptionContainer"] *'),
    paging: size('.st-key-dx_slide_prev a *, .st-key-dx_slide_next a *, p.dx-slide-keys'),
    controls: size([main + '[data-testid="stWidgetLabel"] *', main + '[data-testid="stRadioOption"] *',
      main + '[data-testid="stSelectbox"] input', main + '[data-testid="stCheckbox"] label *',
      main + '.stButton button *'].join(', ')),
  };
}"""
MAIN_HEIGHTS = """() => { const m = document.querySelector('[data-testid="stMain"]');
  return [m.scrollHeight, m.clientHeight]; }"""
CUT_PAGING = """() => Array.from(document.querySelectorAll('.st-key-dx_slide_prev a, .st-key-dx_slide_next a'))
  .flatMap(a => [a, ...a.querySelectorAll('*')]).filter(el => el.scrollWidth > el.clientWidth)
  .map(el => el.innerText)"""


def _settle(page) -> None:
    wait_for_layout(page)  # plotly lays out after the script finishes


def _next_slide(page, path: str, key: str = "ArrowRight", press_on_body: bool = True) -> None:
    """Page on with the arrow key, as a presenter does (the app stays loaded), until `path` is shown."""
    if press_on_body:
        page.locator("body").press(key)
    else:
        page.keyboard.press(key)
    page.wait_for_url(re.compile(rf"/{path}\?.*present=1"), timeout=15_000)
    page.wait_for_function("() => !!document.querySelector('[data-testid=\"dx-slide-title\"]')", timeout=15_000)
    _settle(page)


def _slide_problems(page, path: str) -> list[str]:
    """Big numbers, no clutter, no side scroll, no sidebar, the data date in the title: what is wrong on the slide."""
    problems = []
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        return [f"the page shows an error: {errors.first.inner_text()}"]
    sizes = page.evaluate(METRIC_SIZES)
    if path in ("", "indicators", "teams") and not 1 <= len(sizes) <= 4:
        problems.append(f"{len(sizes)} tiles, not 1 to 4")
    if not all(size >= 48 for size in sizes):
        problems.append(f"tile numbers under 48 px: {sizes}")
    if path != "map" and page.locator('[data-testid="stPlotlyChart"]').count() > 2:
        problems.append("more than 2 charts")
    if not page.evaluate(NO_SIDE_SCROLL):
        problems.append("the page scrolls sideways")
    if path == "map":  # the whole slide on the 1920×1080 screen, its last control included
        main = page.evaluate(MAIN_HEIGHTS)
        if main[0] > main[1]:
            problems.append(f"the map slide is taller than the screen: {main}")
    if page.evaluate(VISIBLE_SIDEBAR):
        problems.append("the sidebar shows")
    if "30/06/2025" not in page.locator('[data-testid="dx-slide-title"]').inner_text():
        problems.append("the slide title has no data date")
    return problems


def _reader_problems(page, path: str) -> list[str]:
    """What a reader needs on the Overview and Map slides (paging, captions, controls) is at least 28 px."""
    problems = []
    sizes = page.evaluate(READER_SIZES)
    if not (len(sizes["paging"]) >= 3 and min(s for s, _ in sizes["paging"]) >= 28):
        problems.append(f"paging: {sizes['paging']}")
    if path == "":
        if not (len(sizes["captions"]) >= 4 and min(s for s, _ in sizes["captions"]) >= 28):
            problems.append(f"captions: {sizes['captions']}")
    else:
        if not (len(sizes["controls"]) >= 6 and min(s for s, _ in sizes["controls"]) >= 28):
            problems.append(f"controls: {sizes['controls']}")
        main = page.evaluate(MAIN_HEIGHTS)
        if main[0] > main[1]:  # the larger controls still fit the 1920×1080 slide
            problems.append(f"the larger controls do not fit the slide: {main}")
    return problems


def _paging_cut(page) -> list[str]:
    cut = page.evaluate(CUT_PAGING)
    labels = page.locator(".st-key-dx_slide_prev a, .st-key-dx_slide_next a").all_inner_texts()
    return [] if len(labels) == 2 and cut == [] else [f"paging links {labels}, cut: {cut}"]


def test_a_presenter_pages_through_the_slides_and_each_reads_from_the_back_of_the_room(app_url, projector):
    """Overview → (arrow key) Map → (click on the slide, arrow key) Indicators → (menu) Teams → menu shows the
    navigation and filters: each slide checked as it is shown, in one page load; the Overview's paging links also
    whole on a 1366 screen."""
    page = projector.page
    problems: dict[str, list[str]] = {}
    projector.open(f"{app_url}/?present=1")
    _settle(page)
    screenshot(page, "projector-overview")
    problems["overview"] = _slide_problems(page, "") + _reader_problems(page, "")
    screenshot(page, "projector-sizes-overview")
    page.set_viewport_size({"width": 1366, "height": 768})
    _settle(page)
    problems["overview at 1366"] = _paging_cut(page)
    page.set_viewport_size({"width": 1920, "height": 1080})
    _settle(page)

    _next_slide(page, "map")
    screenshot(page, "projector-map")
    problems["map"] = _slide_problems(page, "map") + _reader_problems(page, "map")
    screenshot(page, "projector-sizes-map")

    page.mouse.click(1700, 1000)  # somewhere on the slide, away from the map and the buttons
    page.keyboard.press("ArrowDown")  # keyboard use: :focus-visible now applies to the focused main area
    frame = page.evaluate(MAIN_FRAME)
    assert frame["focused"], frame
    assert frame["shadow"] == "none" and frame["outline"] == "none", frame
    _next_slide(page, "indicators", press_on_body=False)
    frame = page.evaluate(MAIN_FRAME)
    assert frame["shadow"] == "none" and frame["outline"] == "none", frame
    screenshot(page, "projector-indicators")
    problems["indicators"] = _slide_problems(page, "indicators")

    page.get_by_role("button", name=re.compile("Menu")).click()
    page.locator('[data-testid="stPopoverBody"] a', has_text="Đội hình").click()
    page.wait_for_url(re.compile(r"/teams\?.*present=1"), timeout=15_000)
    page.keyboard.press("Escape")  # the menu stays open over the new page until closed
    page.locator('[data-testid="stPopoverBody"]').wait_for(state="hidden", timeout=15_000)
    _settle(page)
    screenshot(page, "projector-teams")
    problems["teams"] = _slide_problems(page, "teams")

    page.get_by_role("button", name=re.compile("Menu")).click()
    page.get_by_text("Hiện điều hướng và bộ lọc").click()
    _settle(page)
    try:  # the sidebar slides in after the page's run
        page.wait_for_function(VISIBLE_SIDEBAR, timeout=15_000)
    except PlaywrightTimeout:
        pass
    assert page.evaluate(VISIBLE_SIDEBAR), "the menu did not show the navigation and filters"
    screenshot(page, "projector-menu-open")
    assert {slide: p for slide, p in problems.items() if p} == {}
    assert projector.blocked == []


def test_arrow_key_pages_to_the_district_map_slide_which_names_it_once_and_reads_from_the_back(app_url, projector):
    projector.open(f"{app_url}/?present=1&district=103")
    page = projector.page
    _settle(page)
    assert "Nậm Pồ" in page.locator('[data-testid="dx-slide-title"]').inner_text()
    _next_slide(page, "map")
    assert "district=103" in page.url
    assert not page.evaluate(VISIBLE_SIDEBAR)
    assert "Nậm Pồ" in page.locator('[data-testid="dx-slide-title"]').inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    headings = page.locator('[data-testid="stMain"] h1').all_inner_texts()
    assert not any("Nậm Pồ" in h for h in headings), headings  # the slide title says it already
    sizes = page.evaluate(PANEL_SIZES)
    assert sizes["figures"] and min(sizes["figures"]) >= 28, sizes
    assert sizes["legend"] and min(sizes["legend"]) >= 20, sizes
    assert min(sizes["labels"]) >= 20, sizes
    assert page.evaluate(NO_SIDE_SCROLL)
    screenshot(page, "projector-map-1920")
    assert projector.blocked == []


def test_the_paging_links_show_whole_on_a_1366_screen_in_english(new_tab, app_url):
    """In Vietnamese: the first test, on its Overview slide."""
    offline = new_tab(1366, 768)
    offline.open(f"{app_url}/?present=1&lang=en")
    page = offline.page
    _settle(page)
    cut = _paging_cut(page)
    assert cut == []
