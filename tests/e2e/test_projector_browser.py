"""Projector mode in a real browser at 1920×1080, network cut off: big numbers, no clutter, no side scroll."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ROOT, OfflinePage, screenshot, wait_for_script

SLIDES = ["", "map", "indicators", "teams"]
METRIC_SIZES = """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]')).map(el => {
    const inner = el.querySelector('div, p, span') || el;
    return Math.min(parseFloat(getComputedStyle(el).fontSize), parseFloat(getComputedStyle(inner).fontSize));
})"""
NO_SIDE_SCROLL = "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
VISIBLE_SIDEBAR = """() => { const s = document.querySelector('section[data-testid="stSidebar"]');
    return !!s && getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().width > 0; }"""


def _page_exists(path: str) -> bool:
    return not path or f'url_path="{path}"' in (ROOT / "app.py").read_text(encoding="utf-8")


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = OfflinePage(context)
    yield page
    context.close()


def _settle(page) -> None:
    wait_for_script(page)
    page.wait_for_timeout(600)  # plotly lays out after the script finishes
    wait_for_script(page)


@pytest.mark.parametrize("path", SLIDES)
def test_each_slide_reads_from_the_back_of_the_room(app_url, projector, path):
    if not _page_exists(path):
        pytest.skip(f"/{path} is not in the app yet")
    projector.open(f"{app_url}/{path}?present=1")
    page = projector.page
    _settle(page)
    name = f"projector-{path or 'overview'}"
    screenshot(page, name)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()
    sizes = page.evaluate(METRIC_SIZES)
    if path in ("", "indicators", "teams"):
        assert 1 <= len(sizes) <= 4
    assert all(size >= 48 for size in sizes), sizes
    if path != "map":
        assert page.locator('[data-testid="stPlotlyChart"]').count() <= 2
    assert page.evaluate(NO_SIDE_SCROLL)
    if path == "map":  # the whole slide on the 1920×1080 screen, its last control included
        main = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return [m.scrollHeight, m.clientHeight]; }"
        )
        assert main[0] <= main[1], main
    assert not page.evaluate(VISIBLE_SIDEBAR)
    assert "30/06/2025" in page.locator('[data-testid="dx-slide-title"]').inner_text()
    assert projector.blocked == []


def test_arrow_key_pages_to_the_next_slide_and_keeps_projector_mode(app_url, projector):
    projector.open(f"{app_url}/?present=1&district=103")
    page = projector.page
    _settle(page)
    assert "Nậm Pồ" in page.locator('[data-testid="dx-slide-title"]').inner_text()
    page.locator("body").press("ArrowRight")
    next_path = "map" if _page_exists("map") else "indicators"
    page.wait_for_url(re.compile(rf"/{next_path}\?.*present=1"), timeout=15_000)
    _settle(page)
    assert not page.evaluate(VISIBLE_SIDEBAR)
    assert "Nậm Pồ" in page.locator('[data-testid="dx-slide-title"]').inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_menu_reveals_navigation_and_filters(app_url, projector):
    projector.open(f"{app_url}/indicators?present=1")
    page = projector.page
    _settle(page)
    page.get_by_role("button", name=re.compile("Menu")).click()
    page.get_by_text("Hiện điều hướng và bộ lọc").click()
    _settle(page)
    assert page.evaluate(VISIBLE_SIDEBAR)
    screenshot(page, "projector-menu-open")


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


def test_map_slide_names_the_area_once_and_reads_from_the_back(app_url, projector):
    if not _page_exists("map"):
        pytest.skip("/map is not in the app yet")
    projector.open(f"{app_url}/map?present=1&district=103")
    page = projector.page
    _settle(page)
    assert "Nậm Pồ" in page.locator('[data-testid="dx-slide-title"]').inner_text()
    headings = page.locator('[data-testid="stMain"] h1').all_inner_texts()
    assert not any("Nậm Pồ" in h for h in headings), headings  # the slide title says it already
    sizes = page.evaluate(PANEL_SIZES)
    assert sizes["figures"] and min(sizes["figures"]) >= 28, sizes
    assert sizes["legend"] and min(sizes["legend"]) >= 20, sizes
    assert min(sizes["labels"]) >= 20, sizes
    assert page.evaluate(NO_SIDE_SCROLL)
    screenshot(page, "projector-map-1920")


def test_click_then_arrow_key_pages_without_a_focus_frame(app_url, projector):
    projector.open(f"{app_url}/map?present=1" if _page_exists("map") else f"{app_url}/?present=1")
    page = projector.page
    _settle(page)
    page.mouse.click(1700, 1000)  # somewhere on the slide, away from the map and the buttons
    page.keyboard.press("ArrowDown")  # keyboard use: :focus-visible now applies to the focused main area
    frame = page.evaluate(MAIN_FRAME)
    assert frame["focused"], frame
    assert frame["shadow"] == "none" and frame["outline"] == "none", frame
    page.keyboard.press("ArrowRight")
    page.wait_for_url(
        re.compile(r"/indicators\?.*present=1") if _page_exists("map") else re.compile(r"/map\?"), timeout=15_000
    )
    _settle(page)
    frame = page.evaluate(MAIN_FRAME)
    assert frame["shadow"] == "none" and frame["outline"] == "none", frame


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_paging_links_show_whole_on_a_1366_screen(browser, app_url, lang):
    offline = OfflinePage(browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN"))
    offline.open(f"{app_url}/?present=1" + ("&lang=en" if lang == "en" else ""))
    page = offline.page
    _settle(page)
    cut = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.st-key-dx_slide_prev a, .st-key-dx_slide_next a')).flatMap(a => [a, ...a.querySelectorAll('*')])
        .filter(el => el.scrollWidth > el.clientWidth).map(el => el.innerText)""")
    labels = page.locator(".st-key-dx_slide_prev a, .st-key-dx_slide_next a").all_inner_texts()
    page.context.close()
    assert len(labels) == 2 and cut == [], cut


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


@pytest.mark.parametrize("path", ["", "map"])
def test_what_a_reader_needs_on_a_slide_is_at_least_28_px(app_url, projector, path):
    projector.open(f"{app_url}/{path}?present=1")
    page = projector.page
    _settle(page)
    sizes = page.evaluate(READER_SIZES)
    screenshot(page, f"projector-sizes-{path or 'overview'}")
    assert len(sizes["paging"]) >= 3 and min(s for s, _ in sizes["paging"]) >= 28, sizes["paging"]
    if path == "":
        assert len(sizes["captions"]) >= 4 and min(s for s, _ in sizes["captions"]) >= 28, sizes["captions"]
    else:
        assert len(sizes["controls"]) >= 6 and min(s for s, _ in sizes["controls"]) >= 28, sizes["controls"]
        main = page.evaluate(MAIN_HEIGHTS)
        assert main[0] <= main[1], main  # the larger controls still fit the 1920×1080 slide
