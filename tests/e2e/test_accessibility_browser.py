"""Readable by everyone in the room: axe-core finds no serious or critical problem on any page, in Vietnamese or
English, with every expander and tab open and inside the map's frame, every icon drawn as its glyph (the app's
cut icon font has them all); and the map works by keyboard alone — a
person tabs into it, moves between districts with the arrow keys, hears each one named, and opens the district
and then a commune with Enter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.config import ICON_FONT
from tests.e2e.conftest import screenshot, wait_for_script
from tests.e2e.map_page import MAP_IFRAME, count, map_frame

PAGES = ["", "map", "indicators", "priorities", "teams", "data"]
BLOCKING = ("serious", "critical")
FOCUSED_MAP = "() => !!document.activeElement && document.activeElement.classList.contains('leaflet-container')"


def _settled(page) -> None:
    wait_for_script(page, 60_000)
    page.wait_for_function(  # no element is drawn faded while a rerun is on its way
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000
    )


def _open_everything(page) -> None:
    """Open the expanders and visit every tab, as a reader looking for the figures would."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        if summary.get_attribute("aria-expanded") != "true":
            summary.click()
            _settled(page)
    for tab in page.locator('[data-baseweb="tab-list"] [role="tab"]').all():
        tab.click()
        _settled(page)


def _problems(result) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]} — {v['nodes'][0].get('failureSummary', '')[:200]}"
        for v in result.response["violations"]
        if v["impact"] in BLOCKING
    ]


TITLES = {
    "": ("Tổng quan", "Overview"),
    "map": ("Bản đồ", "Map"),
    "indicators": ("Chỉ số", "Indicators"),
    "priorities": ("Ưu tiên & kế hoạch", "Priorities & plan"),
    "teams": ("Đội hình", "Teams"),
    "data": ("Dữ liệu", "Data"),
}


# every icon the page draws with Streamlit's icon font, as (its name, drawn width, font size)
_ICONS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.childElementCount === 0 && el.textContent.trim()
    && getComputedStyle(el).fontFamily.includes('Material Symbols'))
  .map(el => [el.textContent.trim(), el.getBoundingClientRect().width, parseFloat(getComputedStyle(el).fontSize)])"""


def _spelled_out(icons: list) -> list[str]:
    """The icons drawn as their name's letters instead of one glyph: a font that lacks them."""
    return [name for name, width, size in icons if width > 1.6 * size]


def _go_to(page, path: str, lang: str) -> None:
    """The page in the sidebar menu, as a reader moves between pages (the app stays loaded, the page's script runs)."""
    title = TITLES[path][lang == "en"] + " · dxmap"
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
    page.wait_for_function(
        "([path, title]) => location.pathname.replace(/\\/$/, '').endsWith('/' + path) && document.title === title",
        arg=[path, title],
        timeout=60_000,
    )
    _settled(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_page_has_a_serious_or_critical_accessibility_problem(app_url, new_tab, lang):
    axe = Axe()
    offline = new_tab(1366, 768)
    page = offline.page
    found: dict[str, list[str]] = {}
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if "/MaterialSymbols-" in r.url else None)
    icons_drawn = 0
    for path in PAGES:
        if path == PAGES[0]:
            page.goto(f"{app_url}/{path}?lang={lang}", timeout=60_000)
            _settled(page)
        else:
            _go_to(page, path, lang)
        where = path or "/"
        assert page.evaluate("document.documentElement.lang") == lang, where
        assert page.title().endswith("· dxmap") and page.title() != "dxmap", where
        if path == "map":
            map_frame(page)
        _open_everything(page)
        found[where] = _problems(axe.run(page))
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        icons = page.evaluate(_ICONS)
        icons_drawn += len(icons)
        found[f"{where}: icons spelled out"] = _spelled_out(icons)
        if path == "map":
            frame = page.wait_for_selector(MAP_IFRAME).content_frame()
            found["map frame"] = _problems(axe.run(frame))
            assert frame.evaluate("document.documentElement.lang") == lang
            title = page.locator(MAP_IFRAME).get_attribute("title")
            assert title and "components." not in title
    screenshot(page, f"a11y-last-page-{lang}")
    # what the addresses the page asked for serve (a tab's cache may have kept the font without its body)
    fonts = {page.request.get(url).body() for url in fonts}
    assert {where: p for where, p in found.items() if p} == {}
    assert icons_drawn > 0
    assert fonts == {ICON_FONT.read_bytes()}  # the app's cut copy of the icon font
    assert offline.blocked == []


def _announced(frame) -> str:
    return frame.evaluate("() => (document.querySelector('.dx-live') || {}).textContent || ''")


def _tab_into_map(page, frame) -> None:
    for _ in range(120):
        page.keyboard.press("Tab")
        if frame.evaluate(
            "() => document.activeElement && document.activeElement.classList.contains('leaflet-container')"
        ):
            return
    raise AssertionError("Tab never reached the map")


def _arrow_to(page, frame, starts: str) -> str:
    """Press → until the announced area starts with `starts`; returns the announcement."""
    seen = []
    for _ in range(200):
        page.keyboard.press("ArrowRight")
        text = _announced(frame)
        if text.startswith(starts):
            return text
        seen.append(text.split(".")[0])
        if len(seen) > 1 and seen[-1] == seen[0]:
            break
    raise AssertionError(f"{starts!r} was never announced; heard {seen[:30]}")


def test_a_keyboard_user_opens_a_district_and_then_a_commune_from_the_map(app_url, new_tab, demo_dataset):
    offline = new_tab(1366, 768)
    page = offline.page
    villages = demo_dataset.villages
    offline.open(app_url + "/map")
    handle, frame = map_frame(page)
    _tab_into_map(page, frame)
    assert "phím mũi tên" in _announced(frame)  # the map says how it works when it takes the focus

    page.keyboard.press("ArrowRight")
    first = _announced(frame)
    assert first.startswith("Huyện ") and "1/10" in first, first  # the ten districts, in name order
    heard = _arrow_to(page, frame, "Huyện Nậm Pồ")
    assert "Nhấn Enter để mở" in heard
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('district=103')", timeout=30_000)
    _settled(page)
    assert count(page, "villages") == int((villages["district_code"] == "103").sum())

    # the district is open: the arrows now go through its communes; the one announced is the one that opens
    handle, frame = map_frame(page)
    frame.evaluate("() => document.querySelector('.leaflet-container').focus()")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    heard = _announced(frame)
    commune_name = heard.split(" · ")[0]
    assert "Nậm Pồ" in heard and "2/" in heard, heard
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('commune=')", timeout=30_000)
    _settled(page)
    code = parse_qs(urlparse(page.url).query)["commune"][0]
    names = dict(zip(demo_dataset.units["code"], demo_dataset.units["name"]))
    assert names[code] == commune_name
    assert count(page, "villages") == int((villages["commune_code"] == code).sum())
    panel = page.locator('[data-testid="dx-map-panel"]')
    assert panel.get_attribute("aria-live") == "polite"  # the new figures are read out
    screenshot(page, "map-keyboard-commune-1366")

    # every village's figures are reachable as a table
    page.get_by_text("Bảng số liệu", exact=False).first.click()
    _settled(page)
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert offline.blocked == []
