"""The Priorities page in a real browser: the why-bars, the plan on click, its map, all offline."""

from __future__ import annotations

from urllib.parse import quote

from tests.e2e.conftest import screenshot, wait_for_script

PLAN_MAP = 'iframe[title="streamlit_folium.st_folium"]'


def test_plan_is_built_and_drawn_on_a_map_offline(app_url, offline_page):
    offline_page.open(app_url + "/priorities?district=103")
    page = offline_page.page
    assert page.locator('[data-testid="stDataFrame"]').first.is_visible()
    page.get_by_role("button", name="Lập kế hoạch tối ưu").click()
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_script(page, timeout=60_000)
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert any("Sai số so với tối ưu" in x for x in labels)
    frame = page.wait_for_selector(PLAN_MAP, timeout=30_000).content_frame()
    frame.wait_for_function("() => window.map && Object.values(window.map._layers)"
                            ".some(l => l.feature && l.feature.properties.k === 'p')", timeout=30_000)
    planned = frame.evaluate("() => Object.values(window.map._layers)"
                             ".filter(l => l.feature && l.feature.properties.k === 'p').length")
    assert planned > 0
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "priorities-plan")
    assert offline_page.blocked == []


def test_markdown_and_html_in_preset_and_weights_show_as_literal_text(app_url, offline_page):
    """A shared link cannot turn the notice into a link, an image or HTML that calls another address."""
    page = offline_page.page
    trap = []
    page.on("request", lambda r: trap.append(r.url) if ":9/" in r.url else None)
    preset = "[Click here](http://127.0.0.1:9/p)<b>đậm</b>"
    weights = "remaining:1,![x](http://127.0.0.1:9/x.png):2,<img src=http://127.0.0.1:9/h.png>:3"
    offline_page.open(f"{app_url}/priorities?preset={quote(preset)}&w={quote(weights)}")
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "[Click here](http://127.0.0.1:9/p)<b>đậm</b>" in alerts
    assert "![x](http://127.0.0.1:9/x.png)" in alerts
    bad = page.locator('a[href*="127.0.0.1:9"], img[src*="127.0.0.1:9"], [data-testid="stAlert"] b')
    assert bad.count() == 0, [bad.nth(i).evaluate("e => e.outerHTML") for i in range(bad.count())]
    page.wait_for_timeout(500)  # an image would be requested as soon as it is in the page
    assert trap == []
    assert page.locator('[data-testid="stException"]').count() == 0
