"""The Overview in a real browser with the network cut off."""

from __future__ import annotations

import functools
import json
import subprocess
import sys

from tests.e2e.conftest import ROOT, screenshot


@functools.cache  # the CLI's figures for the demo, read once for both tests (they do not change)
def _summary() -> dict:
    out = subprocess.run(
        [sys.executable, "cli.py", "summary", "--json"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def test_overview_shows_kpis_and_demo_badge_offline(app_url, offline_page):
    offline_page.open(app_url + "/")
    page = offline_page.page
    assert page.locator('[data-testid="dx-demo-badge"]').first.is_visible()
    assert "Dữ liệu minh họa" in page.locator('[data-testid="dx-demo-badge"]').first.inner_text()
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    figures = _summary()
    villages = f"{figures['villages']:,}".replace(",", ".")
    assert villages in metrics
    assert str(figures["villages_by_gap"]["no_signal"]) in metrics
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "overview")
    assert offline_page.blocked == []


def test_overview_in_english_formats_numbers_the_english_way(app_url, offline_page):
    offline_page.open(app_url + "/?lang=en")
    page = offline_page.page
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    figures = _summary()
    assert f"{figures['villages']:,}" in metrics
    assert "Demo data" in page.locator('[data-testid="dx-demo-badge"]').first.inner_text()
    assert page.get_by_text("Villages without mobile signal").first.is_visible()
    assert offline_page.blocked == []
