"""A district lead's link in a real browser: filtered numbers, and the filter survives a page switch."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from core.i18n import fmt_int
from tests.e2e.conftest import wait_for_script


def test_link_filters_the_overview_and_survives_switching_page(app_url, offline_page, demo_dataset):
    offline_page.open(app_url + "/?district=103&gap=no_signal,no_power&lang=vi")
    page = offline_page.page
    v = demo_dataset.villages
    nam_po = v[(v["district_code"] == "103") & ((v["mobile_signal"] == "none") | (v["grid_electricity"] == "no"))]
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert fmt_int(len(nam_po)) == metrics[0]
    page.locator('[data-testid="stSidebarNav"] a[href$="/priorities"]').first.click()
    page.wait_for_url("**/priorities**", timeout=20_000)
    wait_for_script(page)
    page.wait_for_timeout(500)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("district") == ["103"]
    assert query.get("gap") == ["no_signal,no_power"]
    assert "Nậm Pồ" in page.locator("h1").first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.blocked == []


def test_invalid_link_values_show_a_visible_notice(app_url, offline_page):
    offline_page.open(app_url + "/?district=999&from=31/02/2025&gap=foo")
    alert = offline_page.page.locator('[data-testid="stAlert"]').first
    text = alert.inner_text()
    assert "999" in text and "31/02/2025" in text and "foo" in text
    assert offline_page.page.locator('[data-testid="stException"]').count() == 0


def test_a_links_notice_stays_on_its_page_and_not_on_the_pages_clicked_to(app_url, offline_page):
    offline_page.open(app_url + "/?district=999")
    page = offline_page.page
    assert "999" in page.locator('[data-testid="stAlert"]').first.inner_text()
    for path, title in (("map", "Bản đồ"), ("teams", "Đội hình")):
        page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
        page.wait_for_url(f"**/{path}**", timeout=20_000)
        page.locator("h1").filter(has_text=title).first.wait_for(timeout=30_000)  # the new page has run
        wait_for_script(page)
        alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
        assert not [a for a in alerts if "999" in a], (path, alerts)
