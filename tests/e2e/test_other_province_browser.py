"""Another province's package in a real browser, network cut off: Đồng Nai in the 2025 system (it absorbed
Bình Phước), 2025 commune codes, no district column, no boundaries file."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from core.i18n import t
from tests.e2e.conftest import screenshot, start_app, stop_app, wait_for_script
from tests.e2e.map_page import click_commune, count, map_frame
from tests.fixtures.other_provinces import build_dong_nai_2025


def dataset_communes() -> list[str]:
    from core.model.admin_units import load_admin_units_2025

    units, _ = load_admin_units_2025("75")
    return list(units.loc[units["level"] == "commune", "code"])


PAGES = ["/", "/indicators", "/priorities", "/teams", "/?lang=en", "/?present=1"]


@pytest.fixture(scope="module")
def province_app(tmp_path_factory):
    package = build_dong_nai_2025(tmp_path_factory.mktemp("dong-nai"))
    proc, url = start_app({"DXMAP_PACKAGE": str(package)})
    yield url
    stop_app(proc)


def _sidebar_labels(page) -> list[str]:
    return page.locator('[data-testid="stSidebar"] [data-testid="stWidgetLabel"]').all_inner_texts()


def test_2025_map_draws_estimated_communes_and_a_click_selects_a_commune(province_app, offline_page):
    offline_page.open(province_app + "/map")
    page = offline_page.page
    handle, frame = map_frame(page)
    communes = frame.evaluate(
        "() => Object.values(window.map._layers).filter(l => l.feature && l.feature.properties.k === 'c').length"
    )
    assert communes == 95  # every 2025 commune of Đồng Nai, former Bình Phước included
    assert count(page, "villages") == 30
    assert t("map_derived_areas", "vi") in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    labels = _sidebar_labels(page)
    assert t("filter_commune_2025", "vi") in labels and t("filter_district", "vi") not in labels
    click_commune(page, handle, frame, ["25217", "25195", "25270", "26068", "26248"])
    params = parse_qs(urlparse(page.url).query)
    assert "district" not in params  # a click selects the commune at once: no district step in 2025
    assert params["commune"][0] in set(dataset_communes()) and count(page, "villages") < 30
    assert not page.locator('[data-testid="stException"]').count() and not offline_page.blocked
    screenshot(page, "other-province-map")


def test_every_page_renders_for_the_2025_package(province_app, offline_page):
    page = offline_page.page
    for path in PAGES:
        offline_page.open(province_app + path)
        wait_for_script(page)
        assert not page.locator('[data-testid="stException"]').count(), path
        assert "Đồng Nai" in page.locator('[data-testid="stMain"]').inner_text(), path
    offline_page.open(province_app + "/indicators?commune=25217")
    assert "Phường Phước Long" in page.locator("h1").first.inner_text()
    assert not offline_page.blocked
