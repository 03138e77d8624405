"""The Priorities page in a real browser: the why-bars, the plan on click, its map, all offline."""

from __future__ import annotations

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
