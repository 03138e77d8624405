"""A saved link to any page works even as the first request a freshly started server gets, and asks the server's
health at the right address at once."""

from __future__ import annotations

from tests.e2e.conftest import OfflinePage, start_app, stop_app, wait_for_script


def test_saved_page_link_opens_with_the_shared_frame_on_a_fresh_server(browser):
    proc, url = start_app()
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = OfflinePage(context)
        health = []
        page.page.on("request", lambda r: health.append(r.url) if "/_stcore/health" in r.url else None)
        page.open(url + "/priorities?district=103")
        # the first run hands over to the entrypoint and reruns: wait for the real navigation
        page.page.wait_for_function(
            "() => (document.querySelector('[data-testid=\"stSidebarNav\"]')?.innerText || '').includes('Tổng quan')",
            timeout=30_000,
        )
        wait_for_script(page.page)
        nav = page.page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Ưu tiên & kế hoạch" in nav and "Tổng quan" in nav
        assert "Nậm Pồ" in page.page.locator("h1").first.inner_text()
        assert page.blocked == []
        # the page knew where the server is (asgi.py's hint): no first try at /priorities/_stcore/health
        assert health and all(u == url + "/_stcore/health" for u in health), health
        context.close()
    finally:
        stop_app(proc)
