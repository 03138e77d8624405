"""What the browser fetches for the Overview: its two pictures, not the chart library, which pages with a chart
(the Indicators page) load when they need it."""

from __future__ import annotations

import re

from tests.e2e.conftest import OfflinePage, go_to, wait_for_script

# Streamlit loads its Plotly element as a chunk of its own the first time a page holds a Plotly chart
PLOTLY_CHUNK = re.compile(r"/static/js/PlotlyChart\.[^/]+\.js")

PICTURES_DRAWN = """() => { const imgs = document.querySelectorAll('[data-testid="stImage"] img');
    return imgs.length >= 2 && Array.from(imgs).every(img => img.complete && img.naturalWidth > 0); }"""


def test_the_overview_draws_without_the_plotly_bundle_and_the_indicators_page_loads_it(app_url, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    try:
        offline = OfflinePage(context)
        page = offline.page
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))

        offline.open(f"{app_url}/")
        page.wait_for_function(PICTURES_DRAWN, timeout=20_000)
        page.wait_for_timeout(1_500)  # a chunk asked for late would show here
        wait_for_script(page)
        trend = page.locator('[data-testid="stImage"] img[alt^="Biểu đồ cột và đường"]')
        assert trend.count() == 1
        assert trend.bounding_box()["width"] > 300
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        assert not [url for url in requested if PLOTLY_CHUNK.search(url)]
        assert any("/static/js/" in url for url in requested)  # the page's scripts were seen being fetched

        go_to(page, "indicators")  # through the menu: the chunk is fetched when the first chart arrives
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg')", timeout=30_000
        )
        assert [url for url in requested if PLOTLY_CHUNK.search(url)]
        assert page.locator('[data-testid="stException"]').count() == 0
        assert offline.blocked == []
    finally:
        context.close()
